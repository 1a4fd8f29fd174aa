"""A workspace's session without a window: load the file, start its servers, stop cleanly.

Shared by ``sockscope-cli serve`` and ``sockscope-cli run``.  Qt-free (an import-linter contract
says so): the same :class:`~gui.session.SessionManager` the window uses, on a plain asyncio loop.

Errors that make the workspace unusable raise :class:`Unusable` with the message the window
shows for the same problem (a :class:`~gui.workspace.WorkspaceError` names the file and the JSON
path; a connection that cannot open gives the session's ``"<name>: cannot open <url>: why"``).
"""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from gui.automation.rules import RulesEngine
from gui.session import Entry, PeerJoined, PeerLeft, SessionError, SessionEvent, SessionManager
from gui.workspace import Workspace, WorkspaceError, load, missing_secrets
from transports.errors import TransportError
from transports.options import OptionError
from transports.url import UrlError


class Unusable(Exception):
    """The workspace file, or one of its connections, cannot be used (exit status 2)."""


def load_workspace(path: Path) -> Workspace:
    try:
        return load(path)
    except WorkspaceError as exc:
        raise Unusable(f"cannot open the workspace: {exc}") from None


class Headless:
    """A SessionManager filled from a workspace, printing what happens to ``out``."""

    def __init__(self, workspace: Workspace, out: TextIO = sys.stdout, *,
                 show_peers: bool = True) -> None:
        self.workspace = workspace
        self.out = out
        self.show_peers = show_peers
        self.manager = SessionManager(message_cap=workspace.message_cap,
                                      log_byte_cap=workspace.log_byte_cap)
        self.entries = [self.manager.add(spec) for spec in workspace.connections]
        # Auto-reply rules answer headless too; their notes (and dropped replies) are printed.
        self.rules = RulesEngine(self.manager, follow_specs=True,
                                 note=lambda entry, _conn, text: self.say(f"{entry.name}: {text}"))
        self._errors: dict[int, str] = {}
        self._peer_labels: dict[tuple[int, int], str] = {}
        self.manager.add_listener(self._on_session)

    # -- output ---------------------------------------------------------------------------
    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, SessionError):
            self._errors[event.entry_id] = event.message
        elif self.show_peers and isinstance(event, PeerJoined | PeerLeft):
            entry = self.manager.get(event.entry_id)
            if entry is None:
                return
            key = (event.entry_id, event.peer_id)
            if isinstance(event, PeerJoined):
                peer = entry.peers.get(event.peer_id)
                label = peer.label if peer is not None else f"#{event.peer_id}"
                self._peer_labels[key] = label
                self.say(f"{entry.name}: peer {label} connected")
            else:
                label = self._peer_labels.pop(key, f"#{event.peer_id}")
                self.say(f"{entry.name}: peer {label} left")

    # -- connections ----------------------------------------------------------------------
    def find(self, name: str) -> Entry | None:
        for entry in self.entries:
            if entry.name == name:
                return entry
        return None

    @property
    def servers(self) -> list[Entry]:
        return [e for e in self.entries if e.is_server]

    async def open(self, entry: Entry) -> None:
        """Connect or listen; raise :class:`Unusable` with the window's message on failure."""
        missing = missing_secrets(entry.spec)
        if missing:
            raise Unusable(f"{entry.name}: needs {', '.join(missing)}, which the file does not "
                           "store (save the workspace with its secrets to use it headless)")
        self._errors.pop(entry.id, None)
        try:
            await self.manager.connect(entry)
        except (TransportError, OptionError, UrlError, ValueError, OSError) as exc:
            message = self._errors.get(entry.id) or f"{entry.name}: {exc}"
            raise Unusable(message) from None

    async def start_servers(self) -> list[Entry]:
        """Listen on every server of the workspace, in file order; print where each listens."""
        servers = self.servers
        for entry in servers:
            await self.open(entry)
            self.say(f"{entry.name}: listening on {entry.address}")
        return servers

    async def close(self) -> None:
        await self.rules.close()
        await self.manager.close_all()


async def wait_for_stop(duration: float | None,
                        on_signal: Callable[[str], None] | None = None) -> None:
    """Return after ``duration`` seconds (None: never) or at SIGINT/SIGTERM."""
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    installed = []

    def stop_on(sig: signal.Signals) -> None:
        if on_signal is not None:
            on_signal(sig.name)
        stop.set()

    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, stop_on, sig)
            installed.append(sig)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            pass
    try:
        if duration is None:
            await stop.wait()
        else:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), duration)
    finally:
        for sig in installed:
            loop.remove_signal_handler(sig)

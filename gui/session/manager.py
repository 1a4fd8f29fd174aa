"""SessionManager: the configured connections, their live connections and their logs (Qt-free).

The manager is the one owner of every connection and every background task the session starts.
Frames go straight into each entry's :class:`MessageLog` from the connection's subscriber
callback (no task, no signal per frame); everything else (state, peers, errors, entries added
or removed) is announced to plain listener callbacks so that a Qt model, a headless runner or a
test can follow along.  *Taps* (:mod:`gui.session.taps`) see every raw connection event,
frames included, batch by batch: the place for responders (echo, auto-reply, relays) and
capture writers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import itertools
import logging
import uuid
from collections.abc import Callable, Iterator

from gui.session.echo import echo_tap
from gui.session.entry import Entry, PeerInfo
from gui.session.event_rows import log_event_row
from gui.session.events import (
    EntryAdded,
    EntryChanged,
    EntryRemoved,
    Listener,
    PeerJoined,
    PeerLeft,
    SessionError,
    SessionEvent,
)
from gui.session.taps import Tap
from gui.store.log import DEFAULT_BYTE_CAP, DEFAULT_CAP, MessageLog
from gui.workspace.model import ConnectionSpec, Role
from transports.aio.base import Connection
from transports.errors import ConnectError, NotOpen, TransportError
from transports.factory import create_connection, create_server
from transports.frames import (
    BatchEvent,
    ErrorEvent,
    FrameBatch,
    FrameKind,
    FrameReceived,
    FrameSent,
    PeerAdded,
    PeerRemoved,
    StateChanged,
)
from transports.options import OptionError
from transports.state import State, is_active
from transports.tasks import TaskGroup
from transports.url import UrlError

log = logging.getLogger(__name__)

class SessionManager:
    """Entries in order, their connections, and the tasks that drive them."""

    def __init__(self, *, message_cap: int = DEFAULT_CAP,
                 log_byte_cap: int = DEFAULT_BYTE_CAP) -> None:
        MessageLog.check_cap(message_cap)
        MessageLog.check_byte_cap(log_byte_cap)
        self._message_cap = message_cap
        self._log_byte_cap = log_byte_cap
        self._entries: list[Entry] = []
        self._by_id: dict[int, Entry] = {}
        self._ids = itertools.count(1)
        self._listeners: list[Listener] = []
        self._taps: tuple[Tap, ...] = (echo_tap,)  # replaced, never mutated while delivering
        self.tasks = TaskGroup("session")
        self._closing = False

    # -- listeners ----------------------------------------------------------------------
    def add_listener(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def remove_listener(self, listener: Listener) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _notify(self, event: SessionEvent) -> None:
        for listener in tuple(self._listeners):
            try:
                listener(event)
            except Exception:
                log.exception("session listener %r failed", listener)

    @property
    def message_cap(self) -> int:
        """Messages (rows) each entry's log holds before its oldest are dropped."""
        return self._message_cap

    @message_cap.setter
    def message_cap(self, cap: int) -> None:
        """Apply to every log now (lowering it drops the oldest messages at once)."""
        MessageLog.check_cap(cap)
        for entry in self._entries:
            entry.log.cap = cap
        self._message_cap = cap

    @property
    def log_byte_cap(self) -> int:
        """Payload bytes each entry's log holds before its oldest messages are dropped."""
        return self._log_byte_cap

    @log_byte_cap.setter
    def log_byte_cap(self, byte_cap: int) -> None:
        """Apply to every log now (lowering it drops the oldest messages at once)."""
        MessageLog.check_byte_cap(byte_cap)
        for entry in self._entries:
            entry.log.byte_cap = byte_cap
        self._log_byte_cap = byte_cap

    # -- taps -------------------------------------------------------------------------------
    def add_tap(self, tap: Tap) -> Callable[[], None]:
        """Call ``tap(entry, event)`` for every event of every connection, frames included
        (see :mod:`gui.session.taps` for the contract); returns a function removing it.
        Taps run after the built-in echo responder (:mod:`gui.session.echo`)."""
        self._taps = (*self._taps, tap)
        removed = False

        def remove() -> None:
            nonlocal removed
            if not removed:
                removed = True
                taps = list(self._taps)
                taps.remove(tap)  # this registration: the first equal one left
                self._taps = tuple(taps)

        return remove

    def _tap(self, entry: Entry, event: BatchEvent) -> None:
        for tap in self._taps:
            try:
                tap(entry, event)
            except Exception:
                log.exception("session tap %r failed on %r", tap, type(event).__name__)

    # -- entries ------------------------------------------------------------------------
    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(tuple(self._entries))

    def get(self, entry_id: int) -> Entry | None:
        return self._by_id.get(entry_id)

    def index(self, entry: Entry) -> int:
        return self._entries.index(entry)

    def add(self, spec: ConnectionSpec, index: int | None = None) -> Entry:
        """Add a configured connection (not connected); it gets a key unique in the session
        (``spec.key``, kept when it has one that no other entry has)."""
        keys = {e.spec.key for e in self._entries}
        if not spec.key or spec.key in keys:
            spec = dataclasses.replace(spec, key=_new_key(keys))
        entry = Entry(next(self._ids), spec,
                      MessageLog(self._message_cap, byte_cap=self._log_byte_cap))
        at = len(self._entries) if index is None else max(0, min(index, len(self._entries)))
        self._entries.insert(at, entry)
        self._by_id[entry.id] = entry
        self._notify(EntryAdded(entry.id, at))
        return entry

    def duplicate(self, entry: Entry) -> Entry:
        """A copy of the entry's spec, named "<name> copy" (or "<name> copy 2"…: names are
        unique, scenario steps use them), right after it."""
        spec = entry.spec
        taken = {e.name for e in self._entries}
        name = next(n for i in itertools.count(1)
                    if (n := f"{spec.name} copy" + (f" {i}" if i > 1 else "")) not in taken)
        options = dataclasses.replace(spec.options, name=name)
        return self.add(dataclasses.replace(spec, options=options, key=""),
                        self.index(entry) + 1)

    def followed(self, entry: Entry) -> Entry | None:
        """The server entry a client follows (``spec.follows``), if it is still here."""
        if not entry.spec.follows:
            return None
        return next((e for e in self._entries
                     if e.is_server and e.spec.key == entry.spec.follows), None)

    def update(self, entry: Entry, spec: ConnectionSpec) -> None:
        """Replace the spec (a spec without a key keeps the entry's).  A live connection keeps
        its settings until the next connect."""
        if not spec.key:
            spec = dataclasses.replace(spec, key=entry.spec.key)
        entry.spec = spec
        self._notify(EntryChanged(entry.id))

    async def remove(self, entry: Entry) -> None:
        """Close the entry's connection (if any) and forget it."""
        if entry.id not in self._by_id:
            return
        await self.disconnect(entry)
        if entry.id not in self._by_id:  # removed meanwhile
            return
        self._detach(entry)
        at = self._entries.index(entry)
        del self._entries[at]
        del self._by_id[entry.id]
        self._notify(EntryRemoved(entry.id, at))

    async def clear(self) -> None:
        """Close and remove every entry."""
        await self.close_all()
        for entry in list(self._entries):
            await self.remove(entry)

    # -- connections ----------------------------------------------------------------------
    def _detach(self, entry: Entry) -> None:
        if entry._unsubscribe is not None:
            entry._unsubscribe()
            entry._unsubscribe = None

    def _build(self, entry: Entry, url: str) -> Connection:
        """The entry's connection, echo off: the session's echo tap answers instead."""
        spec = entry.spec
        options = dataclasses.replace(spec.options, echo=False)
        conn: Connection
        if spec.role is Role.RELAY:
            from gui.session.relay import build_relay

            conn = build_relay(spec, options, url)
        elif spec.role is Role.SERVER:
            conn = create_server(url, options)
        else:
            conn = create_connection(url, options)
        entry.echoing = spec.options.echo
        return conn

    async def connect(self, entry: Entry) -> None:
        """Open (clients) or listen (servers) with the entry's current spec.

        Raises ConnectError (or OptionError/UrlError for a bad spec); the reason also arrives
        as a SessionError to listeners.
        """
        if self._closing:
            raise ConnectError("the session is closing")
        if entry.conn is not None and is_active(entry.conn.state):
            return
        url = await self._follow(entry)
        self._detach(entry)
        for peer_id in list(entry.peers):
            del entry.peers[peer_id]
            self._notify(PeerLeft(entry.id, peer_id))
        entry.error = ""
        try:
            conn = self._build(entry, url)
        except (OptionError, UrlError, ValueError) as exc:
            self._fail(entry, str(exc))
            raise
        entry.conn = conn
        entry._unsubscribe = conn.subscribe(lambda event: self._on_event(entry, event),
                                            batches=True)
        self._notify(EntryChanged(entry.id))
        try:
            await conn.open()
        except (OptionError, ValueError) as exc:
            self._fail(entry, f"{entry.name}: {exc}")
            raise

    async def _follow(self, entry: Entry) -> str:
        """The URL to open: the spec's, or for a client that follows a server of the session
        the address that server listens on now (started first when it is not listening)."""
        if not entry.spec.follows or entry.is_server:
            return entry.spec.url
        server = self.followed(entry)
        if server is None:
            message = (f"{entry.name}: the server it connects to is no longer in the "
                       "workspace; edit its address")
            self._fail(entry, message)
            raise ConnectError(message)
        if server.state is not State.OPEN:
            await self.connect(server)
        if server.state is not State.OPEN:
            message = f"{entry.name}: its server {server.name} is not listening"
            self._fail(entry, message)
            raise ConnectError(message)
        url = server.address
        if url != entry.spec.url:  # shown in the tree and saved as the last address seen
            entry.spec = dataclasses.replace(entry.spec, url=url)
        return url

    async def disconnect(self, entry: Entry) -> None:
        if entry.conn is not None:
            await entry.conn.close()

    async def send(self, entry: Entry, payload: bytes, kind: FrameKind | None = None,
                   peer: int | None = None) -> None:
        """Queue one frame (server: to ``peer``, or to every peer when None)."""
        conn = entry.conn
        if conn is None or conn.state is not State.OPEN:
            state = entry.state.value
            raise NotOpen(f"{entry.name}: cannot send, the connection is {state}")
        await conn.send(payload, kind=kind, peer=peer)

    async def close_all(self) -> None:
        """Close every connection and cancel every task the manager started."""
        self._closing = True
        try:
            conns = [e.conn for e in self._entries if e.conn is not None]
            await asyncio.gather(*(c.close("closing the session") for c in conns),
                                 return_exceptions=True)
            await self.tasks.cancel_all()
        finally:
            self._closing = False

    # -- fire-and-forget forms (for UIs): owned tasks, errors to listeners -----------------
    def request_connect(self, entry: Entry) -> asyncio.Task[None]:
        return self.tasks.start(self._guard(entry, self.connect(entry)), f"connect#{entry.id}")

    def request_disconnect(self, entry: Entry) -> asyncio.Task[None]:
        return self.tasks.start(self._guard(entry, self.disconnect(entry)),
                                f"disconnect#{entry.id}")

    def request_remove(self, entry: Entry) -> asyncio.Task[None]:
        return self.tasks.start(self._guard(entry, self.remove(entry)), f"remove#{entry.id}")

    async def _guard(self, entry: Entry, coro: object) -> None:
        try:
            await coro  # type: ignore[misc]
        except ConnectError:
            pass  # the connection already reported why (ErrorEvent → SessionError)
        except (TransportError, OptionError, UrlError, ValueError, OSError) as exc:
            if not entry.error:
                self._fail(entry, str(exc))

    # -- events from connections (hot path first) -----------------------------------------
    def _on_event(self, entry: Entry, event: BatchEvent) -> None:
        kind = type(event)
        if kind is FrameBatch:  # a flood: one call per socket read
            b: FrameBatch = event  # type: ignore[assignment]
            entry.log.extend_payloads(b.payloads, b.timestamp, b.direction, b.kind, b.conn_id,
                                      b.peer, b.auto)
            if self._taps:
                self._tap(entry, event)
            return
        if kind is FrameReceived or kind is FrameSent:
            entry.log.append(event.frame)  # type: ignore[union-attr]
            if self._taps:
                self._tap(entry, event)
            return
        self._on_control(entry, event)
        if self._taps:
            self._tap(entry, event)

    def _on_control(self, entry: Entry, event: BatchEvent) -> None:
        """State, peer and error events: a row in the log, update the entry, tell the
        listeners."""
        kind = type(event)
        conn = entry.conn
        log_event_row(entry, event)
        if kind is StateChanged:
            assert isinstance(event, StateChanged)
            if conn is not None and event.conn_id == conn.id:
                if event.new is State.FAILED and event.reason:
                    entry.error = event.reason
                self._notify(EntryChanged(entry.id))
            else:
                peer = entry.peers.get(event.conn_id)
                if peer is not None:
                    peer.state = event.new
        elif kind is PeerAdded:
            assert isinstance(event, PeerAdded)
            entry.peers[event.peer_id] = PeerInfo(event.peer_id, event.address, dict(event.info))
            self._notify(PeerJoined(entry.id, event.peer_id))
        elif kind is PeerRemoved:
            assert isinstance(event, PeerRemoved)
            if entry.peers.pop(event.peer_id, None) is not None:
                self._notify(PeerLeft(entry.id, event.peer_id))
        elif kind is ErrorEvent:
            assert isinstance(event, ErrorEvent)
            self._fail(entry, event.message)

    def _fail(self, entry: Entry, message: str) -> None:
        entry.error = message
        self._notify(SessionError(entry.id, message))
        self._notify(EntryChanged(entry.id))


def _new_key(taken: set[str]) -> str:
    """A short key no entry has (``c1f3a9b2``)."""
    while True:
        key = "c" + uuid.uuid4().hex[:7]
        if key not in taken:
            return key

"""Relay entries in the session (Qt-free): build the relay from its spec, switch faults while it
runs, and tell which way a logged frame went.  The window and ``sockscope-cli serve`` share it;
a relay entry is otherwise a server (``Entry.is_server``), started and listed like one."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from typing import TYPE_CHECKING

from gui.session.entry import Entry
from gui.workspace.model import ConnectionSpec
from transports.frames import BatchEvent, Direction, PeerAdded
from transports.options import OptionError, Options
from transports.relay import Fault, Relay, RelayConfig, Way, way_of

if TYPE_CHECKING:
    from gui.session.manager import SessionManager


def build_relay(spec: ConnectionSpec, options: Options, url: str | None = None) -> Relay:
    """The entry's relay (not opened), listening on ``url`` (default: the spec's); OptionError
    when the spec has no relay settings."""
    if spec.relay is None:
        raise OptionError(f"{spec.name}: a relay needs an upstream URL")
    return spec.relay.build(url or spec.url, options)


def relay_config(entry: Entry) -> RelayConfig | None:
    return entry.spec.relay


def set_relay_faults(manager: SessionManager, entry: Entry, way: Way,
                     faults: tuple[Fault, ...]) -> None:
    """Replace the faults of one direction: in the spec (saved with the workspace) and, when
    the relay runs, at once for every pair (FaultError/ValueError for a bad set)."""
    config = entry.spec.relay
    if config is None:
        raise OptionError(f"{entry.name}: not a relay")
    config = config.with_faults(way, faults)
    conn = entry.conn
    if isinstance(conn, Relay):
        conn.set_faults(way, *faults)
    manager.update(entry, dataclasses.replace(entry.spec, relay=config))


class RelaySides:
    """Which side of which pair every relay connection was, for marking the log: a session
    tap that remembers the ``PeerAdded`` announcements of relay entries (their peers leave
    ``entry.peers`` when they close; their frames stay in the log).  Bounded: the oldest
    ``limit`` announcements are kept."""

    def __init__(self, manager: SessionManager, limit: int = 100_000) -> None:
        self.limit = limit
        self._sides: OrderedDict[int, tuple[str, str]] = OrderedDict()  # conn id → side, pair
        self.close = manager.add_tap(self._on_event)

    def _on_event(self, entry: Entry, event: BatchEvent) -> None:
        if type(event) is PeerAdded:
            assert isinstance(event, PeerAdded)
            side = event.info.get("relay")
            if side is not None:
                self._sides[event.peer_id] = (side, event.info.get("pair", ""))
                if len(self._sides) > self.limit:
                    self._sides.popitem(last=False)

    def way(self, conn_id: int, direction: Direction) -> Way | None:
        """client→upstream or upstream→client for a frame of a relay connection (None for
        any other connection)."""
        known = self._sides.get(conn_id)
        return way_of(known[0], direction) if known is not None else None

    def pair(self, conn_id: int) -> str:
        """The pair number of a relay connection as text ("" for other connections)."""
        known = self._sides.get(conn_id)
        return known[1] if known is not None else ""

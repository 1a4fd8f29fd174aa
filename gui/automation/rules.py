"""Auto-reply rules: when a frame arrives on a connection, answer it (Qt-free).

A :class:`Rule` says what to match (:class:`~gui.automation.match.MatchSpec`) and what to do:
reply with a template (the match's captures available as ``{{0}}``, ``{{1}}``, ``{{name}}``),
after a delay or at once; add a note; close the connection; stop after N matches.  Rules are
an ordered list per session entry; the first enabled rule that matches wins, unless it says
``continue_matching``.  :func:`compile_rules` checks a list once (errors name the rule and the
field); :class:`RuleSet` evaluates frames; :class:`RulesEngine` plugs rule sets into the
:class:`~gui.session.manager.SessionManager` taps and replies through ``Connection.offer()``.

The data path: the tap runs inside the socket's read callback with one
:class:`~transports.frames.FrameBatch` per read; each payload is matched and answered right
there (no task, no callback per frame).  A reply goes back on the connection that carried the
frame (for a server: the peer who sent it; for a listening UDP socket: the sender's address)
with that same connection as the *source* of ``offer()``: a peer that floods and does not read
our replies fills its send queue, which pauses reading from that peer until it drains —
memory stays bounded by the send queue's limits.

Delayed replies wait in one heap per connection, bounded by :data:`DELAY_BYTES` (beyond it
replies are dropped and a note says so), with one ``loop.call_later`` handle per connection
(not per reply), cancelled when the connection ends or the engine closes.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from gui.automation.rule import Rule
from gui.automation.ruleset import MAX_DELAY_MS, Hit, RuleError, RuleSet, compile_rules
from gui.session.events import EntryAdded, EntryChanged, EntryRemoved, SessionEvent
from transports.errors import TransportError
from transports.frames import (
    Address,
    BatchEvent,
    Direction,
    FrameKind,
    PeerRemoved,
    StateChanged,
)
from transports.state import is_active
from transports.tasks import TaskGroup

__all__ = ["DELAY_BYTES", "MAX_DELAY_MS", "Hit", "Note", "Rule", "RuleError", "RuleSet",
           "RulesEngine", "compile_rules"]

if TYPE_CHECKING:
    from gui.session.entry import Entry
    from gui.session.manager import SessionManager
    from transports.aio.base import Connection

log = logging.getLogger(__name__)

DELAY_BYTES = 1024 * 1024  # delayed replies waiting per connection


Note = Callable[["Entry", int, str], None]
"""``note(entry, conn_id, text)``: a line for the log (a rule's note, a dropped reply…)."""


@dataclass
class _Delayed:
    heap: list[tuple[float, int, bytes | None, FrameKind | None, Address | None, bool]] = \
        field(default_factory=list)
    nbytes: int = 0
    handle: asyncio.TimerHandle | None = None
    dropping: bool = False


class RulesEngine:
    """Runs each entry's :class:`RuleSet` on the frames it receives.  ``close()`` stops it."""

    def __init__(self, manager: SessionManager, *, note: Note | None = None,
                 follow_specs: bool = False) -> None:
        self._manager = manager
        self._sets: dict[int, RuleSet] = {}
        self._note = note
        self._delayed: dict[int, _Delayed] = {}
        self._tasks = TaskGroup("rules")
        self._seq = itertools.count()
        self.replies = 0  # replies offered (counted by the engine, for the status bar/bench)
        self._remove_tap = manager.add_tap(self._tap)
        self._follow = follow_specs
        if follow_specs:  # each entry's rules are those of its spec, kept in step
            for entry in manager:
                self._from_spec(entry)
            manager.add_listener(self._on_session)

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, EntryRemoved):
            self._sets.pop(event.entry_id, None)
        elif isinstance(event, EntryAdded | EntryChanged):
            entry = self._manager.get(event.entry_id)
            if entry is not None:
                self._from_spec(entry)

    def _from_spec(self, entry: Entry) -> None:
        spec = entry.spec
        current = self._sets.get(entry.id)
        if current is not None and current.rules == spec.rules \
                and current.encoding == spec.options.encoding:
            return  # unchanged: keep the match counts and counters
        try:
            self.set_rules(entry.id, spec.rules, spec.options.encoding)
        except RuleError as exc:  # the editor and the file loader refuse these; say so anyway
            self._sets.pop(entry.id, None)
            self._say(entry, entry.id, f"auto-reply rules off: {exc}")

    def set_rules(self, entry_id: int, rules: Sequence[Rule], encoding: str = "utf-8") -> None:
        """Replace an entry's rules (compiled here: RuleError if one is bad, nothing changed).
        An empty list removes them."""
        if not rules:
            self._sets.pop(entry_id, None)
            return
        self._sets[entry_id] = RuleSet(rules, encoding)

    def rules(self, entry_id: int) -> RuleSet | None:
        return self._sets.get(entry_id)

    async def close(self) -> None:
        self._remove_tap()
        if self._follow:
            self._manager.remove_listener(self._on_session)
        for delayed in self._delayed.values():
            if delayed.handle is not None:
                delayed.handle.cancel()
        self._delayed.clear()
        await self._tasks.cancel_all()

    # -- the tap --------------------------------------------------------------------
    def _tap(self, entry: Entry, event: BatchEvent) -> None:
        ruleset = self._sets.get(entry.id)
        if ruleset is None:
            return
        payloads = getattr(event, "payloads", None)
        if payloads is None:
            frame = getattr(event, "frame", None)
            if frame is None:
                self._lifecycle(event)
                return
            payloads, source = (frame.payload,), frame
        else:
            source = event
        if source.direction is not Direction.IN:
            return
        conn = entry.connection(source.conn_id)
        if conn is None:
            return
        reply_peer = source.peer if _addresses_peers(conn) else None
        evaluate, kind, act = ruleset.evaluate, source.kind, self._act
        for payload in payloads:
            for hit in evaluate(payload, kind):
                if hit.note or hit.error or hit.close or hit.last or hit.delay:
                    act(entry, conn, hit, reply_peer)
                elif hit.reply is not None:  # the common case: just answer
                    self._reply(entry, conn, hit.reply, hit.reply_kind, reply_peer)

    def _lifecycle(self, event: BatchEvent) -> None:
        if isinstance(event, PeerRemoved):
            self._cancel(event.peer_id)
        elif isinstance(event, StateChanged) and not is_active(event.new):
            self._cancel(event.conn_id)

    def _act(self, entry: Entry, conn: Connection, hit: Hit, peer: Address | None) -> None:
        if hit.note:
            self._say(entry, conn.id, hit.note)
        if hit.error:
            self._say(entry, conn.id, f"rule {hit.index + 1}: no reply: {hit.error}")
        if hit.delay > 0 and (hit.reply is not None or hit.close):
            self._later(entry, conn, hit, peer)
            return
        if hit.reply is not None:
            self._reply(entry, conn, hit.reply, hit.reply_kind, peer)
        if hit.close:
            self._close(conn)
        if hit.last:
            self._say(entry, conn.id, f"rule {hit.index + 1} stops: it matched "
                      f"{hit.rule.max_matches} times")

    def _reply(self, entry: Entry, conn: Connection, data: bytes, kind: FrameKind | None,
               peer: Address | None) -> None:
        try:
            conn.offer(data, kind=kind, peer=peer, source=conn)
        except TransportError as exc:  # NotOpen (closing meanwhile), QueueFull
            self._say(entry, conn.id, f"auto-reply not sent ({type(exc).__name__}): {exc}")
            return
        except (ValueError, RuntimeError, OSError) as exc:  # a frame it cannot send
            self._say(entry, conn.id, f"auto-reply not sent: {exc}")
            return
        self.replies += 1

    def _close(self, conn: Connection) -> None:
        self._tasks.start(conn.close("closed by an auto-reply rule"), f"close-{conn.id}")

    def _say(self, entry: Entry, conn_id: int, text: str) -> None:
        if self._note is not None:
            self._note(entry, conn_id, text)
        else:
            log.info("%s: %s", entry.name, text)

    # -- delayed replies --------------------------------------------------------------
    def _later(self, entry: Entry, conn: Connection, hit: Hit, peer: Address | None) -> None:
        delayed = self._delayed.setdefault(conn.id, _Delayed())
        size = len(hit.reply or b"")
        if delayed.nbytes + size > DELAY_BYTES:
            if not delayed.dropping:
                delayed.dropping = True
                self._say(entry, conn.id, f"delayed auto-replies dropped: over "
                          f"{DELAY_BYTES // 1024} KiB are already waiting on this connection")
            return
        loop = asyncio.get_running_loop()
        due = loop.time() + hit.delay
        item = (due, next(self._seq), hit.reply, hit.reply_kind, peer, hit.close)
        heapq.heappush(delayed.heap, item)
        delayed.nbytes += size
        if delayed.heap[0] is item:
            if delayed.handle is not None:
                delayed.handle.cancel()
            delayed.handle = loop.call_at(due, self._fire, entry, conn)

    def _fire(self, entry: Entry, conn: Connection) -> None:
        delayed = self._delayed.get(conn.id)
        if delayed is None:
            return
        delayed.handle = None
        loop = asyncio.get_running_loop()
        now = loop.time()
        heap = delayed.heap
        while heap and heap[0][0] <= now:
            _, _, data, kind, peer, close = heapq.heappop(heap)
            delayed.nbytes -= len(data or b"")
            if data is not None:
                self._reply(entry, conn, data, kind, peer)
            if close:
                self._close(conn)
        delayed.dropping = delayed.nbytes > DELAY_BYTES // 2 and delayed.dropping
        if heap:
            delayed.handle = loop.call_at(heap[0][0], self._fire, entry, conn)
        else:
            del self._delayed[conn.id]

    def _cancel(self, conn_id: int) -> None:
        delayed = self._delayed.pop(conn_id, None)
        if delayed is not None and delayed.handle is not None:
            delayed.handle.cancel()

    @property
    def waiting(self) -> int:
        """Delayed replies waiting, over all connections."""
        return sum(len(d.heap) for d in self._delayed.values())


def _addresses_peers(conn: Connection) -> bool:
    """A listening UDP socket answers each datagram's sender by address."""
    from transports.aio.udp import UdpConnection
    return isinstance(conn, UdpConnection) and conn.remote is None

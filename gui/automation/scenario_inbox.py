"""What a running scenario has received on each connection, and the expectation waiting on it.

One session tap (:meth:`SessionManager.add_tap`) feeds every inbox: each received frame is kept
(bounded in bytes, oldest dropped and counted) and, when an expectation is waiting, checked
against its matcher right there in the tap — the first match resolves the waiting future.  No
task or callback is scheduled per frame.

``expect`` consumes frames like pexpect's ``expect``: the frames before the match are skipped,
the match and everything before it leave the inbox, later frames stay for the next step.
"""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass

from gui.automation.scenario import FrameMatcher
from gui.session import Entry, SessionManager, as_batch
from transports.frames import Address, BatchEvent, Direction, FrameKind, StateChanged
from transports.state import State

DEFAULT_INBOX_BYTES = 8 << 20


@dataclass(frozen=True, slots=True)
class Received:
    payload: bytes
    kind: FrameKind
    conn_id: int
    peer: Address | None


@dataclass(frozen=True, slots=True)
class Matched:
    frame: Received
    captures: dict[str, bytes]
    skipped: int  # frames before it that did not match


class Closed(Exception):
    """The connection an expectation waits on closed or failed; the message says why."""


@dataclass(eq=False)
class Waiter:
    matcher: FrameMatcher | None  # None: any frame
    future: asyncio.Future[Matched]
    skipped: int = 0
    last: Received | None = None  # the last frame that did not match


class Inbox:
    """Frames received on one entry since the last expectation consumed them."""

    def __init__(self, entry: Entry, max_bytes: int) -> None:
        self.entry = entry
        self.max_bytes = max_bytes
        self.frames: deque[Received] = deque()
        self.bytes = 0
        self.dropped = 0  # frames dropped to stay under max_bytes
        self.waiter: Waiter | None = None

    def clear(self) -> None:
        self.frames.clear()
        self.bytes = 0

    def _push(self, frame: Received) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.future.done():
            self._offer(waiter, frame)  # matched or skipped: consumed either way
            return
        self.frames.append(frame)
        self.bytes += len(frame.payload)
        while self.bytes > self.max_bytes and self.frames:
            old = self.frames.popleft()
            self.bytes -= len(old.payload)
            self.dropped += 1

    def _offer(self, waiter: Waiter, frame: Received) -> bool:
        """Check one frame against the waiter; True when it matched (and was consumed)."""
        captures = {"0": frame.payload} if waiter.matcher is None else \
            waiter.matcher(frame.payload, frame.kind)
        if captures is None:
            waiter.skipped += 1
            waiter.last = frame
            return False
        waiter.future.set_result(Matched(frame, captures, waiter.skipped))
        self.waiter = None
        return True

    def wait(self, matcher: FrameMatcher | None) -> Waiter:
        """Look through the buffered frames first, then wait for new ones: the returned
        waiter's future gets the match (or :class:`Closed`)."""
        future: asyncio.Future[Matched] = asyncio.get_running_loop().create_future()
        waiter = Waiter(matcher, future)
        while self.frames:
            frame = self.frames.popleft()
            self.bytes -= len(frame.payload)
            if self._offer(waiter, frame):
                return waiter
        self.waiter = waiter
        return waiter

    def stop_waiting(self) -> None:
        self.waiter = None

    def _closed(self, reason: str) -> None:
        waiter = self.waiter
        if waiter is not None and not waiter.future.done():
            waiter.future.set_exception(Closed(reason))
            self.waiter = None


class Inboxes:
    """One inbox per entry, fed by one session tap while the scenario runs."""

    def __init__(self, manager: SessionManager, max_bytes: int = DEFAULT_INBOX_BYTES) -> None:
        self.manager = manager
        self.max_bytes = max_bytes
        self._inboxes: dict[int, Inbox] = {}
        self._remove: Callable[[], None] | None = None

    def __enter__(self) -> Inboxes:
        self._remove = self.manager.add_tap(self._tap)
        return self

    def __exit__(self, *exc: object) -> None:
        if self._remove is not None:
            self._remove()
            self._remove = None
        for inbox in self._inboxes.values():
            inbox.stop_waiting()

    def of(self, entry: Entry) -> Inbox:
        inbox = self._inboxes.get(entry.id)
        if inbox is None:
            inbox = self._inboxes[entry.id] = Inbox(entry, self.max_bytes)
        return inbox

    def clear(self) -> None:
        for inbox in self._inboxes.values():
            inbox.clear()

    def _tap(self, entry: Entry, event: BatchEvent) -> None:
        inbox = self._inboxes.get(entry.id)
        if inbox is None:
            return
        batch = as_batch(event)
        if batch is not None:
            if batch.direction is Direction.IN:
                for payload in batch.payloads:
                    inbox._push(Received(payload, batch.kind, batch.conn_id, batch.peer))
            return
        if type(event) is StateChanged:
            assert isinstance(event, StateChanged)
            conn = entry.conn
            if (conn is not None and event.conn_id == conn.id and not entry.is_server
                    and event.new in (State.CLOSED, State.FAILED)):
                reason = f": {event.reason}" if event.reason else ""
                inbox._closed(f"{entry.name} {event.new.value}{reason}")

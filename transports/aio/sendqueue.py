"""A bounded outgoing queue: ``put`` waits while it is full, the writer takes batches.

The bound is two limits, whichever is hit first: ``maxsize`` frames waiting, or ``max_bytes``
payload bytes waiting or being written (a batch the writer handed to the transport counts
until the transport took it).  Below the *low-water mark* — half of both limits — the queue
counts as drained, which is when paused senders are let go again (hysteresis, so a steady
stream does not pause and resume on every frame).
"""

from __future__ import annotations

import asyncio
from collections import deque
from dataclasses import dataclass

from transports.errors import NotOpen
from transports.frames import Address, FrameKind, fast_init

DEFAULT_MAX_BYTES = 4 << 20  # 4 MiB per connection


@fast_init
@dataclass(frozen=True, slots=True)
class Outgoing:
    payload: bytes
    kind: FrameKind = FrameKind.DATA
    peer: Address | None = None
    auto: bool = False  # offered in reaction to traffic (Frame.auto)


class SendQueue:
    """Frames waiting to be written.

    ``put`` (what ``send()`` uses) waits while the queue is full, so a slow peer slows its
    sender instead of growing memory.  ``put_over`` never waits: it is for frames that arrive
    from a protocol callback (``Connection.offer``), whose caller pauses the frames' source
    while :attr:`full` is true — that bounds the overshoot to one read per source.
    """

    def __init__(self, maxsize: int, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
        self.maxsize = maxsize
        self.max_bytes = max_bytes
        self._items: deque[Outgoing] = deque()
        self._not_empty = asyncio.Event()
        self._not_full = asyncio.Event()
        self._not_full.set()
        self._idle = asyncio.Event()  # nothing queued and nothing being written
        self._idle.set()
        self._in_flight = 0
        self._in_flight_bytes = 0
        self._nbytes = 0  # payload bytes queued or being written
        self._closed = False

    def __len__(self) -> int:
        return len(self._items)

    @property
    def nbytes(self) -> int:
        """Payload bytes queued or being written."""
        return self._nbytes

    @property
    def full(self) -> bool:
        return len(self._items) >= self.maxsize or self._nbytes >= self.max_bytes

    @property
    def drained(self) -> bool:
        """At or below the low-water mark (half of both limits)."""
        return len(self._items) <= self.maxsize // 2 and self._nbytes <= self.max_bytes // 2

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def idle(self) -> bool:
        """Nothing queued, nothing being written, and still open: a frame written now by
        its sender cannot overtake a queued one."""
        return not self._items and not self._in_flight and not self._closed

    async def put(self, item: Outgoing) -> None:
        """Append ``item``, waiting while the queue is full.  Raises NotOpen when the queue
        is closed (its connection ended) before the item could be queued."""
        while self.full and not self._closed:
            self._not_full.clear()
            await self._not_full.wait()
        if self._closed:
            raise NotOpen("the connection ended before the frame could be queued")
        self.put_over(item)

    def put_over(self, item: Outgoing) -> None:
        """Append ``item`` even when the queue is full (ignored once it is closed)."""
        if self._closed:
            return
        self._items.append(item)
        self._nbytes += len(item.payload)
        self._not_empty.set()
        self._idle.clear()
        if self.full:
            self._not_full.clear()

    async def get_batch(self, limit: int = 64) -> list[Outgoing]:
        """Wait for at least one frame; return up to ``limit`` in order."""
        while not self._items:
            self._not_empty.clear()
            await self._not_empty.wait()
        n = min(limit, len(self._items))
        batch = [self._items.popleft() for _ in range(n)]
        self._in_flight += n
        self._in_flight_bytes += sum(len(item.payload) for item in batch)
        if not self.full:
            self._not_full.set()
        return batch

    def batch_done(self, batch: list[Outgoing]) -> None:
        """The writer finished writing ``batch``."""
        done = sum(len(item.payload) for item in batch)
        self._in_flight -= len(batch)
        self._in_flight_bytes -= done
        self._nbytes -= done
        if not self._items and not self._in_flight:
            self._idle.set()
        if not self.full:
            self._not_full.set()

    def abandon(self) -> None:
        """The writer stopped for good (write error): release :meth:`join` waiters; the
        frames stay queued so that :meth:`drain_all` can report them."""
        self._nbytes -= self._in_flight_bytes
        self._in_flight = self._in_flight_bytes = 0
        self._idle.set()

    async def join(self) -> None:
        """Wait until every queued frame has been written."""
        await self._idle.wait()

    def drain_all(self) -> list[Outgoing]:
        """Close the queue; remove and return everything pending (when the connection ends).
        Senders waiting in :meth:`put` get NotOpen; later ``put_over`` calls are ignored."""
        self._closed = True
        items = list(self._items)
        self._items.clear()
        self._in_flight = self._in_flight_bytes = self._nbytes = 0
        self._not_full.set()
        self._idle.set()
        return items

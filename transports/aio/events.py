"""An async iterator over a connection's events, with read-side backpressure."""

from __future__ import annotations

import asyncio
from collections import deque
from types import TracebackType
from typing import TYPE_CHECKING

from transports.frames import Event, FrameReceived, StateChanged
from transports.state import State

if TYPE_CHECKING:
    from transports.aio.base import Connection


class EventStream:
    """``async for event in conn.events(): …`` — ends after the connection closes or fails.

    Frames are never dropped: when ``maxsize`` events wait unread, the connection stops reading
    from its socket (TCP/WebSocket flow control pushes back on the peer) until the consumer has
    taken half of them.  Use it as an async context manager (or call :meth:`close`) to
    unsubscribe.
    """

    def __init__(self, conn: Connection, maxsize: int) -> None:
        self._conn = conn
        self._maxsize = max(2, maxsize)
        self._items: deque[Event] = deque()
        self._ready = asyncio.Event()
        self._paused = False
        self._ended = False
        self._unsubscribe = conn.subscribe(self._push)

    def _push(self, event: Event) -> None:
        self._items.append(event)
        self._ready.set()
        # CLOSED and FAILED are final even with reconnect (it goes through RECONNECTING).
        if (isinstance(event, StateChanged) and event.conn_id == self._conn.id
                and event.new in (State.CLOSED, State.FAILED)):
            self._ended = True
        if (not self._paused and isinstance(event, FrameReceived)
                and len(self._items) >= self._maxsize):
            self._paused = True
            self._conn.pause_reading(self)

    def __aiter__(self) -> EventStream:
        return self

    async def __anext__(self) -> Event:
        while not self._items:
            if self._ended:
                raise StopAsyncIteration
            self._ready.clear()
            await self._ready.wait()
        event = self._items.popleft()
        if self._paused and len(self._items) <= self._maxsize // 2:
            self._paused = False
            self._conn.resume_reading(self)
        return event

    def close(self) -> None:
        self._unsubscribe()
        if self._paused:
            self._paused = False
            self._conn.resume_reading(self)

    async def __aenter__(self) -> EventStream:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        self.close()

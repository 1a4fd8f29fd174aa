"""An async iterator over a connection's events, with read-side backpressure."""

from __future__ import annotations

import asyncio
from collections import deque
from collections.abc import Callable
from types import TracebackType
from typing import Protocol

from transports.aio.flow import ReadGate, Source
from transports.frames import Event, FrameReceived, StateChanged
from transports.state import State


class EventSource(Source, Protocol):
    """What an EventStream needs of a connection (no import of the connection classes)."""

    def subscribe(self, callback: Callable[[Event], None]) -> Callable[[], None]: ...


class EventStream:
    """``async for event in conn.events(): …`` — ends after the connection closes or fails.

    Frames are never dropped: when ``maxsize`` events wait unread, the connection stops reading
    from its socket (TCP/WebSocket flow control pushes back on the peer) until the consumer has
    taken half of them.  Use it as an async context manager (or call :meth:`close`) to
    unsubscribe.
    """

    def __init__(self, conn: EventSource, maxsize: int) -> None:
        self._conn = conn
        self._items: deque[Event] = deque()
        self._ready = asyncio.Event()
        self._gate = ReadGate(conn, maxsize, self)
        self._ended = False
        self._unsubscribe = conn.subscribe(self._push)

    def _push(self, event: Event) -> None:
        self._items.append(event)
        self._ready.set()
        # CLOSED and FAILED are final even with reconnect (it goes through RECONNECTING).
        if (isinstance(event, StateChanged) and event.conn_id == self._conn.id
                and event.new in (State.CLOSED, State.FAILED)):
            self._ended = True
        if isinstance(event, FrameReceived):
            self._gate.filled(len(self._items))

    def __aiter__(self) -> EventStream:
        return self

    async def __anext__(self) -> Event:
        while not self._items:
            if self._ended:
                raise StopAsyncIteration
            self._ready.clear()
            await self._ready.wait()
        event = self._items.popleft()
        self._gate.drained(len(self._items))
        return event

    def close(self) -> None:
        self._unsubscribe()
        self._gate.release()

    async def __aenter__(self) -> EventStream:
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                        tb: TracebackType | None) -> None:
        self.close()

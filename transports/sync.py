"""A blocking facade for scripts and old callers: the same async connections, run on a private
event loop in one background thread.

```python
from transports.sync import connect, serve
with serve("tcp://127.0.0.1:0", echo=True) as server:
    with connect(server.url) as conn:
        conn.send(b"hi")
        frame = conn.recv(timeout=5)      # transports.frames.Frame
```

Threading model: **one loop thread per process**, started on first use (daemon, named
``transports-sync-loop``), stopped by :func:`shutdown` (also registered with ``atexit``).  One
thread for any number of connections — not a thread per connection — keeps the cost flat, and
lets a sync server and a sync client in the same script talk to each other on one loop exactly
as the GUI's connections do.  Every call hands a coroutine to that loop and waits for its
result; subscribers run on the loop and only put events into thread-safe queues.

Received frames wait in a bounded buffer: when ``max_buffer`` frames are unread, the
connection stops reading from its socket (TCP/WebSocket flow control pushes back on the peer)
and resumes once the caller has read half of them, so nothing is dropped and memory stays
bounded.  The GUI never uses this module.
"""

from __future__ import annotations

import asyncio
import atexit
import collections
import queue
import threading
import weakref
from collections.abc import Coroutine
from concurrent.futures import Future
from types import TracebackType
from typing import Any, NamedTuple, TypeVar

from transports.aio.base import Connection
from transports.aio.flow import ReadGate
from transports.errors import NotOpen
from transports.frames import Address, Event, Frame, FrameKind, FrameReceived, StateChanged
from transports.state import State

T = TypeVar("T")
Data = bytes | bytearray | memoryview | str

__all__ = ["Peer", "SyncConnection", "SyncServer", "connect", "serve", "shutdown"]


# -- the loop thread --------------------------------------------------------------------------
class _LoopThread:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self.handles: weakref.WeakSet[SyncConnection] = weakref.WeakSet()

    def loop(self) -> asyncio.AbstractEventLoop:
        with self._lock:
            if self._loop is None:
                loop = asyncio.new_event_loop()
                ready = threading.Event()
                thread = threading.Thread(target=self._main, args=(loop, ready),
                                          name="transports-sync-loop", daemon=True)
                thread.start()
                ready.wait()
                self._loop, self._thread = loop, thread
            return self._loop

    @staticmethod
    def _main(loop: asyncio.AbstractEventLoop, ready: threading.Event) -> None:
        asyncio.set_event_loop(loop)
        loop.call_soon(ready.set)
        loop.run_forever()
        try:  # stopped: end whatever is left, then close
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            loop.close()

    def call(self, coro: Coroutine[Any, Any, T], timeout: float | None = None) -> T:
        """Run ``coro`` on the loop and wait for its result in the calling thread."""
        loop = self.loop()
        if threading.current_thread() is self._thread:
            coro.close()
            raise RuntimeError("transports.sync called from its own loop thread (a subscriber "
                               "callback?); use the async API there")
        future: Future[T] = asyncio.run_coroutine_threadsafe(coro, loop)
        try:
            return future.result(timeout)
        except BaseException:  # timeout, Ctrl+C or the coroutine's own error
            future.cancel()
            raise

    def soon(self, callback: Any, *args: Any) -> None:
        loop = self._loop
        if loop is not None and not loop.is_closed():
            loop.call_soon_threadsafe(callback, *args)

    def stop(self, timeout: float = 5.0) -> None:
        with self._lock:
            loop, thread = self._loop, self._thread
            self._loop = self._thread = None
        if loop is None or thread is None:
            return
        handles = list(self.handles)
        if handles:
            closing = asyncio.run_coroutine_threadsafe(
                _close_all([h._conn for h in handles]), loop)
            try:
                closing.result(timeout)
            except Exception:  # shutting down: best effort
                closing.cancel()
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout)


async def _close_all(conns: list[Connection]) -> None:
    await asyncio.gather(*(c.close("sync facade shut down") for c in conns),
                         return_exceptions=True)


_runner = _LoopThread()
atexit.register(_runner.stop)


def shutdown(timeout: float = 5.0) -> None:
    """Close every sync connection and stop the loop thread (a later call starts a new one)."""
    _runner.stop(timeout)


# -- handles ----------------------------------------------------------------------------------
class Peer(NamedTuple):
    """A server's peer: ``id`` is the child connection id (None for UDP senders)."""

    id: int | None
    address: Address


_END = object()  # queued after the connection ended, so recv() stops waiting


class SyncConnection:
    """A blocking handle on one async :class:`~transports.aio.base.Connection`."""

    def __init__(self, conn: Connection, max_buffer: int = 1000) -> None:
        self._conn = conn
        self._frames: queue.Queue[Frame | object] = queue.Queue()
        self._gate = ReadGate(conn, max_buffer, self)  # touched on the loop thread only
        self._events: collections.deque[Event] = collections.deque(maxlen=10_000)
        self._events_ready = threading.Condition()
        self._ended = False
        self._unsubscribe = conn.subscribe(self._on_event)
        _runner.handles.add(self)

    # runs on the loop thread
    def _on_event(self, event: Event) -> None:
        if isinstance(event, FrameReceived):
            self._frames.put(event.frame)
            self._gate.filled(self._frames.qsize())
            return
        with self._events_ready:
            self._events.append(event)
            self._events_ready.notify_all()
        if (isinstance(event, StateChanged) and event.conn_id == self._conn.id
                and event.new in (State.CLOSED, State.FAILED)):
            self._frames.put(_END)

    def _maybe_resume(self) -> None:
        self._gate.drained(self._frames.qsize())

    # -- public -----------------------------------------------------------------------------
    @property
    def url(self) -> str:
        """The URL, with the real port once a server is listening on port 0."""
        return self._conn.url

    @property
    def id(self) -> int:
        return self._conn.id

    @property
    def state(self) -> State:
        return self._conn.state

    @property
    def reason(self) -> str:
        """Why the connection closed or failed."""
        return self._conn.reason

    @property
    def connection(self) -> Connection:
        """The async object (use it only on the facade's loop)."""
        return self._conn

    def send(self, data: Data, *, kind: FrameKind | None = None,
             peer: Address | int | None = None, timeout: float | None = None) -> None:
        """Queue one frame (bytes, or str encoded with ``options.encoding``); blocks while the
        send queue is full.  Raises NotOpen when the connection is not open."""
        _runner.call(self._conn.send(data, kind=kind, peer=peer), timeout)

    def recv(self, timeout: float | None = None) -> Frame:
        """The next received frame.  Raises TimeoutError after ``timeout`` seconds, NotOpen
        once the connection has ended and every frame has been read."""
        try:
            item = self._frames.get(timeout=timeout)
        except queue.Empty:
            raise TimeoutError(f"{self._conn.name}: no frame within {timeout:g} s") from None
        if item is _END:
            self._frames.put(_END)  # keep answering later calls
            raise NotOpen(f"{self._conn.name}: the connection is {self._conn.state.value}"
                          + (f" ({self._conn.reason})" if self._conn.reason else ""))
        if self._gate.paused:  # read from another thread: a hint, checked on the loop
            _runner.soon(self._maybe_resume)
        assert isinstance(item, Frame)
        return item

    def events(self, timeout: float = 0.0) -> list[Event]:
        """Every event other than received frames (state changes, errors, sent frames,
        peers) since the last call; waits up to ``timeout`` for at least one."""
        with self._events_ready:
            if not self._events and timeout > 0:
                self._events_ready.wait(timeout)
            items = list(self._events)
            self._events.clear()
        return items

    def close(self, timeout: float | None = 10.0) -> None:
        """Close gracefully (idempotent)."""
        if self._ended:
            return
        self._ended = True
        try:
            _runner.call(self._close(), timeout)
        finally:
            _runner.handles.discard(self)

    async def _close(self) -> None:
        await self._conn.close()
        self._unsubscribe()
        self._gate.release()

    def __enter__(self) -> SyncConnection:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<sync {self._conn!r}>"


class SyncServer(SyncConnection):
    """A blocking handle on a server (or a listening UDP socket).  ``recv()`` returns frames
    from any peer; ``frame.conn_id`` / ``frame.peer`` say which."""

    @property
    def peers(self) -> list[Peer]:
        return _runner.call(self._peers())

    async def _peers(self) -> list[Peer]:
        conn: Any = self._conn
        if hasattr(conn, "peers"):
            return [Peer(p.id, p.peer_address or ("", 0)) for p in conn.open_peers()]
        return [Peer(None, address) for address in getattr(conn, "heard", ())]

    def send(self, data: Data, *, kind: FrameKind | None = None,
             peer: Address | int | None = None, timeout: float | None = None) -> None:
        """Send to one peer (its id or address) or, with ``peer=None``, to every peer."""
        super().send(data, kind=kind, peer=peer, timeout=timeout)

    def __enter__(self) -> SyncServer:
        return self


# -- entry points -----------------------------------------------------------------------------
def connect(url: str, *, max_buffer: int = 1000, **options: Any) -> SyncConnection:
    """Open a client connection and return its blocking handle.

    ``options`` are keyword arguments of :func:`transports.factory.make_options` (``framing``,
    ``tls``, ``reconnect``, ``headers``, …).  Raises ConnectError (or OptionError/UrlError) in
    the calling thread when the connection cannot be opened.
    """
    from transports.factory import create_connection

    async def start() -> SyncConnection:
        conn = create_connection(url, **options)
        handle = SyncConnection(conn, max_buffer)
        await _open(handle)
        return handle

    return _runner.call(start())


def serve(url: str, *, max_buffer: int = 1000, **options: Any) -> SyncServer:
    """Start a server (``tcp://``, ``tls://``, ``ws://``, ``wss://``) or bind a UDP socket
    (``udp://``); port 0 picks a free port and ``.url`` reports it."""
    from transports.factory import create_server

    async def start() -> SyncServer:
        conn = create_server(url, **options)
        handle = SyncServer(conn, max_buffer)
        await _open(handle)
        return handle

    return _runner.call(start())


async def _open(handle: SyncConnection) -> None:
    try:
        await handle.connection.open()
    except BaseException:
        handle._ended = True
        handle._unsubscribe()
        _runner.handles.discard(handle)
        await handle.connection.close()
        raise

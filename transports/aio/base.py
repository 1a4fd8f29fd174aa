"""The common base of every connection kind.

A connection owns a state machine (transports.state), a bounded send queue drained by its
``write`` task, an optional ``logic`` task (reconnect backoff), and a list of subscribers that get
every event as a plain callback on the loop, in order, with no scheduling in between.
This module is the lifecycle (open, close, reconnect, the end of the transport); the data path
(send, offer, echo, received frames, pausing reading) is :mod:`transports.aio.traffic`, the
subscribers :mod:`transports.aio.emitter`, servers :mod:`transports.aio.server`.

Subclasses implement the I/O:
- ``_connect()``: establish the transport (clients) or bind/listen (servers);
- ``_write(batch)``: put frames on the wire and wait until the OS took them (drain);
- ``_shutdown()``: close gracefully and wait until the transport is gone;
- ``_abort()``: close at once;
- ``_set_reading(on)``: pause/resume reading (flow control).
and report incoming traffic with ``_received()`` and the end of the transport with ``_lost()``.
"""

from __future__ import annotations

import asyncio
import itertools
from typing import ClassVar

from transports.aio.events import EventStream
from transports.aio.traffic import Traffic
from transports.errors import ConnectError, describe
from transports.frames import Address, StateChanged
from transports.options import Options
from transports.state import State, check_transition, is_active
from transports.tasks import TaskGroup
from transports.url import Endpoint

_ids = itertools.count(1)
CLOSE_TIMEOUT = 3.0


class Connection(Traffic):
    """One connection (or server).  Create it, ``subscribe``, ``await open()``, ``send``,
    ``await close()``.  No method raises for network trouble except ``open`` (ConnectError)
    and ``send`` (NotOpen); everything else arrives as events."""

    kind: ClassVar[str] = "connection"
    is_server: ClassVar[bool] = False

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        self.id = conn_id if conn_id is not None else next(_ids)
        self.endpoint = endpoint
        self.options = options or Options()
        self.state = State.IDLE
        self.reason = ""  # why the last close/failure happened
        self.peer_address: Address | None = None
        super().__init__()  # subscribers, send queue, reading paused or not
        self._tasks = TaskGroup(f"{self.kind}#{self.id}")
        self._user_closing = False
        self._losing = False  # _lost() was called; a logic task is ending the transport
        self._closed = asyncio.Event() if _loop_running() else None
        self.parent: Connection | None = None

    # -- identity ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.options.name or self.endpoint.url

    @property
    def url(self) -> str:
        return self.endpoint.url

    def __repr__(self) -> str:
        return f"<{type(self).__name__} #{self.id} {self.url} {self.state.value}>"

    # -- events -----------------------------------------------------------------------------
    def events(self, maxsize: int = 10_000) -> EventStream:
        """An async iterator of events.  When ``maxsize`` frames are waiting in it, reading
        from the socket pauses until the consumer catches up (nothing is dropped)."""
        return EventStream(self, maxsize)

    def _set_state(self, new: State, reason: str = "") -> None:
        old = self.state
        if old is new:
            return
        check_transition(old, new)
        self.state = new
        if new in (State.CLOSED, State.FAILED):
            self.reason = reason
            if self._closed is not None:
                self._closed.set()
        elif self._closed is not None:
            self._closed.clear()
        self._emit(StateChanged(self.id, old, new, reason))

    # -- lifecycle --------------------------------------------------------------------------
    async def open(self) -> None:
        """Connect (clients) or bind and listen (servers).

        Raises ConnectError when the first attempt fails and no reconnect policy applies;
        with reconnect enabled, failures are retried in the background (state events tell).
        """
        if is_active(self.state):
            return
        if self._closed is None:
            self._closed = asyncio.Event()
        self.options.validate()
        self._user_closing = False
        error = await self._attempt()
        if error is None:
            return
        if self._user_closing:  # close() was called while connecting
            raise ConnectError(f"{self.name}: closed while connecting ({self.reason})")
        if self._reconnects():
            self._tasks.start(self._reconnect_loop(error), "logic")
            return
        self._set_state(State.FAILED, error)
        raise ConnectError(f"{self.name}: {error}")

    async def _attempt(self) -> str | None:
        """One connect attempt; returns None on success or the reason it failed."""
        self._set_state(State.CONNECTING)
        # The attempt runs as an owned task so that close() can cancel it from anywhere.
        attempt = self._tasks.start(self._connect_in_time(), "connect", awaited=True)
        try:
            await attempt
        except asyncio.CancelledError:
            self._abort()
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # our caller is being cancelled
            return "closed while connecting"  # close() cancelled the attempt
        except Exception as exc:
            self._abort()
            if isinstance(exc, TimeoutError):
                reason = f"timed out after {self.options.connect_timeout:g} s"
            else:
                reason = describe(exc)
            self._error(f"cannot open {self.url}: {reason}")
            return reason
        self._started()
        return None

    async def _connect_in_time(self) -> None:
        async with asyncio.timeout(self.options.connect_timeout):
            await self._connect()

    def _started(self) -> None:
        """The transport is up: start writing, go OPEN."""
        self._losing = False
        self._queue = self._new_queue()
        self._writer = self._tasks.start(self._write_loop(), "write")
        if self._pause_reasons:  # paused before the transport existed (a server's new peer)
            self._set_reading(False)
        self._set_state(State.OPEN)

    def _reconnects(self) -> bool:
        return (self.options.reconnect.enabled and not self.is_server and self.parent is None
                and not self._user_closing)

    async def _reconnect_loop(self, reason: str) -> None:
        attempts = 0
        for delay in self.options.reconnect.delays():
            attempts += 1
            self._set_state(State.RECONNECTING,
                            f"attempt {attempts} in {delay:.2f} s ({reason})")
            await asyncio.sleep(delay)
            error = await self._attempt()
            if error is None:
                return
            reason = error
        self._set_state(State.FAILED, f"gave up after {attempts} reconnect attempts: {reason}")

    async def close(self, reason: str = "closed by user") -> None:
        """Close gracefully (flushing what is queued, for a few seconds at most)."""
        self._user_closing = True
        if self.state in (State.IDLE, State.CLOSED, State.FAILED):
            await self._tasks.cancel_all()
            return
        if self.state is State.CLOSING:  # another close() is at work
            await self.wait_closed()
            return
        if self.state in (State.CONNECTING, State.RECONNECTING):
            await self._tasks.cancel_all()
            self._abort()
            self._set_state(State.CLOSED, reason)  # unless cancelling the attempt closed it
            return
        if self.state is State.OPEN:
            self._set_state(State.CLOSING, reason)
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await self._flush()
                    await self._shutdown()
            except (TimeoutError, OSError) as exc:
                self._error(f"close did not finish cleanly ({describe(exc)}); aborted")
                self._abort()
            except asyncio.CancelledError:  # the closing task was cancelled half-way: never
                self._abort()               # leave the connection CLOSING, which no one ends
                await self._finish(State.CLOSED, reason)
                raise
        await self._finish(State.CLOSED, reason)

    async def wait_closed(self) -> None:
        """Wait until the connection is closed or failed."""
        if self._closed is None:
            self._closed = asyncio.Event()
        if self.state in (State.CLOSED, State.FAILED):
            return
        await self._closed.wait()

    async def _flush(self) -> None:
        if self._writer is not None and not self._writer.done():
            await self._queue.join()

    async def _finish(self, state: State, reason: str) -> None:
        try:
            await self._tasks.cancel_all()
        finally:  # even when the task finishing it is cancelled: never stuck in CLOSING
            self._writer = None
            self._drop_queue(reason)
            if self.state is not state and not (self.state is State.FAILED
                                                and state is State.CLOSED):
                self._set_state(state, reason)

    def _drop_queue(self, reason: str) -> None:
        """The transport is gone: report what was never sent, let paused sources go."""
        unsent = self._queue.drain_all()
        if unsent:
            self._error(f"{len(unsent)} queued frame(s) were not sent: {reason}")
        self._pause_reasons.clear()
        self._release_sources()

    def _lost(self, exc: BaseException | None, reason: str = "", *,
              failed: bool | None = None, reported: bool = False,
              aborted: bool = False) -> None:
        """The transport ended, or the peer closed its side (called by subclasses from
        protocol callbacks).  ``failed`` defaults to "there is an exception"; ``reported``
        means an ErrorEvent about it was already emitted; ``aborted``: we dropped the
        transport ourselves (nothing queued can still go out).  Only the first call counts."""
        if self.state is not State.OPEN or self._losing:
            return  # closing: close() finishes the job; or already ending
        self._losing = True
        if failed is None:
            failed = exc is not None
        if not reason:
            reason = describe(exc) if exc is not None else "peer closed the connection"
        if failed and not reported:
            self._error(reason)
        self._tasks.start(self._after_lost(reason, failed, aborted), "logic")

    async def _after_lost(self, reason: str, failed: bool, aborted: bool = False) -> None:
        if failed or aborted:
            self._abort()
        else:  # the peer closed its side: send what is queued (echo replies), then close
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await self._flush()
                    await self._shutdown()
            except (TimeoutError, OSError):
                self._abort()
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
            self._writer = None
        self._drop_queue(reason)
        if self._reconnects():
            await self._reconnect_loop(reason)
            return
        self._set_state(State.FAILED if failed else State.CLOSED, reason)

    # -- transport controls -----------------------------------------------------------------
    def read_in_bulk(self) -> bool:
        """Pass every socket read on whole, as the bytes the kernel filled (up to 256 KiB, no
        copy out of a shared read buffer): for raw byte streams forwarded as they arrive (a
        relay).  False when this connection has no such mode (datagrams, WebSocket
        messages) or no open transport."""
        return False

    def reset(self, reason: str = "reset: RST sent") -> bool:
        """Abort at once with a TCP RST (SO_LINGER 0) instead of a FIN: the peer sees
        "connection reset"; this connection goes CLOSED with ``reason`` (frames still
        queued are reported as not sent).  False, and nothing happens, unless the
        connection is open over a TCP socket (not UDP)."""
        if self.state is not State.OPEN or self._losing or not self._reset_transport():
            return False
        self._lost(None, reason, failed=False, aborted=True)
        return True

    def _reset_transport(self) -> bool:
        """Abort the transport with RST; False when it has no open TCP socket."""
        return False

    # -- subclass I/O -----------------------------------------------------------------------
    async def _connect(self) -> None:
        raise NotImplementedError

    async def _shutdown(self) -> None:
        raise NotImplementedError

    def _abort(self) -> None:
        """Drop the transport at once (idempotent; also called after a failed connect)."""


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True

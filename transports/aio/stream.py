"""The asyncio Protocol shared by TCP clients and accepted TCP peers (plain or TLS).

Bytes go straight from ``data_received`` through the framer to the connection's subscribers:
no task, future or callback is scheduled per chunk or per frame.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from typing import TYPE_CHECKING, cast

from transports.framing import FramingError, FramingMode, make_framer

if TYPE_CHECKING:
    from transports.aio.base import Connection


READ_SIZE = 64 * 1024
BIG_READ_SIZE = 256 * 1024
BIG_FRAME = 256  # average frame size (bytes) from which a flood is read in big reads

_local = threading.local()


def next_read_size(nbytes: int, read_size: int, frames: int) -> int:
    """The read size after a read of ``nbytes`` into ``read_size`` that completed ``frames``
    frames: only a full read (more is waiting) changes it — big reads while the frames
    average ``BIG_FRAME`` bytes or more (or none completed), small ones otherwise."""
    if nbytes != read_size:
        return read_size
    return BIG_READ_SIZE if nbytes >= frames * BIG_FRAME else READ_SIZE


def read_buffer(size: int) -> memoryview:
    """The read buffer of ``size`` bytes that every protocol of this thread shares.

    asyncio calls ``get_buffer``, reads into it and calls ``buffer_updated`` in one callback,
    and ``buffer_updated`` copies the bytes out before returning, so one buffer serves all
    connections of a loop (1,000 idle connections do not hold 64 MiB of buffers)."""
    buffers: dict[int, memoryview] | None = getattr(_local, "buffers", None)
    if buffers is None:
        buffers = _local.buffers = {}
    view = buffers.get(size)
    if view is None:
        view = buffers[size] = memoryview(bytearray(size))
    return view


class StreamProtocol(asyncio.BufferedProtocol):
    """Feeds one connection from one stream transport, with write flow control.

    Reads land in a preallocated buffer of 64 KiB shared by the thread's connections
    (:func:`read_buffer`; asyncio's default is a fresh one of up to 256 KiB per read): a flood
    of small frames is handled about a thousand frames per loop turn, so timers and UI events
    are not held back long (``python -m gui.bench``: loop-lag p99 ≈ 20 ms with 64-byte
    frames).  When reads come back full (more is waiting) and the frames average
    ``BIG_FRAME`` bytes or more, reads grow to 256 KiB — a quarter of the loop turns per
    megabyte, still only about a thousand frames per turn — and shrink back when the frames
    get small.  Raw framing (one frame per read) keeps 64 KiB reads."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.read_size = READ_SIZE
        self._view = read_buffer(READ_SIZE)  # what get_buffer() handed out last
        self._adaptive = conn.options.framing.mode is not FramingMode.RAW
        self._frames = 0  # frames delivered from the current read
        self.framer = make_framer(conn.options.framing)  # frames both directions
        self.transport: asyncio.Transport | None = None
        self.loop = asyncio.get_running_loop()
        self._can_write = asyncio.Event()
        self._can_write.set()
        self._writable = True  # not paused by the transport (what _can_write says, cheaper)
        self._lost = self.loop.create_future()
        self._timer: asyncio.TimerHandle | None = None
        self.active_at = self.loop.time()  # the last read or write
        self._corked: list[bytes] | None = None  # writes held while a read is delivered
        self._idle_timer: asyncio.TimerHandle | None = None
        self._ended = False
        self._failure = ""  # why we dropped the stream ourselves (fatal framing error)

    # -- asyncio.Protocol -------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.Transport, transport)

    def get_buffer(self, sizehint: int) -> memoryview:
        view = self._view = read_buffer(self.read_size)
        return view

    def buffer_updated(self, nbytes: int) -> None:
        if self._idle_timer is not None:
            self.active_at = self.loop.time()
        self._frames = 0
        self.data_received(bytes(self._view[:nbytes]))
        if self._adaptive and nbytes == self.read_size:
            self.read_size = next_read_size(nbytes, self.read_size, self._frames)

    def data_received(self, data: bytes) -> None:
        framer = self.framer
        try:
            framer.receive_data(data, self.loop.time())
        except FramingError as exc:
            self._deliver()
            self.conn._error(f"framing: {exc}", fatal=exc.fatal)
            if exc.fatal and self.transport is not None:
                self._failure = f"framing: {exc}"
                self._ended = True  # what follows cannot be framed: report no leftover
                self.transport.abort()
            return
        self._deliver()
        if framer.deadline() is not None:
            self._arm_timer()

    def _deliver(self) -> None:
        payloads = self.framer.events_received()
        if payloads:
            self._frames += len(payloads)
            # Replies written while the frames of one read are delivered (echo, auto-reply
            # rules, relays: write_now) go out in one writelines() at the end instead of one
            # send() system call each; at most one read's worth of replies waits here.
            corked: list[bytes] = []
            self._corked = corked
            try:
                if len(payloads) == 1:
                    self.conn._received(payloads[0])
                else:
                    self.conn._received_many(payloads)
            finally:
                self._corked = None
                if corked and self.transport is not None and not self.transport.is_closing():
                    write_all(self.transport, corked)

    def _arm_timer(self) -> None:
        deadline = self.framer.deadline()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if deadline is not None:
            self._timer = self.loop.call_at(deadline, self._on_timer)

    def _on_timer(self) -> None:
        self._timer = None
        self.framer.timeout(self.loop.time())
        self._deliver()
        self._arm_timer()

    def eof_received(self) -> bool | None:
        """The peer closed its side.  We send what is still queued (e.g. echo replies to a
        ``printf … | nc`` style client) and then close ours; TLS closes at once."""
        self._finish_stream()
        self.conn._lost(None)
        if self.transport is None or self.transport.get_extra_info("sslcontext") is not None:
            return None
        return True if self.conn._losing else None

    def _finish_stream(self) -> None:
        if self._ended:
            return
        self._ended = True
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        leftover = self.framer.receive_eof()
        self._deliver()
        if leftover:
            self.conn._error(f"peer closed mid-frame: {leftover} byte(s) of an incomplete "
                             "frame were received and are not shown as a frame")

    def close_when_idle(self, timeout: float) -> None:
        """Close gracefully once ``timeout`` seconds pass without a read or a write (one timer
        per period, re-armed from the last activity; nothing is scheduled per read)."""

        def check() -> None:
            due = self.active_at + timeout
            if self.loop.time() < due:
                self._idle_timer = self.loop.call_at(due, check)
                return
            self._idle_timer = None
            self.conn._lost(None, f"closed after {timeout:g} s without traffic (idle_timeout)",
                            failed=False)

        self._idle_timer = self.loop.call_at(self.active_at + timeout, check)

    def connection_lost(self, exc: Exception | None) -> None:
        if self._idle_timer is not None:
            self._idle_timer.cancel()
            self._idle_timer = None
        self._finish_stream()
        self._writable = True
        self._can_write.set()
        if not self._lost.done():
            self._lost.set_result(None)
        if self._failure:
            self.conn._lost(exc, self._failure, failed=True, reported=True)
        else:
            self.conn._lost(exc)

    def pause_writing(self) -> None:
        self._writable = False
        self._can_write.clear()

    def resume_writing(self) -> None:
        self._writable = True
        self._can_write.set()

    # -- used by the connection -------------------------------------------------------------
    async def write(self, chunks: list[bytes]) -> None:
        transport = self.transport
        if transport is None or transport.is_closing():
            raise ConnectionResetError("the connection is closed")
        write_all(transport, chunks)
        if self._idle_timer is not None:
            self.active_at = self.loop.time()
        await self._can_write.wait()
        if transport.is_closing() and self._lost.done():
            raise ConnectionResetError("the connection is closed")

    def write_now(self, data: bytes) -> bool:
        """Write ``data`` if the transport is open and not over its high-water mark; False
        (nothing written) otherwise."""
        transport = self.transport
        if not self._writable or transport is None or transport.is_closing():
            return False
        if self._corked is not None:
            self._corked.append(data)
        else:
            transport.write(data)
        if self._idle_timer is not None:
            self.active_at = self.loop.time()
        return True

    async def shutdown(self) -> None:
        if self.transport is not None and not self.transport.is_closing():
            self.transport.close()
        await asyncio.shield(self._lost)

    def abort(self) -> None:
        if self.transport is not None:
            self.transport.abort()

    def read_in_bulk(self) -> bool:
        """From now on let asyncio hand over each read whole (see :class:`_WholeReads`);
        False when the transport is gone.  Framing is unchanged."""
        transport = self.transport
        if transport is None or transport.is_closing():
            return False
        transport.set_protocol(_WholeReads(self))
        return True

    def set_reading(self, on: bool) -> None:
        if self.transport is None or self.transport.is_closing():
            return
        if on:
            self.transport.resume_reading()
        else:
            self.transport.pause_reading()


class _WholeReads(asyncio.Protocol):
    """Stands in for a :class:`StreamProtocol` at its transport (``read_in_bulk``): asyncio
    then receives each read into a bytes object of its own (up to 256 KiB) and hands it over
    — no copy out of the shared buffer, which for a relay's 256 KiB reads was a tenth of its
    CPU time (py-spy, ``python -m gui.bench --only relay``)."""

    def __init__(self, owner: StreamProtocol) -> None:
        self.owner = owner

    def data_received(self, data: bytes) -> None:
        owner = self.owner
        if owner._idle_timer is not None:
            owner.active_at = owner.loop.time()
        owner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.owner.eof_received()

    def connection_lost(self, exc: Exception | None) -> None:
        self.owner.connection_lost(exc)

    def pause_writing(self) -> None:
        self.owner.pause_writing()

    def resume_writing(self) -> None:
        self.owner.resume_writing()


def reset_transport(transport: asyncio.Transport | None) -> bool:
    """Abort ``transport`` with a TCP RST (SO_LINGER on, timeout 0, then abort); False when it
    is not an open TCP transport."""
    if transport is None or transport.is_closing():
        return False
    sock = transport.get_extra_info("socket")
    if sock is None or sock.type != socket.SOCK_STREAM:
        return False
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    transport.abort()
    return True


def write_all(transport: asyncio.WriteTransport, chunks: list[bytes]) -> None:
    """``transport.writelines(chunks)``, with the last chunk through ``write()``: CPython
    3.12 and 3.13's selector transport ``writelines()`` never calls ``_maybe_pause_protocol``,
    so ``pause_writing()`` would never come and the transport's buffer would grow without
    bound; ``write()`` checks the high-water mark after buffering, as ``writelines`` should."""
    if not chunks:
        return
    if len(chunks) > 1:
        transport.writelines(chunks[:-1])
    transport.write(chunks[-1])

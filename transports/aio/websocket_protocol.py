"""websockets' asyncio connections, reading the way our TCP streams do.

websockets parses every frame (its sans-I/O protocol) and answers pings and closes itself; what
changes here is how received frames reach us.  Out of the box each data message waits in a
queue for one ``recv()`` call, i.e. one task step per message, and the socket is read in chunks
of up to 256 KiB, so a flood of small messages holds the event loop for a long time per turn.
Here, like :class:`transports.aio.stream.StreamProtocol`:

- the socket is read into a preallocated 64 KiB buffer shared by the thread's connections
  (``asyncio.BufferedProtocol``, :func:`transports.aio.stream.read_buffer`),
  256 KiB while a flood of messages of 256 bytes or more is waiting (as TCP streams do);
- data frames are assembled into messages as websockets parses them, and everything one read
  produced (messages and the peer's pings, in wire order) goes to the connection's ``sink`` in
  one call at the end of the read — no task, future or queue per message;
- a text message is checked as UTF-8 here (websockets does it in ``recv()``): invalid text fails
  the connection with close code 1007 and nothing after it is delivered.

websockets answers every ping with a pong at once.  A peer that floods pings and never reads
would make those pongs pile up in the write buffer without bound (~13 MB/s measured): while
more than the write buffer's high-water mark waits to be sent, pings are *not* answered (RFC
6455 §5.5.2 asks for a pong "as soon as practical"; a peer that does not read cannot get one
anyway) and ``on_error`` says so (at most every ``PING_NOTICE_EVERY`` seconds).

While the sink is unset (between the opening handshake and the connection's start) or delivery
is held (reading paused), messages wait here, and once more than ``HOLD_LIMIT`` wait the socket
is no longer read: the peer is pushed back through TCP.
``recv()`` then only ever ends with the connection, raising ``ConnectionClosed``.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable

from websockets.asyncio.client import ClientConnection
from websockets.asyncio.connection import Connection as WsConnection
from websockets.asyncio.server import Server as WsServer
from websockets.asyncio.server import ServerConnection
from websockets.frames import CloseCode, Opcode
from websockets.frames import Frame as WsFrame
from websockets.protocol import Event as WsEvent

from transports.aio.stream import READ_SIZE, next_read_size, read_buffer
from transports.frames import FrameKind

PING_NOTICE_EVERY = 5.0  # seconds between two "not answering pings" notices
HOLD_LIMIT = 16  # messages held before the socket is no longer read (websockets' max_queue)
Received = tuple[FrameKind, bytes]  # TEXT (valid UTF-8 bytes), BINARY or PING
Sink = Callable[[list[Received]], None]
_TEXT, _BINARY, _CONT, _PING, _PONG = (Opcode.TEXT, Opcode.BINARY, Opcode.CONT, Opcode.PING,
                                       Opcode.PONG)
_IN_TEXT, _IN_BINARY = FrameKind.TEXT, FrameKind.BINARY


class BatchReading:
    """Mixed into websockets' connections, before them in the MRO; ``asyncio.BufferedProtocol``
    comes after them (its ``eof_received`` must not hide websockets')."""

    sink: Sink | None = None
    on_error: Callable[[str], None] | None = None  # told when pings go unanswered

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        protocol = self._ws().protocol
        self._send_frame = protocol.send_frame
        protocol.send_frame = self._send_frame_unless_backlogged  # type: ignore[method-assign]
        self._answering = False  # in data_received: the pongs sent are automatic answers
        self._pong_bytes = 0  # pong bytes answered in the current read (not yet written)
        self._pongs_skipped = 0  # in all
        self._notice_at = 0.0  # loop time from which the next notice may be given
        self.read_size = READ_SIZE
        self._pending: list[Received] = []
        self._parts: bytearray | None = None  # a fragmented message in progress
        self._parts_kind = FrameKind.BINARY
        self._held = False  # delivery held: reading paused by the connection
        self._stopped_reading = False  # we paused the transport
        self._invalid = False  # invalid UTF-8 seen: the connection is failing

    # -- asyncio.BufferedProtocol -----------------------------------------------------------
    def get_buffer(self, sizehint: int) -> memoryview:
        return read_buffer(self.read_size)

    def buffer_updated(self, nbytes: int) -> None:
        ws = self._ws()
        before = len(self._pending)
        self._answering, self._pong_bytes = True, 0
        try:
            ws.data_received(bytes(read_buffer(self.read_size)[:nbytes]))
        finally:
            self._answering = False
        messages = len(self._pending) - before
        self.deliver()
        self.read_size = next_read_size(nbytes, self.read_size, messages)

    def _send_frame_unless_backlogged(self, frame: WsFrame) -> None:
        """websockets' ``Protocol.send_frame``, except for automatic pongs while the write
        buffer is over its high-water mark (see the module docstring)."""
        if not (self._answering and frame.opcode is _PONG):
            self._send_frame(frame)
            return
        transport = self._ws().transport
        backlog = transport.get_write_buffer_size() + self._pong_bytes
        if backlog > transport.get_write_buffer_limits()[1]:
            self._pongs_skipped += 1
            now = asyncio.get_running_loop().time()
            if now >= self._notice_at and self.on_error is not None:
                self._notice_at = now + PING_NOTICE_EVERY
                self.on_error(f"not answering pings while the peer does not read: {backlog} "
                              f"bytes wait to be sent ({self._pongs_skipped} pings unanswered)")
            return
        self._pong_bytes += len(frame.data) + 2
        self._send_frame(frame)

    # -- websockets' events -----------------------------------------------------------------
    def process_event(self, event: WsEvent) -> None:
        if not self._take(event):
            super().process_event(event)  # type: ignore[misc]

    def _ws(self) -> WsConnection:
        assert isinstance(self, WsConnection)
        return self

    def _take(self, event: WsEvent) -> bool:
        """Keep a data frame or a ping for the sink; False for what websockets handles.
        (Runs once per frame: the common case, a whole binary message, comes first.)"""
        if type(event) is not WsFrame:
            return False  # the opening handshake's request or response
        opcode = event.opcode
        if opcode is _BINARY and event.fin:
            if not self._invalid:
                self._pending.append((_IN_BINARY, bytes(event.data)))
            return True
        if opcode is _TEXT or opcode is _BINARY:
            kind = _IN_TEXT if opcode is _TEXT else _IN_BINARY
            if event.fin:
                self._message(kind, bytes(event.data))
            else:
                self._parts, self._parts_kind = bytearray(event.data), kind
            return True
        if opcode is _CONT:
            if self._parts is not None:
                self._parts += event.data
                if event.fin:
                    self._message(self._parts_kind, bytes(self._parts))
                    self._parts = None
            return True
        if opcode is _PING:
            self._pending.append((FrameKind.PING, bytes(event.data)))
        return False  # control frames: websockets answers pings and handles closes

    def _message(self, kind: FrameKind, payload: bytes) -> None:
        if self._invalid:
            return
        if kind is FrameKind.TEXT:
            try:
                payload.decode("utf-8")
            except UnicodeDecodeError as exc:
                self._fail_invalid(exc)
                return
        self._pending.append((kind, payload))

    def _fail_invalid(self, exc: UnicodeDecodeError) -> None:
        """What websockets' ``recv()`` does with invalid text: close 1007, then, if the peer
        does not close the TCP connection within ``close_timeout``, drop it."""
        self._invalid = True
        ws = self._ws()
        ws.set_connection_exc(exc)
        ws.protocol.fail(CloseCode.INVALID_DATA, f"{exc.reason} at position {exc.start}")
        ws.send_data()
        if ws.close_timeout is not None:
            asyncio.get_running_loop().call_later(ws.close_timeout, ws.transport.abort)

    # -- delivery -------------------------------------------------------------------------------
    def deliver(self) -> None:
        """Hand what was read to the sink.  While delivery is held (or there is no sink yet)
        messages wait here, and beyond ``HOLD_LIMIT`` of them the socket is not read; the
        peer's pings are still reported as they arrive."""
        pending = self._pending
        if not pending:
            return
        sink = self.sink
        if sink is not None and not self._held:
            self._pending = []
            sink(pending)
            return
        if sink is not None and any(kind is FrameKind.PING for kind, _ in pending):
            self._pending = [r for r in pending if r[0] is not FrameKind.PING]
            sink([r for r in pending if r[0] is FrameKind.PING])
        if len(self._pending) > HOLD_LIMIT:
            self._stop_reading()

    def hold(self, held: bool) -> None:
        """Hold delivery or resume it (what was held goes out on the next loop turn)."""
        self._held = held
        if not held:
            asyncio.get_running_loop().call_soon(self._resume)

    def start(self, sink: Sink) -> None:
        """Deliver from now on (what arrived with the handshake goes out on the next turn)."""
        self.sink = sink
        asyncio.get_running_loop().call_soon(self._resume)

    def _resume(self) -> None:
        if self._held or self.sink is None:
            return
        self.deliver()
        if self._stopped_reading:
            self._stopped_reading = False
            self._ws().transport.resume_reading()

    def _stop_reading(self) -> None:
        if not self._stopped_reading:
            self._stopped_reading = True
            self._ws().transport.pause_reading()


class ReportingClientConnection(BatchReading, ClientConnection, asyncio.BufferedProtocol):
    """websockets' client connection, delivering received frames in batches (see module)."""


# Every server-side connection by its websockets Server, from the moment its TCP connection
# is made, so that closing our server can drop clients stuck in the opening handshake.
SERVER_CONNECTIONS: weakref.WeakKeyDictionary[
    WsServer, weakref.WeakSet[ServerConnection]] = weakref.WeakKeyDictionary()


class ReportingServerConnection(BatchReading, ServerConnection, asyncio.BufferedProtocol):
    """The server side of :class:`ReportingClientConnection`."""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        SERVER_CONNECTIONS.setdefault(self.server, weakref.WeakSet()).add(self)

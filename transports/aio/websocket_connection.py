"""What WebSocket clients and accepted peers share: the read task, frame writing, closing.

Everything on the wire goes through the websockets library's asyncio connection (its sans-I/O
protocol underneath); nothing here parses or builds WebSocket frames.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable
from itertools import groupby
from operator import itemgetter

from websockets.asyncio.connection import Connection as WsConnection
from websockets.exceptions import ConcurrencyError, ConnectionClosed
from websockets.frames import CloseCode

from transports.aio.base import CLOSE_TIMEOUT, Connection
from transports.aio.sendqueue import Outgoing
from transports.aio.stream import reset_transport
from transports.aio.websocket_frames import (
    MAX_CLOSE_REASON,
    check_frame,
    close_payload,
    describe_close,
    parse_close,
)
from transports.aio.websocket_protocol import BatchReading, Received
from transports.errors import describe
from transports.frames import Address, Direction, Frame, FrameKind, FrameReceived, FrameSent
from transports.options import Options
from transports.state import State
from transports.url import Endpoint

# websockets gives up on the closing handshake before our own close() deadline does.
WS_CLOSE_TIMEOUT = CLOSE_TIMEOUT / 2


def _truncate_utf8(text: str, limit: int) -> str:
    return text.encode("utf-8")[:limit].decode("utf-8", "ignore")


class WebSocketConnection(Connection):
    """One open websockets connection: a client's, or a peer accepted by a server.

    Whole messages (text → TEXT with the UTF-8 bytes, binary → BINARY) and the peer's pings
    arrive from websockets' connection once per socket read, as one batch (see
    :mod:`transports.aio.websocket_protocol`).  While reading is paused they are held there and
    the socket is not read, which pushes back on the peer through TCP.  The ``read`` task only
    waits for the end of the connection.
    """

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        super().__init__(endpoint, options, conn_id=conn_id)
        self.subprotocol: str | None = None  # negotiated in the opening handshake
        self.extensions: tuple[str, ...] = ()  # e.g. ("permessage-deflate",)
        self._ws: WsConnection | None = None
        self._reading = asyncio.Event()
        self._reading.set()
        self._close_reason = ""
        self._logged_close_sent = False  # the close frames already in the event stream
        self._logged_close_rcvd = False

    # -- handshake results ------------------------------------------------------------------
    def _adopt(self, ws: WsConnection) -> None:
        """Take over an open websockets connection (after the opening handshake)."""
        self._ws = ws
        self._reading.set()
        self._logged_close_sent = self._logged_close_rcvd = False
        self.subprotocol = ws.subprotocol
        self.extensions = tuple(ext.name for ext in ws.protocol.extensions)
        remote = ws.remote_address
        self.peer_address = (str(remote[0]), int(remote[1])) if remote else None

    def _ping_received(self, payload: bytes) -> None:
        # Not through _received(): websockets already answered with a pong; no echo.
        self._emit(FrameReceived(Frame(payload, Direction.IN, self.id, time.time(),
                                       FrameKind.PING, self.peer_address)))

    def _deliver(self, received: list[Received]) -> None:
        """One read's messages and pings, in order: each run of one kind as one batch."""
        for kind, run in groupby(received, key=itemgetter(0)):
            if kind is FrameKind.PING:
                for _, payload in run:
                    self._ping_received(payload)
            else:
                self._received_many(list(map(itemgetter(1), run)), kind)

    def handshake_summary(self) -> str:
        """``subprotocol chat; permessage-deflate`` — what the opening handshake agreed."""
        parts = [f"subprotocol {self.subprotocol}" if self.subprotocol else "no subprotocol"]
        parts.extend(self.extensions)
        return "; ".join(parts)

    def _set_state(self, new: State, reason: str = "") -> None:
        if new is State.OPEN and not reason:
            reason = self.handshake_summary()
        super()._set_state(new, reason)

    def _started(self) -> None:
        super()._started()
        ws = self._ws
        if ws is None:
            return
        if isinstance(ws, BatchReading):
            ws.on_error = self._error
            ws.hold(not self._reading.is_set())
            ws.start(self._deliver)
        self._tasks.start(self._read_loop(ws), "read")

    # -- sending ----------------------------------------------------------------------------
    def default_kind(self, data: bytes | bytearray | memoryview | str) -> FrameKind:
        return FrameKind.TEXT if isinstance(data, str) else FrameKind.BINARY

    def _outgoing(self, payload: bytes, kind: FrameKind, peer: Address | int | None,
                  auto: bool = False) -> Outgoing:
        item = super()._outgoing(payload, kind, peer, auto)
        try:
            wire_kind = check_frame(payload, kind)
        except ValueError as exc:
            raise ValueError(f"{self.name}: {exc}") from None
        return item if wire_kind is kind else Outgoing(payload, wire_kind, item.peer, auto)

    async def _write(self, batch: list[Outgoing]) -> None:
        ws = self._ws
        assert ws is not None
        try:
            for item in batch:
                await self._write_one(ws, item)
        except ConnectionClosed as exc:
            self._ended(exc)  # the read task may be paused: report the end from here
            raise ConnectionError(describe_close(exc)[0]) from exc

    async def _write_one(self, ws: WsConnection, item: Outgoing) -> None:
        kind = item.kind
        if kind is FrameKind.TEXT:
            await ws.send(item.payload, text=True)
        elif kind is FrameKind.PING:
            try:
                waiter = await ws.ping(item.payload)
            except ConcurrencyError:
                self._error(f"ping {item.payload!r} not sent: a ping with the same payload is "
                            "still waiting for its pong")
                return
            self._tasks.start(self._await_pong(waiter, item.payload), "pong")
        elif kind is FrameKind.PONG:
            await ws.pong(item.payload)
        elif kind is FrameKind.CLOSE:
            close = parse_close(item.payload)
            self._logged_close_sent = True  # the write loop logs this frame as sent
            await ws.close(close.code, close.reason)
        else:
            await ws.send(item.payload)

    async def _await_pong(self, waiter: Awaitable[float], payload: bytes) -> None:
        limit = self.options.ping_timeout or 20.0
        try:
            async with asyncio.timeout(limit):
                await waiter
        except TimeoutError:
            self._error(f"no pong for ping {payload!r} within {limit:g} s")
            return
        except ConnectionClosed:
            return
        self._emit(FrameReceived(Frame(payload, Direction.IN, self.id, time.time(),
                                       FrameKind.PONG, self.peer_address)))

    # -- receiving --------------------------------------------------------------------------
    async def _read_loop(self, ws: WsConnection) -> None:
        """Messages reach ``recv()`` only if websockets bypassed our connection classes'
        ``process_event`` (kept working, unbatched); normally it ends with the connection."""
        reading = self._reading
        try:
            while True:
                message = await ws.recv()
                if not reading.is_set():  # paused while recv() waited: hold the message
                    await reading.wait()
                if isinstance(message, str):
                    # recv(decode=False) would skip UTF-8 validation (websockets validates
                    # text while decoding) and lose text vs binary; encoding back is cheap.
                    self._received(message.encode("utf-8"), FrameKind.TEXT)
                else:
                    self._received(message, FrameKind.BINARY)
        except ConnectionClosed as exc:
            if isinstance(ws, BatchReading):
                await reading.wait()  # what was held while paused comes before the end
                ws.deliver()
            self._ended(exc)
        except Exception as exc:  # never expected; end the connection rather than hang
            self._lost(exc, f"reading failed: {describe(exc)}")

    def _ended(self, exc: ConnectionClosed) -> None:
        """The WebSocket connection ended (close handshake, failure or lost TCP)."""
        if self._ws is not None:
            self._report_close_frames(self._ws)
        reason, failed = describe_close(exc)
        self._lost(exc, reason, failed=failed)

    def _report_close_frames(self, ws: WsConnection) -> None:
        """Log the close frames of the closing handshake once each, in wire order (§5.5.1)."""
        protocol = ws.protocol
        rcvd, sent = protocol.close_rcvd, protocol.close_sent
        now = time.time()
        events: list[FrameReceived | FrameSent] = []
        if sent is not None and not self._logged_close_sent:
            self._logged_close_sent = True
            events.append(FrameSent(Frame(close_payload(sent), Direction.OUT, self.id, now,
                                          FrameKind.CLOSE, self.peer_address)))
        if rcvd is not None and not self._logged_close_rcvd:
            self._logged_close_rcvd = True
            received = FrameReceived(Frame(close_payload(rcvd), Direction.IN, self.id, now,
                                           FrameKind.CLOSE, self.peer_address))
            events.insert(0 if protocol.close_rcvd_then_sent else len(events), received)
        for event in events:
            self._emit(event)

    # -- closing ----------------------------------------------------------------------------
    async def close(self, reason: str = "closed by user") -> None:
        self._close_reason = reason
        await super().close(reason)

    def _close_code(self) -> int:
        return CloseCode.NORMAL_CLOSURE

    async def _shutdown(self) -> None:
        ws = self._ws
        if ws is None:
            return
        # Deliver what is buffered so websockets reads on and sees the peer's close frame.
        self._reading.set()
        await ws.close(self._close_code(), _truncate_utf8(self._close_reason, MAX_CLOSE_REASON))
        self._report_close_frames(ws)

    def _abort(self) -> None:
        if self._ws is not None:
            self._ws.transport.abort()

    def _reset_transport(self) -> bool:
        return self._ws is not None and reset_transport(self._ws.transport)

    def _set_reading(self, on: bool) -> None:
        if on:
            self._reading.set()
        else:
            self._reading.clear()
        ws = self._ws
        if isinstance(ws, BatchReading):
            ws.hold(not on)

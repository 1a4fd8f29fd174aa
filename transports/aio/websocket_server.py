"""WebSocket server: listens on ``ws://host:port`` (or ``wss://``); each client is a peer."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from http import HTTPStatus
from typing import Any

from websockets.asyncio.server import Server as WsServer
from websockets.asyncio.server import ServerConnection, serve
from websockets.frames import CloseCode
from websockets.http11 import Request, Response
from websockets.protocol import State as WsState
from websockets.typing import Subprotocol

from transports.aio.base import CLOSE_TIMEOUT, Connection
from transports.aio.server import Server
from transports.aio.websocket_connection import WS_CLOSE_TIMEOUT, WebSocketConnection
from transports.aio.websocket_frames import check_frame
from transports.aio.websocket_protocol import SERVER_CONNECTIONS, ReportingServerConnection
from transports.credentials import shown_headers
from transports.errors import ConnectError
from transports.frames import Address, FrameKind, format_address
from transports.options import Options
from transports.state import State
from transports.url import Endpoint

RequestCheck = Callable[[ServerConnection, Request], Awaitable[Response | None] | Response | None]


class WebSocketPeer(WebSocketConnection):
    """One client accepted by a :class:`WebSocketServer`.  Its endpoint's path is the request
    path (with the query); :attr:`request_headers` holds the handshake request headers."""

    kind = "ws-peer"

    def __init__(self, server: WebSocketServer, ws: ServerConnection) -> None:
        remote = ws.remote_address
        address: Address = (str(remote[0]), int(remote[1]))
        request = ws.request
        path = request.path if request is not None else "/"
        super().__init__(Endpoint(server.endpoint.scheme, address[0], address[1], path),
                         server.options)
        self.request_headers: tuple[tuple[str, str], ...] = (
            tuple(request.headers.raw_items()) if request is not None else ())
        self.origin = request.headers.get("Origin", "") if request is not None else ""
        self.server_connection = ws  # websockets' connection (its handshake request/response)
        self._adopt(ws)

    @property
    def name(self) -> str:
        return f"{self.parent.name if self.parent else ''} ← {self.url}"

    def accepted(self) -> None:
        self._set_state(State.CONNECTING)
        self._started()

    async def _connect(self) -> None:
        raise ConnectError("an accepted WebSocket peer cannot be reopened; the client reconnects")

    def _close_code(self) -> int:
        if self.parent is not None and self.parent.state is State.CLOSING:
            return CloseCode.GOING_AWAY
        return CloseCode.NORMAL_CLOSURE


class WebSocketServer(Server):
    """Accepts WebSocket clients.  Options used: subprotocols (supported ones, in order of
    preference), compression, ping_interval, ping_timeout, max_message_size, echo,
    connect_timeout (for the opening handshake), tls (for ``wss://``)."""

    kind = "ws-server"

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        super().__init__(endpoint, options, conn_id=conn_id)
        self._server: WsServer | None = None
        self._stopping: WsServer | None = None  # closed, its handlers may still be returning

    # -- listening --------------------------------------------------------------------------
    async def _connect(self) -> None:
        opts = self.options
        extra: dict[str, Any] = {}
        if self.endpoint.scheme.secure:
            extra["ssl"] = opts.tls.server_context()
        self._server = await serve(
            self._handle, self.endpoint.host, self.endpoint.port,
            select_subprotocol=self._select_subprotocol,
            compression="deflate" if opts.compression else None,
            open_timeout=self._handshake_timeout(),
            ping_interval=opts.ping_interval,
            ping_timeout=opts.ping_timeout,
            close_timeout=WS_CLOSE_TIMEOUT,
            max_size=opts.max_message_size,
            create_connection=ReportingServerConnection,
            process_request=self._request_check(),
            reuse_address=True,
            **extra,
        )
        port = self._server.sockets[0].getsockname()[1]
        self.endpoint = self.endpoint.with_port(int(port))

    def _started(self) -> None:
        self._set_state(State.OPEN)

    def _handshake_timeout(self) -> float:
        """How long a client has to complete its opening handshake."""
        return self.options.connect_timeout

    def _request_check(self) -> RequestCheck | None:
        """What websockets runs on each handshake request before answering it (None: accept
        every request; an HTTP error :class:`Response` refuses it)."""
        return self._check_origin if self.options.allowed_origins else None

    def _select_subprotocol(self, ws: ServerConnection,
                            offered: Sequence[Subprotocol]) -> Subprotocol | None:
        """The first of our subprotocols that the client offers; none (and the connection is
        still accepted, so a tester sees it) when nothing matches."""
        for name in self.options.subprotocols:
            if name in offered:
                return Subprotocol(name)
        return None

    async def _handle(self, ws: ServerConnection) -> None:
        """websockets' connection handler: runs for the whole life of the peer."""
        peer = WebSocketPeer(self, ws)
        if not self._add_peer(peer):
            if self.state is State.OPEN:
                await ws.close(CloseCode.TRY_AGAIN_LATER, "too many peers")
            else:
                await ws.close(CloseCode.GOING_AWAY, "server closed")
            return
        peer.accepted()
        try:
            await peer.wait_closed()
        except asyncio.CancelledError:
            ws.transport.abort()
            raise

    def _check_origin(self, ws: ServerConnection, request: Request) -> Response | None:
        """Refuse (HTTP 403, and an error event naming the client) an Origin that is not in
        ``options.allowed_origins``."""
        origin = request.headers.get("Origin", "")
        if origin in self.options.allowed_origins:
            return None
        remote = ws.remote_address
        who = format_address((str(remote[0]), int(remote[1]))) if remote else "a client"
        shown = f"Origin {origin!r}" if origin else "no Origin header"
        self._error(f"refused {who}: {shown} is not in allowed_origins")
        return ws.respond(HTTPStatus.FORBIDDEN, "Origin not allowed\n")

    def _peer_info(self, peer: Connection) -> dict[str, str]:
        if not isinstance(peer, WebSocketPeer):
            return {}
        return {
            "path": peer.endpoint.path,
            "origin": peer.origin,
            "subprotocol": peer.subprotocol or "",
            "extensions": ", ".join(peer.extensions),
            "headers": shown_headers(peer.request_headers),  # credential values masked
        }

    # -- sending ----------------------------------------------------------------------------
    def default_kind(self, data: bytes | bytearray | memoryview | str) -> FrameKind:
        return FrameKind.TEXT if isinstance(data, str) else FrameKind.BINARY

    def _check_frame(self, data: bytes | bytearray | memoryview | str,
                     kind: FrameKind | None) -> FrameKind:
        chosen = kind or self.default_kind(data)
        try:
            check_frame(self.encode(data), chosen)
        except ValueError as exc:
            raise ValueError(f"{self.name}: {exc}") from None
        return chosen

    # -- closing ----------------------------------------------------------------------------
    async def close(self, reason: str = "closed by user") -> None:
        await super().close(reason)
        stopping, self._stopping = self._stopping, None
        if stopping is not None:
            # A client still in its opening handshake (e.g. a raw TCP client that never sends
            # a complete HTTP request) would hold its socket until open_timeout: drop it now.
            for connection in list(SERVER_CONNECTIONS.get(stopping, ())):
                if connection.protocol.state is WsState.CONNECTING:
                    connection.transport.abort()
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await stopping.wait_closed()  # every handler has returned
            except TimeoutError:
                self._error("some WebSocket handlers did not finish after the server closed")

    async def _stop_listening(self) -> None:
        if self._server is not None:
            # Peers are closed by Server.close (code 1001); handshakes in progress get HTTP 503.
            self._server.close(close_connections=False)
            self._stopping, self._server = self._server, None

    async def _shutdown(self) -> None:
        await self._stop_listening()

    def _abort(self) -> None:
        if self._server is not None:
            self._server.close()
            self._stopping, self._server = self._server, None

"""WebSocket client: ``ws://host:port/path?query`` and ``wss://``, through websockets."""

from __future__ import annotations

from typing import Any

from websockets.asyncio.client import connect
from websockets.exceptions import (
    InvalidHandshake,
    InvalidMessage,
    InvalidStatus,
    InvalidUpgrade,
    InvalidURI,
)
from websockets.http11 import Response
from websockets.typing import Origin, Subprotocol

from transports.aio.websocket_connection import WS_CLOSE_TIMEOUT, WebSocketConnection
from transports.aio.websocket_protocol import ReportingClientConnection
from transports.errors import ConnectError


class WebSocketClient(WebSocketConnection):
    """Connects to a WebSocket server.  Options used: headers, subprotocols, origin,
    compression, ping_interval, ping_timeout, max_message_size, tls (for ``wss://``).

    After the opening handshake :attr:`subprotocol` holds the negotiated subprotocol (it is
    also in the OPEN StateChanged reason) and :attr:`response_headers` the server's headers.
    When the server refused the handshake with an HTTP status other than 101,
    :attr:`refusal` holds its response (status, headers, body) until the next attempt.
    """

    kind = "ws-client"
    response_headers: tuple[tuple[str, str], ...] = ()
    refusal: Response | None = None

    async def _connect(self) -> None:
        self._ws = None
        self.refusal = None
        opts = self.options
        extra: dict[str, Any] = {}
        if self.endpoint.scheme.secure:
            extra["ssl"] = opts.tls.client_context()
            if opts.tls.server_name:
                extra["server_hostname"] = opts.tls.server_name
        try:
            ws = await connect(
                self.endpoint.url,
                origin=Origin(opts.origin) if opts.origin else None,
                subprotocols=[Subprotocol(p) for p in opts.subprotocols] or None,
                compression="deflate" if opts.compression else None,
                additional_headers=list(opts.headers) or None,
                proxy=None,  # connect where the URL says; a tester must not detour silently
                open_timeout=None,  # the base applies connect_timeout to the whole attempt
                ping_interval=opts.ping_interval,
                ping_timeout=opts.ping_timeout,
                close_timeout=WS_CLOSE_TIMEOUT,
                max_size=opts.max_message_size,
                create_connection=ReportingClientConnection,
                **extra,
            )
        except InvalidStatus as exc:
            self.refusal = exc.response
            status = exc.response.status_code
            answer = f"HTTP {status} {exc.response.reason_phrase}".rstrip()
            if status < 400:
                raise ConnectError(f"the server answered {answer} instead of 101 Switching "
                                   "Protocols (is this a WebSocket endpoint?)") from exc
            raise ConnectError(f"server rejected the WebSocket handshake: {answer}") from exc
        except InvalidURI as exc:
            raise ConnectError(f"invalid WebSocket URL: {exc}") from exc
        except InvalidMessage as exc:
            raise ConnectError("no valid HTTP response to the WebSocket handshake (is this a "
                               f"WebSocket server?): {exc.__cause__ or exc}") from exc
        except InvalidUpgrade as exc:
            raise ConnectError("the server did not upgrade to WebSocket (is this a WebSocket "
                               f"server?): {exc}") from exc
        except InvalidHandshake as exc:
            raise ConnectError(f"WebSocket handshake failed: {exc}") from exc
        response = ws.response
        self.response_headers = tuple(response.headers.raw_items()) if response else ()
        self._adopt(ws)

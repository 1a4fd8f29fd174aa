"""The listening side of a WebSocket relay: a reverse proxy's opening handshake.

Like nginx's ``proxy_pass`` or mitmproxy's reverse mode, each client's upstream connection
asks for what the client asked for, and the client learns what the upstream server answered:

- the request path and query are forwarded, the upstream URL's path being a prefix
  (:func:`upstream_path`);
- the subprotocols the client offers (``Sec-WebSocket-Protocol``) are offered upstream, and
  the client gets the one the upstream server chose (or none, if it chose none);
- the client's end-to-end request headers (Authorization, Cookie, Origin, User-Agent, X-…)
  are sent upstream, the relay's own ``headers`` option winning over a client header of the
  same name (:mod:`transports.relay.ws_headers`).

So the upstream connection is opened while the client waits for its handshake response
(websockets' ``process_request`` may await).  If the upstream answers the handshake with an
HTTP status other than 101 (401, 403, 404 …), the client gets that status with the upstream's
headers and body (:func:`~transports.relay.ws_headers.refusal_response`); if it cannot be
reached or does not answer in time, the client gets ``HTTP 502 Bad Gateway`` with the reason
in the body.  Either way the relay's events name the pair and the upstream URL (credential
query values masked).  The open upstream connection waits here, reading paused,
until the client's handshake has completed and the relay has made the pair
(:meth:`RelayWebSocketServer.claim`); if the client goes away first, it is closed.
"""

from __future__ import annotations

import asyncio
import dataclasses
from http import HTTPStatus
from typing import TYPE_CHECKING

from websockets.asyncio.server import ServerConnection
from websockets.exceptions import InvalidHeader
from websockets.headers import parse_subprotocol
from websockets.http11 import Request, Response
from websockets.typing import Subprotocol

from transports.aio.base import Connection
from transports.aio.websocket_client import WebSocketClient
from transports.aio.websocket_connection import WebSocketConnection
from transports.aio.websocket_server import RequestCheck, WebSocketPeer, WebSocketServer
from transports.credentials import shown_url
from transports.errors import ConnectError
from transports.frames import format_address
from transports.options import Options
from transports.relay.ws_headers import refusal_response, upstream_request_headers
from transports.state import State
from transports.url import Endpoint

if TYPE_CHECKING:
    from collections.abc import Sequence

    from transports.relay.relay import Relay


def upstream_path(base: str, requested: str) -> str:
    """The path and query an upstream connection asks for.

    ``base`` (the upstream URL's path, maybe with a query) is a prefix of the client's
    ``requested`` path: ``/base`` + ``/x/y?q=1`` → ``/base/x/y?q=1``.  A base of ``/`` passes
    the client's path on verbatim; a client asking for ``/`` gets the base itself (not
    ``/base/``).  A query in both comes out as the base's, then the client's.
    """
    base_path, _, base_query = base.partition("?")
    path, _, query = requested.partition("?")
    if not path.startswith("/"):
        path = "/" + path
    if base_path in ("", "/"):
        joined = path
    elif path == "/":
        joined = base_path
    else:
        joined = base_path.rstrip("/") + path
    queries = [q for q in (base_query, query) if q]
    return joined + ("?" + "&".join(queries) if queries else "")


def offered_subprotocols(request: Request) -> tuple[str, ...]:
    """The subprotocols a handshake request offers, in order (InvalidHeader if malformed)."""
    return tuple(name for value in request.headers.get_all("Sec-WebSocket-Protocol")
                 for name in parse_subprotocol(value))


def _asks_for_websocket(request: Request) -> bool:
    """The request asks for a WebSocket upgrade (websockets checks the rest when it accepts)."""
    headers = request.headers
    return ("websocket" in headers.get("Upgrade", "").lower()
            and "Sec-WebSocket-Key" in headers)


class RelayWebSocketServer(WebSocketServer):
    """A :class:`WebSocketServer` that opens each client's upstream connection for ``relay``
    before it answers the client's opening handshake."""

    def __init__(self, endpoint: Endpoint, options: Options, relay: Relay) -> None:
        super().__init__(endpoint, options)
        self.relay = relay
        self._pending: dict[ServerConnection, tuple[int, Connection]] = {}  # open, unclaimed
        self._opening = 0  # upstream connections being opened

    def _handshake_timeout(self) -> float:
        # The client's request, then the upstream's own handshake (connect_timeout each).
        return 2 * self.options.connect_timeout

    def _request_check(self) -> RequestCheck:
        return self._open_upstream_first

    async def _open_upstream_first(self, ws: ServerConnection,
                                   request: Request) -> Response | None:
        if self.options.allowed_origins:
            refused = self._check_origin(ws, request)
            if refused is not None:
                return refused
        if not _asks_for_websocket(request):
            return None  # websockets refuses it (426 / 400); no upstream is opened for it
        relay = self.relay
        if relay.state is not State.OPEN:
            return ws.respond(HTTPStatus.SERVICE_UNAVAILABLE, "The relay is closing.\n")
        limit = self.options.max_peers
        if len(relay.pairs) + len(self._pending) + self._opening >= limit:
            remote = ws.remote_address
            who = format_address((str(remote[0]), int(remote[1]))) if remote else "a client"
            relay._note(f"refused {who}: max_peers ({limit}) pairs reached")
            return ws.respond(HTTPStatus.SERVICE_UNAVAILABLE,
                              f"The relay has max_peers ({limit}) clients.\n")
        try:
            offered = offered_subprotocols(request)
        except InvalidHeader as exc:
            return ws.respond(HTTPStatus.BAD_REQUEST, f"Bad Sec-WebSocket-Protocol: {exc}\n")
        target = dataclasses.replace(relay.upstream,
                                     path=upstream_path(relay.upstream.path, request.path))
        own = relay.upstream_options
        headers = upstream_request_headers(request.headers, own.headers,
                                           own_origin=bool(own.origin))
        options = dataclasses.replace(own, subprotocols=offered, headers=headers)
        pair_id, upstream = relay._new_upstream(target, options)
        upstream.pause_reading(self)  # until the pair exists: nothing it says is lost
        self._opening += 1
        wait = self.options.connect_timeout  # answered before the client's handshake ends
        try:
            async with asyncio.timeout(wait):
                await upstream.open()
        except (ConnectError, TimeoutError) as exc:
            if isinstance(exc, TimeoutError):
                reason = f"timed out after {wait:g} s"
                relay._start(upstream.close(reason), f"close#{upstream.id}")
            else:
                reason = upstream.reason or "could not connect"
            shown = shown_url(target.url)
            refusal = upstream.refusal if isinstance(upstream, WebSocketClient) else None
            if refusal is not None and refusal.status_code >= 200:
                code = refusal.status_code
                relay._note(f"pair {pair_id}: upstream {shown} refused the handshake with "
                            f"HTTP {code} (passed on to the client)")
                return refusal_response(refusal, f"{relay.name}: upstream {shown} answered "
                                                 f"HTTP {code}")
            relay._note(f"pair {pair_id}: upstream {shown} failed: {reason} (the client "
                        "got HTTP 502)")
            return ws.respond(HTTPStatus.BAD_GATEWAY,
                              f"Bad gateway: the relay's upstream {shown} failed: "
                              f"{reason}\n")
        except asyncio.CancelledError:  # the client's handshake timed out
            relay._start(upstream.close("the client's opening handshake timed out"),
                         f"close#{upstream.id}")
            raise
        finally:
            self._opening -= 1
        if relay.state is not State.OPEN:
            relay._start(upstream.close("the relay is closing"), f"close#{upstream.id}")
            return ws.respond(HTTPStatus.SERVICE_UNAVAILABLE, "The relay is closing.\n")
        self._pending[ws] = (pair_id, upstream)
        if ws.connection_lost_waiter.done():
            self._unclaimed(ws)
            return None  # nobody to answer
        ws.connection_lost_waiter.add_done_callback(lambda _: self._unclaimed(ws))
        return None

    def _select_subprotocol(self, ws: ServerConnection,
                            offered: Sequence[Subprotocol]) -> Subprotocol | None:
        """The subprotocol the upstream server chose (always one the client offered)."""
        pending = self._pending.get(ws)
        upstream = pending[1] if pending is not None else None
        chosen = upstream.subprotocol if isinstance(upstream, WebSocketConnection) else None
        return Subprotocol(chosen) if chosen is not None and chosen in offered else None

    def claim(self, peer: WebSocketPeer) -> tuple[int, Connection] | None:
        """The pair id and open upstream connection prepared for ``peer`` (once)."""
        return self._pending.pop(peer.server_connection, None)

    def _unclaimed(self, ws: ServerConnection) -> None:
        """The client's connection ended: close its upstream if no pair took it."""
        pending = self._pending.pop(ws, None)
        if pending is None:
            return
        pair_id, upstream = pending
        self.relay._note(f"pair {pair_id}: the client left during its opening handshake; "
                         "closing the upstream connection")
        self.relay._start(upstream.close("the client left during its opening handshake"),
                          f"close#{upstream.id}")

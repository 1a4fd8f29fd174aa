"""The HTTP headers a WebSocket relay passes on, each way, as a reverse proxy does.

- Upstream (:func:`upstream_request_headers`): the client's end-to-end request headers
  (Authorization, Cookie, Origin, User-Agent, X-…), in the client's order, then the relay's
  own ``headers`` option, which wins over a client header of the same name.  Hop-by-hop and
  handshake headers are never forwarded (:func:`is_hop_by_hop`): websockets writes its own
  Host, Connection, Upgrade, Sec-WebSocket-Key/-Version/-Extensions, and the subprotocols are
  offered through the ``subprotocols`` option.
- Back to the client (:func:`refusal_response`): when the upstream answers the opening
  handshake with an HTTP status other than 101, the client gets that status, the upstream's
  end-to-end headers (but the relay's own Date and Server) and its body (at most
  :data:`MAX_REFUSAL_BODY` bytes), plus ``Via`` and a ``Sockscope-Relay`` header saying which
  relay and upstream answered.
"""

from __future__ import annotations

import email.utils
from collections.abc import Sequence
from http import HTTPStatus

from websockets.datastructures import Headers
from websockets.http11 import Response

MAX_REFUSAL_BODY = 64 * 1024  # bytes of an upstream's refusal body passed on to the client
RELAY_HEADER = "Sockscope-Relay"  # added to a refusal passed on: which relay/upstream answered

# RFC 9110 §7.6.1 hop-by-hop headers, the framing ones, and the WebSocket handshake's own.
_HOP_BY_HOP = frozenset({
    "host", "connection", "upgrade", "keep-alive", "te", "trailer", "transfer-encoding",
    "content-length", "sec-websocket-key", "sec-websocket-version", "sec-websocket-accept",
    "sec-websocket-extensions", "sec-websocket-protocol",
})


def _connection_tokens(headers: Headers) -> frozenset[str]:
    """Header names the ``Connection`` header lists: hop-by-hop for this message only."""
    return frozenset(token.strip().lower() for value in headers.get_all("Connection")
                     for token in value.split(",") if token.strip())


def is_hop_by_hop(name: str, listed: frozenset[str] = frozenset()) -> bool:
    """A header a proxy must not pass on: hop-by-hop (or named in ``Connection``, ``listed``),
    ``Proxy-*``, framing, or one of the WebSocket handshake's own."""
    lowered = name.strip().lower()
    return lowered in _HOP_BY_HOP or lowered.startswith("proxy-") or lowered in listed


def forwarded_request_headers(headers: Headers) -> tuple[tuple[str, str], ...]:
    """The client's end-to-end request headers, in order (repeated ones kept)."""
    listed = _connection_tokens(headers)
    return tuple((name, value) for name, value in headers.raw_items()
                 if not is_hop_by_hop(name, listed))


def upstream_request_headers(client: Headers, own: Sequence[tuple[str, str]], *,
                             own_origin: bool) -> tuple[tuple[str, str], ...]:
    """What the upstream connection's ``headers`` option becomes for one client: its forwarded
    headers, without those the relay sets itself (a name in ``own``; ``Origin`` when the relay
    has its own ``origin`` option, ``own_origin``), then ``own``."""
    overridden = {name.strip().lower() for name, _ in own}
    if own_origin:
        overridden.add("origin")
    kept = tuple((name, value) for name, value in forwarded_request_headers(client)
                 if name.lower() not in overridden)
    return kept + tuple(own)


def _ascii_phrase(code: int, phrase: str) -> str:
    if phrase and phrase.isascii() and phrase.isprintable():
        return phrase
    try:
        return HTTPStatus(code).phrase
    except ValueError:
        return ""


def refusal_response(upstream: Response, note: str) -> Response:
    """The response the client gets when the upstream refused its handshake with ``upstream``
    (a status other than 101): the same status and reason phrase, the upstream's end-to-end
    headers, its body cut to :data:`MAX_REFUSAL_BODY` bytes, ``Via: 1.1 sockscope`` and
    ``Sockscope-Relay: <note>`` (``note`` must be ASCII: say what answered, not the body)."""
    listed = _connection_tokens(upstream.headers)
    body = bytes(upstream.body[:MAX_REFUSAL_BODY])
    # as nginx does, the relay's own Date and Server (websockets adds it) replace the upstream's
    headers = Headers((name, value) for name, value in upstream.headers.raw_items()
                      if not is_hop_by_hop(name, listed)
                      and name.lower() not in ("date", "server"))
    headers["Date"] = email.utils.formatdate(usegmt=True)
    cut = len(upstream.body) - len(body)
    if cut:
        note += f"; body cut to {len(body)} of {len(upstream.body)} bytes"
    headers["Via"] = "1.1 sockscope"
    headers[RELAY_HEADER] = note
    headers["Content-Length"] = str(len(body))
    headers["Connection"] = "close"
    code = upstream.status_code
    return Response(code, _ascii_phrase(code, upstream.reason_phrase), headers, body)

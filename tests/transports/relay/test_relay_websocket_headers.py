"""A WebSocket relay passes HTTP headers on as a reverse proxy does: aiohttp's client (or a
bare HTTP request) ↔ relay ↔ a websockets server that records the request headers it got, or
refuses the handshake with a status, headers and a body of its own.

- the client's end-to-end request headers reach the upstream; hop-by-hop and handshake
  headers do not; the relay's own ``headers``/``origin`` options win over the client's;
- ``allowed_origins`` is checked before anything is forwarded;
- an upstream's refusal (401, 403, 404) reaches the client with its status, headers and body
  (cut to 64 KiB), plus ``Via`` and ``Sockscope-Relay``; a dead upstream still gives 502;
- credential values never appear in an event in plain text.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from http import HTTPStatus

import aiohttp
import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.datastructures import Headers
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tests.transports.conftest import Runner, free_port
from tests.transports.relay.conftest import Sides, eventually
from transports.frames import ErrorEvent, PeerAdded
from transports.options import Options
from transports.relay import Relay
from transports.relay.ws_headers import MAX_REFUSAL_BODY, RELAY_HEADER

TOKEN = "Bearer s3cr3t-t0ken"
COOKIE = "session=c00kie-value"
KEY = "dGhlIHNhbXBsZSBub25jZQ=="


class Upstream:
    """A websockets server that records each handshake's headers; ``refuse`` (status, headers,
    body) makes it answer every handshake with that instead."""

    def __init__(self) -> None:
        self.seen: list[Headers] = []
        self.refuse: Response | None = None

    def check(self, ws: ServerConnection, request: Request) -> Response | None:
        self.seen.append(request.headers)
        return self.refuse

    async def handler(self, ws: ServerConnection) -> None:
        try:
            async for message in ws:
                await ws.send(message)
        except ConnectionClosed:
            pass

    @asynccontextmanager
    async def serving(self) -> AsyncIterator[str]:
        async with serve(self.handler, "127.0.0.1", 0, process_request=self.check) as server:
            yield f"ws://127.0.0.1:{server.sockets[0].getsockname()[1]}/api"


@asynccontextmanager
async def relaying(upstream: str, options: Options | None = None,
                   upstream_options: Options | None = None,
                   ) -> AsyncIterator[tuple[Relay, Sides, int]]:
    relay = Relay("ws://127.0.0.1:0/", upstream, options, upstream_options)
    sides = Sides(relay)
    await relay.open()
    try:
        yield relay, sides, relay.endpoint.port
    finally:
        await relay.close()


async def handshake(port: int, lines: list[str], path: str = "/feed") -> tuple[str, Headers,
                                                                                bytes]:
    """A bare upgrade request with extra header ``lines``: the answer's status line, headers
    and body (up to EOF: the relay closes after a refusal)."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    head = [f"GET {path} HTTP/1.1", "Host: relay.test", "Upgrade: websocket",
            "Connection: Upgrade", f"Sec-WebSocket-Key: {KEY}", "Sec-WebSocket-Version: 13",
            *lines]
    writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1"))
    status = (await reader.readline()).decode().rstrip()
    headers = Headers()
    while (line := (await reader.readline()).decode("latin-1").rstrip("\r\n")):
        name, _, value = line.partition(":")
        headers[name] = value.strip()
    body = b"" if status.startswith("HTTP/1.1 101") else await reader.read()
    writer.close()
    await writer.wait_closed()
    return status, headers, body


def test_end_to_end_headers_reach_the_upstream_hop_by_hop_ones_do_not(run: Runner[None]) -> None:
    upstream = Upstream()

    async def main() -> None:
        async with upstream.serving() as url, relaying(url) as (relay, sides, port):
            status, _, _ = await handshake(port, [
                f"Authorization: {TOKEN}", f"Cookie: {COOKIE}", "Cookie: theme=dark",
                "Origin: https://app.example", "User-Agent: test-agent/1.0",
                "X-Request-Id: 42", "Accept-Language: zh-CN",
                # hop-by-hop: none of these may reach the upstream
                "Connection: keep-alive, X-Hop", "X-Hop: private", "Keep-Alive: timeout=5",
                "TE: trailers", "Trailer: X-Checksum", "Proxy-Authorization: Basic cHJveHk=",
                "Proxy-Connection: keep-alive", "Sec-WebSocket-Extensions: x-made-up",
            ])
            assert status == "HTTP/1.1 101 Switching Protocols"
            await eventually(lambda: relay.pairs)
            (got,) = upstream.seen
            names = [name.lower() for name, _ in got.raw_items()]
            forwarded = [(n, v) for n, v in got.raw_items() if n.lower() not in (
                "host", "upgrade", "connection", "sec-websocket-key", "sec-websocket-version",
                "sec-websocket-extensions")]
            assert forwarded == [
                ("Authorization", TOKEN), ("Cookie", COOKIE), ("Cookie", "theme=dark"),
                ("Origin", "https://app.example"), ("User-Agent", "test-agent/1.0"),
                ("X-Request-Id", "42"), ("Accept-Language", "zh-CN")]
            for absent in ("x-hop", "keep-alive", "te", "trailer", "proxy-authorization",
                           "proxy-connection"):
                assert absent not in names, absent
            # the upstream handshake is the relay's own, not the client's
            assert got["Host"] == url.removeprefix("ws://").removesuffix("/api")
            assert got["Sec-WebSocket-Key"] != KEY
            assert got["Connection"] == "Upgrade" and names.count("connection") == 1
            assert "x-made-up" not in got.get("Sec-WebSocket-Extensions", "")
            # credentials never appear in plain text in an event; the upstream's announcement
            # shows what it sent, masked
            text = "\n".join(repr(e) for e in sides.events)
            assert "s3cr3t" not in text and "c00kie" not in text
            (shown,) = [e.info["headers"] for e in sides.events if isinstance(e, PeerAdded)
                        and e.info.get("relay") == "upstream"]
            assert f"Authorization: •••• ({len(TOKEN)} characters withheld)" in shown
            assert "X-Request-Id: 42" in shown.splitlines()

    run(main())


def test_the_relays_own_headers_and_origin_win(run: Runner[None]) -> None:
    upstream = Upstream()

    async def main() -> None:
        own = Options(headers=(("X-Api-Key", "relay-key"), ("User-Agent", "relay-agent")),
                      origin="https://relay.example")
        async with upstream.serving() as url, relaying(url, upstream_options=own) as (
                relay, _, port), aiohttp.ClientSession() as session:
            async with session.ws_connect(
                    f"http://127.0.0.1:{port}/x", origin="https://app.example",
                    headers={"X-Api-Key": "client-key", "User-Agent": "client-agent",
                             "X-Trace": "t1"}) as ws:
                await ws.send_str("hi")
                assert (await ws.receive()).data == "hi"
            (got,) = upstream.seen
            assert got.get_all("X-Api-Key") == ["relay-key"]
            assert got.get_all("User-Agent") == ["relay-agent"]
            assert got.get_all("Origin") == ["https://relay.example"]
            assert got.get_all("X-Trace") == ["t1"]
            await eventually(lambda: not relay.pairs)

    run(main())


def test_allowed_origins_is_checked_before_anything_is_forwarded(run: Runner[None]) -> None:
    upstream = Upstream()

    async def main() -> None:
        guarded = Options(allowed_origins=("https://ok.example",))
        async with upstream.serving() as url, relaying(url, guarded) as (relay, _, port):
            status, _, _ = await handshake(port, ["Origin: https://evil.example",
                                                  f"Authorization: {TOKEN}"])
            assert status == "HTTP/1.1 403 Forbidden"
            assert upstream.seen == []  # no upstream connection was even opened
            status, _, _ = await handshake(port, ["Origin: https://ok.example"])
            assert status == "HTTP/1.1 101 Switching Protocols"
            await eventually(lambda: upstream.seen)
            assert upstream.seen[0].get_all("Origin") == ["https://ok.example"]
            await eventually(lambda: relay.pairs)

    run(main())


@pytest.mark.parametrize("status", [HTTPStatus.UNAUTHORIZED, HTTPStatus.FORBIDDEN,
                                    HTTPStatus.NOT_FOUND])
def test_an_upstream_refusal_reaches_the_client(run: Runner[None], status: HTTPStatus) -> None:
    upstream = Upstream()
    body = b'{"error": "token expired", "code": %d}' % status.value
    upstream.refuse = Response(status.value, status.phrase, Headers([
        ("Date", "Thu, 01 Jan 1970 00:00:00 GMT"), ("Server", "upstream/1.0"),
        ("WWW-Authenticate", 'Bearer realm="api"'), ("Content-Type", "application/json"),
        ("Content-Length", str(len(body))), ("Connection", "close"), ("X-Upstream", "yes"),
    ]), body)

    async def main() -> None:
        async with upstream.serving() as url, relaying(url) as (relay, sides, port):
            got, headers, answer = await handshake(port, [f"Authorization: {TOKEN}"],
                                                   path="/feed?room=1")
            assert got == f"HTTP/1.1 {status.value} {status.phrase}"
            assert answer == body
            assert headers["WWW-Authenticate"] == 'Bearer realm="api"'
            assert headers["Content-Type"] == "application/json"
            assert headers["X-Upstream"] == "yes"
            assert headers["Content-Length"] == str(len(body))
            assert headers["Via"] == "1.1 sockscope"
            assert len(headers.get_all("Server")) == 1 and len(headers.get_all("Date")) == 1
            assert "1970" not in headers["Date"]  # the relay's own, as nginx does
            assert headers[RELAY_HEADER] == (f"{relay.name}: upstream {url}/feed?room=1 "
                                             f"answered HTTP {status.value}")
            async with aiohttp.ClientSession() as session:  # an independent client agrees
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(f"http://127.0.0.1:{port}/feed")
            assert refused.value.status == status.value
            errors = [e.message for e in sides.events if isinstance(e, ErrorEvent)]
            assert any("pair 1:" in m and f"HTTP {status.value}" in m and "passed on" in m
                       for m in errors), errors
            assert not relay.pairs and not relay.peers

    run(main())


def test_a_long_refusal_body_is_cut_to_64_kib(run: Runner[None]) -> None:
    upstream = Upstream()
    body = bytes(range(256)) * 400  # 102,400 bytes
    upstream.refuse = Response(403, "Forbidden", Headers([
        ("Content-Length", str(len(body)))]), body)

    async def main() -> None:
        async with upstream.serving() as url, relaying(url) as (_, _, port):
            got, headers, answer = await handshake(port, [])
            assert got == "HTTP/1.1 403 Forbidden"
            assert answer == body[:MAX_REFUSAL_BODY] and len(answer) == 65536
            assert headers["Content-Length"] == "65536"
            assert headers[RELAY_HEADER].endswith("; body cut to 65536 of 102400 bytes")

    run(main())


def test_a_dead_upstream_still_gives_502(run: Runner[None]) -> None:
    async def main() -> None:
        closed = free_port()
        async with relaying(f"ws://127.0.0.1:{closed}/") as (relay, _, port):
            got, headers, answer = await handshake(port, [f"Authorization: {TOKEN}"])
            assert got == "HTTP/1.1 502 Bad Gateway"
            assert RELAY_HEADER not in headers
            assert b"refused" in answer.lower()
            assert not relay.pairs and not relay.peers

    run(main())

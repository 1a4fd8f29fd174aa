"""A WebSocket relay behaves like a reverse proxy: aiohttp's client ↔ relay ↔ a websockets
server that tells what it was asked for.  The client's path and query reach the upstream (the
upstream URL's path is a prefix), the client's subprotocols are offered upstream and the client
gets the one the server chose, an upstream that refuses the handshake passes its HTTP status on
to the client, and an unreachable or silent upstream gives the client HTTP 502 with the reason,
while the relay's events name the pair and the upstream URL.  (Headers and refusals in detail:
test_relay_websocket_headers.py.)"""

from __future__ import annotations

import asyncio
import json
import ssl
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from http import HTTPStatus
from typing import Any

import aiohttp
import pytest
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed
from websockets.http11 import Request, Response

from tests.transports.conftest import Runner, TlsFiles, free_port
from tests.transports.relay.conftest import Sides, eventually
from transports.frames import Direction, ErrorEvent, FrameKind, PeerAdded
from transports.options import Options, TlsOptions
from transports.relay import Relay
from transports.relay.websocket import upstream_path


@pytest.mark.parametrize(("base", "requested", "expected"), [
    ("/", "/x/y?q=1", "/x/y?q=1"),
    ("", "/x", "/x"),
    ("/base", "/x/y?q=1", "/base/x/y?q=1"),
    ("/base/", "/x", "/base/x"),
    ("/base", "/", "/base"),
    ("/base", "/?q=1", "/base?q=1"),
    ("/base?token=t", "/x?q=1", "/base/x?token=t&q=1"),
    ("/?token=t", "/", "/?token=t"),
])
def test_upstream_path_is_prefix_then_client_path(base: str, requested: str,
                                                  expected: str) -> None:
    assert upstream_path(base, requested) == expected


async def tell(ws: ServerConnection) -> None:
    """The upstream server: first say what the handshake asked for, then echo."""
    request = ws.request
    assert request is not None
    await ws.send(json.dumps({
        "path": request.path,
        "subprotocol": ws.subprotocol,
        "offered": request.headers.get_all("Sec-WebSocket-Protocol"),
    }))
    try:
        async for message in ws:
            await ws.send(message)
    except ConnectionClosed:
        pass


@asynccontextmanager
async def upstream_server(subprotocols: Sequence[str] | None = None,
                          **kwargs: Any) -> AsyncIterator[int]:
    async with serve(tell, "127.0.0.1", 0, compression=None,
                     subprotocols=list(subprotocols) if subprotocols else None,  # type: ignore[misc]
                     **kwargs) as server:
        yield server.sockets[0].getsockname()[1]


@asynccontextmanager
async def relay_to(upstream: str) -> AsyncIterator[tuple[Relay, Sides, str]]:
    relay = Relay("ws://127.0.0.1:0/", upstream)
    sides = Sides(relay)
    await relay.open()
    try:
        yield relay, sides, f"http://127.0.0.1:{relay.endpoint.port}"
    finally:
        await relay.close()


async def ask(session: aiohttp.ClientSession, url: str,
              protocols: tuple[str, ...] = ()) -> tuple[dict[str, Any], str | None]:
    """Connect through the relay: what the upstream server was asked, and the subprotocol the
    client got; checks that a message still goes both ways."""
    async with session.ws_connect(url, protocols=protocols) as ws:
        told = json.loads((await ws.receive()).data)
        await ws.send_str("ping?")
        assert (await ws.receive()).data == "ping?"
        return told, ws.protocol


def test_path_and_query_forwarded_under_the_upstream_prefix(run: Runner[None]) -> None:
    async def main() -> None:
        async with upstream_server() as port, aiohttp.ClientSession() as session:
            async with relay_to(f"ws://127.0.0.1:{port}/base") as (relay, sides, url):
                told, _ = await ask(session, url + "/x/y?q=1&r=%20")
                assert told["path"] == "/base/x/y?q=1&r=%20"
                told, _ = await ask(session, url + "/")
                assert told["path"] == "/base"
                await eventually(lambda: not relay.pairs)
                # the upstream side's announcement names the URL it really asked for
                urls = [e.info.get("url") for e in sides.events
                        if getattr(e, "info", {}).get("relay") == "upstream"]
                assert urls == [f"ws://127.0.0.1:{port}/base/x/y?q=1&r=%20",
                                f"ws://127.0.0.1:{port}/base"]
            async with relay_to(f"ws://127.0.0.1:{port}/") as (relay, sides, url):
                told, _ = await ask(session, url + "/a/b?c=d")
                assert told["path"] == "/a/b?c=d"
                # the greeting the server sent at once reached the client, once
                greeting = [p for k, p in sides.kinds("client", Direction.OUT)
                            if k is FrameKind.TEXT]
                assert json.loads(greeting[0])["path"] == "/a/b?c=d"
                assert greeting[1:] == [b"ping?"]

    run(main())


def test_subprotocol_chosen_by_the_upstream_server(run: Runner[None]) -> None:
    async def main() -> None:
        async with (upstream_server(["chat.v2", "chat.v1"]) as port,
                    aiohttp.ClientSession() as session,
                    relay_to(f"ws://127.0.0.1:{port}/") as (relay, _, url)):
            # the server prefers chat.v2 among the three the client offers
            told, got = await ask(session, url, ("chat.v1", "other", "chat.v2"))
            assert told["offered"] == ["chat.v1, other, chat.v2"]
            assert told["subprotocol"] == "chat.v2" and got == "chat.v2"
            told, got = await ask(session, url, ("chat.v1",))
            assert told["subprotocol"] == "chat.v1" and got == "chat.v1"
            # offering nothing the server supports: the server refuses (websockets answers
            # HTTP 400 when it supports some and is offered none); the client gets that 400
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await ask(session, url)
            assert refused.value.status == HTTPStatus.BAD_REQUEST
            await eventually(lambda: not relay.pairs and not relay.peers)

    run(main())


def test_no_subprotocol_either_way(run: Runner[None]) -> None:
    async def main() -> None:
        async with (upstream_server() as port, aiohttp.ClientSession() as session,
                    relay_to(f"ws://127.0.0.1:{port}/") as (_, _, url)):
            told, got = await ask(session, url)
            assert told["offered"] == [] and told["subprotocol"] is None and got is None
            # offered, but the server has none: it chooses none, and so does the client's
            told, got = await ask(session, url, ("chat",))
            assert told["offered"] == ["chat"] and told["subprotocol"] is None and got is None

    run(main())


async def raw_handshake(port: int, path: str = "/") -> tuple[str, str]:
    """A bare HTTP upgrade request: the status line and the body of the answer."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                 "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                 "Sec-WebSocket-Version: 13\r\n\r\n".encode())
    answer = await reader.read()
    writer.close()
    await writer.wait_closed()
    head, _, body = answer.decode().partition("\r\n\r\n")
    return head.splitlines()[0], body


def test_refused_upstream_gives_the_client_502(run: Runner[None]) -> None:
    async def main() -> None:
        closed = free_port()
        async with relay_to(f"ws://127.0.0.1:{closed}/api") as (relay, sides, url):
            async with aiohttp.ClientSession() as session:
                with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                    await session.ws_connect(url + "/v1")
            assert refused.value.status == HTTPStatus.BAD_GATEWAY
            status, body = await raw_handshake(relay.endpoint.port, "/v1")
            assert status == "HTTP/1.1 502 Bad Gateway"
            assert f"ws://127.0.0.1:{closed}/api/v1" in body and "refused" in body.lower()
            errors = [e.message for e in sides.events if isinstance(e, ErrorEvent)]
            assert any("pair 1:" in m and f"ws://127.0.0.1:{closed}/api/v1" in m
                       and "502" in m for m in errors), errors
            assert not relay.pairs and not relay.peers

    run(main())


def test_upstream_rejecting_the_handshake_passes_its_status_on(run: Runner[None]) -> None:
    def forbid(ws: ServerConnection, request: Request) -> Response | None:
        if request.path.startswith("/private"):
            return ws.respond(HTTPStatus.FORBIDDEN, "no\n")
        return None

    async def main() -> None:
        async with (upstream_server(process_request=forbid) as port,
                    relay_to(f"ws://127.0.0.1:{port}/") as (relay, _, url)):
            status, body = await raw_handshake(relay.endpoint.port, "/private/x")
            assert status == "HTTP/1.1 403 Forbidden"
            assert body == "no\n"
            async with aiohttp.ClientSession() as session:  # other paths still pass
                told, _ = await ask(session, url + "/public")
            assert told["path"] == "/public"
            await eventually(lambda: not relay.pairs and not relay.peers)

    run(main())


def test_client_leaving_during_the_handshake_closes_its_upstream(run: Runner[None]) -> None:
    """The upstream server is slow to answer; the client gives up before it does: the upstream
    connection the relay opened for it is closed, and no pair is left behind."""
    ended: list[str] = []

    async def slow(ws: ServerConnection, request: Request) -> None:
        await asyncio.sleep(0.3)

    async def handler(ws: ServerConnection) -> None:
        await ws.wait_closed()
        ended.append("upstream closed")

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0, process_request=slow) as server:
            port = server.sockets[0].getsockname()[1]
            async with relay_to(f"ws://127.0.0.1:{port}/") as (relay, sides, _):
                _, writer = await asyncio.open_connection("127.0.0.1", relay.endpoint.port)
                writer.write(b"GET / HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n"
                             b"Connection: Upgrade\r\nSec-WebSocket-Key: "
                             b"dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                await eventually(lambda: relay.peers)  # the upstream is being opened
                writer.close()
                await writer.wait_closed()
                await eventually(lambda: ended and not relay.peers and not relay.pairs)
                errors = [e.message for e in sides.events if isinstance(e, ErrorEvent)]
                assert any("pair 1:" in m and "during its opening handshake" in m
                           for m in errors), errors

    run(main())


def test_a_plain_http_request_opens_no_upstream(run: Runner[None]) -> None:
    """A request that is not a WebSocket upgrade is refused by the relay's own handshake
    (HTTP 426), without an upstream connection being opened for it."""
    connections: list[str] = []

    async def main() -> None:
        async def count(ws: ServerConnection, request: Request) -> None:
            connections.append(request.path)

        async with (upstream_server(process_request=count) as port,
                    relay_to(f"ws://127.0.0.1:{port}/") as (relay, sides, _)):
            reader, writer = await asyncio.open_connection("127.0.0.1",
                                                           relay.endpoint.port)
            writer.write(b"GET /page HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
            status = (await reader.readline()).decode()
            writer.close()
            await writer.wait_closed()
            assert status.startswith("HTTP/1.1 426"), status
            assert not relay.peers and not relay.pairs
            assert not [e for e in sides.events if isinstance(e, PeerAdded)]
            async with aiohttp.ClientSession() as session:  # a WebSocket client still is
                told, _ = await ask(session, f"http://127.0.0.1:{relay.endpoint.port}/ws")
            assert told["path"] == "/ws"
        assert connections == ["/ws"]

    run(main())


def test_upstream_that_hangs_gives_502_after_connect_timeout(run: Runner[None]) -> None:
    async def hang(ws: ServerConnection, request: Request) -> None:
        await asyncio.sleep(1.5)

    async def main() -> None:
        async with upstream_server(process_request=hang) as port:
            relay = Relay("ws://127.0.0.1:0/", f"ws://127.0.0.1:{port}/",
                          Options(connect_timeout=0.3))
            await relay.open()
            try:
                start = asyncio.get_running_loop().time()
                status, body = await raw_handshake(relay.endpoint.port, "/slow")
                took = asyncio.get_running_loop().time() - start
                assert status == "HTTP/1.1 502 Bad Gateway"
                assert "timed out after 0.3 s" in body, body
                assert 0.3 <= took < 1.2, took
                assert not relay.pairs and not relay.peers
            finally:
                await relay.close()

    run(main())


def test_wss_on_both_sides(run: Runner[None], tls: TlsFiles) -> None:
    """TLS ends at the relay and starts again towards a wss:// upstream; the path and the
    subprotocol still go through."""
    async def main() -> None:
        server_tls = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        server_tls.load_cert_chain(tls.cert_file, tls.key_file)
        async with upstream_server(["v2"], ssl=server_tls) as port:
            relay = Relay("wss://127.0.0.1:0/", f"wss://127.0.0.1:{port}/api",
                          Options(tls=TlsOptions(cert_file=tls.cert_file,
                                                 key_file=tls.key_file)),
                          Options(tls=TlsOptions(ca_file=tls.ca_file)))
            await relay.open()
            try:
                client_tls = ssl.create_default_context(cafile=tls.ca_file)
                async with aiohttp.ClientSession() as session, session.ws_connect(
                        f"https://127.0.0.1:{relay.endpoint.port}/items?id=7",
                        protocols=("v1", "v2"), ssl=client_tls) as ws:
                    told = json.loads((await ws.receive()).data)
                    assert ws.protocol == "v2"
                assert told["path"] == "/api/items?id=7" and told["subprotocol"] == "v2"
            finally:
                await relay.close()

    run(main())


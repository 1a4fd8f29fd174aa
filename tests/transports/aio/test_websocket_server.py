"""Our WebSocket server against an independent client (aiohttp), on 127.0.0.1."""

from __future__ import annotations

import socket
import ssl
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest
from aiohttp import ClientWebSocketResponse, WSMsgType

from tests.transports.conftest import Recorder, Runner, TlsFiles
from transports.aio.websocket import WebSocketPeer, WebSocketServer
from transports.factory import create_server
from transports.frames import FrameKind, FrameReceived, PeerAdded, PeerRemoved, StateChanged
from transports.state import State


def server(scheme: str = "ws", **options: Any) -> WebSocketServer:
    options.setdefault("ping_interval", None)
    srv = create_server(f"{scheme}://127.0.0.1:0", **options)
    assert isinstance(srv, WebSocketServer)
    return srv


def url(srv: WebSocketServer, path: str = "/") -> str:
    assert srv.endpoint.port != 0  # the bound port is reported
    return f"{srv.endpoint.scheme.value}://127.0.0.1:{srv.endpoint.port}{path}"


@asynccontextmanager
async def aiohttp_ws(address: str, **kwargs: Any) -> AsyncIterator[ClientWebSocketResponse]:
    """An independent WebSocket client: aiohttp, in its own session."""
    async with aiohttp.ClientSession() as session, session.ws_connect(address, **kwargs) as ws:
        yield ws


def received(rec: Recorder, conn_id: int | None = None) -> list[tuple[FrameKind, bytes]]:
    return [(e.frame.kind, e.frame.payload) for e in rec.events
            if isinstance(e, FrameReceived) and e.frame.kind in (FrameKind.TEXT, FrameKind.BINARY)
            and (conn_id is None or e.frame.conn_id == conn_id)]


async def peer_added(rec: Recorder, count: int = 1) -> list[PeerAdded]:
    await rec.wait_for(lambda e: len([x for x in rec.events if isinstance(x, PeerAdded)]) >= count)
    return [e for e in rec.events if isinstance(e, PeerAdded)]


def test_peer_shows_path_headers_and_subprotocol_and_leaves(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server(subprotocols=("v2", "v1"))
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv, "/chat?room=1&x=y"), protocols=("v1", "v2"),
                              headers={"X-Client": "aiohttp", "Authorization": "Bearer hunter2",
                                       "Cookie": "sid=abc"}) as ws:
            added = (await peer_added(rec))[0]
            assert ws.protocol == "v2"  # the server's preference wins
            assert added.info["path"] == "/chat?room=1&x=y"
            assert added.info["subprotocol"] == "v2"
            shown = added.info["headers"].splitlines()
            assert "X-Client: aiohttp" in shown
            # credential values are masked in the event (the peer object still holds them)
            assert "Authorization: •••• (14 characters withheld)" in shown
            assert "Cookie: •••• (7 characters withheld)" in shown
            assert "hunter2" not in added.info["headers"] and "abc" not in added.info["headers"]
            assert added.address[0] == "127.0.0.1"
            peer = srv.peers[added.peer_id]
            assert isinstance(peer, WebSocketPeer) and peer.parent is srv
            assert peer.kind == "ws-peer" and peer.subprotocol == "v2"
            assert peer.url.endswith("/chat?room=1&x=y")
            assert ("Authorization", "Bearer hunter2") in peer.request_headers
            await rec.wait_state(State.OPEN, added.peer_id)
        removed = await rec.wait_for(lambda e: isinstance(e, PeerRemoved))
        assert isinstance(removed, PeerRemoved) and removed.peer_id == added.peer_id
        assert removed.reason.startswith("closed by peer: 1000")
        assert srv.peers == {} and peer.state is State.CLOSED
        assert srv.state is State.OPEN
        await srv.close()
        assert srv.state is State.CLOSED

    run(main())


def test_origin_allow_list_refuses_others_and_peer_info_shows_the_origin(
        run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server(allowed_origins=("https://app.example",))
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv), origin="https://app.example") as ws:
            added = (await peer_added(rec))[0]
            assert added.info["origin"] == "https://app.example"
            await ws.send_str("hi")
            await rec.wait_received(1)
        for origin in ("https://evil.example", None):  # a cross-site page; no Origin at all
            kwargs = {"origin": origin} if origin else {}
            with pytest.raises(aiohttp.WSServerHandshakeError) as info:
                async with aiohttp_ws(url(srv), **kwargs):
                    pass
            assert info.value.status == 403
        refused = [m for m in rec.errors if "refused" in m]
        assert len(refused) == 2
        assert refused[0].endswith("Origin 'https://evil.example' is not in allowed_origins")
        assert refused[1].endswith("no Origin header is not in allowed_origins")
        assert "127.0.0.1:" in refused[0]
        assert len([e for e in rec.events if isinstance(e, PeerAdded)]) == 1
        await srv.close()

    run(main())


def test_any_origin_is_accepted_by_default(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server()
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv), origin="https://anywhere.example"):
            added = (await peer_added(rec))[0]
            assert added.info["origin"] == "https://anywhere.example"
        async with aiohttp_ws(url(srv)):
            assert (await peer_added(rec, 2))[1].info["origin"] == ""
        assert rec.errors == []
        await srv.close()

    run(main())


def test_no_common_subprotocol_is_still_accepted(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server(subprotocols=("v2",))
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv), protocols=("other",)) as ws:
            added = (await peer_added(rec))[0]
            assert ws.protocol is None
            assert added.info["subprotocol"] == ""
        await rec.wait_for(lambda e: isinstance(e, PeerRemoved))
        await srv.close()

    run(main())


def test_echo_keeps_text_as_text_and_binary_as_binary(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server(echo=True)
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv, "/echo")) as ws:
            await ws.send_str("héllo")
            text = await ws.receive(timeout=5)
            await ws.send_bytes(b"\x00\x01\xff")
            binary = await ws.receive(timeout=5)
        assert (text.type, text.data) == (WSMsgType.TEXT, "héllo")
        assert (binary.type, binary.data) == (WSMsgType.BINARY, b"\x00\x01\xff")
        assert received(rec) == [(FrameKind.TEXT, "héllo".encode()),
                                 (FrameKind.BINARY, b"\x00\x01\xff")]
        await rec.wait_for(lambda e: isinstance(e, PeerRemoved))
        await srv.close()

    run(main())


def test_broadcast_and_send_to_one_peer(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server()
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv)) as one, aiohttp_ws(url(srv)) as two:
            added = await peer_added(rec, 2)
            for event in added:
                await rec.wait_state(State.OPEN, event.peer_id)
            assert await srv.broadcast("to everyone") == 2
            for ws in (one, two):
                msg = await ws.receive(timeout=5)
                assert (msg.type, msg.data) == (WSMsgType.TEXT, "to everyone")
            with pytest.raises(ValueError, match="UTF-8"):
                await srv.send(b"\xff", kind=FrameKind.TEXT)
            first = added[0].peer_id
            await srv.send(b"just you", peer=first)
            await srv.broadcast(b"last")
            got = {}
            for ws in (one, two):
                got[ws] = [(await ws.receive(timeout=5)).data for _ in range(1 + (ws is one))]
            order = {added[0].address[1]: one, added[1].address[1]: two}
            mine = order[srv.peers[first].peer_address[1]]  # type: ignore[index]
            assert got[mine] == [b"just you", b"last"]
            assert got[two if mine is one else one][:1] == [b"last"]
        await srv.close()

    run(main())


def test_server_close_sends_1001_to_every_peer_and_frees_the_port(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server()
        rec = Recorder(srv)
        await srv.open()
        port = srv.endpoint.port
        async with aiohttp_ws(url(srv)) as one, aiohttp_ws(url(srv)) as two:
            for event in await peer_added(rec, 2):
                await rec.wait_state(State.OPEN, event.peer_id)
            await srv.close()
            for ws in (one, two):
                msg = await ws.receive(timeout=5)
                assert msg.type is WSMsgType.CLOSE
                assert (msg.data, msg.extra) == (1001, "server closed")
        assert srv.state is State.CLOSED and srv.peers == {}
        removed = [e for e in rec.events if isinstance(e, PeerRemoved)]
        assert len(removed) == 2 and {e.reason for e in removed} == {"server closed"}
        assert rec.errors == []
        with socket.socket() as sock:  # listening socket is gone
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", port))
            sock.listen()

    run(main())


def test_message_over_max_size_fails_only_that_peer(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server(max_message_size=100)
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv)) as ws:
            added = (await peer_added(rec))[0]
            await ws.send_bytes(b"x" * 1000)
            msg = await ws.receive(timeout=5)
            assert (msg.type, msg.data) == (WSMsgType.CLOSE, 1009)
        failed = await rec.wait_state(State.FAILED, added.peer_id)
        assert "1009" in failed.reason and "max_message_size" in failed.reason
        await rec.wait_for(lambda e: isinstance(e, PeerRemoved))
        assert srv.state is State.OPEN
        await srv.close()

    run(main())


def test_invalid_utf8_from_a_client_fails_the_peer_with_1007(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server(compression=False)
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv)) as ws:
            added = (await peer_added(rec))[0]
            await ws.send_frame(b"\xc3\x28", WSMsgType.TEXT)
            msg = await ws.receive(timeout=5)
            assert (msg.type, msg.data) == (WSMsgType.CLOSE, 1007)
        failed = await rec.wait_state(State.FAILED, added.peer_id)
        assert "invalid UTF-8" in failed.reason and "1007" in failed.reason
        assert any("1007" in message for message in rec.errors)
        assert received(rec) == []
        await srv.close()

    run(main())


def test_paused_server_stops_reading_from_its_peers(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server()
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv), autoping=False) as ws:
            added = (await peer_added(rec))[0]
            await rec.wait_state(State.OPEN, added.peer_id)
            srv.pause_reading("test")
            for i in range(3):
                await ws.send_str(f"m{i}")
            await ws.ping(b"still there?")  # answered by websockets even while we do not read
            pong = await ws.receive(timeout=5)
            assert (pong.type, pong.data) == (WSMsgType.PONG, b"still there?")
            pings = [e.frame.payload for e in rec.events
                     if isinstance(e, FrameReceived) and e.frame.kind is FrameKind.PING]
            assert pings == [b"still there?"]  # control frames are logged as they arrive
            assert received(rec) == []
            srv.resume_reading("test")
            await rec.wait_for(lambda e: len(received(rec)) == 3)
        assert [p for _, p in received(rec)] == [b"m0", b"m1", b"m2"]
        await srv.close()

    run(main())


def test_wss_server_with_an_aiohttp_client(run: Runner[Any], tls: TlsFiles) -> None:
    async def main() -> None:
        srv = server("wss", echo=True, tls={"cert_file": tls.cert_file, "key_file": tls.key_file})
        await srv.open()
        client_ctx = ssl.create_default_context(cafile=tls.ca_file)
        async with aiohttp_ws(url(srv, "/secure"), ssl=client_ctx) as ws:
            await ws.send_str("over TLS")
            msg = await ws.receive(timeout=5)
        assert (msg.type, msg.data) == (WSMsgType.TEXT, "over TLS")
        await srv.close()
        assert isinstance(srv, WebSocketServer)

    run(main())


def test_state_events_of_peers_reach_server_subscribers(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = server()
        rec = Recorder(srv)
        await srv.open()
        async with aiohttp_ws(url(srv)) as ws:
            added = (await peer_added(rec))[0]
            await ws.close(code=4000, message=b"app done")
        closed = await rec.wait_state(State.CLOSED, added.peer_id)
        assert closed.reason == "closed by peer: 4000 app done"
        states = [e.new for e in rec.events
                  if isinstance(e, StateChanged) and e.conn_id == added.peer_id]
        assert states == [State.CONNECTING, State.OPEN, State.CLOSED]
        await srv.close()

    run(main())


def test_close_drops_a_client_stuck_in_the_opening_handshake(run: Runner[Any]) -> None:
    """A raw TCP client that never completes its HTTP request must not hold the server's
    close until the handshake timeout, nor leave its socket open."""

    async def main() -> None:
        import asyncio

        srv = server(connect_timeout=30)
        await srv.open()
        reader, writer = await asyncio.open_connection("127.0.0.1", srv.endpoint.port)
        writer.write(b"GET / HTTP/1.1\r\n")  # and nothing more
        await writer.drain()
        await asyncio.sleep(0.1)
        loop = asyncio.get_running_loop()
        started = loop.time()
        await srv.close()
        assert loop.time() - started < 1.0
        assert srv.state is State.CLOSED
        assert await asyncio.wait_for(reader.read(), 2) == b""  # the server dropped us
        writer.close()

    run(main())

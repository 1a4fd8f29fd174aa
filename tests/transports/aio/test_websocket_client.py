"""Our WebSocket client against an independent server (aiohttp), on 127.0.0.1."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import pytest
from aiohttp import WSMsgType, web

from tests.transports.conftest import Recorder, Runner, TlsFiles, free_port
from transports.aio.websocket import WebSocketClient
from transports.errors import ConnectError, NotOpen
from transports.factory import create_connection
from transports.frames import FrameKind, FrameReceived, FrameSent, StateChanged
from transports.state import State

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


# -- helpers --------------------------------------------------------------------------------
@asynccontextmanager
async def aiohttp_server(handler: Handler, *, path: str = "/ws",
                         ssl_context: ssl.SSLContext | None = None) -> AsyncIterator[int]:
    """An aiohttp application serving ``handler`` at ``path``; yields the bound port."""
    app = web.Application()
    app.router.add_get(path, handler)
    runner = web.AppRunner(app, shutdown_timeout=1.0)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0, ssl_context=ssl_context)
    await site.start()
    try:
        yield int(runner.addresses[0][1])
    finally:
        await runner.cleanup()


def make_echo(record: dict[str, Any], *, protocols: tuple[str, ...] = ("chat", "superchat"),
              compress: bool = True) -> Handler:
    """An aiohttp echo handler that records the request and what it negotiated."""

    async def echo(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(protocols=protocols, compress=compress)
        await ws.prepare(request)
        record.update(path_qs=request.path_qs, headers=dict(request.headers),
                      protocol=ws.ws_protocol, compress=ws.compress, kinds=[])
        async for msg in ws:
            record["kinds"].append(msg.type)
            if msg.type is WSMsgType.TEXT:
                await ws.send_str(msg.data)
            elif msg.type is WSMsgType.BINARY:
                await ws.send_bytes(msg.data)
        return ws

    return echo


def frames(rec: Recorder, *kinds: FrameKind, sent: bool = False) -> list[tuple[FrameKind, bytes]]:
    """(kind, payload) of received (or sent) frames of these kinds; default TEXT and BINARY."""
    wanted = kinds or (FrameKind.TEXT, FrameKind.BINARY)
    cls = FrameSent if sent else FrameReceived
    return [(e.frame.kind, e.frame.payload) for e in rec.events
            if isinstance(e, cls) and e.frame.kind in wanted]


async def wait_frames(rec: Recorder, count: int, *kinds: FrameKind) -> None:
    await rec.wait_for(lambda e: len(frames(rec, *kinds)) >= count)


def client(port: int, path: str = "/ws", **options: Any) -> WebSocketClient:
    options.setdefault("ping_interval", None)
    conn = create_connection(f"ws://127.0.0.1:{port}{path}", **options)
    assert isinstance(conn, WebSocketClient)
    return conn


# -- data, handshake --------------------------------------------------------------------------
def test_text_binary_headers_subprotocol_and_path_reach_an_aiohttp_server(run: Runner[Any]) -> None:
    async def main() -> None:
        record: dict[str, Any] = {}
        async with aiohttp_server(make_echo(record)) as port:
            conn = client(port, "/ws?room=7&x=a%20b", subprotocols=("superchat", "chat"),
                          headers=(("X-Token", "s3cret"), ("X-Trace", "1")))
            rec = Recorder(conn)
            await conn.open()
            assert conn.subprotocol == "superchat"
            opened = await rec.wait_state(State.OPEN)
            assert "superchat" in opened.reason
            await conn.send("héllo ✓")
            await conn.send(b"\x00\xff\x10")
            await wait_frames(rec, 2)
            await conn.close()
        assert frames(rec) == [(FrameKind.TEXT, "héllo ✓".encode()),
                                  (FrameKind.BINARY, b"\x00\xff\x10")]
        assert record["kinds"] == [WSMsgType.TEXT, WSMsgType.BINARY]
        assert record["path_qs"] == "/ws?room=7&x=a%20b"
        assert record["headers"]["X-Token"] == "s3cret"
        assert record["headers"]["X-Trace"] == "1"
        assert record["protocol"] == "superchat"
        sent = frames(rec, FrameKind.TEXT, FrameKind.BINARY, sent=True)
        assert sent[:2] == [(FrameKind.TEXT, "héllo ✓".encode()),
                            (FrameKind.BINARY, b"\x00\xff\x10")]
        assert conn.state is State.CLOSED

    run(main())


@pytest.mark.parametrize("compression", [True, False])
def test_compression_on_and_off(run: Runner[Any], compression: bool) -> None:
    async def main() -> None:
        record: dict[str, Any] = {}
        big = ("compress me " * 5000).encode()
        async with aiohttp_server(make_echo(record)) as port:
            conn = client(port, compression=compression)
            rec = Recorder(conn)
            await conn.open()
            await conn.send(big)
            await wait_frames(rec, 1)
            await conn.close()
        assert frames(rec) == [(FrameKind.BINARY, big)]
        if compression:
            assert conn.extensions == ("permessage-deflate",)
            assert record["compress"]
        else:
            assert conn.extensions == ()
            assert not record["compress"]

    run(main())


def test_kinds_default_from_the_data_type_and_text_must_be_utf8(run: Runner[Any]) -> None:
    async def main() -> None:
        record: dict[str, Any] = {}
        async with aiohttp_server(make_echo(record)) as port:
            conn = client(port)
            assert conn.default_kind("x") is FrameKind.TEXT
            assert conn.default_kind(b"x") is FrameKind.BINARY
            with pytest.raises(NotOpen):
                await conn.send("too early")
            await conn.open()
            with pytest.raises(ValueError, match=r"UTF-8 \(RFC 6455 §5.6\)"):
                await conn.send(b"\xff\xfe", kind=FrameKind.TEXT)
            with pytest.raises(ValueError, match="at most 125 bytes"):
                await conn.send(b"p" * 126, kind=FrameKind.PING)
            await conn.send(b"raw", kind=FrameKind.DATA)  # stream kind → a binary message
            rec = Recorder(conn)
            await wait_frames(rec, 1)
            await conn.close()
        assert frames(rec) == [(FrameKind.BINARY, b"raw")]
        assert record["kinds"] == [WSMsgType.BINARY]

    run(main())


def test_ping_to_aiohttp_gets_a_pong(run: Runner[Any]) -> None:
    async def main() -> None:
        async with aiohttp_server(make_echo({})) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            await conn.send(b"are you there", kind=FrameKind.PING)
            await wait_frames(rec, 1, FrameKind.PONG)
            await conn.close()
        assert frames(rec, FrameKind.PONG) == [(FrameKind.PONG, b"are you there")]
        assert frames(rec, FrameKind.PING, sent=True) == [(FrameKind.PING, b"are you there")]

    run(main())


def test_pings_from_the_server_are_answered_and_logged(run: Runner[Any]) -> None:
    answers: list[Any] = []

    async def pinger(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=False)
        await ws.prepare(request)
        await ws.ping(b"heartbeat")
        answers.append(await ws.receive(timeout=5))
        await ws.close()
        return ws

    async def main() -> None:
        async with aiohttp_server(pinger) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            await asyncio.wait_for(conn.wait_closed(), 5)
        assert frames(rec, FrameKind.PING) == [(FrameKind.PING, b"heartbeat")]
        assert (answers[0].type, answers[0].data) == (WSMsgType.PONG, b"heartbeat")

    run(main())


# -- closing ---------------------------------------------------------------------------------
def test_server_close_code_and_reason_show_in_state_and_as_a_close_frame(run: Runner[Any]) -> None:
    async def closer(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.receive()  # wait for "close me"
        await ws.close(code=4001, message=b"bye")
        return ws

    async def main() -> None:
        async with aiohttp_server(closer) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            await conn.send("close me")
            await asyncio.wait_for(conn.wait_closed(), 5)
        assert conn.state is State.CLOSED
        assert conn.reason == "closed by peer: 4001 bye"
        last = [e for e in rec.events if isinstance(e, StateChanged)][-1]
        assert (last.new, last.reason) == (State.CLOSED, "closed by peer: 4001 bye")
        assert frames(rec, FrameKind.CLOSE) == [(FrameKind.CLOSE, b"\x0f\xa1bye")]
        assert not rec.errors
        await conn.close()  # closing a closed connection is harmless

    run(main())


def test_going_away_without_reason_names_the_code(run: Runner[Any]) -> None:
    async def leaver(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.close(code=1001)
        return ws

    async def main() -> None:
        async with aiohttp_server(leaver) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            await asyncio.wait_for(conn.wait_closed(), 5)
        assert conn.state is State.CLOSED
        assert conn.reason == "closed by peer: 1001 going away"
        assert frames(rec, FrameKind.CLOSE) == [(FrameKind.CLOSE, b"\x03\xe9")]

    run(main())


def test_our_close_sends_1000_and_the_server_sees_it(run: Runner[Any]) -> None:
    seen: dict[str, Any] = {}

    async def watcher(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for _ in ws:
            pass
        seen.update(code=ws.close_code)
        seen["done"].set()
        return ws

    async def main() -> None:
        async with aiohttp_server(watcher) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            seen["done"] = asyncio.Event()
            await conn.close("done here")
            await asyncio.wait_for(seen["done"].wait(), 5)
        assert seen["code"] == 1000
        sent_close = [p for _, p in frames(rec, FrameKind.CLOSE, sent=True)]
        assert sent_close == [b"\x03\xe8done here"]
        assert conn.reason == "done here"

    run(main())


def test_message_over_max_message_size_fails_with_1009(run: Runner[Any]) -> None:
    async def flooder(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        await ws.send_bytes(b"x" * 1000)
        async for _ in ws:
            pass
        return ws

    async def main() -> None:
        async with aiohttp_server(flooder) as port:
            conn = client(port, max_message_size=100)
            rec = Recorder(conn)
            await conn.open()
            await asyncio.wait_for(conn.wait_closed(), 5)
        assert conn.state is State.FAILED
        assert "1009" in conn.reason and "max_message_size" in conn.reason
        errors = rec.errors
        assert any("1009" in m for m in errors)
        assert not frames(rec, FrameKind.BINARY)

    run(main())


def test_invalid_utf8_in_a_text_frame_fails_with_1007(run: Runner[Any]) -> None:
    async def liar(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(compress=False)
        await ws.prepare(request)
        await ws.send_frame(b"ok \xff\xfe not utf-8", WSMsgType.TEXT)
        async for _ in ws:
            pass
        return ws

    async def main() -> None:
        async with aiohttp_server(liar) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            await asyncio.wait_for(conn.wait_closed(), 5)
        assert conn.state is State.FAILED
        assert "invalid UTF-8" in conn.reason and "1007" in conn.reason
        assert any("1007" in m for m in rec.errors)
        assert not frames(rec, FrameKind.TEXT)
        sent_close = [p[:2] for _, p in frames(rec, FrameKind.CLOSE, sent=True)]
        assert sent_close == [b"\x03\xef"]  # 1007

    run(main())


# -- flow control ----------------------------------------------------------------------------
def test_paused_reading_delivers_nothing_until_resumed(run: Runner[Any]) -> None:
    async def talker(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            for i in range(int(msg.data)):
                await ws.send_str(f"m{i}")
        return ws

    async def main() -> None:
        async with aiohttp_server(talker) as port:
            conn = client(port)
            rec = Recorder(conn)
            await conn.open()
            conn.pause_reading("test")
            await conn.send("5")
            await asyncio.sleep(0.3)
            assert frames(rec) == []
            conn.resume_reading("test")
            await wait_frames(rec, 5)
            await conn.close()
        assert [p for _, p in frames(rec)] == [b"m0", b"m1", b"m2", b"m3", b"m4"]

    run(main())


# -- handshake failures -------------------------------------------------------------------------
def test_http_errors_and_plain_http_servers_are_clear_connect_errors(run: Runner[Any]) -> None:
    async def unauthorized(request: web.Request) -> web.StreamResponse:
        return web.Response(status=401, text="who are you?")

    async def plain(request: web.Request) -> web.StreamResponse:
        return web.Response(text="just a web page")

    async def main() -> None:
        async with aiohttp_server(unauthorized) as port:
            with pytest.raises(ConnectError, match="rejected the WebSocket handshake: HTTP 404"):
                await client(port, "/nowhere").open()
            with pytest.raises(ConnectError, match="rejected the WebSocket handshake: HTTP 401"):
                await client(port).open()
        async with aiohttp_server(plain) as port:
            with pytest.raises(ConnectError, match=r"answered HTTP 200 OK instead of 101"):
                await client(port).open()

    run(main())


def test_refused_and_not_http_are_clear_connect_errors(run: Runner[Any]) -> None:
    async def garbage(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.readuntil(b"\r\n\r\n")
        writer.write(b"SSH-2.0-OpenSSH_9.6\r\n")
        await writer.drain()
        writer.close()

    async def main() -> None:
        conn = client(free_port())  # nobody listens there
        with pytest.raises(ConnectError, match="connection refused"):
            await conn.open()
        assert conn.state is State.FAILED
        server = await asyncio.start_server(garbage, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        with pytest.raises(ConnectError, match="no valid HTTP response"):
            await client(port).open()
        server.close()
        await server.wait_closed()

    run(main())


# -- TLS ---------------------------------------------------------------------------------------
def test_wss_verifies_the_certificate_unless_told_otherwise(run: Runner[Any],
                                                           tls: TlsFiles) -> None:
    async def main() -> None:
        for cert, key in ((tls.cert_file, tls.key_file), (tls.other_cert_file, tls.other_key_file)):
            server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
            server_ctx.load_cert_chain(cert, key)
            async with aiohttp_server(make_echo({}), ssl_context=server_ctx) as port:
                url = f"wss://127.0.0.1:{port}/ws"
                with pytest.raises(ConnectError, match="certificate verification failed"):
                    await create_connection(url).open()
                trusted = cert == tls.cert_file
                choices: list[dict[str, Any]] = [{"insecure": True}]
                if trusted:
                    choices.append({"ca_file": tls.ca_file})
                else:  # trusting our CA does not make another CA's certificate valid
                    with pytest.raises(ConnectError, match="certificate verification failed"):
                        await create_connection(url, tls={"ca_file": tls.ca_file}).open()
                for tls_options in choices:
                    conn = create_connection(url, ping_interval=None, tls=tls_options)
                    rec = Recorder(conn)
                    await conn.open()
                    await conn.send("secret")
                    await wait_frames(rec, 1)
                    await conn.close()
                    assert frames(rec) == [(FrameKind.TEXT, b"secret")]

    run(main())


def test_wss_server_name_overrides_the_host_to_verify(run: Runner[Any], tls: TlsFiles) -> None:
    server_ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_ctx.load_cert_chain(tls.named_cert_file, tls.named_key_file)

    async def main() -> None:
        async with aiohttp_server(make_echo({}), ssl_context=server_ctx) as port:
            url = f"wss://127.0.0.1:{port}/ws"
            with pytest.raises(ConnectError, match="certificate verification failed"):
                await create_connection(url, tls={"ca_file": tls.ca_file}).open()
            conn = create_connection(url, ping_interval=None,
                                     tls={"ca_file": tls.ca_file, "server_name": "sockscope.test"})
            await conn.open()
            assert conn.state is State.OPEN
            await conn.close()

    run(main())


# -- lifecycle ---------------------------------------------------------------------------------
def test_close_while_the_handshake_hangs_leaves_nothing_behind(run: Runner[Any]) -> None:
    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # never answers the handshake; returns when the client aborts
        writer.close()

    async def main() -> None:
        listener = await asyncio.start_server(silent, "127.0.0.1", 0)
        port = listener.sockets[0].getsockname()[1]
        conn = client(port)
        opening = asyncio.ensure_future(conn.open())
        rec = Recorder(conn)
        await rec.wait_state(State.CONNECTING)
        await asyncio.sleep(0.1)
        await conn.close()
        with pytest.raises(ConnectError, match="closed while connecting"):
            await opening
        assert conn.state is State.CLOSED
        listener.close()
        await listener.wait_closed()

    run(main())


def test_reconnects_after_the_server_restarts_the_connection(run: Runner[Any]) -> None:
    accepted: list[int] = []

    async def flaky(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        accepted.append(len(accepted))
        if len(accepted) == 1:
            await ws.close(code=1012, message=b"restarting")
            return ws
        async for msg in ws:
            await ws.send_str(msg.data)
        return ws

    async def main() -> None:
        async with aiohttp_server(flaky) as port:
            conn = client(port, reconnect={"enabled": True, "initial_delay": 0.05,
                                           "max_attempts": 3})
            rec = Recorder(conn)
            await conn.open()
            await rec.wait_for(lambda e: rec.states().count(State.OPEN) == 2)
            await conn.send("again")
            await wait_frames(rec, 1)
            await conn.close()
        states = rec.states()
        assert states[:5] == [State.CONNECTING, State.OPEN, State.RECONNECTING,
                              State.CONNECTING, State.OPEN]
        reconnecting = [e for e in rec.events
                        if isinstance(e, StateChanged) and e.new is State.RECONNECTING]
        assert "1012 restarting" in reconnecting[0].reason
        assert frames(rec) == [(FrameKind.TEXT, b"again")]
        assert len(accepted) == 2

    run(main())

"""Batched reading of WebSocket frames (transports.aio.websocket_protocol), on 127.0.0.1.

Two kinds of peer: an independent server (aiohttp), and a raw TCP peer that writes the opening
handshake and frames serialised by the websockets library in one write, for exact control of
what arrives together (frames right behind the handshake, fragments around a ping).
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from aiohttp import web
from websockets.client import ClientProtocol
from websockets.frames import Frame as WsFrame
from websockets.frames import Opcode
from websockets.protocol import State as WsState
from websockets.uri import parse_uri
from websockets.utils import accept_key

from tests.transports.aio.test_websocket_client import aiohttp_server, client
from tests.transports.conftest import Recorder, Runner
from transports.aio.stream import BIG_READ_SIZE
from transports.aio.websocket_connection import WebSocketConnection
from transports.aio.websocket_protocol import (
    HOLD_LIMIT,
    PING_NOTICE_EVERY,
    READ_SIZE,
    ReportingClientConnection,
)
from transports.factory import create_server
from transports.frames import BatchEvent, FrameBatch, FrameKind, FrameReceived
from transports.state import State


def wire(opcode: Opcode, data: bytes, fin: bool = True) -> bytes:
    """One server-to-client (unmasked) frame, as websockets serialises it."""
    return WsFrame(opcode, data, fin).serialize(mask=False)


@asynccontextmanager
async def raw_server(frames: bytes) -> AsyncIterator[tuple[int, asyncio.Queue[bytes]]]:
    """Answers the opening handshake and writes ``frames`` in the same write; what the client
    sends afterwards lands in the queue.  Closes the TCP connection when the client does."""
    got: asyncio.Queue[bytes] = asyncio.Queue()

    async def serve(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        request = await reader.readuntil(b"\r\n\r\n")
        key = next(line.split(b":", 1)[1].strip().decode() for line in request.split(b"\r\n")
                   if line.lower().startswith(b"sec-websocket-key:"))
        writer.write(b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                     b"Connection: Upgrade\r\nSec-WebSocket-Accept: "
                     + accept_key(key).encode() + b"\r\n\r\n" + frames)
        while data := await reader.read(65536):
            await got.put(data)
        writer.close()

    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    try:
        yield int(server.sockets[0].getsockname()[1]), got
    finally:
        server.close()
        await server.wait_closed()


def received(rec: Recorder) -> list[tuple[FrameKind, bytes]]:
    return [(e.frame.kind, e.frame.payload) for e in rec.events if isinstance(e, FrameReceived)]


def test_frames_behind_the_handshake_and_around_a_ping_arrive_in_wire_order(
        run: Runner[Any]) -> None:
    frames = b"".join([
        wire(Opcode.TEXT, b"first"),
        wire(Opcode.BINARY, b"\x00\x01"),
        wire(Opcode.TEXT, b"h" + "é".encode()[:1], fin=False),  # split inside "é"
        wire(Opcode.PING, b"are you there"),
        wire(Opcode.CONT, "é".encode()[1:] + b"!", fin=False),
        wire(Opcode.CONT, b"", fin=True),
        wire(Opcode.BINARY, b"last"),
    ])

    async def main() -> None:
        async with raw_server(frames) as (port, got):
            conn = client(port, "/")
            rec = Recorder(conn)
            await conn.open()
            await rec.wait_for(lambda e: len(received(rec)) >= 5)
            pong = await asyncio.wait_for(got.get(), 5)
            await conn.close()
        assert received(rec) == [
            (FrameKind.TEXT, b"first"),
            (FrameKind.BINARY, b"\x00\x01"),
            (FrameKind.PING, b"are you there"),  # complete before the fragmented message
            (FrameKind.TEXT, "hé!".encode()),
            (FrameKind.BINARY, b"last"),
        ]
        assert pong[0] == 0x80 | Opcode.PONG.value  # websockets still answers the ping

    run(main())


def test_invalid_utf8_fails_with_1007_and_nothing_after_it_is_delivered(
        run: Runner[Any]) -> None:
    frames = (wire(Opcode.TEXT, b"fine") + wire(Opcode.TEXT, b"bad \xc3(", fin=False)
              + wire(Opcode.CONT, b"end") + wire(Opcode.TEXT, b"never shown"))

    async def main() -> None:
        async with raw_server(frames) as (port, _got):
            conn = client(port, "/")
            rec = Recorder(conn)
            await conn.open()
            await asyncio.wait_for(conn.wait_closed(), 5)
        assert received(rec) == [(FrameKind.TEXT, b"fine")]
        assert conn.state is State.FAILED
        assert "invalid UTF-8" in conn.reason and "1007" in conn.reason

    run(main())


def test_a_flood_arrives_in_order_as_batches_of_at_most_one_read(run: Runner[Any]) -> None:
    count = 20_000

    async def flood(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        for i in range(count):
            await ws.send_bytes(i.to_bytes(4, "big"))
        async for _ in ws:
            pass
        return ws

    async def main() -> None:
        batches: list[int] = []
        payloads: list[bytes] = []
        done = asyncio.Event()

        def on_event(event: BatchEvent) -> None:
            if isinstance(event, FrameBatch):
                batches.append(len(event.payloads))
                payloads.extend(event.payloads)
            elif isinstance(event, FrameReceived) and event.frame.kind is FrameKind.BINARY:
                batches.append(1)
                payloads.append(event.frame.payload)
            if len(payloads) >= count:
                done.set()

        async with aiohttp_server(flood) as port:
            conn = client(port)
            conn.subscribe(on_event, batches=True)
            await conn.open()
            await asyncio.wait_for(done.wait(), 20)
            await conn.close()
        assert payloads == [i.to_bytes(4, "big") for i in range(count)]
        assert max(batches) > 1  # many messages per call, not one task step each
        assert max(batches) <= READ_SIZE // 6  # a 6-byte frame: no read beyond READ_SIZE

    run(main())


def test_held_messages_stop_the_socket_reads_until_resumed(run: Runner[Any]) -> None:
    count = 10 * HOLD_LIMIT

    async def talker(request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        for i in range(count):
            await ws.send_str(f"m{i}")
        async for _ in ws:
            pass
        return ws

    async def main() -> None:
        async with aiohttp_server(talker) as port:
            conn = client(port)
            rec = Recorder(conn)
            conn.pause_reading("test")
            await conn.open()
            ws = conn._ws
            assert isinstance(ws, ReportingClientConnection)
            async with asyncio.timeout(5):
                while ws.transport.is_reading():  # noqa: ASYNC110 (no event to await)
                    await asyncio.sleep(0.01)
            assert received(rec) == []
            conn.resume_reading("test")
            await rec.wait_for(lambda e: len(received(rec)) >= count)
            await conn.close()
        assert [p for k, p in received(rec) if k is FrameKind.TEXT] == [
            f"m{i}".encode() for i in range(count)]

    run(main())


def test_reads_grow_for_big_messages_and_shrink_for_small_ones(run: Runner[Any]) -> None:
    big = [i.to_bytes(4, "big") + bytes(1020) for i in range(3000)]
    small = [i.to_bytes(4, "big") * 4 for i in range(30_000)]
    frames = b"".join(wire(Opcode.BINARY, p) for p in big + small)

    async def main() -> None:
        seen: set[int] = set()
        payloads: list[bytes] = []
        done = asyncio.Event()
        async with raw_server(frames) as (port, _got):
            conn = client(port, "/")

            def on_event(event: BatchEvent) -> None:
                if isinstance(event, FrameBatch):
                    payloads.extend(event.payloads)
                elif isinstance(event, FrameReceived) and event.frame.kind is FrameKind.BINARY:
                    payloads.append(event.frame.payload)
                else:
                    return
                seen.add(ws.read_size)
                if len(payloads) >= len(big) + len(small):
                    done.set()

            conn.subscribe(on_event, batches=True)
            await conn.open()
            ws = conn._ws
            assert isinstance(ws, ReportingClientConnection)
            await asyncio.wait_for(done.wait(), 20)
            final = ws.read_size
            await conn.close()
        assert payloads == big + small
        assert BIG_READ_SIZE in seen
        assert final == READ_SIZE

    run(main())


def test_a_ping_flood_from_a_client_that_never_reads_stays_bounded(run: Runner[Any]) -> None:
    """websockets answers every ping; pongs to a client that does not read used to pile up
    in the write buffer (~13 MB/s).  Measured: the peer's write buffer after 60,000 pings."""
    pings = 60_000  # 7.9 MB of pings: several MB of pongs more than the kernel buffers hold

    async def main() -> None:
        srv = create_server("ws://127.0.0.1:0", ping_interval=None)
        rec = Recorder(srv)
        seen = asyncio.Event()
        count = [0]

        def count_pings(event: BatchEvent) -> None:
            if isinstance(event, FrameReceived) and event.frame.kind is FrameKind.PING:
                count[0] += 1
                if count[0] == pings:
                    seen.set()

        srv.subscribe(count_pings, batches=True)
        rec.unsubscribe()  # keep only errors and peers below, not 60,000 events
        rec = Recorder(srv)
        await srv.open()
        loop = asyncio.get_running_loop()
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect: kept
        sock.setblocking(False)
        await loop.sock_connect(sock, ("127.0.0.1", srv.endpoint.port))
        protocol = ClientProtocol(parse_uri(f"ws://127.0.0.1:{srv.endpoint.port}/"))
        protocol.send_request(protocol.connect())
        await loop.sock_sendall(sock, b"".join(protocol.data_to_send()))
        while protocol.state is not WsState.OPEN:  # the handshake response; then never read
            protocol.receive_data(await loop.sock_recv(sock, 4096))
        await rec.wait_for(lambda e: len(srv.open_peers()) == 1)
        peer = srv.open_peers()[0]
        assert isinstance(peer, WebSocketConnection) and peer._ws is not None
        transport = peer._ws.transport
        started = loop.time()
        for start in range(0, pings, 1000):
            for i in range(start, start + 1000):
                protocol.send_ping(b"%0125d" % i)
            await loop.sock_sendall(sock, b"".join(protocol.data_to_send()))
        await asyncio.wait_for(seen.wait(), 30)
        backlog = transport.get_write_buffer_size()
        high = transport.get_write_buffer_limits()[1]
        assert backlog <= high + BIG_READ_SIZE, f"{backlog} bytes of pongs wait"
        notices = [m for m in rec.errors if "pings" in m]
        assert notices and "not answering pings while the peer does not read" in notices[0]
        assert len(notices) <= 1 + int(loop.time() - started) // PING_NOTICE_EVERY
        assert peer.state is State.OPEN
        sock.close()
        await srv.close()

    run(main())

"""Public transport controls: whole reads (``read_in_bulk``) and aborting with RST
(``reset``), over real loopback sockets against plain asyncio peers."""

from __future__ import annotations

import asyncio
import hashlib
from typing import Any

from tests.transports.conftest import Recorder, Runner
from transports.aio.stream import READ_SIZE
from transports.factory import create_connection, create_server
from transports.frames import PeerAdded, PeerRemoved
from transports.state import State

BLOB = hashlib.sha256(b"bulk").digest() * (8 * 2**20 // 32)  # 8 MiB that is not all zeros


class _Peer(asyncio.Protocol):
    """A plain asyncio server side: writes ``data`` on connect, records how it ended."""

    def __init__(self, data: bytes = b"") -> None:
        self.data = data
        self.lost: asyncio.Future[Exception | None] = asyncio.get_running_loop().create_future()
        self.got = bytearray()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        if self.data:
            transport.write(self.data)
            transport.write_eof()

    def data_received(self, data: bytes) -> None:
        self.got += data

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.lost.done():
            self.lost.set_result(exc)


async def _serve(peer: _Peer) -> tuple[asyncio.Server, int]:
    server = await asyncio.get_running_loop().create_server(lambda: peer, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1]


def test_bulk_reads_pass_every_byte_in_reads_beyond_the_shared_buffer(run: Runner[Any]) -> None:
    async def main() -> None:
        server, port = await _serve(_Peer(BLOB))
        client = create_connection(f"tcp://127.0.0.1:{port}")  # raw: one frame per read
        rec = Recorder(client)
        client.pause_reading("test")  # let the kernel buffer fill before the first read
        await client.open()
        assert client.read_in_bulk()
        await asyncio.sleep(0.2)
        client.resume_reading("test")
        assert await rec.wait_bytes(len(BLOB), within=20) == BLOB
        # Raw framing reads 64 KiB into the shared buffer; whole reads can be bigger.
        assert max(len(p) for p in rec.received) > READ_SIZE
        await rec.wait_state(State.CLOSED)  # the peer's EOF still ends the connection
        server.close()

    run(main())


def test_bulk_reads_keep_the_framing(run: Runner[Any]) -> None:
    async def main() -> None:
        frames = [bytes([i % 256]) * (i * 37 % 3000) for i in range(2000)]
        stream = b"".join(b"%d\n" % len(f) + f.replace(b"\n", b"") for f in frames[:1]) + b"".join(
            f.replace(b"\n", b"x") + b"\n" for f in frames)
        server, port = await _serve(_Peer(stream))
        client = create_connection(f"tcp://127.0.0.1:{port}", framing={"mode": "delimiter"})
        rec = Recorder(client)
        await client.open()
        assert client.read_in_bulk()
        expected = [f.replace(b"\n", b"x") for f in frames]
        got = await rec.wait_received(len(expected) + 1, within=20)
        assert got[1:] == expected
        await rec.wait_state(State.CLOSED)  # the peer's EOF
        server.close()

    run(main())


def test_reset_aborts_with_rst_and_says_when_it_cannot(run: Runner[Any]) -> None:
    async def main() -> None:
        peer = _Peer()
        server, port = await _serve(peer)
        client = create_connection(f"tcp://127.0.0.1:{port}")
        rec = Recorder(client)
        await client.open()
        await client.send(b"hello")
        await asyncio.sleep(0.05)
        assert client.reset()
        exc = await asyncio.wait_for(peer.lost, 5)
        assert isinstance(exc, ConnectionResetError)  # the peer saw RST, not a FIN
        await rec.wait_state(State.CLOSED)
        assert client.reason == "reset: RST sent"
        assert not client.reset()  # gone: nothing to reset
        assert not client.read_in_bulk()
        assert bytes(peer.got) == b"hello"
        server.close()

        udp = create_server("udp://127.0.0.1:0")
        await udp.open()
        assert not udp.reset() and not udp.read_in_bulk()
        await udp.close()

    run(main())


def test_reset_of_a_websocket_connection(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("ws://127.0.0.1:0")
        server_rec = Recorder(server)
        await server.open()
        client = create_connection(server.url)
        await client.open()
        await server_rec.wait_for(lambda e: isinstance(e, PeerAdded))
        assert client.reset("testing")
        removed = await server_rec.wait_for(lambda e: isinstance(e, PeerRemoved), within=5)
        assert isinstance(removed, PeerRemoved)
        assert "1006" in removed.reason  # closed without a close frame
        assert client.state is State.CLOSED and client.reason == "testing"
        await server.close()

    run(main())

"""The data path (transports.aio.traffic): offer(), the send that never waits, with
backpressure on the frames' source.

Every test runs on real loopback sockets.  The slow reader is a plain asyncio server that does
not read until told to, so the kernel buffers fill, then the transport's, then our queue.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections.abc import Callable
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner
from transports.aio.base import Connection
from transports.aio.stream import BIG_READ_SIZE
from transports.errors import NotOpen, QueueFull
from transports.factory import create_connection, create_server
from transports.frames import BatchEvent, FrameBatch, FrameReceived, PeerAdded
from transports.state import State

LINE = 1000  # bytes per line (with its LF)
LINES = 8000  # ~8 MB: far over the bounds used below


def _lines(n: int = LINES) -> list[bytes]:
    return [b"%06d " % i + b"x" * (LINE - 8) + b"\n" for i in range(n)]


class Sink(asyncio.Protocol):
    """An independent TCP peer that reads nothing until :meth:`start_reading`."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.transport: asyncio.Transport | None = None
        self.changed = asyncio.Event()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        transport.pause_reading()

    def data_received(self, data: bytes) -> None:
        self.data += data
        self.changed.set()

    def start_reading(self) -> None:
        assert self.transport is not None
        self.transport.resume_reading()

    async def wait_bytes(self, n: int, within: float = 10.0) -> None:
        async with asyncio.timeout(within):
            while len(self.data) < n:
                self.changed.clear()
                await self.changed.wait()


class Feeder(asyncio.Protocol):
    """An independent TCP peer that writes ``payload`` as fast as it is read."""

    def __init__(self, payload: bytes) -> None:
        self.payload = payload

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.write(self.payload)


async def eventually(condition: Callable[[], bool], within: float = 10.0) -> None:
    """Wait until ``condition()`` holds (it changes inside socket callbacks, not on events)."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 - no event tells when it changes
            await asyncio.sleep(0.005)


async def _listen(factory: Any) -> tuple[asyncio.Server, str]:
    server = await asyncio.get_running_loop().create_server(factory, "127.0.0.1", 0)
    return server, f"tcp://127.0.0.1:{server.sockets[0].getsockname()[1]}"


def _relay(source: Connection, target: Connection, peak: list[int]) -> None:
    """Offer every frame ``source`` receives to ``target``; remember the largest queue."""

    def on_event(event: BatchEvent) -> None:
        if isinstance(event, FrameBatch):
            payloads: tuple[bytes, ...] = event.payloads
        elif isinstance(event, FrameReceived):
            payloads = (event.frame.payload,)
        else:
            return
        for payload in payloads:
            if target.state is not State.OPEN:
                return  # a real relay would close the source now
            target.offer(payload, source=source)
            peak[0] = max(peak[0], target._queue.nbytes)

    source.subscribe(on_event, batches=True)


def test_full_target_pauses_the_source_until_it_drains(run: Runner[Any]) -> None:
    lines = _lines()
    bound = 64 * 1024

    async def main() -> None:
        sink = Sink()
        sink_server, sink_url = await _listen(lambda: sink)
        feeder_server, feeder_url = await _listen(lambda: Feeder(b"".join(lines)))
        target = create_connection(sink_url, send_queue_bytes=bound)
        source = create_connection(feeder_url, framing={"mode": "delimiter",
                                                        "keep_delimiter": True})
        trec, srec = Recorder(target), Recorder(source)
        peak = [0]
        _relay(source, target, peak)
        await target.open()
        await source.open()

        # The sink reads nothing: the target's queue fills and the source stops reading.
        await eventually(lambda: target._backpressure in source._pause_reasons)
        await asyncio.sleep(0.3)  # paused for good: nothing more arrives
        held = len(srec.received)
        await asyncio.sleep(0.2)
        assert len(srec.received) == held < LINES
        assert target._queue.full and source.id in target._stalled
        # The bound holds: at most one read of the source beyond it.
        assert bound <= peak[0] <= bound + BIG_READ_SIZE

        sink.start_reading()  # the target drains, the source resumes, all arrives in order
        await sink.wait_bytes(LINES * LINE)
        assert bytes(sink.data) == b"".join(lines)
        assert trec.sent == lines
        assert not source._pause_reasons and not target._stalled
        assert peak[0] <= bound + BIG_READ_SIZE

        await source.close()
        await target.close()
        for server in (sink_server, feeder_server):
            server.close()
            await server.wait_closed()

    run(main())


def test_echo_pauses_a_peer_that_does_not_read_and_keeps_the_order(run: Runner[Any]) -> None:
    """Echo is offer() with the peer as its own source."""
    lines = _lines(4000)
    bound = 32 * 1024

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True, send_queue_bytes=bound,
                               framing={"mode": "delimiter", "keep_delimiter": True})
        srec = Recorder(server)
        await server.open()
        peak = [0]

        def watch(event: BatchEvent | None = None) -> None:
            # Subscribers run before the echo of the frames they get: what one read queued
            # is seen at the next read, or by the call after the pause below.
            for peer in server.peers.values():
                peak[0] = max(peak[0], peer._queue.nbytes)

        server.subscribe(watch, batches=True)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect: kept
        sock.setblocking(False)
        await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", server.endpoint.port))
        reader, writer = await asyncio.open_connection(sock=sock)
        writer.transport.set_write_buffer_limits(high=len(lines) * LINE)  # write it all now
        writer.write(b"".join(lines))
        added = await srec.wait_for(lambda e: isinstance(e, PeerAdded))
        assert isinstance(added, PeerAdded)
        peer = server.peers[added.peer_id]
        await eventually(lambda: peer._backpressure in peer._pause_reasons)
        watch()
        assert len(srec.received) < len(lines)  # the client's data waits in the socket
        assert bound <= peak[0] <= bound + BIG_READ_SIZE

        echoed = await asyncio.wait_for(reader.readexactly(len(lines) * LINE), 10)
        assert echoed == b"".join(lines)
        assert not peer._pause_reasons
        writer.close()
        await writer.wait_closed()
        await server.close()

    run(main())


def test_offer_without_a_source_refuses_a_full_queue(run: Runner[Any]) -> None:
    async def main() -> None:
        sink = Sink()
        sink_server, sink_url = await _listen(lambda: sink)
        target = create_connection(sink_url, send_queue=4, send_queue_bytes=1 << 30)
        rec = Recorder(target)
        await target.open()
        chunk = b"y" * 65536
        offered = 0
        with pytest.raises(QueueFull, match=r"send queue is full \(4 frames"):
            for _ in range(10_000):  # the kernel buffers and the transport's fill first
                target.offer(chunk)
                offered += 1
        assert len(target._queue) == 4  # the refused frame was not queued
        sink.start_reading()
        await sink.wait_bytes(offered * len(chunk))
        assert bytes(sink.data) == chunk * offered
        await target.close()
        assert len(rec.sent) == offered
        sink_server.close()
        await sink_server.wait_closed()

    run(main())


def test_offer_to_a_connection_that_is_not_open(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0")
        with pytest.raises(NotOpen, match="cannot send, the server is idle"):
            server.offer(b"x")
        await server.open()
        client = create_connection(server.url)
        await client.open()
        assert client.offer(b"x") is True
        await client.close()
        with pytest.raises(NotOpen, match="cannot send, the connection is closed"):
            client.offer(b"x")
        await server.close()

    run(main())


def test_a_target_that_ends_lets_its_paused_source_go(run: Runner[Any]) -> None:
    async def main() -> None:
        sink = Sink()
        sink_server, sink_url = await _listen(lambda: sink)
        feeder_server, feeder_url = await _listen(lambda: Feeder(b"".join(_lines())))
        target = create_connection(sink_url, send_queue_bytes=16 * 1024)
        source = create_connection(feeder_url)
        _relay(source, target, [0])
        await target.open()
        await source.open()
        await eventually(lambda: target._backpressure in source._pause_reasons)
        trec = Recorder(target)
        assert sink.transport is not None
        sink.transport.abort()  # the slow reader goes away: the target fails
        await trec.wait_state(State.FAILED)
        assert any("reset" in m for m in trec.errors)
        assert not source._pause_reasons and not target._stalled  # reading again
        assert source.state is State.OPEN
        with pytest.raises(NotOpen):
            target.offer(b"late", source=source)
        await source.close()
        for server in (sink_server, feeder_server):
            server.close()
            await server.wait_closed()

    run(main())


def test_server_offer_to_one_peer_and_to_all(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0")
        await server.open()
        clients = [create_connection(server.url) for _ in range(3)]
        recs = [Recorder(c) for c in clients]
        for client in clients:
            await client.open()
        await eventually(lambda: len(server.open_peers()) == 3)
        first = next(p for p in server.open_peers() if p.peer_address == clients[0].local_address)
        assert server.offer(b"one", peer=first.id) is True
        assert server.offer(b"all") is True
        assert await recs[0].wait_bytes(6) == b"oneall"
        for rec in recs[1:]:
            assert await rec.wait_bytes(3) == b"all"
        with pytest.raises(NotOpen, match="no peer #999"):
            server.offer(b"x", peer=999)
        for client in clients:
            await client.close()
        await server.close()

    run(main())


def test_echo_to_many_clients_that_never_read_holds_a_bounded_total(run: Runner[Any]) -> None:
    """8 clients flooding 1 MiB frames at an echo server and never reading held 2.1 GiB
    (256 frames each); now each peer's queue stops at its byte bound."""
    clients, bound = 4, 1 << 20
    frame = b"f" * (256 * 1024)

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True)  # default send_queue_bytes
        assert server.options.send_queue_bytes == 4 * bound
        await server.open()
        loop = asyncio.get_running_loop()
        socks = []
        for _ in range(clients):
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.setblocking(False)
            await loop.sock_connect(sock, ("127.0.0.1", server.endpoint.port))
            socks.append(sock)
        await eventually(lambda: len(server.open_peers()) == clients)
        deadline = loop.time() + 2.0
        peak = 0
        while loop.time() < deadline:  # every client writes as fast as the server reads
            for sock in socks:
                with contextlib.suppress(BlockingIOError):  # full: try again next turn
                    sock.send(frame)
            peak = max(peak, sum(p._queue.nbytes for p in server.peers.values()))
            await asyncio.sleep(0.001)
        held = sum(p._queue.nbytes for p in server.peers.values())
        paused = [p for p in server.peers.values() if p._backpressure in p._pause_reasons]
        assert len(paused) == clients  # every flooder stopped being read
        limit = clients * (4 * bound + BIG_READ_SIZE)
        assert peak <= limit and held <= limit, (peak, held)
        for sock in socks:
            sock.close()
        await server.close()

    run(main())

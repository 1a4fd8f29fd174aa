"""Each fault measured through a live relay: added latency and bandwidth within ±10 %, slices,
drops, limits, timeouts, slow closes and resets as the client sees them.  Faults switch while a
connection is open.  The peers are stdlib sockets (and redis-cli for the reset)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import subprocess
import time
from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from tests.transports.conftest import Runner, Spawner, free_port, in_thread, need
from tests.transports.relay.conftest import Sides, eventually
from transports.frames import FrameSent
from transports.relay import (
    Bandwidth,
    Drop,
    Latency,
    LimitData,
    Relay,
    Reset,
    Slicer,
    SlowClose,
    Timeout,
    Way,
)

Handler = Callable[[asyncio.StreamReader, asyncio.StreamWriter], Awaitable[None]]


def recording_sink(into: bytearray) -> Handler:
    """An upstream that appends everything it reads to ``into`` until EOF (or a reset)."""

    async def sink(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        with contextlib.suppress(ConnectionError):
            while data := await reader.read(65536):
                into.extend(data)
        writer.close()

    return sink


@contextlib.asynccontextmanager
async def relayed(handler: Handler, **kwargs: object) -> AsyncIterator[Relay]:
    """A stdlib TCP server running ``handler`` behind an open relay."""
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    relay = Relay("tcp://127.0.0.1:0", f"tcp://127.0.0.1:{port}", **kwargs)  # type: ignore[arg-type]
    await relay.open()
    try:
        yield relay
    finally:
        await relay.close()
        server.close()
        await server.wait_closed()


async def connect(relay: Relay) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.open_connection("127.0.0.1", relay.endpoint.port)


async def echo(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    with contextlib.suppress(ConnectionError):
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    writer.close()


async def min_rtt(reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                  n: int = 7) -> float:
    """The fastest of ``n`` round trips: a loaded machine only ever makes one slower, so the
    minimum measures what the relay adds."""
    times = []
    for i in range(n):
        start = time.perf_counter()
        writer.write(b"%06d" % i)
        assert await reader.readexactly(6) == b"%06d" % i
        times.append(time.perf_counter() - start)
    return min(times)


def test_latency_added_within_ten_percent_and_switched_live(run: Runner[None]) -> None:
    async def main() -> None:
        async with relayed(echo) as relay:
            reader, writer = await connect(relay)
            base = await min_rtt(reader, writer)
            relay.set_faults(Way.UPSTREAM, Latency(0.1))
            added = await min_rtt(reader, writer) - base
            assert added == pytest.approx(0.1, rel=0.1)
            relay.set_faults(Way.DOWNSTREAM, Latency(0.05))  # both ways now
            added = await min_rtt(reader, writer) - base
            assert added == pytest.approx(0.15, rel=0.1)
            relay.set_faults(Way.UPSTREAM)  # off again, on the same connection
            added = await min_rtt(reader, writer) - base
            assert added == pytest.approx(0.05, rel=0.1)
            relay.set_faults(Way.DOWNSTREAM, Latency(0.1, jitter=0.04), seed=3)
            times = [await min_rtt(reader, writer, 1) - base for _ in range(15)]
            assert min(times) >= 0.06 * 0.9, times  # never below delay − jitter
            assert sorted(times)[3] <= 0.14 * 1.1, times  # (load may only make some later)
            assert sorted(times)[-4] - min(times) > 0.02, times  # the jitter is there
            writer.close()

    run(main())


def test_bandwidth_within_ten_percent_both_ways(run: Runner[None]) -> None:
    size = 1 << 20
    rate = 1 << 20  # 1 MiB/s: a one-second transfer each way
    done = asyncio.Event()
    upload_time: list[float] = []

    async def handler(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        start = time.perf_counter()
        await reader.readexactly(size)  # the upload...
        upload_time.append(time.perf_counter() - start)
        writer.write(os.urandom(size))  # ...then the download
        await writer.drain()
        await done.wait()
        writer.close()

    async def main() -> None:
        async with relayed(handler) as relay:
            relay.set_faults(Way.UPSTREAM, Bandwidth(rate))
            relay.set_faults(Way.DOWNSTREAM, Bandwidth(rate))
            reader, writer = await connect(relay)
            writer.write(os.urandom(size))
            await writer.drain()
            await reader.readexactly(1)  # the download starts when the upload is in
            start = time.perf_counter()
            await reader.readexactly(size - 1)
            download = time.perf_counter() - start
            done.set()
            writer.close()
            assert size / upload_time[0] == pytest.approx(rate, rel=0.1)
            assert size / download == pytest.approx(rate, rel=0.1)

    run(main())


def test_slicer_cuts_stream_into_spaced_pieces(run: Runner[None]) -> None:
    received = bytearray()

    async def sink(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        while data := await reader.read(65536):
            received.extend(data)
        writer.close()

    async def main() -> None:
        async with relayed(sink) as relay:
            sides = Sides(relay)
            relay.set_faults(Way.UPSTREAM, Slicer(200, variation=50, interval=0.02), seed=1)
            _, writer = await connect(relay)
            data = os.urandom(2000)
            writer.write(data)
            await eventually(lambda: len(received) >= len(data))
            writer.close()
        assert bytes(received) == data
        # what the relay wrote upstream: pieces of 150–250 bytes, 20 ms apart
        writes = [(e.frame.timestamp, e.frame.payload) for e in sides.events
                  if isinstance(e, FrameSent) and sides.side[e.frame.conn_id] == "upstream"]
        assert b"".join(p for _, p in writes) == data
        assert all(150 <= len(p) <= 250 for _, p in writes[:-1]) and len(writes[-1][1]) <= 250
        span = writes[-1][0] - writes[0][0]
        assert span >= (len(writes) - 1) * 0.02 * 0.9

    run(main())


def test_drop_with_probability_on_udp(run: Runner[None]) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()

        class Echo(asyncio.DatagramProtocol):
            def connection_made(self, transport: asyncio.BaseTransport) -> None:
                self.transport = transport

            def datagram_received(self, data: bytes, addr: tuple[str, int]) -> None:
                self.transport.sendto(data, addr)  # type: ignore[attr-defined]

        transport, _ = await loop.create_datagram_endpoint(Echo, local_addr=("127.0.0.1", 0))
        port = transport.get_extra_info("sockname")[1]
        relay = Relay("udp://127.0.0.1:0", f"udp://127.0.0.1:{port}")
        relay.set_faults(Way.UPSTREAM, Drop(0.3), seed=11)
        await relay.open()
        client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        client.bind(("127.0.0.1", 0))
        client.setblocking(False)
        got: list[bytes] = []
        try:
            for i in range(500):
                client.sendto(b"%d" % i, ("127.0.0.1", relay.endpoint.port))
                await asyncio.sleep(0.001)
                with contextlib.suppress(BlockingIOError):
                    while True:
                        got.append(client.recv(100))
            await asyncio.sleep(0.2)
            with contextlib.suppress(BlockingIOError):
                while True:
                    got.append(client.recv(100))
            (pair,) = relay.pairs.values()
            assert pair.up.dropped + len(got) == 500
            assert 120 <= pair.up.dropped <= 180  # 30 % of 500 ± 3 σ
            assert got == sorted(got, key=int)  # order kept among what passed
        finally:
            client.close()
            await relay.close()
            transport.close()

    run(main())


def test_drop_is_refused_on_a_byte_stream() -> None:
    relay = Relay("tcp://127.0.0.1:0", "tcp://127.0.0.1:9")
    with pytest.raises(ValueError, match="byte stream"):
        relay.set_faults(Way.UPSTREAM, Drop(0.5))


def test_limit_data_closes_after_n_bytes(run: Runner[None]) -> None:
    seen = bytearray()
    sink = recording_sink(seen)

    async def main() -> None:
        async with relayed(sink) as relay:
            relay.set_faults(Way.UPSTREAM, LimitData(1000))
            reader, writer = await connect(relay)
            data = os.urandom(3000)
            writer.write(data)
            async with asyncio.timeout(5):
                assert await reader.read() == b""  # the relay closed the client
            writer.close()
            await asyncio.sleep(0.05)
        assert bytes(seen) == data[:1000]

    run(main())


def test_timeout_holds_then_closes(run: Runner[None]) -> None:
    seen = bytearray()
    sink = recording_sink(seen)

    async def main() -> None:
        async with relayed(sink) as relay:
            relay.set_faults(Way.UPSTREAM, Timeout(0.3))
            held = []
            for _ in range(3):  # the shortest of three: load only ever adds
                reader, writer = await connect(relay)
                start = time.perf_counter()
                writer.write(b"anyone there?")
                async with asyncio.timeout(5):
                    assert await reader.read() == b""
                held.append(time.perf_counter() - start)
                writer.close()
            assert min(held) == pytest.approx(0.3, rel=0.1)
        assert seen == b""

    run(main())


def test_slow_close_delays_the_close(run: Runner[None]) -> None:
    async def closer(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        writer.write(b"bye")
        await writer.drain()
        writer.close()

    async def main() -> None:
        async with relayed(closer) as relay:
            relay.set_faults(Way.DOWNSTREAM, SlowClose(0.3))
            delays = []
            for _ in range(3):
                reader, writer = await connect(relay)
                assert await reader.readexactly(3) == b"bye"
                start = time.perf_counter()
                assert await reader.read() == b""
                delays.append(time.perf_counter() - start)
                writer.close()
            assert min(delays) == pytest.approx(0.3, rel=0.1)

    run(main())


def test_reset_is_seen_by_the_client(run: Runner[None]) -> None:
    async def main() -> None:
        async with relayed(echo) as relay:
            reader, writer = await connect(relay)
            writer.write(b"ping")
            assert await reader.readexactly(4) == b"ping"
            relay.set_faults(Way.UPSTREAM, Reset())
            writer.write(b"ping")
            with pytest.raises(ConnectionResetError):
                async with asyncio.timeout(5):
                    await reader.read(100)
            writer.close()

    run(main())


def test_reset_seen_by_redis_cli(run: Runner[None], spawn: Spawner) -> None:
    need("redis-server")
    need("redis-cli")
    port = free_port()
    spawn("redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
          "--appendonly", "no", tcp_port=port)

    async def main() -> None:
        relay = Relay("tcp://127.0.0.1:0", f"tcp://127.0.0.1:{port}")
        await relay.open()
        cli = ["redis-cli", "-h", "127.0.0.1", "-p", str(relay.endpoint.port), "PING"]
        ok = await in_thread(lambda: subprocess.run(cli, capture_output=True, text=True,
                                                    timeout=10))
        assert ok.stdout == "PONG\n"
        relay.set_faults(Way.UPSTREAM, Reset())
        failed = await in_thread(lambda: subprocess.run(cli, capture_output=True, text=True,
                                                        timeout=10))
        assert "reset by peer" in (failed.stdout + failed.stderr).lower()
        await relay.close()

    run(main())

"""Backpressure and the pipeline: a flood towards a peer that does not read stays bounded (with
and without faults holding frames), hooks drop/delay/rewrite in flight, injection reaches
either side, and the relay cleans up after its pairs."""

from __future__ import annotations

import asyncio
import dataclasses
import resource
import time

import pytest

from tests.transports.conftest import Runner
from tests.transports.relay.conftest import eventually
from tests.transports.relay.test_faults_measured import connect, echo, relayed
from transports.errors import NotOpen
from transports.frames import FrameKind
from transports.options import Options
from transports.relay import Latency, Message, Relay, Way

CHUNK = b"x" * 65536


def rss_bytes() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * resource.getpagesize()


@pytest.mark.parametrize("latency", [None, 0.02])
def test_flood_to_a_peer_that_does_not_read_stays_bounded(run: Runner[None],
                                                          latency: float | None) -> None:
    bound = 256 << 10
    queue_bytes = 512 << 10
    stop = asyncio.Event()

    async def stalled(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await stop.wait()  # never reads
        writer.close()

    async def main() -> None:
        async with relayed(stalled, upstream_options=Options(send_queue_bytes=queue_bytes),
                           bound=bound) as relay:
            if latency:
                relay.set_faults(Way.UPSTREAM, Latency(latency))
            _, writer = await connect(relay)
            rss_before = rss_bytes()
            written = sent = 0
            held = queued = 0
            last_progress = time.monotonic()
            deadline = last_progress + 15.0
            # Write as fast as the relay takes it, until nothing got through for 0.5 s.
            while time.monotonic() - last_progress < 0.5:
                assert time.monotonic() < deadline, "the flood was never held back"
                if writer.transport.get_write_buffer_size() < len(CHUNK):
                    writer.write(CHUNK)
                    written += len(CHUNK)
                    await asyncio.sleep(0)
                else:
                    await asyncio.sleep(0.005)
                now_sent = written - writer.transport.get_write_buffer_size()  # in the kernel
                if now_sent != sent:
                    sent, last_progress = now_sent, time.monotonic()
                (pair,) = relay.pairs.values()
                held = max(held, relay.held_bytes)
                queued = max(queued, pair.upstream._queue.nbytes)
            assert held <= bound + (256 << 10)  # one read over the bound at most
            assert queued <= queue_bytes + bound + (256 << 10)
            assert sent < 64 << 20  # kernel buffers + the bounds, not everything written
            assert rss_bytes() - rss_before < 48 << 20
            if latency:
                assert held > 0
            print(f"flood (latency {latency}): {sent >> 10} KiB through, held ≤ {held >> 10} "
                  f"KiB, upstream queue ≤ {queued >> 10} KiB, "
                  f"RSS +{(rss_bytes() - rss_before) >> 20} MiB")
            stop.set()
            writer.transport.abort()
            await asyncio.sleep(0.05)

    run(main())


def test_hooks_drop_delay_and_rewrite_in_flight(run: Runner[None]) -> None:
    def hook(message: Message) -> Message | None:
        if message.payload.startswith(b"drop"):
            return None
        if message.way is Way.DOWNSTREAM:
            return dataclasses.replace(message, payload=message.payload.upper())
        if message.payload.startswith(b"slow"):
            return dataclasses.replace(message, delay=0.2)
        return message

    async def main() -> None:
        async with relayed(echo) as relay:
            relay.add_hook(hook)
            reader, writer = await connect(relay)
            writer.write(b"hello")
            assert await reader.readexactly(5) == b"HELLO"
            writer.write(b"drop this")
            await asyncio.sleep(0.1)
            delays = []
            for _ in range(3):  # the shortest of three: load only ever adds
                writer.write(b"slow")
                start = time.perf_counter()
                assert await reader.readexactly(4) == b"SLOW"
                delays.append(time.perf_counter() - start)
            assert min(delays) == pytest.approx(0.2, rel=0.1)
            (pair,) = relay.pairs.values()
            assert pair.up.dropped == 1
            relay.remove_hook(hook)
            writer.write(b"plain")
            assert await reader.readexactly(5) == b"plain"
            writer.close()

    run(main())


def test_inject_into_either_side(run: Runner[None]) -> None:
    async def main() -> None:
        upstream_got: list[bytes] = []

        async def recorder(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            while data := await reader.read(100):
                upstream_got.append(data)
            writer.close()

        async with relayed(recorder) as relay:
            reader, writer = await connect(relay)
            await eventually(lambda: relay.pairs and next(iter(relay.pairs.values())).up.ready)
            (pair_id,) = relay.pairs
            relay.inject(pair_id, Way.DOWNSTREAM, b"to the client")
            assert await reader.readexactly(13) == b"to the client"
            relay.inject(pair_id, Way.UPSTREAM, "to the server")
            await eventually(lambda: b"".join(upstream_got) == b"to the server")
            with pytest.raises(NotOpen):
                relay.inject(99, Way.UPSTREAM, b"nobody")
            # the composer's way: send to a peer of the relay by id
            pair = relay.pairs[pair_id]
            await relay.send(b"via send", peer=pair.client.id)
            assert await reader.readexactly(8) == b"via send"
            writer.close()
            await eventually(lambda: not relay.pairs)
            assert not relay.peers

    run(main())


def test_unreachable_upstream_closes_the_client(run: Runner[None]) -> None:
    async def main() -> None:
        from tests.transports.conftest import free_port

        relay = Relay("tcp://127.0.0.1:0", f"tcp://127.0.0.1:{free_port()}")
        errors: list[str] = []
        relay.subscribe(lambda e: errors.append(e.message) if hasattr(e, "message") else None)
        await relay.open()
        reader, writer = await connect(relay)
        async with asyncio.timeout(5):
            assert await reader.read() == b""
        writer.close()
        assert any("upstream unreachable" in message for message in errors), errors
        await relay.close()

    run(main())


def test_relay_rejects_mixed_families() -> None:
    with pytest.raises(ValueError, match="both sides"):
        Relay("tcp://127.0.0.1:0", "ws://127.0.0.1:9/")


def test_websocket_relay_keeps_kinds_with_faults(run: Runner[None]) -> None:
    """Faults (latency) on a WebSocket relay: kinds survive the held path."""
    from websockets.asyncio.client import connect as ws_connect
    from websockets.asyncio.server import ServerConnection, serve

    async def handler(ws: ServerConnection) -> None:
        async for message in ws:
            await ws.send(message)

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            relay = Relay("ws://127.0.0.1:0/", f"ws://127.0.0.1:{port}/")
            relay.set_faults(Way.DOWNSTREAM, Latency(0.05))
            await relay.open()
            async with ws_connect(f"ws://127.0.0.1:{relay.endpoint.port}/") as ws:
                await ws.send("text")
                await ws.send(b"bytes")
                assert await ws.recv() == "text"
                assert await ws.recv() == b"bytes"
            await relay.close()
        assert FrameKind.TEXT  # kinds checked by the client's types above

    run(main())

"""Framing over real TCP streams: length-prefixed and delimited exchanges end to end, frames
split across reads, and the stream's handling of oversized frames."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner
from transports.aio.stream import BIG_READ_SIZE, READ_SIZE, read_buffer
from transports.factory import create_connection, create_server
from transports.frames import (
    BatchEvent,
    ErrorEvent,
    FrameBatch,
    FrameReceived,
    PeerAdded,
    StateChanged,
)
from transports.state import State


def test_length_prefixed_exchange(run: Runner[Any]) -> None:
    spec = {"mode": "length", "header_size": 4, "keep_header": False}

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True, framing=spec)
        await server.open()
        client = create_connection(server.url, framing=spec)
        rec = Recorder(client)
        await client.open()
        payloads = [b"", b"a", bytes(range(256)) * 40, b"\n\x00end"]
        for payload in payloads:
            await client.send(payload)
        assert await rec.wait_received(len(payloads)) == payloads
        await client.close()
        await server.close()

    run(main())


def test_a_payload_the_header_cannot_announce_is_refused_before_queueing(
        run: Runner[Any]) -> None:
    spec = {"mode": "length", "header_size": 1}

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True, framing=spec)
        await server.open()
        client = create_connection(server.url, framing=spec)
        rec = Recorder(client)
        await client.open()
        refused = r"127\.0\.0\.1:\d+: a 300-byte payload does not fit a 1-byte length header"
        with pytest.raises(ValueError, match=refused):
            client.offer(b"x" * 300)
        with pytest.raises(ValueError, match=refused):
            await client.send(b"x" * 300)
        await client.send(b"y" * 255)  # the largest that fits still goes, and is echoed
        assert await rec.wait_received(1) == [b"\xff" + b"y" * 255]
        assert client.state is State.OPEN and rec.sent == [b"y" * 255]
        await client.close()
        await server.close()

    run(main())


def test_delimited_exchange_with_frames_split_across_reads(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", framing={"mode": "delimiter",
                                                               "delimiter": "\r\n"})
        srec = Recorder(server)
        await server.open()
        raw = create_connection(server.url)  # raw framing: bytes go out as given
        await raw.open()
        for piece in (b"HEL", b"LO\r", b"\nWOR", b"LD\r\n\r\n", b"tail"):
            await raw.send(piece)
            await asyncio.sleep(0.01)
        assert await srec.wait_received(3) == [b"HELLO", b"WORLD", b""]
        await raw.close()
        # the stream ended inside "tail": the peer's close reports the incomplete frame
        await srec.wait_for(lambda e: isinstance(e, ErrorEvent) and "mid-frame" in e.message)
        await server.close()

    run(main())


def test_oversized_delimited_frame_is_reported(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0",
                               framing={"mode": "delimiter", "max_frame": 64})
        srec = Recorder(server)
        await server.open()
        client = create_connection(server.url)
        await client.open()
        await srec.wait_for(lambda e: isinstance(e, PeerAdded))
        await client.send(b"x" * 500)  # no delimiter within max_frame bytes
        await asyncio.sleep(0.05)
        await client.send(b"\nshort\n")
        error = await srec.wait_for(lambda e: isinstance(e, ErrorEvent))
        assert isinstance(error, ErrorEvent) and "framing" in error.message
        if error.fatal:  # the framer could not resynchronise: the peer is gone
            ended = await srec.wait_for(lambda e: isinstance(e, StateChanged)
                                        and e.conn_id != server.id
                                        and e.new in (State.FAILED, State.CLOSED))
            assert isinstance(ended, StateChanged) and "framing" in ended.reason
        else:  # it skipped the long frame and goes on
            await srec.wait_for(lambda e: b"short" in srec.received)
            assert all(len(p) <= 64 for p in srec.received)
        await client.close()
        await server.close()

    run(main())


class Collector:
    """A batch subscriber that keeps received payloads (cheap for floods)."""

    def __init__(self, conn: Any) -> None:
        self.payloads: list[bytes] = []
        self.bytes = 0
        self._changed = asyncio.Event()
        conn.subscribe(self._on_event, batches=True)

    def _on_event(self, event: BatchEvent) -> None:
        if isinstance(event, FrameBatch):
            got = list(event.payloads)
        elif isinstance(event, FrameReceived):
            got = [event.frame.payload]
        else:
            return
        self.payloads += got
        self.bytes += sum(map(len, got))
        self._changed.set()

    async def until(self, done: Callable[[], bool]) -> None:
        async with asyncio.timeout(20):
            while not done():
                self._changed.clear()
                await self._changed.wait()


def test_reads_grow_for_a_flood_of_big_frames_and_shrink_for_small_ones(run: Runner[Any]) -> None:
    """Full reads of frames averaging BIG_FRAME bytes or more switch to BIG_READ_SIZE reads;
    small frames switch back; raw framing keeps READ_SIZE.  Every frame arrives intact."""
    big = [i.to_bytes(4, "big") + bytes(1020) for i in range(3000)]  # ~3 MB of 1 KiB frames
    small = [i.to_bytes(4, "big") * 4 for i in range(60_000)]  # ~1 MB of 16-byte frames
    sizes: dict[str, set[int]] = {"length": set(), "raw": set()}

    async def main() -> None:
        commands: asyncio.Queue[str] = asyncio.Queue()
        handlers: list[asyncio.Task[Any]] = []

        async def flood(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.current_task()
            assert task is not None
            handlers.append(task)
            writer.write(b"".join(len(p).to_bytes(2, "big") + p for p in big))
            await writer.drain()
            if await commands.get() == "small":
                writer.write(b"".join(len(p).to_bytes(2, "big") + p for p in small))
                await writer.drain()
            await reader.read()  # until the client closes
            writer.close()

        server = await asyncio.start_server(flood, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        for mode in ("length", "raw"):
            spec = ({"mode": "length", "header_size": 2, "keep_header": False}
                    if mode == "length" else {"mode": "raw"})
            client = create_connection(f"tcp://127.0.0.1:{port}", framing=spec)
            got = Collector(client)
            await client.open()
            protocol = client._protocol
            assert protocol is not None
            total = sum(map(len, big)) + (2 * len(big) if mode == "raw" else 0)
            await got.until(lambda: got.bytes >= total)  # noqa: B023 (awaited here)
            sizes[mode].add(protocol.read_size)
            if mode == "length":
                assert got.payloads == big
                commands.put_nowait("small")
                await got.until(lambda: len(got.payloads) >= len(big) + len(small))  # noqa: B023
                assert got.payloads[len(big):] == small
                sizes[mode].add(protocol.read_size)
            else:
                commands.put_nowait("done")
            await client.close()
        server.close()
        await asyncio.gather(*handlers)

    run(main())
    assert sizes["length"] == {BIG_READ_SIZE, READ_SIZE}
    assert sizes["raw"] == {READ_SIZE}


def test_connections_of_a_thread_share_one_read_buffer(run: Runner[Any]) -> None:
    """One read buffer per thread serves every connection (copied out on each read), and
    interleaved floods on two connections still arrive intact, each on its own."""
    spec = {"mode": "length", "header_size": 2, "keep_header": False}

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True, framing=spec)
        await server.open()
        clients = [create_connection(server.url, framing=spec) for _ in range(2)]
        got = [Collector(c) for c in clients]
        for c in clients:
            await c.open()
        first, second = (c._protocol for c in clients)
        assert first is not None and second is not None
        assert first.get_buffer(-1) is second.get_buffer(-1)
        sent = [[bytes([k]) * 700 + i.to_bytes(4, "big") for i in range(2000)] for k in (1, 2)]
        await asyncio.gather(*(c.send(p) for k, c in enumerate(clients) for p in sent[k]))
        for k in (0, 1):
            await got[k].until(lambda k=k: len(got[k].payloads) >= len(sent[k]))  # type: ignore[misc]
            assert got[k].payloads == sent[k]
        for c in clients:
            await c.close()
        await server.close()

    run(main())
    other: list[memoryview] = []
    thread = threading.Thread(target=lambda: other.append(read_buffer(READ_SIZE)))
    thread.start()
    thread.join()
    assert other[0] is not read_buffer(READ_SIZE)

"""One read, one FrameBatch for batch subscribers; one event per frame for the others."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.transports.conftest import Recorder, Runner
from transports.factory import create_connection, create_server
from transports.frames import BatchEvent, Direction, FrameBatch, FrameReceived, FrameSent


def test_batch_and_single_subscribers_see_the_same_frames(run: Runner[Any]) -> None:
    lines = [f"line {i}".encode() for i in range(200)]

    async def main() -> None:
        async def flood(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(b"".join(line + b"\n" for line in lines))  # one write, many frames
            await writer.drain()
            await reader.read()
            writer.close()

        server = await asyncio.start_server(flood, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        conn = create_connection(f"tcp://127.0.0.1:{port}",
                                 framing={"mode": "delimiter", "delimiter": b"\n"})
        singles = Recorder(conn)
        batched: list[BatchEvent] = []
        conn.subscribe(batched.append, batches=True)
        await conn.open()
        await singles.wait_received(len(lines))
        batches = [e for e in batched if isinstance(e, FrameBatch)]
        assert batches, "a 200-frame read arrives as at least one batch"
        assert all(b.direction is Direction.IN and b.conn_id == conn.id for b in batches)
        from_batches = [p for e in batched
                        for p in (e.payloads if isinstance(e, FrameBatch) else
                                  [e.frame.payload] if isinstance(e, FrameReceived) else [])]
        assert from_batches == singles.received == lines
        assert not any(isinstance(e, FrameBatch) for e in singles.events)
        await conn.close()
        server.close()
        await server.wait_closed()

    run(main())


def test_echo_of_a_batch_is_sent_back_in_order(run: Runner[Any]) -> None:
    async def main() -> None:
        srv = create_server("tcp://127.0.0.1:0", echo=True,
                            framing={"mode": "length", "header_size": 2})
        sent: list[bytes] = []
        srv.subscribe(lambda e: sent.extend(
            e.payloads if isinstance(e, FrameBatch) and e.direction is Direction.OUT else
            [e.frame.payload] if isinstance(e, FrameSent) else []), batches=True)
        await srv.open()
        reader, writer = await asyncio.open_connection("127.0.0.1", srv.endpoint.port)
        frames = [bytes([i % 256]) * (i % 7 + 1) for i in range(300)]
        writer.write(b"".join(len(f).to_bytes(2, "big") + f for f in frames))
        await writer.drain()
        wire = await reader.readexactly(sum(2 + len(f) for f in frames))
        assert wire == b"".join(len(f).to_bytes(2, "big") + f for f in frames)
        writer.close()
        await srv.close()
        assert sent == frames  # the bodies: each went out with a fresh length header

    run(main())

"""Framing over real TCP streams: length-prefixed and delimited exchanges end to end, frames
split across reads, and the stream's handling of oversized frames."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.transports.conftest import Recorder, Runner
from transports.factory import create_connection, create_server
from transports.frames import ErrorEvent, PeerAdded, StateChanged
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

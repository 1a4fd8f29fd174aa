"""Bare baseline clients under plain asyncio: connect, count frames, nothing else.

- ``streams`` (TCP, the baseline of ``ingest_ratio``): an asyncio-streams client reading each
  2-byte length-prefixed frame with ``readexactly`` (header, then payload);
- ``chunks`` (TCP, a stronger reference): reads 256 KiB chunks and cuts the frames out of them
  itself (each payload still becomes a ``bytes`` object);
- ``ws`` (WebSocket, the baseline): a websockets ``connect()`` client iterating over messages
  (compression off; the flood peer does not negotiate it anyway).

``python -m gui.bench.baseline_clients --impl … --port … --count …`` prints JSON.
"""

from __future__ import annotations

import argparse
import asyncio
import struct
import sys
import time

from websockets.asyncio.client import connect

_HEADER = struct.Struct(">H")


async def count_tcp_streams(port: int, count: int) -> float:
    """Seconds from connecting to the ``count``-th frame, one ``readexactly`` per part."""
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        for _ in range(count):
            header = await reader.readexactly(2)
            await reader.readexactly(int.from_bytes(header, "big"))
        return time.perf_counter() - start
    finally:
        writer.close()


async def count_tcp_chunks(port: int, count: int) -> float:
    """Seconds from connecting to the ``count``-th frame (ValueError if the stream ends early)."""
    start = time.perf_counter()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    unpack = _HEADER.unpack_from
    received = 0
    buf = b""
    try:
        while received < count:
            data = await reader.read(1 << 18)
            if not data:
                raise ValueError(f"stream ended after {received} of {count} frames")
            buf = buf + data if buf else data
            pos, end = 0, len(buf)
            while end - pos >= 2:
                (n,) = unpack(buf, pos)
                if end - pos - 2 < n:
                    break
                _payload = buf[pos + 2 : pos + 2 + n]  # materialised, as a real client's
                received += 1
                pos += 2 + n
            buf = buf[pos:]
        return time.perf_counter() - start
    finally:
        writer.close()


async def count_ws(port: int, count: int) -> float:
    """Seconds from connecting to the ``count``-th message (ValueError if it closes early)."""
    start = time.perf_counter()
    received = 0
    async with connect(f"ws://127.0.0.1:{port}/", compression=None, max_size=1 << 20) as ws:
        async for _message in ws:
            received += 1
            if received >= count:
                return time.perf_counter() - start
    raise ValueError(f"connection closed after {received} of {count} messages")


CLIENTS = {"streams": count_tcp_streams, "chunks": count_tcp_chunks, "ws": count_ws}


def main(argv: list[str] | None = None) -> int:
    from gui.bench.proc import emit

    parser = argparse.ArgumentParser(prog="python -m gui.bench.baseline_clients")
    parser.add_argument("--impl", choices=sorted(CLIENTS), required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args(argv)
    seconds = asyncio.run(CLIENTS[args.impl](args.port, args.count))
    emit({"impl": args.impl, "frames": args.count, "seconds": round(seconds, 4),
          "fps": round(args.count / seconds)})
    return 0


if __name__ == "__main__":
    sys.exit(main())

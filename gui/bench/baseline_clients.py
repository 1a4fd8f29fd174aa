"""Bare baseline clients under plain asyncio: connect, count frames, nothing else.

TCP: an asyncio-streams client that reads 256 KiB chunks and cuts the 2-byte length-prefixed
frames out of them (each payload becomes a ``bytes`` object, as any real client's would).
WebSocket: a websockets ``connect()`` client iterating over messages.
"""

from __future__ import annotations

import asyncio
import struct
import time

from websockets.asyncio.client import connect

_HEADER = struct.Struct(">H")


async def count_tcp(port: int, count: int) -> float:
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
                payload = buf[pos + 2 : pos + 2 + n]
                received += 1 if payload is not None else 0
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


def run(proto: str, port: int, count: int) -> float:
    coro = count_tcp(port, count) if proto == "tcp" else count_ws(port, count)
    return asyncio.run(coro)

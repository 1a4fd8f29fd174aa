"""Peers of the relay benchmark, run as child processes (``python -m gui.bench.relay_peers``).

- ``sink``: listens on 127.0.0.1, prints ``PORT <n>``; for each connection reads until EOF and
  prints ``DONE <bytes> <seconds>`` (first byte to EOF).
- ``send PORT BYTES``: connects, writes BYTES as fast as the connection takes them, closes.
"""

from __future__ import annotations

import asyncio
import sys
import time

CHUNK = b"\xa5" * (256 << 10)


class _Sink(asyncio.Protocol):
    def __init__(self) -> None:
        self.nbytes = 0
        self.first = 0.0

    def data_received(self, data: bytes) -> None:
        if not self.nbytes:
            self.first = time.perf_counter()
        self.nbytes += len(data)

    def eof_received(self) -> None:
        print(f"DONE {self.nbytes} {time.perf_counter() - self.first:.6f}", flush=True)

    def connection_lost(self, exc: Exception | None) -> None:
        pass


async def sink() -> None:
    server = await asyncio.get_running_loop().create_server(_Sink, "127.0.0.1", 0)
    print(f"PORT {server.sockets[0].getsockname()[1]}", flush=True)
    await asyncio.Event().wait()  # killed by the parent


async def send(port: int, total: int) -> None:
    _, writer = await asyncio.open_connection("127.0.0.1", port)
    left = total
    while left > 0:
        writer.write(CHUNK[:left])
        left -= min(left, len(CHUNK))
        await writer.drain()
    writer.close()
    await writer.wait_closed()


def main(argv: list[str]) -> None:
    if argv[0] == "sink":
        asyncio.run(sink())
    else:
        asyncio.run(send(int(argv[1]), int(argv[2])))


if __name__ == "__main__":
    main(sys.argv[1:])

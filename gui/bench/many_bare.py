"""Many connections, bare: plain ``asyncio.Protocol`` clients × n on one plain asyncio loop
(``python -m gui.bench.many_bare …`` prints JSON).

The ceiling for any single-loop CPython client on this machine: the same pacer tasks and
probes as :mod:`gui.bench.many_ours` (:func:`gui.bench.echo_load.pace`), but each probe is
one ``transport.write`` of the length-prefixed bytes and each read is cut into frames inline
— no transports library, no events, no queue.  What Sockscope's async transports cost is the
difference to this row.
"""

from __future__ import annotations

import asyncio
import sys
import time
from functools import partial
from typing import Any

from gui.bench.echo_load import (
    Window,
    asyncio_client_main,
    measure_window,
    open_in_batches,
    probe_time,
)
from gui.bench.proc import rss_bytes


class BareClient(asyncio.Protocol):
    """Writes probes, cuts echoed 2-byte length-prefixed frames, records round trips."""

    def __init__(self, window: Window) -> None:
        self.window = window
        self.transport: asyncio.Transport | None = None
        self.buf = b""

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        buf = self.buf + data if self.buf else data
        pos, end = 0, len(buf)
        window = self.window
        while end - pos >= 2:
            size = int.from_bytes(buf[pos : pos + 2], "big")
            if end - pos - 2 < size:
                break
            payload = buf[pos + 2 : pos + 2 + size]
            pos += 2 + size
            if window.recording:
                window.rtts.append(time.perf_counter() - probe_time(payload))
                window.received += 1
        self.buf = buf[pos:]

    def send(self, payload: bytes) -> None:
        assert self.transport is not None
        self.transport.write(len(payload).to_bytes(2, "big") + payload)


async def run(n: int, port: int, duration: float, warmup: float, peer_pid: int,
              rate: float) -> dict[str, Any]:
    rss_start = rss_bytes()
    window = Window(n, "bare", 1 / rate)
    loop = asyncio.get_running_loop()
    clients: list[BareClient] = []
    try:
        made = await open_in_batches([
            partial(loop.create_connection, lambda: BareClient(window), "127.0.0.1", port)
            for _ in range(n)])
        clients += [protocol for _, protocol in made]
        return await measure_window(
            window, [c.send for c in clients], duration=duration, warmup=warmup,
            peer_pid=peer_pid, rss_start=rss_start,
            extra={"loop": type(loop).__name__, "threads": 1})
    finally:
        for client in clients:
            if client.transport is not None:
                client.transport.close()


def main(argv: list[str] | None = None) -> int:
    return asyncio_client_main("python -m gui.bench.many_bare", run, argv)


if __name__ == "__main__":
    sys.exit(main())

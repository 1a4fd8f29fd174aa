"""Many connections, bare: plain ``asyncio.Protocol`` clients × n on one plain asyncio loop
(``python -m gui.bench.many_bare …`` prints JSON).

The ceiling for any single-loop CPython client on this machine: the same pacer tasks and
probes as :mod:`gui.bench.many_ours`, but each probe is one ``transport.write`` of the
length-prefixed bytes and each read is cut into frames inline — no transports library, no
events, no queue.  What Sockscope's async transports cost is the difference to this row.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from gui.bench.echo_load import Window, add_load_arguments, probe, probe_time, sample
from gui.bench.peers import raise_fd_limit
from gui.bench.proc import emit, rss_bytes


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


async def _pace(client: BareClient, index: int, n: int, window: Window,
                stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    period = window.period
    next_at = loop.time() + period * index / n
    seq = 0
    while not stop.is_set():
        delay = next_at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -period:  # fell behind by more than a period: skip, do not burst
            skipped = int(-delay / period)
            if window.recording:
                window.missed += skipped
            next_at += skipped * period
        client.send(probe(time.perf_counter(), index, seq))
        if window.recording:
            window.sent += 1
        seq += 1
        next_at += period


async def run(n: int, port: int, duration: float, warmup: float, peer_pid: int,
              rate: float) -> dict:
    rss_start = rss_bytes()
    window = Window(n, "bare", 1 / rate)
    loop = asyncio.get_running_loop()
    clients: list[BareClient] = []
    for i in range(0, n, 100):  # connect in batches, as many_ours does
        made = await asyncio.gather(*(
            loop.create_connection(lambda: BareClient(window), "127.0.0.1", port)
            for _ in range(min(100, n - i))))
        clients += [protocol for _, protocol in made]
    stop = asyncio.Event()
    pacers = [asyncio.create_task(_pace(c, i, n, window, stop)) for i, c in enumerate(clients)]
    try:
        await asyncio.sleep(warmup)
        window.recording = True
        start = sample(peer_pid)
        await asyncio.sleep(duration)
        window.recording = False
        end = sample(peer_pid)
        result = window.result(start, end, rss_start=rss_start,
                               extra={"loop": type(loop).__name__, "threads": 1})
    finally:
        stop.set()
        for task in pacers:
            task.cancel()
        await asyncio.gather(*pacers, return_exceptions=True)
        for client in clients:
            if client.transport is not None:
                client.transport.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.many_bare")
    add_load_arguments(parser)
    args = parser.parse_args(argv)
    raise_fd_limit()
    emit(asyncio.run(run(args.n, args.port, args.duration, args.warmup, args.peer_pid,
                         args.rate)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

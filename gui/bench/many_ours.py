"""Many connections, Sockscope's way: ``transports`` TcpClient × n on ONE plain asyncio loop
(the default selector/epoll loop of ``asyncio.run``; no Qt).

Each connection has a pacer task sending one probe every 10 ms and a subscriber callback that
records the round trip when the echo arrives (``python -m gui.bench.many_ours …`` prints JSON).
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time

from gui.bench.echo_load import Window, add_load_arguments, probe, probe_time, sample
from gui.bench.peers import raise_fd_limit
from gui.bench.proc import emit, rss_bytes
from transports.aio.base import Connection
from transports.factory import create_connection
from transports.frames import Event, FrameReceived
from transports.framing import FramingMode, FramingSpec
from transports.options import Options


async def _pace(conn: Connection, index: int, n: int, window: Window, stop: asyncio.Event) -> None:
    loop = asyncio.get_running_loop()
    period = window.period
    next_at = loop.time() + period * index / n  # spread the connections over the period
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
        await conn.send(probe(time.perf_counter(), index, seq))
        if window.recording:
            window.sent += 1
        seq += 1
        next_at += period


async def run(n: int, port: int, duration: float, warmup: float, peer_pid: int,
              rate: float) -> dict:
    rss_start = rss_bytes()
    window = Window(n, "async", 1 / rate)
    options = Options(framing=FramingSpec(mode=FramingMode.LENGTH, header_size=2,
                                          keep_header=False), connect_timeout=30)
    rtts = window.rtts

    def on_event(event: Event) -> None:
        if type(event) is FrameReceived and window.recording:
            rtts.append(time.perf_counter() - probe_time(event.frame.payload))
            window.received += 1

    conns = [create_connection(f"tcp://127.0.0.1:{port}", options) for _ in range(n)]
    for conn in conns:
        conn.subscribe(on_event)
    for i in range(0, n, 100):  # connect in batches so the peer's backlog is not flooded
        await asyncio.gather(*(c.open() for c in conns[i : i + 100]))
    stop = asyncio.Event()
    pacers = [asyncio.create_task(_pace(c, i, n, window, stop), name=f"pace#{i}")
              for i, c in enumerate(conns)]
    try:
        await asyncio.sleep(warmup)
        window.recording = True
        start = sample(peer_pid)
        await asyncio.sleep(duration)
        window.recording = False
        end = sample(peer_pid)
        result = window.result(start, end, rss_start=rss_start,
                               extra={"loop": type(asyncio.get_running_loop()).__name__,
                                      "threads": 1})
    finally:
        stop.set()
        for task in pacers:
            task.cancel()
        await asyncio.gather(*pacers, return_exceptions=True)
        await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.many_ours")
    add_load_arguments(parser)
    args = parser.parse_args(argv)
    raise_fd_limit()
    emit(asyncio.run(run(args.n, args.port, args.duration, args.warmup, args.peer_pid,
                         args.rate)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

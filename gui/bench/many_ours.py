"""Many connections, Sockscope's way: ``transports`` TcpClient × n on ONE plain asyncio loop
(the default selector/epoll loop of ``asyncio.run``; no Qt).

Each connection has a pacer task sending one probe every 10 ms and a subscriber callback that
records the round trip when the echo arrives (``python -m gui.bench.many_ours …`` prints JSON).
"""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Any

from gui.bench.echo_load import (
    Window,
    asyncio_client_main,
    measure_window,
    open_in_batches,
    probe_time,
)
from gui.bench.proc import rss_bytes
from transports.factory import create_connection
from transports.frames import Event, FrameReceived
from transports.framing import FramingMode, FramingSpec
from transports.options import Options


async def run(n: int, port: int, duration: float, warmup: float, peer_pid: int,
              rate: float) -> dict[str, Any]:
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
    try:
        await open_in_batches([c.open for c in conns])
        return await measure_window(
            window, [c.send for c in conns], duration=duration, warmup=warmup,
            peer_pid=peer_pid, rss_start=rss_start,
            extra={"loop": type(asyncio.get_running_loop()).__name__, "threads": 1})
    finally:
        await asyncio.gather(*(c.close() for c in conns), return_exceptions=True)


def main(argv: list[str] | None = None) -> int:
    return asyncio_client_main("python -m gui.bench.many_ours", run, argv)


if __name__ == "__main__":
    sys.exit(main())

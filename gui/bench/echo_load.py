"""Shared by both many-connection clients: the probe message and the measurement record.

A probe is 16 bytes (send time as a ``perf_counter`` double, connection index, sequence
number) sent with a 2-byte big-endian length header; the echo peer sends the bytes back.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import struct
import time
from array import array
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from gui.bench.peers import raise_fd_limit
from gui.bench.proc import cpu_of, emit, rss_bytes
from gui.bench.stats import percentile

PROBE = struct.Struct(">dII")
T = TypeVar("T")
PERIOD = 0.01  # 100 messages per second per connection (the load)
RATE = 1 / PERIOD


def add_load_arguments(parser: argparse.ArgumentParser) -> None:
    """The command-line options every many-connections client takes."""
    parser.add_argument("--n", type=int, required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--duration", type=float, default=10)
    parser.add_argument("--warmup", type=float, default=1)
    parser.add_argument("--peer-pid", type=int, required=True)
    parser.add_argument("--rate", type=float, default=RATE, help="probes/s per connection")


def probe(sent_at: float, conn: int, seq: int) -> bytes:
    return PROBE.pack(sent_at, conn, seq)


def probe_time(payload: bytes) -> float:
    return float(PROBE.unpack_from(payload)[0])


def cpu_seconds() -> float:
    """User + system CPU seconds of this process (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def sys_seconds() -> float:
    """System (kernel) CPU seconds of this process: syscalls, loopback TCP delivery."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_stime


@dataclass(frozen=True)
class Sample:
    """Clocks at one instant: wall time, our CPU (total, kernel) and the peer's CPU."""

    t: float
    cpu: float
    sys: float
    peer: float


def sample(peer_pid: int) -> Sample:
    return Sample(time.perf_counter(), cpu_seconds(), sys_seconds(), peer_cpu(peer_pid))


@dataclass
class Window:
    """What one client run measured between ``start`` and ``stop``."""

    n: int
    impl: str
    period: float = PERIOD  # seconds between two probes of one connection
    rtts: array[float] = field(default_factory=lambda: array("d"))
    sent: int = 0
    received: int = 0
    missed: int = 0  # sends skipped because the sender fell more than a period behind
    recording: bool = False

    def result(self, start: Sample, end: Sample, *, rss_start: int,
               extra: dict[str, Any]) -> dict[str, Any]:
        duration, cpu_s, sys_s = end.t - start.t, end.cpu - start.cpu, end.sys - start.sys
        peer_cpu_s = end.peer - start.peer
        rtts = self.rtts
        ms = (lambda q: round(percentile(rtts, q) * 1000, 3)) if rtts else (lambda q: None)
        rss = rss_bytes()
        return {
            "n": self.n, "impl": self.impl, "cpu_s": round(cpu_s, 3),
            "cpu_sys_s": round(sys_s, 3),
            "rss_mb": round(rss / 2**20, 1),
            "rss_delta_mb": round((rss - rss_start) / 2**20, 1),
            "rtt_p50_ms": ms(50), "rtt_p99_ms": ms(99), "rtt_max_ms": ms(100),
            "duration_s": round(duration, 3),
            "sent": self.sent, "received": self.received, "missed": self.missed,
            "rate": round(1 / self.period, 3),  # asked: probes per second per connection
            "target_msgs": int(self.n * duration / self.period),
            "rate_per_conn": round(self.received / self.n / duration, 1) if duration else 0,
            "cpu_us_per_msg": round(cpu_s / self.received * 1e6, 1) if self.received else None,
            "peer_cpu_s": round(peer_cpu_s, 3),
            **extra,
        }


def peer_cpu(pid: int) -> float:
    return cpu_of(pid)


# -- the asyncio clients' pacing and measurement window (bare and ours) -----------------------
Send = Callable[[bytes], Awaitable[None] | None]


async def pace(send: Send, index: int, n: int, window: Window, stop: asyncio.Event) -> None:
    """Send a probe every ``window.period`` through ``send`` (awaited if it returns an
    awaitable), starting at this connection's slot of the period; a sender that falls more
    than a period behind skips (counted as missed), it does not burst."""
    loop = asyncio.get_running_loop()
    period = window.period
    next_at = loop.time() + period * index / n  # spread the connections over the period
    seq = 0
    while not stop.is_set():
        delay = next_at - loop.time()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -period:
            skipped = int(-delay / period)
            if window.recording:
                window.missed += skipped
            next_at += skipped * period
        sending = send(probe(time.perf_counter(), index, seq))
        if sending is not None:
            await sending
        if window.recording:
            window.sent += 1
        seq += 1
        next_at += period


async def open_in_batches(openers: list[Callable[[], Awaitable[T]]], size: int = 100) -> list[T]:
    """Open connections ``size`` at a time, so that the peer's listen backlog is not flooded."""
    opened: list[T] = []
    for i in range(0, len(openers), size):
        opened += await asyncio.gather(*(open_one() for open_one in openers[i : i + size]))
    return opened


def asyncio_client_main(prog: str, run: Callable[..., Awaitable[dict[str, Any]]],
                        argv: list[str] | None) -> int:
    """``main()`` of an asyncio many-connections client: parse the load options, run
    ``run(n, port, duration, warmup, peer_pid, rate)`` under ``asyncio.run``, print its JSON."""
    parser = argparse.ArgumentParser(prog=prog)
    add_load_arguments(parser)
    args = parser.parse_args(argv)
    raise_fd_limit()

    async def main() -> dict[str, Any]:
        return await run(args.n, args.port, args.duration, args.warmup, args.peer_pid, args.rate)

    emit(asyncio.run(main()))
    return 0


async def measure_window(window: Window, sends: list[Send], *, duration: float, warmup: float,
                         peer_pid: int, rss_start: int, extra: dict[str, Any]) -> dict[str, Any]:
    """Pace every connection, record ``duration`` seconds after ``warmup``, stop the pacers."""
    stop = asyncio.Event()
    n = len(sends)
    pacers = [asyncio.create_task(pace(send, i, n, window, stop), name=f"pace#{i}")
              for i, send in enumerate(sends)]
    try:
        await asyncio.sleep(warmup)
        window.recording = True
        start = sample(peer_pid)
        await asyncio.sleep(duration)
        window.recording = False
        end = sample(peer_pid)
        return window.result(start, end, rss_start=rss_start, extra=extra)
    finally:
        stop.set()
        for task in pacers:
            task.cancel()
        await asyncio.gather(*pacers, return_exceptions=True)

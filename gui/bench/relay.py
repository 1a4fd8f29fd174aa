"""Relay throughput: our :class:`~transports.relay.Relay` against a bare asyncio relay (two
``asyncio.Protocol`` halves writing to each other, flow control by pause/resume_writing),
measured back to back in the same run on the same peers.

A sender process writes N bytes through the relay (running on this process's loop) into a sink
process, which times first byte to EOF.  The ratio (goal ≥ 0.8) is the median of ours / bare
over back-to-back pairs, alternating which goes first.  The relay itself needs little CPU (the
peers and the kernel do the copying), so on a busy machine the throughput ratio is noisy: the
CPU seconds the relay process used per run are reported too (``cpu_ratio`` = bare / ours: 1.0
means ours costs the same).
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from typing import Any

from gui.bench.proc import child_env

PEERS = [sys.executable, "-m", "gui.bench.relay_peers"]


class _Half(asyncio.Protocol):
    """One side of the bare relay: what it reads, the other side writes."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.other: _Half | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        assert self.other is not None and self.other.transport is not None
        self.other.transport.write(data)

    def eof_received(self) -> bool:
        if self.other is not None and self.other.transport is not None:
            self.other.transport.close()
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        if self.other is not None and self.other.transport is not None:
            self.other.transport.close()

    def pause_writing(self) -> None:
        if self.other is not None and self.other.transport is not None:
            self.other.transport.pause_reading()

    def resume_writing(self) -> None:
        if self.other is not None and self.other.transport is not None:
            self.other.transport.resume_reading()


async def _bare_relay(upstream: int) -> tuple[asyncio.Server, int, set[asyncio.Task[Any]]]:
    loop = asyncio.get_running_loop()
    tasks: set[asyncio.Task[Any]] = set()

    class Downstream(_Half):
        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            super().connection_made(transport)
            assert self.transport is not None
            self.transport.pause_reading()
            task = loop.create_task(self.connect())
            tasks.add(task)
            task.add_done_callback(tasks.discard)

        async def connect(self) -> None:
            up = _Half()
            await loop.create_connection(lambda: up, "127.0.0.1", upstream)
            up.other, self.other = self, up
            assert self.transport is not None
            self.transport.resume_reading()

    server = await loop.create_server(Downstream, "127.0.0.1", 0)
    return server, server.sockets[0].getsockname()[1], tasks


async def _one(impl: str, nbytes: int) -> tuple[float, float]:
    """MB/s through one relay of ``impl`` ("bare" or "ours"), and the CPU seconds this
    process (the relay) used meanwhile."""
    sink = await asyncio.create_subprocess_exec(*PEERS, "sink", stdout=asyncio.subprocess.PIPE,
                                                env=child_env())
    assert sink.stdout is not None
    try:
        upstream = int((await sink.stdout.readline()).split()[1])
        if impl == "bare":
            server, port, _tasks = await _bare_relay(upstream)
        else:
            from transports.relay import Relay

            relay = Relay("tcp://127.0.0.1:0", f"tcp://127.0.0.1:{upstream}")
            await relay.open()
            port = relay.endpoint.port
        cpu = time.process_time()
        sender = await asyncio.create_subprocess_exec(*PEERS, "send", str(port), str(nbytes),
                                                      env=child_env())
        async with asyncio.timeout(300):
            words = (await sink.stdout.readline()).split()
        await sender.wait()
        cpu = time.process_time() - cpu
        if impl == "bare":
            server.close()
        else:
            await relay.close()
        if len(words) != 3 or int(words[1]) != nbytes:
            raise RuntimeError(f"the sink got {words!r}, expected {nbytes} bytes")
        return nbytes / float(words[2]) / 1e6, cpu
    finally:
        sink.kill()
        await sink.wait()


def run(quick: bool) -> dict[str, Any]:
    nbytes = (64 if quick else 512) << 20
    reps = 3 if quick else 5
    rates: dict[str, list[float]] = {"bare": [], "ours": []}
    cpus: dict[str, list[float]] = {"bare": [], "ours": []}
    for rep in range(reps):  # back-to-back pairs, alternating who goes first
        for impl in ("bare", "ours") if rep % 2 == 0 else ("ours", "bare"):
            rate, cpu = asyncio.run(_one(impl, nbytes))
            rates[impl].append(rate)
            cpus[impl].append(cpu)
    pairs = [o / b for b, o in zip(rates["bare"], rates["ours"], strict=True)]
    bare, ours = statistics.median(rates["bare"]), statistics.median(rates["ours"])
    bare_cpu, ours_cpu = statistics.median(cpus["bare"]), statistics.median(cpus["ours"])
    return {"bytes": nbytes, "reps": reps, "bare_mbps": round(bare, 1),
            "ours_mbps": round(ours, 1), "ratio": round(statistics.median(pairs), 3),
            "ratios": [round(r, 3) for r in pairs],
            "bare_cpu_s": round(bare_cpu, 3), "ours_cpu_s": round(ours_cpu, 3),
            "cpu_ratio": round(bare_cpu / ours_cpu, 3) if ours_cpu else None,
            "runs": {k: [round(v, 1) for v in vs] for k, vs in rates.items()}}

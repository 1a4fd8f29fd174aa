"""The many-connections part (parent side): one echo peer process per client run.

Each client run is a fresh process — :mod:`gui.bench.many_bare` (plain asyncio protocols: the
single-loop ceiling), :mod:`gui.bench.many_ours` (transports on one plain asyncio loop) and
:mod:`gui.bench.threaded_baseline` (three threads per connection) — measured back to back
against a fresh echo peer, whose own CPU time is reported so that a saturated peer shows up in
the numbers.  Every n runs at the issue's 100 msg/s per connection; the full mode also runs
1,000 connections at 10 msg/s, a load one CPython loop can carry on a small machine.
"""

from __future__ import annotations

from typing import Any

from gui.bench.echo_load import RATE
from gui.bench.proc import Peer, run_child

MODULES = {"bare": "gui.bench.many_bare", "async": "gui.bench.many_ours",
           "threads": "gui.bench.threaded_baseline"}


def loads(quick: bool) -> list[tuple[int, float]]:
    """(connections, probes per second per connection) to run."""
    if quick:
        return [(10, RATE), (100, RATE)]
    return [(10, RATE), (100, RATE), (1000, RATE), (1000, RATE / 10)]


def run(quick: bool) -> list[dict[str, Any]]:
    duration, warmup = (2.0, 0.5) if quick else (10.0, 1.0)
    results: list[dict[str, Any]] = []
    for n, rate in loads(quick):
        for impl, module in MODULES.items():
            with Peer("echo") as peer:
                args = ["--n", str(n), "--port", str(peer.port), "--duration", str(duration),
                        "--warmup", str(warmup), "--peer-pid", str(peer.proc.pid),
                        "--rate", str(rate)]
                result = run_child(module, args, timeout=120 + duration * 3)
            if "error" in result:
                result = {"n": n, "impl": impl, "rate": rate, "error": result["error"]}
            results.append(result)
    return results

"""The many-connections part (parent side): one echo peer process per client run.

Each client run is a fresh process — :mod:`gui.bench.many_bare` (plain asyncio protocols: the
single-loop ceiling), :mod:`gui.bench.many_ours` (transports on one plain asyncio loop) and
:mod:`gui.bench.threaded_baseline` (three threads per connection) — measured back to back
against a fresh echo peer, whose own CPU time is reported so that a saturated peer shows up in
the numbers.  Every n runs at the issue's 100 msg/s per connection; the full mode also runs
1,000 connections at 10 msg/s, a load one CPython loop can carry on a small machine.  At the
issue's load (1,000 connections at 100 msg/s, full mode) bare and async run in ``PAIRS``
back-to-back pairs, alternating which goes first; the table shows each impl's median run and
every pair's ratios.
"""

from __future__ import annotations

from typing import Any

from gui.bench.echo_load import RATE
from gui.bench.proc import Peer, run_child
from gui.bench.stats import median

MODULES = {"bare": "gui.bench.many_bare", "async": "gui.bench.many_ours",
           "threads": "gui.bench.threaded_baseline"}
PAIRS = 3  # bare/async pairs at the load (1,000 connections at 100 msg/s, full mode)


def loads(quick: bool) -> list[tuple[int, float]]:
    """(connections, probes per second per connection) to run."""
    if quick:
        return [(10, RATE), (100, RATE)]
    return [(10, RATE), (100, RATE), (1000, RATE), (1000, RATE / 10)]


def run_one(impl: str, n: int, rate: float, duration: float, warmup: float) -> dict[str, Any]:
    """One client run of ``impl`` against a fresh echo peer."""
    with Peer("echo") as peer:
        args = ["--n", str(n), "--port", str(peer.port), "--duration", str(duration),
                "--warmup", str(warmup), "--peer-pid", str(peer.proc.pid), "--rate", str(rate)]
        result = run_child(MODULES[impl], args, timeout=120 + duration * 3)
    if "error" in result:
        return {"n": n, "impl": impl, "rate": rate, "error": result["error"]}
    return result


def paired(bare_runs: list[dict[str, Any]], ours_runs: list[dict[str, Any]]
           ) -> list[dict[str, Any]]:
    """The bare and async rows of a load measured in back-to-back pairs: each impl's run with
    the median rate stands for it, and the async row gets every pair's ratios (msg/s per
    connection ours / bare, CPU per echo ours / bare) and their medians."""
    ok = [(b, o) for b, o in zip(bare_runs, ours_runs, strict=True)
          if "error" not in b and "error" not in o]
    rows = []
    for runs in (bare_runs, ours_runs):
        good = sorted((r for r in runs if "error" not in r), key=lambda r: r["rate_per_conn"])
        rows.append({**good[len(good) // 2], "runs": len(runs)} if good else runs[0])
    if ok:
        rate = [o["rate_per_conn"] / b["rate_per_conn"] for b, o in ok]
        cpu = [o["cpu_us_per_msg"] / b["cpu_us_per_msg"] for b, o in ok]
        rows[1].update(rate_ratios=[round(r, 3) for r in rate], rate_ratio=round(median(rate), 3),
                       cpu_ratios=[round(c, 3) for c in cpu], cpu_ratio=round(median(cpu), 3))
    return rows


def run(quick: bool) -> list[dict[str, Any]]:
    duration, warmup = (2.0, 0.5) if quick else (10.0, 1.0)
    results: list[dict[str, Any]] = []
    for n, rate in loads(quick):
        pairs = PAIRS if (n, rate) == (1000, RATE) else 1
        bare_runs: list[dict[str, Any]] = []
        ours_runs: list[dict[str, Any]] = []
        for i in range(pairs):  # alternate who goes first: load drift favours neither side
            order = ("bare", "async") if i % 2 == 0 else ("async", "bare")
            for impl in order:
                (bare_runs if impl == "bare" else ours_runs).append(
                    run_one(impl, n, rate, duration, warmup))
        results += paired(bare_runs, ours_runs)
        results.append(run_one("threads", n, rate, duration, warmup))
    return results

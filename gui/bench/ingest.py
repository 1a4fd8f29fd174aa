"""The ingest part (parent side): flood peers, baseline and Sockscope clients back to back.

For each (protocol, payload size), one flood peer process serves every repetition; each
repetition runs the baseline client and then Sockscope's full path, each in a fresh process.
Medians over repetitions are reported; ``ingest_ratio`` is the median over repetitions of
ours / baseline frames per second, each pair measured back to back, the baseline first in even
pairs and "ours" first in odd ones (so that a drifting machine favours neither side).
The responsiveness probes (loop lag, posted-event latency) run inside every "ours" process.

Sizes: "ours" stops its clock when the window has *published* the last row, and under a flood
the log model publishes every 100–250 ms (:mod:`gui.widgets.log_table`), so a run must last
several such intervals for that last wait not to dominate it: the full mode sends 600,000
frames of 1 KiB (≈ 1.5 s), stored under a 1 GiB log byte cap (View ▸ Log limits; the
default 256 MiB would drop the oldest frames), and 1,000,000 of 64 B.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gui.bench.proc import Peer, run_child
from gui.bench.stats import median

BASELINE = {"tcp": "streams", "ws": "ws"}


@dataclass(frozen=True)
class IngestCase:
    proto: str
    size: int
    count: int


def cases(quick: bool) -> list[IngestCase]:
    small, big = (100_000, 20_000) if quick else (1_000_000, 600_000)
    return [IngestCase(p, s, small if s == 64 else big) for p in ("tcp", "ws") for s in (64, 1024)]


def _pooled(runs: list[dict[str, Any]], key: str) -> dict[str, float]:
    """Median over repetitions of each percentile (p50, p99, max: the max)."""
    values = [r[key] for r in runs if key in r]
    if not values:
        return {}
    return {"p50": median(v["p50"] for v in values), "p99": median(v["p99"] for v in values),
            "max": max(v["max"] for v in values), "n": sum(v["n"] for v in values)}


def run_case(case: IngestCase, reps: int) -> dict[str, Any]:
    args = ["--count", str(case.count)]
    timeout = 120 + case.count / 5_000
    ratios: list[float] = []  # ours / baseline of each back-to-back pair
    base_runs: list[dict[str, Any]] = []
    ours_runs: list[dict[str, Any]] = []
    chunk_runs: list[dict[str, Any]] = []
    errors: list[str] = []
    with Peer("flood", "--proto", case.proto, "--size", str(case.size),
              "--count", str(case.count)) as peer:
        port = ["--port", str(peer.port)]
        for rep in range(reps):
            def baseline() -> dict[str, Any]:
                return run_child("gui.bench.baseline_clients",
                                 ["--impl", BASELINE[case.proto], *port, *args], timeout)

            def sockscope() -> dict[str, Any]:
                return run_child("gui.bench.ingest_ours",
                                 ["--proto", case.proto, *port, *args, "--lag"], timeout)

            if rep % 2 == 0:
                base = baseline()
                ours = sockscope()
            else:
                ours = sockscope()
                base = baseline()
            for result, into in ((base, base_runs), (ours, ours_runs)):
                (errors if "error" in result else into).append(result.get("error", result))
            if "error" not in base and "error" not in ours:
                ratios.append(ours["fps"] / base["fps"])
            if case.proto == "tcp":
                chunks = run_child("gui.bench.baseline_clients",
                                   ["--impl", "chunks", *port, *args], timeout)
                if "error" not in chunks:
                    chunk_runs.append(chunks)
    out: dict[str, Any] = {"proto": case.proto, "size": case.size, "count": case.count,
                           "reps": reps, "baseline": BASELINE[case.proto], "errors": errors}
    if base_runs:
        out["baseline_fps"] = round(median(r["fps"] for r in base_runs))
    if chunk_runs:
        out["chunks_fps"] = round(median(r["fps"] for r in chunk_runs))
    if ours_runs:
        out["ours_fps"] = round(median(r["fps"] for r in ours_runs))
        out["followed_tail"] = all(r["followed_tail"] for r in ours_runs)
        out["window_visible"] = all(r["window_visible"] for r in ours_runs)
        out["stored_all"] = all(r["stored"] >= case.count for r in ours_runs)
        out["stored_fps"] = round(median(r["stored_fps"] for r in ours_runs))
        out["last_row_ms"] = round(median(r["last_row_ms"] for r in ours_runs), 1)
        out["lag"] = _pooled(ours_runs, "lag")
        out["click"] = _pooled(ours_runs, "click")
        out["idle_lag"] = _pooled(ours_runs, "idle_lag")
    if ratios:  # the median of paired ratios: load drift on the machine cancels out
        out["ingest_ratio"] = round(median(ratios), 3)
        out["ratios"] = [round(r, 3) for r in ratios]  # each pair, to show the spread
    return out


def run(quick: bool) -> list[dict[str, Any]]:
    reps = 1 if quick else 5
    return [run_case(case, reps) for case in cases(quick)]

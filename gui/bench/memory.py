"""Memory per stored frame (``python -m gui.bench.memory --mode …`` prints JSON).

Each mode runs in a fresh process: ``baseline`` (imports, an empty MessageLog, the frame source
ready), ``fill`` (then ``count`` frames appended, below the cap) and ``steady`` (a log capped at
``cap`` that received ``2 × cap`` frames: the cap was reached and as many frames were dropped
again).  Frames are built one at a time and released after ``append``, as they are when they
arrive from a socket, so RSS growth is what the store keeps.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
import time
from collections.abc import Iterator
from typing import Any

from gui.bench.proc import emit, rss_bytes


def frames(count: int, size: int) -> Iterator[Any]:
    """``count`` distinct frames with ``size``-byte payloads (from one random block)."""
    from transports.frames import Direction, Frame, FrameKind

    block = os.urandom(1 << 16)
    span = len(block) - size
    now = time.time()
    peer = ("127.0.0.1", 50000)
    for i in range(count):
        start = (i * 7919) % span
        yield Frame(block[start : start + size], Direction.IN, 1, now + i * 1e-6,
                    FrameKind.DATA, peer)


def measure(mode: str, count: int, size: int, cap: int) -> dict[str, Any]:
    from gui.store.log import MessageLog

    log = MessageLog(cap=cap if mode == "steady" else max(cap, count))
    source = frames(count if mode != "steady" else 2 * cap, size)
    warm = next(source)  # the generator is running: its setup is in the baseline too
    gc.collect()
    before = rss_bytes()
    appended = 0
    if mode != "baseline":
        t0 = time.perf_counter()
        log.append(warm)
        append = log.append
        for frame in source:
            append(frame)
        appended = log.total
        seconds = time.perf_counter() - t0
    else:
        seconds = 0.0
    del warm
    gc.collect()
    after = rss_bytes()
    return {"mode": mode, "rss": after, "rss_before": before, "rows": len(log),
            "appended": appended, "size": size, "append_s": round(seconds, 3),
            "append_per_s": round(appended / seconds) if seconds else 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.memory")
    parser.add_argument("--mode", choices=["baseline", "fill", "steady"], required=True)
    parser.add_argument("--count", type=int, default=1_000_000)
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--cap", type=int, default=1_000_000)
    args = parser.parse_args(argv)
    emit(measure(args.mode, args.count, args.size, args.cap))
    return 0


def run(count: int, cap: int, size: int = 64) -> dict[str, Any]:
    """The memory part: three fresh processes, bytes per stored frame (total and overhead)."""
    from gui.bench.proc import run_child

    common = ["--count", str(count), "--size", str(size), "--cap", str(cap)]
    runs = {mode: run_child("gui.bench.memory", ["--mode", mode, *common], timeout=600)
            for mode in ("baseline", "fill", "steady")}
    errors = [r["error"] for r in runs.values() if "error" in r]
    if errors:
        return {"error": "; ".join(errors)}
    base, fill, steady = runs["baseline"], runs["fill"], runs["steady"]
    total = (fill["rss"] - base["rss"]) / fill["rows"]
    steady_total = (steady["rss"] - base["rss"]) / steady["rows"]
    return {
        "count": count, "cap": cap, "size": size,
        "bytes_per_frame": round(total - size, 1),  # overhead beyond the payload
        "bytes_per_frame_total": round(total, 1),
        "bytes_per_frame_inproc": round(
            (fill["rss"] - fill["rss_before"]) / fill["rows"] - size, 1),
        "steady_bytes_per_frame": round(steady_total - size, 1),
        "steady_bytes_per_frame_total": round(steady_total, 1),
        "steady_rows": steady["rows"], "steady_appended": steady["appended"],
        "rss_baseline_mb": round(base["rss"] / 2**20, 1),
        "rss_fill_mb": round(fill["rss"] / 2**20, 1),
        "rss_steady_mb": round(steady["rss"] / 2**20, 1),
        "append_per_s": fill["append_per_s"],
    }


if __name__ == "__main__":
    sys.exit(main())

"""The many-connections part (parent side): one echo peer process per (n, implementation).

Each client run is a fresh process (:mod:`gui.bench.many_ours`: transports on one plain
asyncio loop; :mod:`gui.bench.threaded_baseline`: three threads per connection), measured back
to back against a fresh echo peer, whose own CPU time is reported so that a saturated peer
shows up in the numbers.
"""

from __future__ import annotations

from typing import Any

from gui.bench.proc import Peer, run_child

MODULES = {"async": "gui.bench.many_ours", "threads": "gui.bench.threaded_baseline"}


def run(quick: bool) -> list[dict[str, Any]]:
    counts = (10, 100) if quick else (10, 100, 1000)
    duration, warmup = (2.0, 0.5) if quick else (10.0, 1.0)
    results: list[dict[str, Any]] = []
    for n in counts:
        for impl, module in MODULES.items():
            with Peer("echo") as peer:
                args = ["--n", str(n), "--port", str(peer.port), "--duration", str(duration),
                        "--warmup", str(warmup), "--peer-pid", str(peer.proc.pid)]
                result = run_child(module, args, timeout=120 + duration * 3)
            if "error" in result:
                result = {"n": n, "impl": impl, "error": result["error"]}
            results.append(result)
    return results

"""``python -m gui.bench [--quick] [--json] [--only PART …]``: run the benchmarks, print a table.

Parts: ingest (and responsiveness during it), memory, biglog, many, export (captures),
autoreply (a flood answered by an auto-reply rule), soak (64 KiB reads from 4 clients into
the shown window for 30 s, quick: 5 s; peak RSS against the log's byte cap).
``--quick`` uses small sizes (under a minute; CI runs it as a smoke check), the default is the
full mode.  Targets are
reported as met or missed, never asserted: the exit status is 0 unless the harness itself broke.
With ``--json`` the last line of the output is one JSON object.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import sys
import time
from typing import Any

from gui.bench import report

PARTS = ("ingest", "memory", "biglog", "many", "export", "autoreply", "soak", "relay")


def machine() -> str:
    from gui.bench.proc import total_memory

    mem = total_memory() / 2**30
    return (f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
            f"{mem:.0f} GiB, Linux {platform.release()}, Python {platform.python_version()}")


def run_part(part: str, quick: bool) -> Any:
    if part == "ingest":
        from gui.bench import ingest

        return ingest.run(quick)
    if part == "memory":
        from gui.bench import memory

        return memory.run(200_000, 100_000) if quick else memory.run(1_000_000, 1_000_000)
    if part == "biglog":
        from gui.bench.proc import run_child

        args = ["--rows", "100000", "--reps", "1"] if quick else ["--rows", "1000000"]
        return run_child("gui.bench.biglog", args, timeout=600)
    if part == "export":
        from gui.bench.proc import run_child

        return run_child("gui.bench.export", ["--rows", "20000" if quick else "1000000"],
                         timeout=900)
    if part == "soak":
        from gui.bench import soak

        return soak.run(quick)
    if part == "autoreply":
        from gui.bench import autoreply

        return autoreply.run(quick)
    if part == "relay":
        from gui.bench import relay

        return relay.run(quick)
    from gui.bench import many

    return many.run(quick)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench", description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    parser.add_argument("--json", action="store_true", help="end with one JSON object line")
    parser.add_argument("--only", nargs="+", choices=PARTS, help="run only these parts")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    results: dict[str, Any] = {"meta": {
        "mode": "quick" if args.quick else "full",
        "date": datetime.date.today().isoformat(),
        "machine": machine(),
        "load_before": round(os.getloadavg()[0], 2),
    }}
    for part in args.only or PARTS:
        t0 = time.perf_counter()
        print(f"running {part} …", file=sys.stderr, flush=True)
        try:
            results[part] = run_part(part, args.quick)
        except Exception as exc:  # a broken part is reported, the others still run
            results[part] = {"error": f"{type(exc).__name__}: {exc}"}
        print(f"  {part} took {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
    # Other processes on the machine skew every number: say how busy it was.
    results["meta"]["load_after"] = round(os.getloadavg()[0], 2)
    if isinstance(results.get("ingest"), dict):  # the part itself failed
        results["ingest_error"] = results.pop("ingest")["error"]
    if isinstance(results.get("many"), dict):
        results["many"] = [{"n": 0, "impl": "-", "error": results["many"]["error"]}]
    summary = report.summarize(results)
    summary["seconds"] = round(time.perf_counter() - started, 1)
    summary["mode"] = results["meta"]["mode"]
    print(report.render(results, summary))
    print(f"\n(total {summary['seconds']} s)")
    if args.json:
        print(json.dumps({**summary, "details": results}))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Turning part results into the summary (JSON keys), target verdicts and the human table.

Pure functions over plain dicts: no I/O, no Qt (unit-tested).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

# The original design note's claims for async transports vs three threads per connection.
CLAIMS = {"memory": "−60–80 %", "cpu": "−30–50 %", "latency": "lower"}
ISSUE_RATE = 100.0  # probes per second per connection that the issue asks for


def _rate(c: dict[str, Any]) -> float:
    return float(c.get("rate", ISSUE_RATE))


def _num(value: Any) -> float | None:
    if isinstance(value, (int, float)) and not (isinstance(value, float) and math.isnan(value)):
        return float(value)
    return None


def change(ours: Any, base: Any) -> float | None:
    """Relative change of ``ours`` against ``base`` in percent (None if not computable)."""
    o, b = _num(ours), _num(base)
    if o is None or b is None or b == 0:
        return None
    return (o - b) / b * 100


def summarize(results: dict[str, Any]) -> dict[str, Any]:
    """The flat JSON summary from the parts' results (missing parts give missing keys)."""
    out: dict[str, Any] = {}
    ingest = [c for c in results.get("ingest", []) if "ingest_ratio" in c]
    if ingest:
        worst = min(ingest, key=lambda c: c["ingest_ratio"])
        out.update(ingest_ratio=worst["ingest_ratio"], ours_fps=worst["ours_fps"],
                   baseline_fps=worst["baseline_fps"],
                   ingest_case=f"{worst['proto']}/{worst['size']}B")
    lagged = [c for c in results.get("ingest", []) if c.get("lag")]
    if lagged:
        worst = max(lagged, key=lambda c: c["lag"]["p99"])
        out.update(lag_p50_ms=round(worst["lag"]["p50"], 2),
                   lag_p99_ms=round(worst["lag"]["p99"], 2),
                   lag_max_ms=round(worst["lag"]["max"], 2),
                   lag_case=f"{worst['proto']}/{worst['size']}B")
        if worst.get("click"):
            out.update(click_p50_ms=round(worst["click"]["p50"], 2),
                       click_p99_ms=round(worst["click"]["p99"], 2))
    memory = results.get("memory") or {}
    for key in ("bytes_per_frame", "bytes_per_frame_total", "steady_bytes_per_frame",
                "steady_bytes_per_frame_total"):
        if key in memory:
            out[key] = memory[key]
    big = results.get("biglog") or {}
    if "filter_substring_ms" in big:
        out.update(filter_1m_ms=max(big["filter_substring_ms"], big["filter_hex_ms"]),
                   filter_substring_1m_ms=big["filter_substring_ms"],
                   filter_hex_1m_ms=big["filter_hex_ms"], scroll_1m_ms=big["scroll_ms"],
                   select_1m_ms=big["select_ms"], biglog_rows=big["rows"])
    auto = results.get("autoreply")
    if isinstance(auto, dict) and "ours_rps" in auto:
        out["autoreply_rps"] = auto["ours_rps"]
    soak = results.get("soak")
    if isinstance(soak, dict) and "rss_peak_mib" in soak:
        out.update(soak_rss_peak_mib=soak["rss_peak_mib"], soak_goal_mib=soak["goal_mib"],
                   soak_seconds=soak["seconds"])
    relay = results.get("relay")
    if isinstance(relay, dict) and "ratio" in relay:
        out["relay_ratio"] = relay["ratio"]
        out["relay_cpu_ratio"] = relay["cpu_ratio"]
    conns = [c for c in results.get("many", []) if "error" not in c]
    if results.get("many") is not None:
        out["connections"] = [
            {**{k: c.get(k) for k in ("n", "impl", "cpu_s", "rss_mb", "rtt_p50_ms",
                                      "rtt_p99_ms", "rss_delta_mb", "rate_per_conn",
                                      "threads", "cpu_us_per_msg")}, "rate": _rate(c),
             **{k: c[k] for k in ("rate_ratio", "cpu_ratio", "rate_ratios", "cpu_ratios")
                if k in c}}
            for c in conns]
        failed = [c for c in results["many"] if "error" in c]
        if failed:
            out["connections_failed"] = failed
    return out


def targets(summary: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) rows; verdict is "met", "MISSED" or "not measured"."""
    rows: list[tuple[str, str, str]] = []

    def check(name: str, value: Any, limit: float, fmt: str, higher_is_better: bool = False
              ) -> None:
        v = _num(value)
        if v is None:
            rows.append((name, "-", "not measured"))
            return
        ok = v >= limit if higher_is_better else v <= limit
        rows.append((name, fmt.format(v), "met" if ok else "MISSED"))

    check("ingest_ratio ≥ 0.9 (worst case, window shown)", summary.get("ingest_ratio"), 0.9,
          "{:.3f}", higher_is_better=True)
    check("loop lag p99 ≤ 50 ms during the flood", summary.get("lag_p99_ms"), 50, "{:.1f} ms")
    check("store overhead ≤ 32 B/frame beyond payload", summary.get("bytes_per_frame"), 32,
          "{:.1f} B")
    check("… at the cap (steady state) ≤ 32 B/frame", summary.get("steady_bytes_per_frame"), 32,
          "{:.1f} B")
    rows_label = f"{summary.get('biglog_rows', 0):,} rows"
    check(f"filter ≤ 300 ms ({rows_label})", summary.get("filter_1m_ms"), 300, "{:.0f} ms")
    check(f"scroll to middle ≤ 300 ms ({rows_label})", summary.get("scroll_1m_ms"), 300,
          "{:.0f} ms")
    check(f"select + detail ≤ 300 ms ({rows_label})", summary.get("select_1m_ms"), 300,
          "{:.0f} ms")
    check("flood with a matching rule ≥ 50,000 replies/s (64 B, window shown)",
          summary.get("autoreply_rps"), 50_000, "{:,.0f}/s", higher_is_better=True)
    check(f"soak {summary.get('soak_seconds', '-')} s, 4 clients: peak RSS < log byte cap "
          f"+ 200 MiB ({summary.get('soak_goal_mib', '-')} MiB)",
          summary.get("soak_rss_peak_mib"), summary.get("soak_goal_mib", 0), "{:.0f} MiB")
    check("relay throughput ≥ 0.8 × a bare asyncio relay (TCP, median of pairs)",
          summary.get("relay_ratio"), 0.8, "{:.2f}", higher_is_better=True)
    conns = summary.get("connections", [])

    def one(impl: str, rate: float) -> dict[str, Any] | None:
        found = [c for c in conns if c["n"] == 1000 and c["impl"] == impl
                 and c.get("rate", ISSUE_RATE) == rate]
        return found[0] if found else None

    name = "1,000 connections on one loop, RTT p99 ≤ 50 ms"
    ours, bare = one("async", ISSUE_RATE), one("bare", ISSUE_RATE)
    if ours is not None:
        note = f" ({ours['rate_per_conn']} of {ISSUE_RATE:g} msg/s per conn."
        if bare is not None:
            note += f"; bare asyncio: {bare['rate_per_conn']}, p99 {bare['rtt_p99_ms']:.1f} ms"
        check(name, ours["rtt_p99_ms"], 50, "{:.1f} ms" + note + ")")
    else:
        rows.append((name, "-", "not measured"))
    def spread(key: str) -> str:
        if ours is None or key not in ours:
            return ""
        return " (pairs " + " ".join(f"{r:.2f}" for r in ours[key]) + ")"

    check("1,000 conn. at 100 msg/s: msg/s per conn. ≥ 0.9 × bare (median of pairs)",
          ours.get("rate_ratio") if ours else None, 0.9, "{:.2f}" + spread("rate_ratios"),
          higher_is_better=True)
    check("… CPU per echo ≤ 1.2 × bare (median of pairs)",
          ours.get("cpu_ratio") if ours else None, 1.2, "{:.2f}" + spread("cpu_ratios"))
    light = one("async", ISSUE_RATE / 10)
    if light is not None:
        check(f"… at {ISSUE_RATE / 10:g} msg/s per conn. (extra, not the issue's load)",
              light["rtt_p99_ms"], 50, "{:.1f} ms" + f" ({light['rate_per_conn']} msg/s/conn.)")
    return rows


def _table(headers: list[str], rows: list[list[Any]]) -> list[str]:
    cells = [[_cell(v) for v in row] for row in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) if cells else len(h)
              for i, h in enumerate(headers)]

    def line(row: list[str]) -> str:
        return "  ".join(c.rjust(w) if i else c.ljust(w)
                         for i, (c, w) in enumerate(zip(row, widths, strict=True)))

    return [line(headers), line(["-" * w for w in widths]), *(line(r) for r in cells)]


def _cell(value: Any) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        if math.isnan(value):
            return "-"
        return f"{value:,.0f}" if abs(value) >= 1000 else f"{value:.2f}".rstrip("0").rstrip(".")
    if isinstance(value, int) and not isinstance(value, bool):
        return f"{value:,}"
    return str(value)


def render(results: dict[str, Any], summary: dict[str, Any]) -> str:
    """The human-readable report."""
    out: list[str] = []
    meta = results.get("meta", {})
    if meta:
        out.append(f"Sockscope benchmarks — {meta.get('mode', '')} mode, {meta.get('date', '')}, "
                   f"{meta.get('machine', '')}")
        if "load_before" in meta:
            out.append(f"1-min load average: {meta['load_before']} before, "
                       f"{meta.get('load_after', '?')} after (other processes share the CPUs; the "
                       "3,001 threads of the many-connections baseline count in it)")
        out.append("")
    ingest = results.get("ingest")
    if ingest is not None:
        out.append("1. Ingest (frames/s, median of repetitions; ours = transports → MessageLog → "
                   "LogModel → shown MainWindow following the tail, qasync)")
        rows = [[f"{c['proto']} {c['size']} B", c.get("count"), c.get("baseline"),
                 c.get("baseline_fps"), c.get("ours_fps"), c.get("ingest_ratio"),
                 " ".join(f"{r:.2f}" for r in c.get("ratios", [])) or None,
                 c.get("stored_fps"), c.get("last_row_ms"),
                 c.get("chunks_fps"), c.get("followed_tail"),
                 "; ".join(c.get("errors", [])) or ""] for c in ingest]
        out += _table(["case", "frames", "baseline", "baseline f/s", "ours f/s", "ratio",
                       "each pair", "ours stored f/s", "last row ms", "chunked-parser f/s",
                       "tail", "errors"], rows)
        out.append("   ours f/s: until the window published the last row; stored f/s: until the "
                   "log held it (the difference, last row ms, is the wait for the model's next "
                   "flush, 100–250 ms apart during a flood)")
        out.append("")
        out.append("2. Responsiveness during the flood (ours; 10 ms ticker lateness, posted-event "
                   "wait), ms")
        rows = [[f"{c['proto']} {c['size']} B",
                 *(c.get("lag", {}).get(k) for k in ("p50", "p99", "max")),
                 *(c.get("click", {}).get(k) for k in ("p50", "p99")),
                 c.get("idle_lag", {}).get("p99")] for c in ingest]
        out += _table(["case", "lag p50", "lag p99", "lag max", "click p50", "click p99",
                       "idle lag p99"], rows)
        out.append("")
    _part(out, results.get("memory"), _memory_lines,
          "3. Memory (RSS growth per stored frame, fresh processes; 64 B payloads)")
    _part(out, results.get("biglog"), _biglog_lines,
          "4. Big log in the real window (median ms, events + repaint included)")
    many = results.get("many")
    if many is not None:
        out.append("5. Many connections (16 B probes through an echo peer process; client "
                   "process only; bare = plain asyncio protocols, the single-loop ceiling)")
        rows = []
        for c in many:
            if "error" in c:
                rows.append([c.get("n"), c.get("impl"), c.get("rate"),
                             "FAILED: " + c["error"]] + [None] * 10)
                continue
            rows.append([c["n"], c["impl"], c.get("rate", ISSUE_RATE), c["threads"], c["cpu_s"],
                         c.get("cpu_sys_s"), c.get("cpu_us_per_msg"),
                         c["rss_mb"], c["rss_delta_mb"], c["rtt_p50_ms"], c["rtt_p99_ms"],
                         c["rate_per_conn"], c["peer_cpu_s"], c["duration_s"]])
        out += _table(["n", "impl", "msg/s asked", "threads", "CPU s", "of it kernel",
                       "CPU µs/echo", "RSS MiB", "RSS growth MiB", "RTT p50 ms", "RTT p99 ms",
                       "msg/s/conn", "peer CPU s", "window s"], rows)
        for c in many:
            if c.get("impl") == "async" and len(c.get("rate_ratios", [])) > 1:
                out.append(f"   n = {c['n']:,} at {_rate(c):g} msg/s: {len(c['rate_ratios'])} "
                           "back-to-back pairs (rows above: each impl's median run); async / "
                           "bare msg/s per conn. " + " ".join(f"{r:.2f}" for r in c["rate_ratios"])
                           + f" (median {c['rate_ratio']:.2f}), CPU per echo "
                           + " ".join(f"{r:.2f}" for r in c["cpu_ratios"])
                           + f" (median {c['cpu_ratio']:.2f})")
        out.append("")
        out.append("   Design-note claims vs measured (async vs threads, same n and load):")
        claim_rows = []
        loads = sorted({(c["n"], _rate(c)) for c in many if "error" not in c})
        for n, rate in loads:
            pair = {c["impl"]: c for c in many
                    if c.get("n") == n and "error" not in c and _rate(c) == rate}
            if "async" not in pair or "threads" not in pair:
                continue
            a, t = pair["async"], pair["threads"]
            claim_rows.append([n, rate, _pct(change(a["rss_delta_mb"], t["rss_delta_mb"])),
                               _pct(change(a["rss_mb"], t["rss_mb"])),
                               _pct(change(a["cpu_s"], t["cpu_s"])),
                               _pct(change(a.get("cpu_us_per_msg"), t.get("cpu_us_per_msg"))),
                               _pct(change(a["rtt_p99_ms"], t["rtt_p99_ms"])),
                               _pct(change(a["rtt_p50_ms"], t["rtt_p50_ms"]))])
        out += _table(["n", "msg/s asked", f"memory growth (claim {CLAIMS['memory']})",
                       "RSS total", f"CPU s (claim {CLAIMS['cpu']})", "CPU per echo",
                       f"RTT p99 (claim {CLAIMS['latency']})", "RTT p50"], claim_rows)
        out.append("")
    _part(out, results.get("export"), _export_lines,
          "6. Capture export on the qasync loop (64 B rows, sliced ~15 ms; bare = the "
          "same payloads joined and written at once; lag = 10 ms ticker lateness)")
    _part(out, results.get("autoreply"), _autoreply_lines,
          "7. Flood with a matching rule (64 B requests, each answered with a 64 B "
          "rendered template through offer(); replies/s seen by a client process; "
          "bare = a plain asyncio protocol answering the same frames)")
    _part(out, results.get("soak"), _soak_lines,
          "8. Soak: 64 KiB blocks from 4 client connections into a server entry shown "
          "in the window, its log capped by bytes (RSS of the window process, MiB)")
    _part(out, results.get("relay"), _relay_lines,
          "9. Relay throughput (a sender process → relay on this loop → a sink process; "
          "bare = two asyncio.Protocol halves writing to each other; CPU = the relay "
          "process's CPU seconds per run)")
    out.append("Targets")
    if meta.get("mode") == "quick":
        out.append("(quick mode: small sizes — the targets are defined for the full mode, so these "
                   "verdicts are indicative only; e.g. a 100,000-row cap is dominated by the "
                   "store's one-segment slack)")
    out += _table(["target", "measured", "verdict"], [list(r) for r in targets(summary)])
    return "\n".join(out)


def _part(out: list[str], result: Any, lines: Callable[[dict[str, Any]], list[str]],
          heading: str) -> None:
    """A part's section: its heading, then ``lines(result)`` or the error that broke it (a
    part that did not run adds nothing)."""
    if result is None:
        return
    out.append(heading)
    out += [f"   failed: {result['error']}"] if "error" in result else lines(result)
    out.append("")


def _memory_lines(memory: dict[str, Any]) -> list[str]:
    out: list[str] = []
    out += _table(["state", "frames held", "overhead B/frame (beyond payload)",
                   "total B/frame", "RSS MiB"], [
        [f"after {memory['count']:,} appends", memory["count"],
         memory["bytes_per_frame"], memory["bytes_per_frame_total"],
         memory["rss_fill_mb"]],
        [f"cap {memory['cap']:,} reached ({memory['steady_appended']:,} appended)",
         memory["steady_rows"], memory["steady_bytes_per_frame"],
         memory["steady_bytes_per_frame_total"], memory["rss_steady_mb"]],
    ])
    out.append(f"   empty-process baseline {memory['rss_baseline_mb']} MiB; "
               f"append rate {memory['append_per_s']:,} frames/s (incl. building "
               "Frame objects)")
    return out


def _biglog_lines(big: dict[str, Any]) -> list[str]:
    out: list[str] = []
    out += _table(["rows", "open", "filter substring", "filter hex", "unfilter",
                   "scroll middle", "select + detail", "matches ok"],
                  [[big["rows"], big["open_ms"], big["filter_substring_ms"],
                    big["filter_hex_ms"], big["unfilter_ms"], big["scroll_ms"],
                    big["select_ms"], big["matches_ok"] and big["detail_ok"]]])
    return out


def _export_lines(export: dict[str, Any]) -> list[str]:
    out: list[str] = []
    rows = [[f["format"], export["rows"], f["seconds"], f["us_per_row"], f["mb"],
             f["vs_bare"], f["lag"]["p50"], f["lag"]["p99"], f["lag"]["max"]]
            for f in export["formats"]]
    out += _table(["format", "rows", "seconds", "µs/row", "MiB", "× bare", "lag p50",
                   "lag p99", "lag max"], rows)
    idle = export.get("idle_lag", {})
    out.append(f"   bare write {export['bare_s']} s; idle-loop lag p50/p99 "
               f"{idle.get('p50')}/{idle.get('p99')} ms (the machine's own noise); "
               f"pcapng packets built with dpkt objects instead: "
               f"{export['dpkt_us_per_row']} µs/row")
    return out


def _autoreply_lines(auto: dict[str, Any]) -> list[str]:
    out: list[str] = []
    out += _table(["requests", "bare rps", "headless rps", "ours rps (window)",
                   "ours / bare", "lag p99 ms", "lag max ms", "all replied", "errors"],
                  [[auto["count"], auto.get("bare_rps"), auto.get("headless_rps"),
                    auto.get("ours_rps"), auto.get("ratio"), auto.get("lag_p99_ms"),
                    auto.get("lag_max_ms"), auto.get("all_replied"),
                    "; ".join(auto.get("errors", [])) or ""]])
    return out


def _soak_lines(soak: dict[str, Any]) -> list[str]:
    out: list[str] = []
    out += _table(["seconds", "received MiB", "MiB/s", "rows held", "held MiB",
                   "dropped", "byte cap", "RSS before", "RSS peak", "goal <",
                   "followed tail"],
                  [[soak["seconds"], soak["received_mib"], soak["mib_per_s"],
                    soak["rows_held"], soak["held_mib"], soak["dropped"],
                    soak["byte_cap_mib"], soak["rss_base_mib"], soak["rss_peak_mib"],
                    soak["goal_mib"], soak["followed_tail"]]])
    out.append(f"   status bar: {soak['status']}")
    return out


def _relay_lines(relay: dict[str, Any]) -> list[str]:
    out: list[str] = []
    out += _table(["MiB", "runs", "bare MB/s", "ours MB/s", "ours / bare",
                   "each pair", "bare CPU s", "ours CPU s", "CPU bare / ours"],
                  [[relay["bytes"] >> 20, relay["reps"], relay["bare_mbps"],
                    relay["ours_mbps"], relay["ratio"],
                    " ".join(f"{r:.2f}" for r in relay.get("ratios", [])) or None,
                    relay["bare_cpu_s"], relay["ours_cpu_s"], relay["cpu_ratio"]]])
    return out


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:+.0f} %"

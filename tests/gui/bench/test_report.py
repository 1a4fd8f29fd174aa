from typing import Any

from gui.bench.report import change, render, summarize, targets


def _results() -> dict[str, Any]:
    lag = {"p50": 3.0, "p99": 40.0, "max": 60.0, "n": 100}
    return {
        "meta": {"mode": "full", "date": "2026-11-28", "machine": "test"},
        "ingest": [
            {"proto": "tcp", "size": 64, "count": 10, "baseline": "streams", "errors": [],
             "baseline_fps": 1000, "ours_fps": 950, "ingest_ratio": 0.95, "lag": lag,
             "ratios": [0.9, 0.95, 1.0],
             "click": {"p50": 1.0, "p99": 2.0, "max": 3.0, "n": 10}, "idle_lag": lag},
            {"proto": "ws", "size": 64, "count": 10, "baseline": "ws", "errors": [],
             "baseline_fps": 1000, "ours_fps": 500, "ingest_ratio": 0.5,
             "lag": {**lag, "p99": 70.0}, "click": {"p50": 5.0, "p99": 9.0, "max": 9.0, "n": 3},
             "idle_lag": lag},
        ],
        "memory": {"count": 1000, "cap": 500, "size": 64, "bytes_per_frame": 20.0,
                   "bytes_per_frame_total": 84.0, "steady_bytes_per_frame": 40.0,
                   "steady_bytes_per_frame_total": 104.0, "steady_rows": 500,
                   "steady_appended": 1000, "rss_baseline_mb": 10.0, "rss_fill_mb": 11.0,
                   "rss_steady_mb": 11.0, "append_per_s": 1000},
        "biglog": {"rows": 1000, "open_ms": 1.0, "filter_substring_ms": 100.0,
                   "filter_hex_ms": 350.0, "unfilter_ms": 1.0, "scroll_ms": 20.0,
                   "select_ms": 30.0, "matches_ok": True, "detail_ok": True},
        "many": [
            {"n": 1000, "impl": "async", "threads": 1, "cpu_s": 5.0, "rss_mb": 40.0,
             "rss_delta_mb": 10.0, "rtt_p50_ms": 5.0, "rtt_p99_ms": 30.0,
             "rate_per_conn": 100.0, "peer_cpu_s": 1.0, "duration_s": 10.0},
            {"n": 1000, "impl": "threads", "threads": 3001, "cpu_s": 10.0, "rss_mb": 100.0,
             "rss_delta_mb": 50.0, "rtt_p50_ms": 10.0, "rtt_p99_ms": 90.0,
             "rate_per_conn": 50.0, "peer_cpu_s": 1.0, "duration_s": 10.0},
            {"n": 1000, "impl": "bare", "threads": 1, "cpu_s": 9.0, "rss_mb": 30.0,
             "rss_delta_mb": 5.0, "rtt_p50_ms": 2.0, "rtt_p99_ms": 20.0,
             "rate_per_conn": 80.0, "peer_cpu_s": 1.0, "duration_s": 10.0, "rate": 100.0},
            {"n": 1000, "impl": "async", "threads": 1, "cpu_s": 2.0, "rss_mb": 40.0,
             "rss_delta_mb": 10.0, "rtt_p50_ms": 5.0, "rtt_p99_ms": 60.0,
             "rate_per_conn": 10.0, "peer_cpu_s": 1.0, "duration_s": 10.0, "rate": 10.0},
            {"n": 10, "impl": "threads", "error": "boom"},
        ],
    }


def test_summary_takes_the_worst_ingest_and_lag_cases() -> None:
    s = summarize(_results())
    assert (s["ingest_ratio"], s["ours_fps"], s["baseline_fps"]) == (0.5, 500, 1000)
    assert s["ingest_case"] == "ws/64B"
    assert s["lag_p99_ms"] == 70 and s["lag_case"] == "ws/64B" and s["click_p99_ms"] == 9
    assert s["filter_1m_ms"] == 350  # the slower of substring and hex
    assert s["bytes_per_frame"] == 20 and s["steady_bytes_per_frame"] == 40
    assert [c["impl"] for c in s["connections"]] == ["async", "threads", "bare", "async"]
    assert [c["rate"] for c in s["connections"]] == [100, 100, 100, 10]  # 100 if unsaid
    assert set(s["connections"][0]) >= {"n", "impl", "cpu_s", "rss_mb", "rtt_p50_ms",
                                        "rtt_p99_ms"}
    assert s["connections_failed"] == [{"n": 10, "impl": "threads", "error": "boom"}]


def test_targets_verdicts() -> None:
    verdicts = {name.split(" ")[0] + name.split(" ")[1]: v
                for name, _m, v in targets(summarize(_results()))}
    assert verdicts["ingest_ratio≥"] == "MISSED"
    assert verdicts["looplag"] == "MISSED"
    assert verdicts["storeoverhead"] == "met"
    assert verdicts["filter≤"] == "MISSED"
    assert verdicts["scrollto"] == "met"
    assert verdicts["select+"] == "met"
    assert verdicts["1,000connections"] == "met"
    assert verdicts["…at"] == "MISSED"  # the 10 msg/s row (60 ms), after the cap row
    rows = {name: measured for name, measured, _v in targets(summarize(_results()))}
    assert rows["1,000 connections on one loop, RTT p99 ≤ 50 ms"] == (
        "30.0 ms (100.0 of 100 msg/s per conn.; bare asyncio: 80.0, p99 20.0 ms)")


def test_targets_without_measurements_say_so() -> None:
    assert {v for _n, _m, v in targets({})} == {"not measured"}


def test_change() -> None:
    assert change(20, 100) == -80
    assert change(1, 0) is None
    assert change(None, 3) is None
    assert change(float("nan"), 3) is None


def test_render_shows_every_part_and_the_claims() -> None:
    text = render(_results(), summarize(_results()))
    for needle in ("1. Ingest", "2. Responsiveness", "3. Memory", "4. Big log",
                   "5. Many connections", "claim −60–80 %", "-80 %", "-50 %", "FAILED: boom",
                   "Targets", "MISSED", "0.90 0.95 1.00"):
        assert needle in text, needle


def test_pairs_at_the_issue_load_give_the_ratio_targets() -> None:
    results = _results()
    ours = results["many"][0]
    ours.update(cpu_us_per_msg=25.0, rate_ratios=[0.95, 0.85, 0.92], rate_ratio=0.92,
                cpu_ratios=[1.1, 1.25, 1.15], cpu_ratio=1.15)
    summary = summarize(results)
    rows = {name: (measured, v) for name, measured, v in targets(summary)}
    assert rows["1,000 conn. at 100 msg/s: msg/s per conn. ≥ 0.9 × bare (median of pairs)"] == (
        "0.92 (pairs 0.95 0.85 0.92)", "met")
    assert rows["… CPU per echo ≤ 1.2 × bare (median of pairs)"] == (
        "1.15 (pairs 1.10 1.25 1.15)", "met")
    ours.update(rate_ratio=0.85, cpu_ratio=1.3)
    verdicts = {name: v for name, _m, v in targets(summarize(results))}
    assert verdicts["1,000 conn. at 100 msg/s: msg/s per conn. ≥ 0.9 × bare (median of pairs)"
                    ] == "MISSED"
    assert verdicts["… CPU per echo ≤ 1.2 × bare (median of pairs)"] == "MISSED"
    assert "3 back-to-back pairs" in render(results, summarize(results))


def test_ratio_targets_unmeasured_without_pairs() -> None:
    verdicts = {name: v for name, _m, v in targets(summarize(_results()))}
    assert verdicts["… CPU per echo ≤ 1.2 × bare (median of pairs)"] == "not measured"

"""Smoke checks: the command and the child measurements run and report sane numbers.

Nothing here asserts a performance target (benchmarks print numbers; they are not timed tests).
"""

import json
import subprocess
import sys

from gui.bench import ingest
from gui.bench.proc import Peer, child_env, run_child


def test_quick_biglog_part_prints_table_and_json() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "gui.bench", "--quick", "--only", "biglog", "--json"],
        capture_output=True, text=True, timeout=110, env=child_env())
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    summary = json.loads(lines[-1])
    assert summary["mode"] == "quick" and summary["biglog_rows"] == 100_000
    for key in ("filter_1m_ms", "scroll_1m_ms", "select_1m_ms"):
        assert summary[key] > 0
    big = summary["details"]["biglog"]
    assert big["matches_ok"] and big["detail_ok"]
    assert "4. Big log" in done.stdout and "Targets" in done.stdout


def test_ingest_case_runs_baseline_and_the_real_window() -> None:
    result = ingest.run_case(ingest.IngestCase("tcp", 64, 5_000), reps=1)
    assert result["errors"] == []
    assert result["baseline_fps"] > 0 and result["ours_fps"] > 0
    assert result["ingest_ratio"] > 0
    assert result["stored_all"] and result["window_visible"] and result["followed_tail"]
    assert result["lag"]["n"] >= 0 and result["idle_lag"]["n"] > 50


def test_many_connection_clients_get_every_echo() -> None:
    for module in ("gui.bench.many_bare", "gui.bench.many_ours", "gui.bench.threaded_baseline"):
        with Peer("echo") as peer:
            result = run_child(module, ["--n", "3", "--port", str(peer.port), "--duration",
                                        "0.5", "--warmup", "0.2", "--peer-pid",
                                        str(peer.proc.pid)], timeout=60)
        assert "error" not in result, result
        assert result["n"] == 3 and result["received"] > 50
        assert 0 < result["rtt_p50_ms"] <= result["rtt_p99_ms"]


def test_memory_child_reports_rss() -> None:
    result = run_child("gui.bench.memory", ["--mode", "fill", "--count", "20000"], timeout=60)
    assert result["rows"] == 20_000 and result["rss"] > result["rss_before"]

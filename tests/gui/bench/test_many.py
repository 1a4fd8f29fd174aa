from typing import Any

from gui.bench.many import paired


def _run(impl: str, rate: float, cpu: float) -> dict[str, Any]:
    return {"n": 1000, "impl": impl, "rate_per_conn": rate, "cpu_us_per_msg": cpu}


def test_paired_keeps_each_impls_median_run_and_every_pairs_ratios() -> None:
    bare = [_run("bare", 50, 20), _run("bare", 40, 25), _run("bare", 45, 22)]
    ours = [_run("async", 45, 22), _run("async", 40, 24), _run("async", 30, 30)]
    bare_row, ours_row = paired(bare, ours)
    assert bare_row["rate_per_conn"] == 45 and bare_row["runs"] == 3
    assert ours_row["rate_per_conn"] == 40
    assert ours_row["rate_ratios"] == [0.9, 1.0, 0.667]
    assert ours_row["rate_ratio"] == 0.9
    assert ours_row["cpu_ratios"] == [1.1, 0.96, 1.364]
    assert ours_row["cpu_ratio"] == 1.1


def test_paired_skips_failed_runs() -> None:
    bare = [_run("bare", 50, 20), {"n": 1000, "impl": "bare", "error": "boom"}]
    ours = [_run("async", 45, 22), _run("async", 40, 24)]
    bare_row, ours_row = paired(bare, ours)
    assert bare_row["rate_per_conn"] == 50
    assert ours_row["rate_ratios"] == [0.9]  # the second pair has no bare run to compare
    all_failed = paired([{"n": 1, "impl": "bare", "error": "x"}],
                        [{"n": 1, "impl": "async", "error": "y"}])
    assert all("error" in row for row in all_failed)

import math

import pytest

from gui.bench.stats import median, percentile, summarize


def test_percentile_interpolates_between_closest_ranks() -> None:
    values = [10.0, 20.0, 30.0, 40.0]
    assert percentile(values, 0) == 10
    assert percentile(values, 100) == 40
    assert percentile(values, 50) == 25
    assert percentile(values, 99) == pytest.approx(39.7)


def test_percentile_ignores_input_order_and_handles_one_value() -> None:
    assert percentile([3.0, 1.0, 2.0], 50) == 2
    assert percentile([7.0], 99) == 7


@pytest.mark.parametrize("q", [-1, 101])
def test_percentile_rejects_out_of_range(q: float) -> None:
    with pytest.raises(ValueError, match=r"0\.\.100"):
        percentile([1.0], q)


def test_percentile_and_median_reject_empty() -> None:
    with pytest.raises(ValueError, match="empty"):
        percentile([], 50)
    with pytest.raises(ValueError, match="empty"):
        median(iter([]))


def test_median_of_a_generator() -> None:
    assert median(x for x in (5.0, 1.0, 3.0, 2.0)) == 2.5


def test_summarize() -> None:
    s = summarize([float(i) for i in range(1, 101)])
    assert s["n"] == 100
    assert s["p50"] == pytest.approx(50.5)
    assert s["p99"] == pytest.approx(99.01)
    assert s["max"] == 100
    empty = summarize([])
    assert empty["n"] == 0 and math.isnan(empty["p99"])

"""RateMeter: sliding-window rates from cumulative counters."""

from __future__ import annotations

import pytest

from gui.store.log import Stats
from gui.store.rates import RateMeter, Rates


def test_no_rate_until_two_samples() -> None:
    meter = RateMeter()
    assert meter.rates() == Rates()
    meter.feed(10.0, 5, 50, 0, 0)
    assert meter.rates() == Rates()
    meter.feed(10.0, 9, 90, 0, 0)  # no time passed
    assert meter.rates() == Rates()


def test_steady_traffic_gives_its_rate() -> None:
    meter = RateMeter(window=1.0)
    for i in range(50):  # 100 frames/s in, 1000 B/s in; 10 frames/s out, 40 B/s out
        t = i * 0.1
        meter.feed(t, 10 * i, 100 * i, i, 4 * i)
    rates = meter.rates()
    assert rates.frames_in == pytest.approx(100)
    assert rates.bytes_in == pytest.approx(1000)
    assert rates.frames_out == pytest.approx(10)
    assert rates.bytes_out == pytest.approx(40)


def test_rate_follows_the_window_and_falls_to_zero() -> None:
    meter = RateMeter(window=1.0)
    t = 0.0
    for i in range(20):  # fast: 1000 frames/s
        t = i * 0.1
        meter.feed(t, 100 * i, 0, 0, 0)
    frames = 100 * 19
    for _ in range(5):  # slower: 100 frames/s for half a second
        t += 0.1
        frames += 10
        meter.feed(t, frames, 0, 0, 0)
    assert 100 < meter.rates().frames_in < 1000
    for _ in range(11):  # silence for more than a window
        t += 0.1
        meter.feed(t, frames, 0, 0, 0)
    assert meter.rates().frames_in == 0


def test_counters_going_back_restart_the_meter() -> None:
    meter = RateMeter(window=1.0)
    meter.feed(0.0, 1000, 0, 0, 0)
    meter.feed(0.5, 2000, 0, 0, 0)
    meter.feed_stats(0.6, Stats())  # the log was cleared
    assert meter.rates() == Rates()
    meter.feed_stats(1.1, Stats(frames_in=50, frames_out=5, bytes_in=500, bytes_out=7))
    rates = meter.rates()
    assert (rates.frames_in, rates.frames_out) == (pytest.approx(100), pytest.approx(10))
    assert (rates.bytes_in, rates.bytes_out) == (pytest.approx(1000), pytest.approx(14))
    meter.reset()
    assert meter.rates() == Rates()


def test_bad_window() -> None:
    with pytest.raises(ValueError, match="window"):
        RateMeter(window=0)

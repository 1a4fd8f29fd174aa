from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.transports.framing.streams import cuts, every_split, feed, relaxed, split_at
from transports.framing import FramingMode, FramingSpec, IdleFramer, make_framer


def idle(idle_ms: int = 20, max_frame: int = 1 << 20) -> IdleFramer:
    framer = make_framer(FramingSpec(FramingMode.IDLE, idle_ms=idle_ms, max_frame=max_frame))
    assert isinstance(framer, IdleFramer)
    return framer


def test_deadline_and_timeout_use_the_given_time() -> None:
    framer = idle(20)
    assert framer.deadline() is None
    framer.receive_data(b"ab", now=1.000)
    framer.receive_data(b"cd", now=1.010)
    assert framer.deadline() == pytest.approx(1.030)
    framer.timeout(1.025)  # too early: nothing happens
    assert framer.events_received() == []
    framer.timeout(1.030)  # exactly the deadline
    assert framer.events_received() == [b"abcd"]
    assert framer.deadline() is None
    framer.timeout(5.0)  # nothing pending: still nothing
    assert framer.events_received() == []


def test_data_after_the_gap_ends_the_previous_frame_even_without_timeout() -> None:
    framer = idle(20)
    framer.receive_data(b"e", now=2.0)
    framer.receive_data(b"f", now=2.5)  # timeout() was never called (a late timer)
    assert framer.events_received() == [b"e"]
    assert framer.deadline() == pytest.approx(2.52)
    assert framer.receive_eof() == 0  # the end of the stream ends the frame
    assert framer.events_received() == [b"f"]
    assert framer.receive_eof() == 0


def test_frame_completes_at_max_frame() -> None:
    framer = idle(20, max_frame=3)
    framer.receive_data(b"abcdefg", now=0.0)
    assert framer.events_received() == [b"abc", b"def"]
    framer.receive_data(b"hi", now=0.001)
    assert framer.events_received() == [b"ghi"]
    assert framer.deadline() is None  # nothing pending after a max_frame cut


def test_split_anywhere_at_one_instant_is_one_frame() -> None:
    for chunks in every_split(b"hello world"):
        framer = idle(20)
        assert feed(framer, chunks, now=7.0) == []
        framer.timeout(7.02)
        assert framer.events_received() == [b"hello world"]


def test_idle_ms_is_validated() -> None:
    with pytest.raises(ValueError, match=r"framing\.idle_ms must be ≥ 1, got 0"):
        idle(0)


@relaxed
@given(st.lists(st.binary(min_size=1, max_size=40), max_size=6), cuts, st.integers(1, 500))
def test_bursts_separated_by_silence_are_frames(bursts: list[bytes], points: list[int],
                                                idle_ms: int) -> None:
    gap = idle_ms / 1000
    framer = idle(idle_ms)
    frames: list[bytes] = []
    now = 100.0
    for burst in bursts:
        for chunk in split_at(burst, points):
            framer.receive_data(chunk, now)
            now += gap / 10  # chunks of one burst arrive well within the gap
        deadline = framer.deadline()
        assert deadline is not None
        framer.timeout(deadline - gap / 20)
        assert framer.events_received() == []
        framer.timeout(deadline)
        frames += framer.events_received()
        now = deadline + gap
    assert frames == bursts

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.transports.framing.streams import cuts, every_split, feed, relaxed, split_at
from transports.framing import FixedFramer, FramingMode, FramingSpec, make_framer


def test_every_split_gives_the_same_frames() -> None:
    spec = FramingSpec(FramingMode.FIXED, length=3)
    for chunks in every_split(bytes(range(10))):
        assert feed(spec, chunks) == [b"\x00\x01\x02", b"\x03\x04\x05", b"\x06\x07\x08"]


def test_eof_reports_the_incomplete_tail() -> None:
    framer = make_framer(FramingSpec(FramingMode.FIXED, length=4))
    assert isinstance(framer, FixedFramer)
    framer.receive_data(b"abcdef")
    assert framer.events_received() == [b"abcd"]
    assert framer.receive_eof() == 2
    assert framer.events_received() == []
    assert framer.receive_eof() == 0


def test_length_one_and_length_equal_to_max_frame() -> None:
    assert feed(FramingSpec(FramingMode.FIXED, length=1), [b"abc"]) == [b"a", b"b", b"c"]
    assert feed(FramingSpec(FramingMode.FIXED, length=4, max_frame=4), [b"abcdefgh"]) == [
        b"abcd", b"efgh"]


@pytest.mark.parametrize(("spec", "words"), [
    (FramingSpec(FramingMode.FIXED, length=0), "framing.length must be ≥ 1, got 0"),
    (FramingSpec(FramingMode.FIXED, length=-5), "framing.length must be ≥ 1, got -5"),
    (FramingSpec(FramingMode.FIXED, length=10, max_frame=5),
     "framing.length (10) exceeds framing.max_frame (5)"),
])
def test_bad_length_is_a_config_error(spec: FramingSpec, words: str) -> None:
    with pytest.raises(ValueError) as info:
        make_framer(spec)
    assert str(info.value) == words


@relaxed
@given(st.binary(max_size=200), cuts, st.integers(1, 20))
def test_random_splits(data: bytes, points: list[int], length: int) -> None:
    framer = make_framer(FramingSpec(FramingMode.FIXED, length=length))
    frames = feed(framer, split_at(data, points))
    whole = len(data) // length * length
    assert frames == [data[i:i + length] for i in range(0, whole, length)]
    assert framer.receive_eof() == len(data) - whole

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.transports.framing.streams import cuts, feed, relaxed, split_at
from transports.framing import FramingMode, FramingSpec, RawFramer, make_framer


def test_each_chunk_is_a_frame() -> None:
    framer = make_framer(FramingSpec(FramingMode.RAW))
    assert isinstance(framer, RawFramer)
    framer.receive_data(b"ab")
    framer.receive_data(b"")  # nothing read, nothing framed
    framer.receive_data(b"cd")
    frames = framer.events_received()
    assert frames == [b"ab", b"cd"]
    assert all(type(f) is bytes for f in frames)
    assert framer.events_received() == []
    assert framer.deadline() is None
    assert framer.receive_eof() == 0


def test_chunks_over_max_frame_are_split_not_refused() -> None:
    assert feed(FramingSpec(max_frame=4), [b"abcdefghij", b"abcd", b"k"]) == [
        b"abcd", b"efgh", b"ij", b"abcd", b"k"]


@relaxed
@given(st.binary(max_size=300), cuts, st.integers(1, 40))
def test_frames_cover_the_stream_within_max_frame(data: bytes, points: list[int],
                                                  max_frame: int) -> None:
    chunks = split_at(data, points)
    frames = feed(FramingSpec(max_frame=max_frame), chunks)
    assert b"".join(frames) == data
    assert all(0 < len(f) <= max_frame for f in frames)
    assert len(frames) == sum(-(-len(c) // max_frame) for c in chunks)

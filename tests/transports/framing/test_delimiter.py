from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.transports.framing.streams import cuts, every_split, feed, relaxed, split_at
from transports.framing import DelimiterFramer, FramingError, FramingMode, FramingSpec, make_framer


def spec(delimiter: bytes = b"\n", keep: bool = False, max_frame: int = 1 << 20) -> FramingSpec:
    return FramingSpec(FramingMode.DELIMITER, delimiter=delimiter, keep_delimiter=keep,
                       max_frame=max_frame)


def test_crlf_found_at_every_split() -> None:
    for chunks in every_split(b"ab\r\ncd\r\n\r\nef\r\ng"):
        assert feed(spec(b"\r\n"), chunks) == [b"ab", b"cd", b"", b"ef"]


def test_self_overlapping_delimiter_at_every_split() -> None:
    # "\r\n\r\n" (end of HTTP headers): the "\r\n\r" before it must not hide it.
    stream = b"a\r\n\r\r\n\r\nb\r\n\r\n\r\n"
    for chunks in every_split(stream):
        assert feed(spec(b"\r\n\r\n"), chunks) == [b"a\r\n\r", b"b"]


def test_keep_delimiter() -> None:
    for chunks in every_split(b"\x02A\x03\x02BC\x03"):
        assert feed(spec(b"\x03", keep=True), chunks) == [b"\x02A\x03", b"\x02BC\x03"]


def test_eof_reports_the_unterminated_tail() -> None:
    framer = make_framer(spec(b"\x03", keep=True))
    assert isinstance(framer, DelimiterFramer)
    framer.receive_data(b"\x02A\x03\x02B")
    assert framer.events_received() == [b"\x02A\x03"]
    assert framer.receive_eof() == 2
    assert framer.events_received() == []  # an unterminated frame is not a frame


def test_too_long_is_not_fatal_and_earlier_frames_are_kept() -> None:
    framer = make_framer(spec(max_frame=4))
    framer.receive_data(b"ok\n")
    with pytest.raises(FramingError, match=r"max_frame \(4 bytes") as info:
        framer.receive_data(b"toolongline")
    assert not info.value.fatal
    assert framer.events_received() == [b"ok"]
    framer.receive_data(b"stillgoing\nnext\n")  # discarded up to and including the next "\n"
    assert framer.events_received() == [b"next"]


def test_too_long_inside_one_chunk_keeps_the_frames_around_it() -> None:
    framer = make_framer(spec(max_frame=3))
    with pytest.raises(FramingError):
        framer.receive_data(b"a\nabcdef\nb\n")
    assert framer.events_received() == [b"a", b"b"]


def test_too_long_is_reported_as_soon_as_it_is_certain() -> None:
    framer = make_framer(spec(b"\r\n", max_frame=4))
    framer.receive_data(b"abcd\r")  # "\r" may start the delimiter: still a 4-byte frame
    with pytest.raises(FramingError):
        framer.receive_data(b"e")  # now at least 5 bytes precede any delimiter


def test_frame_of_exactly_max_frame_is_fine() -> None:
    assert feed(spec(b"\r\n", max_frame=3), [b"abc\r", b"\n"]) == [b"abc"]
    assert feed(spec(b"\r\n", keep=True, max_frame=3), [b"abc\r\n"]) == [b"abc\r\n"]


def test_discarding_finds_a_delimiter_split_across_chunks() -> None:
    framer = make_framer(spec(b"\r\n", max_frame=4))
    with pytest.raises(FramingError):
        framer.receive_data(b"0123456789")
    for chunk in (b"abcdef", b"ghi\r"):
        framer.receive_data(chunk)  # one error per overlong frame, not per chunk
    framer.receive_data(b"\nok\r\n")
    assert framer.events_received() == [b"ok"]
    assert framer.receive_eof() == 0


def test_eof_while_discarding_reports_nothing_left() -> None:
    framer = make_framer(spec(max_frame=2))
    with pytest.raises(FramingError):
        framer.receive_data(b"abcdef")
    assert framer.receive_eof() == 0


def test_buffer_stays_bounded_without_a_delimiter() -> None:
    framer = make_framer(spec(b"\r\n", max_frame=100))
    assert isinstance(framer, DelimiterFramer)
    errors = 0
    for _ in range(1000):
        try:
            framer.receive_data(b"x" * 37)
        except FramingError:
            errors += 1
        assert len(framer._buffer) <= 100 + 2  # a hostile peer cannot grow it
    assert errors == 1


@pytest.mark.parametrize(("delimiter", "words"), [
    (b"", "framing.delimiter must not be empty"),
    ("\n", "framing.delimiter must be bytes"),
])
def test_bad_delimiter_is_a_config_error(delimiter: bytes, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        make_framer(spec(delimiter))


def model(stream: bytes, delimiter: bytes, keep: bool, max_frame: int) -> list[bytes]:
    """The frames of the whole stream at once: split, drop the unterminated tail and every
    frame over max_frame."""
    segments = stream.split(delimiter)[:-1]
    return [s + delimiter if keep else s for s in segments if len(s) <= max_frame]


@relaxed
@given(st.lists(st.sampled_from([b"a", b"b", b"\n", b"ab", b"xyz"]), max_size=60), cuts,
       st.sampled_from([b"\n", b"ab", b"aab", b"\n\n", b"aba"]), st.booleans(),
       st.integers(1, 8))
def test_any_split_matches_the_whole_stream(parts: list[bytes], points: list[int],
                                            delimiter: bytes, keep: bool,
                                            max_frame: int) -> None:
    stream = b"".join(parts)
    framer = make_framer(spec(delimiter, keep, max_frame))
    frames: list[bytes] = []
    errors = 0
    for chunk in split_at(stream, points):
        try:
            framer.receive_data(chunk)
        except FramingError as exc:
            assert not exc.fatal
            errors += 1
        frames += framer.events_received()
    assert frames == model(stream, delimiter, keep, max_frame)
    segments = stream.split(delimiter)
    if any(len(s) > max_frame for s in segments[:-1]):
        assert errors >= 1
    if all(len(s) <= max_frame for s in segments):
        assert errors == 0

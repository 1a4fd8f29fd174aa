"""Framers: the frames are the same however the stream is split."""

from __future__ import annotations

import contextlib
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transports.framing import (
    FramingError,
    FramingMode,
    FramingSpec,
    encode_length_prefixed,
    frame_for_sending,
    make_framer,
)


def feed(spec: FramingSpec, chunks: list[bytes]) -> list[bytes]:
    framer = make_framer(spec)
    out: list[bytes] = []
    for chunk in chunks:
        framer.receive_data(chunk)
        out += framer.events_received()
    return out


def splits(data: bytes) -> list[list[bytes]]:
    """The stream whole, byte by byte, and split at every single boundary."""
    ways = [[data], [data[i:i + 1] for i in range(len(data))]]
    ways += [[data[:i], data[i:]] for i in range(1, len(data))]
    return ways


def split_at(data: bytes, cuts: list[int]) -> list[bytes]:
    points = sorted({c % (len(data) + 1) for c in cuts})
    edges = [0, *points, len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


DELIMITED = FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n")


@pytest.mark.parametrize("chunks", splits(b"ab\r\ncd\r\n\r\nef\r\ng"))
def test_delimiter_crlf_every_split(chunks: list[bytes]) -> None:
    assert feed(DELIMITED, chunks) == [b"ab", b"cd", b"", b"ef"]


def test_delimiter_kept_and_eof_leftover() -> None:
    spec = FramingSpec(FramingMode.DELIMITER, delimiter=b"\x03", keep_delimiter=True)
    framer = make_framer(spec)
    framer.receive_data(b"\x02A\x03\x02B")
    assert framer.events_received() == [b"\x02A\x03"]
    assert framer.receive_eof() == 2


def test_delimiter_too_long_is_skipped_and_framing_goes_on() -> None:
    spec = FramingSpec(FramingMode.DELIMITER, delimiter=b"\n", max_frame=4)
    framer = make_framer(spec)
    framer.receive_data(b"ok\n")
    with pytest.raises(FramingError) as info:
        framer.receive_data(b"toolongline")
    assert not info.value.fatal
    assert framer.events_received() == [b"ok"]  # frames before the error are kept
    framer.receive_data(b"stillgoing\nnext\n")
    assert framer.events_received() == [b"next"]


def test_delimiter_too_long_within_one_chunk() -> None:
    spec = FramingSpec(FramingMode.DELIMITER, delimiter=b"\n", max_frame=3)
    framer = make_framer(spec)
    with pytest.raises(FramingError):
        framer.receive_data(b"a\nabcdef\nb\n")
    assert framer.events_received() == [b"a", b"b"]


@pytest.mark.parametrize("chunks", splits(bytes(range(10))))
def test_fixed_every_split(chunks: list[bytes]) -> None:
    spec = FramingSpec(FramingMode.FIXED, length=3)
    assert feed(spec, chunks) == [b"\x00\x01\x02", b"\x03\x04\x05", b"\x06\x07\x08"]


def test_fixed_rejects_bad_length() -> None:
    with pytest.raises(ValueError, match=r"framing\.length"):
        make_framer(FramingSpec(FramingMode.FIXED, length=0))
    with pytest.raises(ValueError, match="max_frame"):
        make_framer(FramingSpec(FramingMode.FIXED, length=10, max_frame=5))


LENGTH_SPECS = [
    FramingSpec(FramingMode.LENGTH, header_size=size, byteorder=order, header_counted=counted,
                keep_header=keep)
    for size in (1, 2, 4, 8) for order in ("big", "little")
    for counted in (False, True) for keep in (False, True)
]


@pytest.mark.parametrize("spec", LENGTH_SPECS)
def test_length_prefixed_round_trip_every_split(spec: FramingSpec) -> None:
    payloads = [b"", b"a", b"hello", bytes(range(40))]
    stream = b"".join(encode_length_prefixed(p, spec) for p in payloads)
    expected = [
        encode_length_prefixed(p, spec) if spec.keep_header else p for p in payloads
    ]
    for chunks in splits(stream):
        assert feed(spec, chunks) == expected


def test_length_offset_and_wire_bytes() -> None:
    spec = FramingSpec(FramingMode.LENGTH, header_size=2, length_offset=2, keep_header=False)
    # header value 1 + offset 2 = a 3-byte body
    assert feed(spec, [b"\x00\x01abc\x00\x00xy"]) == [b"abc", b"xy"]
    assert encode_length_prefixed(b"abc", spec) == b"\x00\x01abc"


def test_length_too_big_is_fatal_and_names_the_header() -> None:
    spec = FramingSpec(FramingMode.LENGTH, header_size=2, max_frame=100)
    framer = make_framer(spec)
    with pytest.raises(FramingError, match="ff ff") as info:
        framer.receive_data(b"\x00\x01a\xff\xffzzz")
    assert info.value.fatal
    assert framer.events_received() == [b"\x00\x01a"]


def test_length_spec_is_validated() -> None:
    with pytest.raises(ValueError, match="header_size must be 1, 2, 4 or 8, got 3"):
        make_framer(FramingSpec(FramingMode.LENGTH, header_size=3))


def test_idle_gap_uses_given_time() -> None:
    framer = make_framer(FramingSpec(FramingMode.IDLE, idle_ms=20))
    framer.receive_data(b"ab", now=1.000)
    framer.receive_data(b"cd", now=1.010)
    assert framer.deadline() == pytest.approx(1.030)
    framer.timeout(1.025)
    assert framer.events_received() == []
    framer.timeout(1.031)
    assert framer.events_received() == [b"abcd"]
    assert framer.deadline() is None
    framer.receive_data(b"e", now=2.0)
    framer.receive_data(b"f", now=2.5)  # the gap passed: "e" ended before "f"
    assert framer.events_received() == [b"e"]
    assert framer.receive_eof() == 0
    assert framer.events_received() == [b"f"]


def test_idle_gap_max_frame() -> None:
    framer = make_framer(FramingSpec(FramingMode.IDLE, idle_ms=20, max_frame=3))
    framer.receive_data(b"abcdefg", now=0.0)
    assert framer.events_received() == [b"abc", b"def"]


def test_raw_splits_at_max_frame() -> None:
    assert feed(FramingSpec(max_frame=4), [b"abcdefghij", b"k"]) == [
        b"abcd", b"efgh", b"ij", b"k"]


def test_frame_for_sending() -> None:
    assert frame_for_sending(b"hi", DELIMITED) == b"hi\r\n"
    assert frame_for_sending(b"hi\r\n", DELIMITED) == b"hi\r\n"
    assert frame_for_sending(b"hi", FramingSpec(FramingMode.LENGTH)) == b"\x00\x02hi"
    assert frame_for_sending(b"hi", FramingSpec()) == b"hi"


@given(st.lists(st.binary(max_size=30), max_size=8), st.lists(st.integers(0, 400), max_size=6),
       st.sampled_from(LENGTH_SPECS))
def test_length_property(payloads: list[bytes], cuts: list[int], spec: FramingSpec) -> None:
    payloads = [p[: (1 << (8 * spec.header_size)) - spec.header_size - 1] for p in payloads]
    stream = b"".join(encode_length_prefixed(p, spec) for p in payloads)
    got = feed(spec, split_at(stream, cuts))
    assert got == [encode_length_prefixed(p, spec) if spec.keep_header else p for p in payloads]


@given(st.lists(st.binary(max_size=20).filter(lambda b: b"\x00\xff" not in b), max_size=8),
       st.lists(st.integers(0, 300), max_size=6), st.booleans())
def test_delimiter_property(lines: list[bytes], cuts: list[int], keep: bool) -> None:
    delim = b"\x00\xff"
    lines = [line.rstrip(b"\x00") for line in lines]  # "\x00" + delimiter would straddle
    spec = FramingSpec(FramingMode.DELIMITER, delimiter=delim, keep_delimiter=keep)
    stream = b"".join(line + delim for line in lines)
    assert feed(spec, split_at(stream, cuts)) == [line + delim if keep else line
                                                  for line in lines]


@given(st.binary(max_size=200), st.lists(st.integers(0, 300), max_size=6),
       st.sampled_from([FramingMode.RAW, FramingMode.DELIMITER, FramingMode.FIXED,
                        FramingMode.LENGTH, FramingMode.IDLE]))
def test_garbage_raises_only_framing_error(data: bytes, cuts: list[int],
                                           mode: FramingMode) -> None:
    framer = make_framer(FramingSpec(mode, length=3, max_frame=16))
    for chunk in split_at(data, cuts):
        with contextlib.suppress(FramingError):
            framer.receive_data(chunk)
        assert all(len(f) <= 16 + 1 for f in framer.events_received())
    framer.receive_eof()

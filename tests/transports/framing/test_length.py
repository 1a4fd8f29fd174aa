from __future__ import annotations

import dataclasses
import tracemalloc

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.transports.framing.streams import cuts, every_split, feed, relaxed, split_at
from transports.framing import (
    FramingError,
    FramingMode,
    FramingSpec,
    LengthFramer,
    make_framer,
)

SPECS = [
    FramingSpec(FramingMode.LENGTH, header_size=size, byteorder=order, header_counted=counted,
                keep_header=keep, length_offset=offset)
    for size in (1, 2, 4, 8) for order in ("big", "little")
    for counted in (False, True) for keep in (False, True) for offset in (0, -3)
]


def encode_length_prefixed(payload: bytes, spec: FramingSpec) -> bytes:
    return LengthFramer(spec).encode(payload)


def expected(payloads: list[bytes], spec: FramingSpec) -> list[bytes]:
    return [encode_length_prefixed(p, spec) if spec.keep_header else p for p in payloads]


@pytest.mark.parametrize("spec", SPECS, ids=repr)
def test_encoder_and_framer_round_trip_at_every_split(spec: FramingSpec) -> None:
    payloads = [b"abc", b"", b"hello", bytes(range(7))]
    payloads = [p for p in payloads if len(p) >= -spec.length_offset]
    stream = b"".join(encode_length_prefixed(p, spec) for p in payloads)
    for chunks in every_split(stream):
        assert feed(spec, chunks) == expected(payloads, spec)


@pytest.mark.parametrize(("spec", "wire"), [
    (FramingSpec(FramingMode.LENGTH, header_size=2), b"\x00\x03abc"),
    (FramingSpec(FramingMode.LENGTH, header_size=2, byteorder="little"), b"\x03\x00abc"),
    (FramingSpec(FramingMode.LENGTH, header_size=1, header_counted=True), b"\x04abc"),
    (FramingSpec(FramingMode.LENGTH, header_size=4, header_counted=True, byteorder="little"),
     b"\x07\x00\x00\x00abc"),
    (FramingSpec(FramingMode.LENGTH, header_size=8), b"\x00" * 7 + b"\x03abc"),
    # a header that also counts a 2-byte trailer: value 5 + offset -2 = 3-byte body
    (FramingSpec(FramingMode.LENGTH, header_size=1, length_offset=-2), b"\x05abc"),
    (FramingSpec(FramingMode.LENGTH, header_size=2, length_offset=2), b"\x00\x01abc"),
])
def test_wire_bytes(spec: FramingSpec, wire: bytes) -> None:
    assert encode_length_prefixed(b"abc", spec) == wire
    assert feed(spec, [wire]) == [wire]
    assert feed(dataclasses.replace(spec, keep_header=False), [wire]) == [b"abc"]


def test_too_big_is_fatal_names_the_header_and_keeps_earlier_frames() -> None:
    framer = make_framer(FramingSpec(FramingMode.LENGTH, header_size=2, max_frame=100))
    with pytest.raises(FramingError) as info:
        framer.receive_data(b"\x00\x01a\xff\xffzzz")
    assert info.value.fatal
    assert "ff ff (= 65535)" in str(info.value)
    assert "max_frame (100)" in str(info.value)
    assert framer.events_received() == [b"\x00\x01a"]
    framer.receive_data(b"\x00\x01b")  # the stream cannot be resynchronised: ignored
    assert framer.events_received() == []
    assert framer.receive_eof() == 0


def test_negative_body_length_is_fatal() -> None:
    framer = make_framer(FramingSpec(FramingMode.LENGTH, header_size=2, header_counted=True))
    with pytest.raises(FramingError, match=r"00 01 \(= 1\) announces a -1-byte body") as info:
        framer.receive_data(b"\x00\x01")
    assert info.value.fatal


def test_body_of_exactly_max_frame_is_fine() -> None:
    spec = FramingSpec(FramingMode.LENGTH, header_size=1, keep_header=False, max_frame=5)
    assert feed(spec, [b"\x05abcde"]) == [b"abcde"]
    with pytest.raises(FramingError):
        feed(spec, [b"\x06abcdef"])


def test_eof_reports_partial_header_and_partial_body() -> None:
    spec = FramingSpec(FramingMode.LENGTH, header_size=4)
    framer = make_framer(spec)
    assert isinstance(framer, LengthFramer)
    framer.receive_data(b"\x00\x00")
    assert framer.receive_eof() == 2
    framer.receive_data(b"\x00\x00\x00\x05ab")
    assert framer.events_received() == []
    assert framer.receive_eof() == 6


def test_payload_too_big_for_the_header() -> None:
    spec = FramingSpec(FramingMode.LENGTH, header_size=1)
    assert encode_length_prefixed(b"x" * 255, spec)[:1] == b"\xff"
    with pytest.raises(ValueError, match="256-byte payload does not fit a 1-byte length header"):
        encode_length_prefixed(b"x" * 256, spec)
    with pytest.raises(ValueError, match="does not fit"):  # the offset makes the header < 0
        encode_length_prefixed(b"", FramingSpec(FramingMode.LENGTH, length_offset=1))


@pytest.mark.parametrize(("spec", "message"), [
    (FramingSpec(FramingMode.LENGTH, header_size=3),
     "framing.header_size must be 1, 2, 4 or 8, got 3"),
    (FramingSpec(FramingMode.LENGTH, byteorder="middle"),
     "framing.byteorder must be 'big' or 'little', got 'middle'"),
])
def test_spec_is_validated(spec: FramingSpec, message: str) -> None:
    with pytest.raises(ValueError) as info:
        make_framer(spec)
    assert str(info.value) == message


def test_a_long_stream_of_small_frames() -> None:
    spec = FramingSpec(FramingMode.LENGTH, header_size=2, keep_header=False)
    payloads = [bytes([i % 256]) * (i % 50) for i in range(5000)]
    stream = b"".join(encode_length_prefixed(p, spec) for p in payloads)
    chunks = [stream[i:i + 1000] for i in range(0, len(stream), 1000)]
    assert feed(spec, chunks) == payloads


@relaxed
@given(st.lists(st.binary(max_size=30), max_size=8), cuts, st.sampled_from(SPECS))
def test_random_splits(payloads: list[bytes], points: list[int], spec: FramingSpec) -> None:
    payloads = [p for p in payloads if len(p) >= -spec.length_offset]
    stream = b"".join(encode_length_prefixed(p, spec) for p in payloads)
    framer = make_framer(spec)
    assert feed(framer, split_at(stream, points)) == expected(payloads, spec)
    assert framer.receive_eof() == 0


def test_a_frame_trickling_in_is_held_in_one_buffer() -> None:
    """A peer that announces a 1 MiB frame and sends 2 bytes per read: what is held grows with
    the bytes received, not with the number of reads (one object per read held 21 MiB)."""
    spec = FramingSpec(FramingMode.LENGTH, header_size=4, keep_header=False)
    framer = make_framer(spec)
    body = bytes(range(256)) * 1024 * 4  # 1 MiB
    wire = framer.encode(body)
    reads = 100_000
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        for i in range(0, 2 * reads, 2):
            framer.receive_data(wire[i:i + 2])
        held = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert framer.events_received() == []
    assert held < 3 * 2 * reads  # ~200 KB received: the buffer and its growth slack
    framer.receive_data(wire[2 * reads:])
    assert framer.events_received() == [body]
    assert framer.receive_eof() == 0

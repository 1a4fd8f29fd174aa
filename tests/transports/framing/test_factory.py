from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.transports.framing.streams import feed, relaxed
from transports.framing import (
    DelimiterFramer,
    FixedFramer,
    FramingMode,
    FramingSpec,
    IdleFramer,
    LengthFramer,
    RawFramer,
    make_framer,
)


def frame_for_sending(payload: bytes, spec: FramingSpec) -> bytes:
    return make_framer(spec).encode(payload)


@pytest.mark.parametrize(("mode", "cls"), [
    (FramingMode.RAW, RawFramer), (FramingMode.DELIMITER, DelimiterFramer),
    (FramingMode.FIXED, FixedFramer), (FramingMode.LENGTH, LengthFramer),
    (FramingMode.IDLE, IdleFramer),
])
def test_make_framer_per_mode(mode: FramingMode, cls: type) -> None:
    assert type(make_framer(FramingSpec(mode, length=4))) is cls
    assert type(make_framer(FramingSpec(mode.value, length=4))) is cls  # type: ignore[arg-type]


@pytest.mark.parametrize(("spec", "message"), [
    (FramingSpec("lines"), "framing.mode must be one of raw, delimiter, fixed, length, idle, "  # type: ignore[arg-type]
     "got 'lines'"),
    (FramingSpec(max_frame=0), "framing.max_frame must be ≥ 1, got 0"),
])
def test_make_framer_names_the_bad_field(spec: FramingSpec, message: str) -> None:
    with pytest.raises(ValueError) as info:
        make_framer(spec)
    assert str(info.value) == message


def test_each_framer_encodes_what_it_frames() -> None:
    crlf = FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n")
    assert frame_for_sending(b"hi", crlf) == b"hi\r\n"
    assert frame_for_sending(b"hi\r\n", crlf) == b"hi\r\n"  # already terminated
    assert frame_for_sending(b"hi\r", crlf) == b"hi\r\r\n"
    assert frame_for_sending(b"hi", FramingSpec(FramingMode.LENGTH)) == b"\x00\x02hi"
    assert frame_for_sending(b"hi", FramingSpec(FramingMode.LENGTH, header_size=1,
                                                header_counted=True)) == b"\x03hi"
    for mode in (FramingMode.RAW, FramingMode.FIXED, FramingMode.IDLE):
        assert frame_for_sending(b"hi", FramingSpec(mode, length=2)) == b"hi"


@relaxed
@given(st.lists(st.binary(max_size=20), max_size=6),
       st.sampled_from([FramingSpec(FramingMode.DELIMITER, delimiter=b"\x03"),
                        FramingSpec(FramingMode.DELIMITER, delimiter=b"\r\n", keep_delimiter=True),
                        FramingSpec(FramingMode.LENGTH, keep_header=False),
                        FramingSpec(FramingMode.LENGTH, header_size=4, byteorder="little",
                                    header_counted=True, keep_header=False)]))
def test_what_is_sent_is_what_the_peer_frames(payloads: list[bytes], spec: FramingSpec) -> None:
    if spec.mode is FramingMode.DELIMITER:
        payloads = [p.replace(b"\x03", b"").replace(b"\r", b"") for p in payloads]
    stream = b"".join(frame_for_sending(p, spec) for p in payloads)
    got = feed(spec, [stream])
    if spec.keep_delimiter:
        got = [g.removesuffix(spec.delimiter) for g in got]
    assert got == payloads

"""Matchers: every kind, captures, message kinds, case folding and errors by position."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.automation.checksum import algorithm
from gui.automation.match import Matcher, MatchError, MatchKind, MatchSpec, MessageKind
from transports.codec import Mode
from transports.frames import FrameKind


def m(kind: MatchKind, pattern: str = "", **kw: object) -> Matcher:
    encoding = str(kw.pop("encoding", "utf-8"))
    return Matcher(MatchSpec(kind, pattern, **kw), encoding)  # type: ignore[arg-type]


def test_byte_kinds_text_and_hex() -> None:
    assert m(MatchKind.EXACT, "ping\\n")(b"ping\n") == {"0": b"ping\n"}
    assert m(MatchKind.EXACT, "ping")(b"ping\n") is None
    assert m(MatchKind.STARTS, "GET ")(b"GET /x") is not None
    assert m(MatchKind.STARTS, "GET ")(b"PUT /x") is None
    assert m(MatchKind.ENDS, "\\r\\n")(b"a\r\n") is not None
    assert m(MatchKind.ENDS, "\\r\\n")(b"a\n") is None
    assert m(MatchKind.CONTAINS, "AA 55", pattern_mode=Mode.HEX)(b"\x01\xaa\x55\x02") \
        == {"0": b"\xaa\x55"}
    assert m(MatchKind.CONTAINS, "AA 55", pattern_mode=Mode.HEX)(b"\xaa\x01\x55") is None
    assert m(MatchKind.CONTAINS, "温度", encoding="gbk")("当前温度".encode("gbk")) is not None
    assert m(MatchKind.CONTAINS, "温度", encoding="gbk")("当前温度".encode()) is None


def test_ignore_case_captures_what_was_received() -> None:
    assert m(MatchKind.CONTAINS, "hello", ignore_case=True)(b"xx HeLLo") == {"0": b"HeLLo"}
    assert m(MatchKind.EXACT, "hello", ignore_case=True)(b"HELLO") == {"0": b"HELLO"}
    assert m(MatchKind.EXACT, "hello")(b"HELLO") is None


def test_regex_captures_in_the_connection_encoding() -> None:
    r = m(MatchKind.REGEX, r"SET (?P<key>\w+)=(\d+)")
    assert r(b"> SET temp=42;") == {"0": b"SET temp=42", "1": b"temp", "2": b"42",
                                    "key": b"temp"}
    assert r.capture_names == {"0", "1", "2", "key"}
    assert r(b"GET temp") is None
    g = m(MatchKind.REGEX, "温度=(.+)", encoding="gbk")
    assert g("温度=二十".encode("gbk")) == {"0": "温度=二十".encode("gbk"),
                                             "1": "二十".encode("gbk")}
    # bytes that do not decode come back unchanged in captures
    assert m(MatchKind.REGEX, "x(.*)y")(b"x\xff\xfey") == {"0": b"x\xff\xfey", "1": b"\xff\xfe"}
    # an optional group that did not take part is not a capture
    assert m(MatchKind.REGEX, "a(b)?")(b"a") == {"0": b"a"}
    assert m(MatchKind.REGEX, "abc", ignore_case=True)(b"ABC") is not None


def test_hex_pattern_wildcards() -> None:
    h = m(MatchKind.HEX, "48 ?? 4C *")
    assert h(b"HeLLO") == {"0": b"HeLLO", "1": b"e", "2": b"LO"}
    assert h(b"HeL") == {"0": b"HeL", "1": b"e", "2": b""}
    assert h(b"HeX") is None and h(b"xHeL") is None
    assert m(MatchKind.HEX, "01 03 ?? ??")(b"\x01\x03\n\x00") is not None  # ?? matches newline
    assert h.capture_names == {"0", "1", "2"}


@given(data=st.binary(min_size=1, max_size=30), flip=st.integers(min_value=0))
def test_checksum_valid_and_invalid(data: bytes, flip: int) -> None:
    crc = algorithm("crc16-modbus")
    frame = data + crc.to_bytes(data)
    valid = m(MatchKind.CHECKSUM_VALID, checksum="crc16-modbus")
    invalid = m(MatchKind.CHECKSUM_INVALID, checksum="CRC-16/MODBUS")
    assert valid(frame) is not None and invalid(frame) is None
    i = flip % len(frame)
    broken = frame[:i] + bytes([frame[i] ^ 0x01]) + frame[i + 1:]
    assert valid(broken) is None and invalid(broken) is not None


def test_checksum_start_and_order() -> None:
    body = b"\x02\x10\x20"
    x = algorithm("crc16-xmodem")
    frame = b"\xaa" + body + x.to_bytes(body, "little")
    assert m(MatchKind.CHECKSUM_VALID, checksum="crc16-xmodem", checksum_start=1,
             checksum_order="little")(frame) is not None
    assert m(MatchKind.CHECKSUM_VALID, checksum="crc16-xmodem", checksum_start=1)(frame) is None
    assert m(MatchKind.CHECKSUM_VALID, checksum="crc16-xmodem")(b"\x01") is None  # too short


def test_message_kind() -> None:
    text_only = m(MatchKind.ANY, message_kind=MessageKind.TEXT)
    binary_only = m(MatchKind.ANY, message_kind=MessageKind.BINARY)
    assert text_only(b"x", FrameKind.TEXT) and not text_only(b"x", FrameKind.BINARY)
    assert binary_only(b"x", FrameKind.BINARY) and not binary_only(b"x", FrameKind.TEXT)
    assert binary_only(b"x", FrameKind.DATA) is not None  # TCP/UDP data is binary
    assert m(MatchKind.ANY)(b"", FrameKind.PING) == {"0": b""}


@pytest.mark.parametrize(("spec", "where", "reason"), [
    (MatchSpec(MatchKind.HEX, "48 ??\n 4G"), (2, 3), "'G' is not a hex digit"),
    (MatchSpec(MatchKind.HEX, "  "), (0, 0), "empty hex pattern"),
    (MatchSpec(MatchKind.REGEX, "ab\n(c"), (2, 1), "missing )"),
    (MatchSpec(MatchKind.EXACT, "ok \\q"), (1, 4), "unknown escape"),
    (MatchSpec(MatchKind.EXACT, "0x4G", pattern_mode=Mode.HEX), (1, 4), "not a hex digit"),
    (MatchSpec(MatchKind.CHECKSUM_VALID, checksum="crc99"), (0, 0), "unknown checksum"),
])
def test_errors(spec: MatchSpec, where: tuple[int, int], reason: str) -> None:
    with pytest.raises(MatchError, match=reason.replace("(", r"\(").replace(")", r"\)")) as err:
        Matcher(spec)
    assert (err.value.line, err.value.column) == where

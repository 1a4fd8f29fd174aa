from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transports.codec import ParseError, format_hex, parse_hex

relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize("text", [
    "48 65 6c", "48656c", "0x48,0x65,0x6c", "0x48, 0x65, 0x6c", "0x48 0x65 0x6C", "48:65:6c",
    "48-65-6c", "\\x48\\x65\\x6c", "48\n65\r\n6C", "\t48, 65; 6c ", "0X48 0X65 0X6c",
    "4865 6c", "48\u00a065\u30006c", "  \n48 65 6c\n\n",
])
def test_paste_forms(text: str) -> None:
    assert parse_hex(text) == b"Hel"


def test_single_digit_after_a_prefix_is_a_byte() -> None:
    assert parse_hex("0x4,0x5") == b"\x04\x05"
    assert parse_hex("\\x4") == b"\x04"
    assert parse_hex("\\x4\\x65") == b"\x04e"  # a prefix sets a digit apart too
    assert parse_hex("") == b""
    assert parse_hex(" \n\t") == b""


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ("48 6G", 1, 5, "'G' is not a hex digit (hex digits are 0-9 and a-f)"),
    ("48 65 6c 6c 6g", 1, 14, "'g' is not a hex digit"),
    ("486", 1, 3, "odd number of hex digits in '486': the last byte is incomplete"),
    ("48 656", 1, 6, "odd number of hex digits"),
    ("0x123", 1, 5, "odd number of hex digits"),
    ("4\\x48", 1, 1, "odd number of hex digits in '4'"),  # not set apart before a prefix
    ("48 65\n6c zz", 2, 4, "'z' is not a hex digit"),
    ("48\r\n65\r\n\r\n6c 6?", 4, 5, "'?' is not a hex digit"),
    ("\t48\t4x", 1, 6, "'x' is not a hex digit"),
    ("48 0x", 1, 4, "a 0x or \\x prefix without hex digits"),
    ("\\x", 1, 1, "prefix without hex digits"),
    ("48 \\", 1, 4, "'\\' is not a hex digit"),  # one backslash, as typed
    ("48 6", 1, 4, "a lone hex digit '6': a byte is two digits (write 06, or 60)"),
    ("4 65", 1, 1, "a lone hex digit '4'"),
    ("a", 1, 1, "a lone hex digit 'a'"),
    ("48, 6, 6c", 1, 5, "a lone hex digit '6'"),
    ("héllo", 1, 1, "'h' is not a hex digit"),
    ("48 你好", 1, 4, "'你' is not a hex digit"),
])
def test_errors_point_at_line_and_column(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_hex(text)
    error = info.value
    assert (error.line, error.column) == (line, column)
    assert str(error) == f"line {line}, column {column}: {error.reason}"
    assert words in error.reason
    assert isinstance(error, ValueError)


def test_format_hex() -> None:
    assert format_hex(b"hello") == "68 65 6c 6c 6f"
    assert format_hex(b"\xab\xcd", uppercase=True) == "AB CD"
    assert format_hex(b"\x01\x02\x03\x04\x05", group=2) == "0102 0304 05"
    assert format_hex(b"\x01\x02\x03", sep="") == "010203"
    assert format_hex(b"\x01\x02\x03", sep=":") == "01:02:03"
    assert format_hex(b"\x01\x02", sep=", ") == "01, 02"
    assert format_hex(b"") == ""
    with pytest.raises(ValueError, match="group"):
        format_hex(b"\x01", group=0)


def test_a_large_paste_is_parsed_whole() -> None:
    data = bytes(range(256)) * 256
    for sep in (" ", ":", "\n"):
        assert parse_hex(format_hex(data, sep=sep)) == data
    assert parse_hex(", ".join(f"0x{b:02X}" for b in data[:4096])) == data[:4096]


@relaxed
@given(st.binary(max_size=64), st.sampled_from([" ", ":", "-", ",", ", ", "\n", "\r\n", "\t"]),
       st.booleans(), st.integers(1, 4))
def test_format_parse_round_trip(data: bytes, sep: str, upper: bool, group: int) -> None:
    assert parse_hex(format_hex(data, sep=sep, uppercase=upper, group=group)) == data


@relaxed
@given(st.binary(max_size=32), st.sampled_from(["0x", "0X", "\\x", ""]),
       st.sampled_from([" ", ",", ", ", "\n", ";"]), st.booleans())
def test_prefixed_forms_round_trip(data: bytes, prefix: str, sep: str, short: bool) -> None:
    """C arrays and escaped strings, with ``0x4`` for small bytes when ``short``."""
    tokens = [prefix + (f"{b:x}" if short and prefix else f"{b:02x}") for b in data]
    assert parse_hex(sep.join(tokens)) == data
    if prefix == "\\x":
        assert parse_hex("".join(f"\\x{b:02x}" for b in data)) == data


@relaxed
@given(st.text())
def test_garbage_raises_only_parse_error_inside_the_text(text: str) -> None:
    try:
        parse_hex(text)
    except ParseError as exc:
        lines = text.split("\n")
        assert 1 <= exc.line <= len(lines)
        assert 1 <= exc.column <= len(lines[exc.line - 1])

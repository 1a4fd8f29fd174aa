from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transports.codec import ParseError, format_hex, parse_hex


@pytest.mark.parametrize("text", [
    "48 65 6c", "48656c", "0x48,0x65,0x6c", "0x48 0x65 0x6C", "48:65:6c", "48-65-6c",
    "\\x48\\x65\\x6c", "48\n65\r\n6C", "\t48, 65; 6c ", "0X48 0X65 0X6c",
])
def test_paste_forms(text: str) -> None:
    assert parse_hex(text) == b"Hel"


def test_single_digit_tokens_set_apart() -> None:
    assert parse_hex("4 65") == b"\x04e"
    assert parse_hex("0x4,0x5") == b"\x04\x05"
    assert parse_hex("") == b""


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ("48 6G", 1, 5, "'G' is not a hex digit"),
    ("48 65 6c 6c 6g", 1, 14, "'g'"),
    ("486", 1, 3, "odd number"),
    ("48 65\n6c zz", 2, 4, "'z'"),
    ("48 0x", 1, 4, "prefix without hex digits"),
    ("héllo", 1, 1, "'h'"),
])
def test_errors_point_at_the_column(text: str, line: int, column: int, words: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_hex(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)
    assert str(info.value).startswith(f"line {line}, column {column}: ")


def test_format_hex() -> None:
    assert format_hex(b"hello") == "68 65 6c 6c 6f"
    assert format_hex(b"\xab\xcd", uppercase=True) == "AB CD"
    assert format_hex(b"\x01\x02\x03\x04", group=2) == "0102 0304"
    assert format_hex(b"") == ""


@given(st.binary(), st.sampled_from([" ", ":", "-", ""]), st.booleans())
def test_format_parse_round_trip(data: bytes, sep: str, upper: bool) -> None:
    assert parse_hex(format_hex(data, sep=sep, uppercase=upper)) == data


@given(st.text())
def test_garbage_raises_only_parse_error(text: str) -> None:
    try:
        parse_hex(text)
    except ParseError as exc:
        assert 1 <= exc.line <= text.count("\n") + 1
        assert exc.column >= 1

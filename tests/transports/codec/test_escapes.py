from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transports.codec import ParseError, compose, escape_bytes, parse_escaped


def test_escapes() -> None:
    assert parse_escaped(r"a\r\n\t\0\\\x41\x7f") == b"a\r\n\t\x00\\A\x7f"
    assert parse_escaped("plain") == b"plain"


@pytest.mark.parametrize(("text", "column"), [
    ("ab\\q", 3), ("x\\x4", 2), ("\\xZZ", 1), ("end\\", 4),
])
def test_bad_escape_column(text: str, column: int) -> None:
    with pytest.raises(ParseError) as info:
        parse_escaped(text)
    assert info.value.column == column


def test_unencodable_character_column() -> None:
    with pytest.raises(ParseError) as info:
        parse_escaped("ok\\n你", "latin-1")
    assert info.value.column == 5
    assert "cannot be encoded in latin-1" in str(info.value)


@given(st.binary())
def test_escape_round_trip(data: bytes) -> None:
    text = escape_bytes(data)
    assert text.isascii()
    assert parse_escaped(text) == data


@given(st.text())
def test_garbage_raises_only_parse_error(text: str) -> None:
    with contextlib.suppress(ParseError):
        parse_escaped(text)


def test_compose_modes_and_line_endings() -> None:
    assert compose("hello", "text", line_ending="\r\n") == b"hello\r\n"
    assert compose("68 65", "hex", line_ending="\n") == b"he\n"
    assert compose(r"a\n", "text", escapes=False) == b"a\\n"
    assert compose("你好", "text", "gbk") == "你好".encode("gbk")
    assert compose("hi", "text", "utf-16-le", line_ending="\n") == "hi\n".encode("utf-16-le")

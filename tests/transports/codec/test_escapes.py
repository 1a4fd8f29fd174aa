from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transports.codec import ParseError, escape_bytes, parse_escaped

relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_every_escape() -> None:
    assert parse_escaped(r"a\r\n\t\0\\\x41\x7f\xFF") == b"a\r\n\t\x00\\A\x7f\xff"
    assert parse_escaped(r"\"\'\a\b\f\v\e") == b"\"'\x07\x08\x0c\x0b\x1b"
    assert parse_escaped(r"\x1b[0m") == b"\x1b[0m"
    assert parse_escaped(r"\012") == b"\x0012"  # \0 is one byte; digits after it are text
    assert parse_escaped("plain") == b"plain"
    assert parse_escaped("") == b""


def test_text_around_escapes_uses_the_encoding() -> None:
    assert parse_escaped(r"你\r\n", "gbk") == "你".encode("gbk") + b"\r\n"
    assert parse_escaped(r"a\x00b", "utf-16-le") == b"a\x00\x00b\x00"  # \xHH is one raw byte


@pytest.mark.parametrize(("text", "line", "column", "words"), [
    ("ab\\q", 1, 3, "unknown escape \\q (known: \\n \\r \\t \\0"),
    ("x\\x4", 1, 2, "\\x must be followed by two hex digits"),
    ("\\xZZ", 1, 1, "two hex digits"),
    ("\\x4g", 1, 1, "two hex digits"),
    ("end\\", 1, 4, "a lone backslash at the end"),
    ("ok\\n\nline two \\u1234", 2, 10, "unknown escape \\u"),
    ("tab\\\tx", 1, 4, "unknown escape a backslash before '\\t'"),
])
def test_bad_escape_points_at_its_backslash(text: str, line: int, column: int,
                                            words: str) -> None:
    with pytest.raises(ParseError) as info:
        parse_escaped(text)
    assert (info.value.line, info.value.column) == (line, column)
    assert words in str(info.value)


def test_unencodable_character_column() -> None:
    with pytest.raises(ParseError) as info:
        parse_escaped("ok\\n你", "latin-1")
    assert (info.value.line, info.value.column) == (1, 5)
    assert "'你' (U+4F60) cannot be encoded in latin-1" in str(info.value)


def test_escape_bytes_is_readable() -> None:
    assert escape_bytes(b"GET / HTTP/1.1\r\n") == r"GET / HTTP/1.1\r\n"
    assert escape_bytes(b"\x00\t\\\x7f\x80\xff\"'") == r"\0\t\\\x7f\x80\xff" + "\"'"
    assert escape_bytes(b"") == ""


@relaxed
@given(st.binary())
def test_escape_round_trip(data: bytes) -> None:
    text = escape_bytes(data)
    assert text.isascii() and text.isprintable()
    assert parse_escaped(text) == data
    assert parse_escaped(text, "latin-1") == data


@relaxed
@given(st.text(), st.sampled_from(["utf-8", "ascii", "latin-1", "gbk", "utf-16-be"]))
def test_garbage_raises_only_parse_error(text: str, encoding: str) -> None:
    with contextlib.suppress(ParseError):
        parse_escaped(text, encoding)

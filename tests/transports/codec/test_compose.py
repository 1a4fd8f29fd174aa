from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transports.codec import LINE_ENDINGS, Mode, ParseError, compose

relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def test_text_mode() -> None:
    assert compose("hello", "text", line_ending="\r\n") == b"hello\r\n"
    assert compose(r"a\n", Mode.TEXT) == b"a\n"
    assert compose(r"a\n", "text", escapes=False) == b"a\\n"
    assert compose("你好", "text", "gbk") == "你好".encode("gbk")
    assert compose("hi", "text", "utf-16-le", line_ending="\n") == "hi\n".encode("utf-16-le")


def test_hex_mode_line_ending_is_raw_bytes() -> None:
    assert compose("68 65", "hex", line_ending="\n") == b"he\n"
    assert compose("68 65", Mode.HEX, "utf-16-le", line_ending="\r\n") == b"he\r\n"


def test_errors() -> None:
    with pytest.raises(ParseError, match="line 1, column 5"):
        compose("68 6z", "hex")
    with pytest.raises(ParseError, match="line 1, column 2: unknown escape"):
        compose("a\\qb")
    with pytest.raises(ValueError, match="line_ending"):
        compose("a", line_ending="\n\r")
    with pytest.raises(ValueError):
        compose("a", "binary")  # type: ignore[arg-type]


@relaxed
@given(st.text(max_size=40), st.sampled_from(list(Mode)), st.sampled_from(["utf-8", "gbk",
       "ascii", "utf-16-be"]), st.booleans(), st.sampled_from(list(LINE_ENDINGS)))
def test_garbage_raises_only_parse_error(text: str, mode: Mode, encoding: str, escapes: bool,
                                         line_ending: str) -> None:
    with contextlib.suppress(ParseError):
        data = compose(text, mode, encoding, escapes, line_ending)
        assert data.endswith(LINE_ENDINGS[line_ending] if mode is Mode.HEX
                             else line_ending.encode(encoding))

from __future__ import annotations

import contextlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transports.codec import (
    LINE_ENDINGS,
    MAX_CONTROL_PAYLOAD,
    FrameRuleError,
    Mode,
    ParseError,
    check_payload,
    compose,
    compose_frame,
)
from transports.frames import FrameKind

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


def test_text_frames_must_be_utf8() -> None:
    assert compose_frame("你好", FrameKind.TEXT) == "你好".encode()
    with pytest.raises(FrameRuleError, match=r"RFC 6455 §5\.6") as info:
        compose_frame("ab你", FrameKind.TEXT, encoding="gbk")
    assert info.value.offset == 2 and info.value.kind is FrameKind.TEXT
    # the same bytes are fine as a binary message, a stream payload or a datagram
    assert compose_frame("ab你", FrameKind.BINARY, encoding="gbk") == b"ab\xc4\xe3"
    assert compose_frame("ab你", None, encoding="gbk") == b"ab\xc4\xe3"


@pytest.mark.parametrize("kind", [FrameKind.PING, FrameKind.PONG, FrameKind.CLOSE])
def test_control_frames_carry_at_most_125_bytes(kind: FrameKind) -> None:
    check_payload(b"\x03\xe8" + b"x" * 123, kind)
    with pytest.raises(FrameRuleError, match="at most 125 bytes") as info:
        check_payload(b"x" * 126, kind)
    assert (info.value.size, info.value.limit) == (126, MAX_CONTROL_PAYLOAD)


def test_the_websocket_connection_uses_the_same_rule() -> None:
    from transports.aio.websocket_frames import check_frame

    with pytest.raises(FrameRuleError):
        check_frame(b"x" * 126, FrameKind.PING)
    assert check_frame(b"x", FrameKind.DATA) is FrameKind.BINARY

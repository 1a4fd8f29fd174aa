"""RFC 6455 rules around the websockets library: outgoing frame checks, close wording."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from websockets.exceptions import ConnectionClosedError, ConnectionClosedOK
from websockets.frames import Close

from transports.aio.websocket_frames import (
    check_frame,
    close_payload,
    close_text,
    describe_close,
    parse_close,
)
from transports.frames import FrameKind


@given(st.text())
def test_any_text_is_a_valid_text_frame(text: str) -> None:
    assert check_frame(text.encode("utf-8"), FrameKind.TEXT) is FrameKind.TEXT


@given(st.binary())
def test_text_frames_are_accepted_exactly_when_utf8(payload: bytes) -> None:
    try:
        payload.decode("utf-8")
    except UnicodeDecodeError:
        with pytest.raises(ValueError, match=r"valid UTF-8 \(RFC 6455 §5.6\)"):
            check_frame(payload, FrameKind.TEXT)
    else:
        assert check_frame(payload, FrameKind.TEXT) is FrameKind.TEXT


def test_binary_accepts_anything_and_stream_data_goes_as_binary() -> None:
    assert check_frame(b"\xff\x00", FrameKind.BINARY) is FrameKind.BINARY
    assert check_frame(b"\xff\x00", FrameKind.DATA) is FrameKind.BINARY


@pytest.mark.parametrize("kind", [FrameKind.PING, FrameKind.PONG, FrameKind.CLOSE])
def test_control_frames_carry_at_most_125_bytes(kind: FrameKind) -> None:
    payload = b"\x03\xe8" + b"r" * 123
    assert check_frame(payload, kind) is kind
    with pytest.raises(ValueError, match="at most 125 bytes"):
        check_frame(payload + b"r", kind)


def test_close_payloads_are_checked_and_round_trip() -> None:
    assert parse_close(b"\x0f\xa1bye") == Close(4001, "bye")
    assert close_payload(Close(4001, "bye")) == b"\x0f\xa1bye"
    assert close_payload(Close(1005, "")) == b""  # "no status": nothing on the wire
    for bad in (b"\x03", b"\x03\xed", b"\x03\xe8\xff"):  # short, 1005 on the wire, bad UTF-8
        with pytest.raises(ValueError, match="invalid CLOSE payload"):
            check_frame(bad, FrameKind.CLOSE)


def test_close_text_names_the_code() -> None:
    assert close_text(Close(4001, "bye")) == "4001 bye"
    assert close_text(Close(1001, "")) == "1001 going away"
    assert close_text(Close(4999, "")) == "4999 no reason given"


def test_describe_close_says_who_closed_and_whether_it_failed() -> None:
    peer = ConnectionClosedOK(Close(1001, ""), Close(1001, ""), True)
    assert describe_close(peer) == ("closed by peer: 1001 going away", False)
    app = ConnectionClosedError(Close(4001, "bye"), Close(4001, "bye"), True)
    assert describe_close(app) == ("closed by peer: 4001 bye", False)
    broken = ConnectionClosedError(Close(1011, "oops"), None)
    assert describe_close(broken) == ("closed by peer: 1011 oops", True)
    utf8 = ConnectionClosedError(None, Close(1007, "invalid start byte at position 0"))
    reason, failed = describe_close(utf8)
    assert failed and reason.startswith("received invalid UTF-8") and "1007" in reason
    big = ConnectionClosedError(Close(1009, ""), Close(1009, "over"), False)
    assert describe_close(big) == ("received a message larger than max_message_size; "
                                   "closed with 1009: over", True)
    lost = ConnectionClosedError(None, None)
    assert describe_close(lost) == ("connection lost without a close frame "
                                    "(1006 abnormal closure)", True)

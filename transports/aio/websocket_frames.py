"""RFC 6455 rules the connections apply around the websockets library: which outgoing frames
are valid, what a close frame's payload is, and how to word the end of a connection.
Plain functions, no I/O."""

from __future__ import annotations

from websockets.exceptions import ConnectionClosed, ProtocolError
from websockets.frames import CLOSE_CODE_EXPLANATIONS, Close, CloseCode

from transports.codec.compose import MAX_CLOSE_REASON, MAX_CONTROL_PAYLOAD, check_payload
from transports.frames import FrameKind

__all__ = ["MAX_CLOSE_REASON", "MAX_CONTROL_PAYLOAD", "check_frame", "close_payload",
           "close_text", "describe_close", "parse_close"]


_OUR_FAILURES: dict[int, str] = {
    CloseCode.INVALID_DATA: "received invalid UTF-8 in a text message",
    CloseCode.MESSAGE_TOO_BIG: "received a message larger than max_message_size",
    CloseCode.PROTOCOL_ERROR: "the peer broke the WebSocket protocol",
    CloseCode.INTERNAL_ERROR: "the connection failed",
}


def check_frame(payload: bytes, kind: FrameKind) -> FrameKind:
    """Validate one outgoing frame; returns its kind on the wire (DATA is sent as BINARY).

    Raises ValueError saying what is wrong, before anything is queued.
    """
    check_payload(payload, kind)
    if kind is FrameKind.CLOSE:
        parse_close(payload)
    if kind in (FrameKind.TEXT, FrameKind.PING, FrameKind.PONG, FrameKind.CLOSE):
        return kind
    return FrameKind.BINARY


def parse_close(payload: bytes) -> Close:
    """A close frame payload (RFC 6455 §5.5.1: 2-byte code + UTF-8 reason), via websockets."""
    try:
        return Close.parse(payload)
    except (ProtocolError, UnicodeDecodeError) as exc:
        raise ValueError(f"invalid CLOSE payload (RFC 6455 §5.5.1: 2-byte code + UTF-8 "
                         f"reason): {exc}") from None


def close_payload(close: Close) -> bytes:
    """The RFC 6455 §5.5.1 payload of a close frame (empty when it carried no code)."""
    if close.code == CloseCode.NO_STATUS_RCVD:
        return b""
    try:
        return close.serialize()
    except ProtocolError:  # a code not allowed on the wire (never received as such)
        return b""


def close_code_meaning(code: int) -> str:
    """What a close code means: websockets' table of RFC 6455 §7.4.1 and IANA codes (the one
    table; the window's detail pane uses it too), else the range it falls in."""
    if code in CLOSE_CODE_EXPLANATIONS:
        return CLOSE_CODE_EXPLANATIONS[code]
    if 3000 <= code < 4000:
        return "library or framework"
    return "application" if 4000 <= code < 5000 else "unknown"


def close_text(close: Close) -> str:
    """``1001 going away`` — the code, then the reason or the code's meaning."""
    if close.reason:
        return f"{close.code} {close.reason}"
    return f"{close.code} {CLOSE_CODE_EXPLANATIONS.get(close.code, 'no reason given')}"


# Codes that end a connection on purpose rather than because something broke (RFC 6455
# §7.4.1, IANA registry); 3000-4999 belong to libraries and applications.
_DELIBERATE = frozenset({CloseCode.NORMAL_CLOSURE, CloseCode.GOING_AWAY,
                         CloseCode.SERVICE_RESTART, CloseCode.TRY_AGAIN_LATER})


def _clean(code: int) -> bool:
    return code in _DELIBERATE or 3000 <= code < 5000


def describe_close(exc: ConnectionClosed) -> tuple[str, bool]:
    """How a connection ended, for a StateChanged reason; and whether that is a failure."""
    rcvd, sent = exc.rcvd, exc.sent
    if rcvd is not None and (sent is None or exc.rcvd_then_sent):
        return f"closed by peer: {close_text(rcvd)}", not _clean(rcvd.code)
    if sent is not None:
        what = _OUR_FAILURES.get(sent.code, "closed")
        detail = f": {sent.reason}" if sent.reason else ""
        return f"{what}; closed with {sent.code}{detail}", not _clean(sent.code)
    return "connection lost without a close frame (1006 abnormal closure)", True

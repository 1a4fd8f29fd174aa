"""What the composer sends: text (with escapes, in an encoding) or hex, plus a line ending —
and the RFC 6455 rules an outgoing WebSocket payload must keep (the one copy: the WebSocket
connections check their frames with :func:`check_payload` too)."""

from __future__ import annotations

import enum
from typing import Literal

from transports.codec.encodings import encode_text
from transports.codec.escapes import parse_escaped
from transports.codec.hexstr import parse_hex
from transports.frames import FrameKind

LINE_ENDINGS = {"": b"", "\n": b"\n", "\r": b"\r", "\r\n": b"\r\n"}
MAX_CONTROL_PAYLOAD = 125  # RFC 6455 §5.5: ping, pong and close payloads
MAX_CLOSE_REASON = 123  # RFC 6455 §5.5: 125 bytes minus the 2-byte close code


class Mode(enum.Enum):
    TEXT = "text"
    HEX = "hex"


class FrameRuleError(ValueError):
    """An outgoing payload breaks an RFC 6455 rule for its frame kind.

    ``offset`` is the first byte that is not UTF-8 (text messages); ``size`` and ``limit`` are
    set when a control frame is too big.
    """

    def __init__(self, message: str, kind: FrameKind, *, offset: int | None = None,
                 size: int | None = None, limit: int | None = None) -> None:
        super().__init__(message)
        self.kind = kind
        self.offset = offset
        self.size = size
        self.limit = limit


def check_payload(payload: bytes, kind: FrameKind) -> None:
    """Raise :class:`FrameRuleError` if ``payload`` cannot be sent as a ``kind`` frame: a text
    message must be UTF-8 (§5.6), a control frame carries at most 125 bytes (§5.5).  (The
    code and reason inside a close payload are checked where it is parsed.)"""
    if kind is FrameKind.TEXT:
        try:
            payload.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise FrameRuleError(
                f"a TEXT frame must be valid UTF-8 (RFC 6455 §5.6): {exc.reason} at byte "
                f"{exc.start}; send it as BINARY instead", kind, offset=exc.start) from None
    elif (kind in (FrameKind.PING, FrameKind.PONG, FrameKind.CLOSE)
          and len(payload) > MAX_CONTROL_PAYLOAD):
        raise FrameRuleError(
            f"a {kind.name} frame carries at most {MAX_CONTROL_PAYLOAD} bytes "
            f"(RFC 6455 §5.5), not {len(payload)}", kind, size=len(payload),
            limit=MAX_CONTROL_PAYLOAD)


def compose(text: str, mode: Mode | Literal["text", "hex"] = Mode.TEXT, encoding: str = "utf-8",
            escapes: bool = True, line_ending: str = "") -> bytes:
    """The bytes for what the user typed; ParseError (line, column) when it is invalid.

    Text mode encodes the line ending like the text (``\n`` is two bytes in UTF-16); hex mode
    appends its ASCII bytes (``0d 0a``), since hex is raw bytes with no encoding.
    """
    mode = Mode(mode)
    if line_ending not in LINE_ENDINGS:
        raise ValueError(f"line_ending must be one of {list(LINE_ENDINGS)!r}, got {line_ending!r}")
    if mode is Mode.HEX:
        return parse_hex(text) + LINE_ENDINGS[line_ending]
    payload = parse_escaped(text, encoding) if escapes else encode_text(text, encoding)
    return payload + encode_text(line_ending, encoding)


def compose_frame(text: str, kind: FrameKind | None, mode: Mode | Literal["text", "hex"]
                  = Mode.TEXT, encoding: str = "utf-8", escapes: bool = True,
                  line_ending: str = "") -> bytes:
    """:func:`compose`, then :func:`check_payload` for ``kind`` (None: a stream or datagram
    payload, which has no rule).  ParseError or FrameRuleError say what is wrong."""
    payload = compose(text, mode, encoding, escapes, line_ending)
    if kind is not None:
        check_payload(payload, kind)
    return payload

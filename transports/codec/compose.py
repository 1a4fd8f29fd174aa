"""What the composer sends: text (with escapes, in an encoding) or hex, plus a line ending."""

from __future__ import annotations

import enum

from transports.codec.encodings import encode_text
from transports.codec.escapes import parse_escaped
from transports.codec.hexstr import parse_hex

LINE_ENDINGS = {"": b"", "\n": b"\n", "\r": b"\r", "\r\n": b"\r\n"}


class Mode(enum.Enum):
    TEXT = "text"
    HEX = "hex"


def compose(text: str, mode: Mode | str = Mode.TEXT, encoding: str = "utf-8",
            escapes: bool = True, line_ending: str = "") -> bytes:
    """The bytes for what the user typed; ParseError (line, column) when it is invalid."""
    mode = Mode(mode)
    if line_ending not in LINE_ENDINGS:
        raise ValueError(f"line_ending must be one of {sorted(LINE_ENDINGS)!r}")
    if mode is Mode.HEX:
        payload = parse_hex(text)
    elif escapes:
        payload = parse_escaped(text, encoding)
    else:
        payload = encode_text(text, encoding)
    return payload + LINE_ENDINGS[line_ending].decode("ascii").encode(encoding)

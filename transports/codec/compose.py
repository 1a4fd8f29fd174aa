"""What the composer sends: text (with escapes, in an encoding) or hex, plus a line ending."""

from __future__ import annotations

import enum
from typing import Literal

from transports.codec.encodings import encode_text
from transports.codec.escapes import parse_escaped
from transports.codec.hexstr import parse_hex

LINE_ENDINGS = {"": b"", "\n": b"\n", "\r": b"\r", "\r\n": b"\r\n"}


class Mode(enum.Enum):
    TEXT = "text"
    HEX = "hex"


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

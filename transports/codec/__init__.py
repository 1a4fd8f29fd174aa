"""Codecs for composing and showing bytes: escapes, hex strings, encodings, hex dumps."""

from transports.codec.compose import (
    LINE_ENDINGS,
    MAX_CLOSE_REASON,
    MAX_CONTROL_PAYLOAD,
    FrameRuleError,
    Mode,
    check_payload,
    compose,
    compose_frame,
)
from transports.codec.encodings import ENCODINGS, decode_text, encode_text, normalize_encoding
from transports.codec.errors import ParseError
from transports.codec.escapes import escape_bytes, parse_escaped
from transports.codec.hexdump import hexdump, printable_ascii
from transports.codec.hexstr import format_hex, parse_hex

__all__ = [
    "ENCODINGS",
    "LINE_ENDINGS",
    "MAX_CLOSE_REASON",
    "MAX_CONTROL_PAYLOAD",
    "FrameRuleError",
    "Mode",
    "ParseError",
    "check_payload",
    "compose",
    "compose_frame",
    "decode_text",
    "encode_text",
    "escape_bytes",
    "format_hex",
    "hexdump",
    "normalize_encoding",
    "parse_escaped",
    "parse_hex",
    "printable_ascii",
]

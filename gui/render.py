"""Renderings of payload bytes for the log, the detail pane and the clipboard (Qt-free).

Everything here is computed on demand from ``bytes``; nothing is stored.  Bytes that do not
decode in the chosen encoding are shown as ``\\xNN`` escapes, never silently replaced.
"""

from __future__ import annotations

import base64
import codecs
import json
import struct
import time

from transports.aio.websocket_frames import close_code_meaning
from transports.codec import ENCODINGS as CODEC_ENCODINGS
from transports.codec import format_hex
from transports.codec import hexdump as codec_hexdump
from transports.frames import Direction, FrameKind

#: Encodings offered by the GUI: (label, Python codec name) — transports.codec's list.
ENCODINGS: tuple[tuple[str, str], ...] = tuple((label, name) for name, label in CODEC_ENCODINGS)

PREVIEW_BYTES = 64
"""Payload bytes a one-line preview looks at."""

# -- decoding with visible escapes ----------------------------------------------------------

_ERRORS = "sockscope-escape"
_BAD_BASE = 0xDC00  # undecodable byte b is decoded to the lone surrogate U+DC00 + b


def _escape_errors(err: UnicodeError) -> tuple[str, int]:
    if not isinstance(err, UnicodeDecodeError):
        raise err
    bad = err.object[err.start : err.end]
    return "".join(chr(_BAD_BASE + b) for b in bad), err.end


codecs.register_error(_ERRORS, _escape_errors)

_NAMED = {0x09: "\\t", 0x0A: "\\n", 0x0D: "\\r", 0x00: "\\0"}


def _table(*, keep: str = "", backslash: bool = False) -> dict[int, str]:
    table: dict[int, str] = {b: f"\\x{b:02x}" for b in range(256)}
    table = {_BAD_BASE + b: s for b, s in table.items()}
    for c in [*range(0x20), 0x7F]:
        if chr(c) not in keep:
            table[c] = _NAMED.get(c, f"\\x{c:02x}")
    if backslash:
        table[0x5C] = "\\\\"
    return table


_ONE_LINE = _table()  # previews: every control character escaped
_MULTI_LINE = _table(keep="\n\t")  # the detail pane's text view
_ESCAPED = _table(backslash=True)  # unambiguous: composing it with escapes gives the bytes back


def decode(data: bytes, encoding: str, *, final: bool = True) -> str:
    """Decode ``data``; undecodable bytes become lone surrogates (see the tables above).

    With ``final=False`` an incomplete character at the end is left out (for truncated data).
    """
    if final:
        return data.decode(encoding, _ERRORS)
    decoder = codecs.getincrementaldecoder(encoding)(_ERRORS)
    return decoder.decode(data, final=False)


def check_encoding(encoding: str) -> str:
    """The canonical codec name of ``encoding``; ``ValueError`` if Python has no such codec."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise ValueError(f"unknown encoding {encoding!r}") from None


# -- one-line previews ----------------------------------------------------------------------


def hex_preview(data: bytes, limit: int = PREVIEW_BYTES) -> str:
    """``68 65 6c …`` for at most ``limit`` bytes."""
    text = data[:limit].hex(" ")
    return text + " …" if len(data) > limit else text


def text_preview(data: bytes, encoding: str, limit: int = PREVIEW_BYTES) -> str:
    """One line of text: control characters and undecodable bytes escaped."""
    more = len(data) > limit
    text = decode(data[:limit], encoding, final=not more).translate(_ONE_LINE)
    return text + "…" if more else text


# -- the detail pane ------------------------------------------------------------------------


def hexdump(data: bytes, width: int = 16) -> str:
    """Classic dump: ``offset  hex bytes (two groups)  |ASCII|`` (transports.codec's)."""
    return codec_hexdump(data, width)


def display_text(data: bytes, encoding: str, *, final: bool = True) -> str:
    """Text for a multi-line view: newlines and tabs kept, other controls escaped."""
    return decode(data, encoding, final=final).translate(_MULTI_LINE)


def pretty_json(data: bytes, encoding: str) -> str | None:
    """``data`` as indented JSON if it is a JSON object or array, else None."""
    try:
        text = data.decode(encoding).strip()
    except (UnicodeDecodeError, LookupError):
        return None
    if not text or text[0] not in "[{":
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return json.dumps(value, indent=2, ensure_ascii=False)


def close_info(payload: bytes) -> tuple[int | None, str]:
    """(code, reason) of a close frame's payload (RFC 6455 §5.5.1); code None when absent."""
    if len(payload) < 2:
        return None, ""
    (code,) = struct.unpack("!H", payload[:2])
    return code, payload[2:].decode("utf-8", "replace")


def describe_close(payload: bytes) -> str:
    """``1000 (OK): bye``, ``4000 (application)`` or ``no status code``."""
    code, reason = close_info(payload)
    if code is None:
        return "no status code"
    return f"{code} ({close_code_meaning(code)})" + (f": {reason}" if reason else "")


KIND_NAMES: dict[FrameKind, str] = {
    FrameKind.DATA: "data",
    FrameKind.TEXT: "text",
    FrameKind.BINARY: "binary",
    FrameKind.PING: "ping",
    FrameKind.PONG: "pong",
    FrameKind.CLOSE: "close",
    FrameKind.EVENT: "event",
}


def direction_arrow(direction: Direction) -> str:
    return "→" if direction == Direction.OUT else "←"


def format_time(ts: float, base: float | None = None) -> str:
    """Local wall-clock ``HH:MM:SS.mmm``, or ``+S.ssssss`` seconds after ``base``."""
    if base is not None:
        return f"+{ts - base:.6f}"
    whole = int(ts)
    return time.strftime("%H:%M:%S", time.localtime(whole)) + f".{int((ts - whole) * 1000):03d}"


# -- copy formats ---------------------------------------------------------------------------


def as_hex(data: bytes) -> str:
    """``68 65 6c 6c 6f``."""
    return format_hex(data)


def as_escaped(data: bytes, encoding: str = "utf-8") -> str:
    """Text with every control byte, backslash and undecodable byte escaped."""
    return decode(data, encoding).translate(_ESCAPED)


def as_base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def as_c_array(data: bytes, per_line: int = 12) -> str:
    """``{ 0x68, 0x65 }``; long arrays wrap every ``per_line`` bytes."""
    if not data:
        return "{ }"
    items = [f"0x{b:02x}" for b in data]
    if len(items) <= per_line:
        return "{ " + ", ".join(items) + " }"
    rows = [", ".join(items[i : i + per_line]) for i in range(0, len(items), per_line)]
    return "{\n    " + ",\n    ".join(rows) + "\n}"


def as_python(data: bytes) -> str:
    """A Python bytes literal: ``b'he\\x00'``."""
    return repr(data)


COPY_FORMATS: dict[str, str] = {
    "hex": "Hex",
    "escaped": "Escaped text",
    "base64": "Base64",
    "c": "C array",
    "python": "Python bytes literal",
}


def copy_text(data: bytes, fmt: str, encoding: str = "utf-8") -> str:
    """``data`` rendered in one of ``COPY_FORMATS``."""
    if fmt == "hex":
        return as_hex(data)
    if fmt == "escaped":
        return as_escaped(data, encoding)
    if fmt == "base64":
        return as_base64(data)
    if fmt == "c":
        return as_c_array(data)
    if fmt == "python":
        return as_python(data)
    raise ValueError(f"unknown copy format {fmt!r}")

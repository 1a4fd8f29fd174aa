"""Text with backslash escapes ⇄ bytes."""

from __future__ import annotations

import re

from transports.codec.encodings import encode_slice
from transports.codec.errors import error_at

SIMPLE = {"n": b"\n", "r": b"\r", "t": b"\t", "0": b"\0", "\\": b"\\", '"': b'"', "'": b"'",
          "a": b"\a", "b": b"\b", "f": b"\f", "v": b"\v", "e": b"\x1b"}
_KNOWN = " ".join(f"\\{c}" for c in SIMPLE) + " \\xHH"
_HEX2 = re.compile(r"[0-9A-Fa-f]{2}")


def parse_escaped(text: str, encoding: str = "utf-8") -> bytes:
    r"""Bytes of ``text`` in ``encoding``, with ``\n \r \t \0 \\ \" \' \a \b \f \v \e \xHH``
    understood.  A bad escape raises ParseError at the column of its backslash."""
    out = bytearray()
    start = 0
    i = text.find("\\")
    while i >= 0:
        out += encode_slice(text, start, i, encoding)
        if i + 1 >= len(text):
            raise error_at(text, i, "a lone backslash at the end (write \\\\ for a backslash)")
        c = text[i + 1]
        if c in SIMPLE:
            out += SIMPLE[c]
            start = i + 2
        elif c == "x":
            if not _HEX2.fullmatch(text, i + 2, i + 4):
                raise error_at(text, i, "\\x must be followed by two hex digits (e.g. \\x0d)")
            out.append(int(text[i + 2:i + 4], 16))
            start = i + 4
        else:
            shown = f"\\{c}" if c.isprintable() else f"a backslash before {c!r}"
            raise error_at(text, i, f"unknown escape {shown} (known: {_KNOWN})")
        i = text.find("\\", start)
    out += encode_slice(text, start, len(text), encoding)
    return bytes(out)


_ESCAPE_TABLE = {i: f"\\x{i:02x}" for i in range(256)}
_ESCAPE_TABLE.update({i: chr(i) for i in range(0x20, 0x7F)})
_ESCAPE_TABLE.update({0x0A: "\\n", 0x0D: "\\r", 0x09: "\\t", 0x00: "\\0", 0x5C: "\\\\"})


def escape_bytes(data: bytes) -> str:
    r"""Printable ASCII as is, ``\n \r \t \0 \\`` as escapes, anything else ``\xHH``.
    ``parse_escaped(escape_bytes(b)) == b`` for any bytes."""
    table = _ESCAPE_TABLE
    return "".join([table[b] for b in data])

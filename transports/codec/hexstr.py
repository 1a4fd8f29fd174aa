"""Hex strings in the forms people paste ⇄ bytes.

Accepted: ``48 65 6c``, ``48656c``, ``0x48,0x65``, ``0x48 0x65``, ``48:65``, ``48-65``,
``\\x48\\x65``, any case, with line breaks, tabs, commas or semicolons between bytes.
A run of digits without separators must have an even length (``48656c``); a token that a
``0x`` prefix or separators set apart may have one digit (``0x4``, ``4 65``), meaning ``04``.
"""

from __future__ import annotations

import re

from transports.codec.errors import error_at

_SEPARATORS = " \t\r\n,;:-"
_TOKEN = re.compile(r"(?:0[xX]|\\x)?([0-9A-Fa-f]*)")
_HEXDIGITS = frozenset("0123456789abcdefABCDEF")


def parse_hex(text: str) -> bytes:
    """Bytes from a hex string; ParseError with the line and column of the first problem."""
    out = bytearray()
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if c in _SEPARATORS:
            i += 1
            continue
        m = _TOKEN.match(text, i)
        assert m is not None  # the pattern matches the empty string
        digits = m.group(1)
        prefixed = m.end(1) - m.start(0) > len(digits)
        end = m.end()
        if end < n and text[end] not in _SEPARATORS and not text.startswith(("0x", "0X", "\\x"),
                                                                            end):
            bad = text[end]
            hint = " (hex digits are 0-9 and a-f)" if bad.isalnum() else ""
            raise error_at(text, end, f"{bad!r} is not a hex digit{hint}")
        if not digits:
            raise error_at(text, i, "a 0x or \\x prefix without hex digits")
        if len(digits) % 2:
            if len(digits) == 1 and (prefixed or _isolated(text, i, end)):
                digits = "0" + digits
            else:
                raise error_at(text, m.start(1) + len(digits) - 1,
                               f"odd number of hex digits in {digits!r}: the last byte is "
                               "incomplete")
        out += bytes.fromhex(digits)
        i = end
    return bytes(out)


def _isolated(text: str, start: int, end: int) -> bool:
    """A single digit set apart by separators (or the text's ends) on both sides."""
    before = start == 0 or text[start - 1] in _SEPARATORS
    after = end >= len(text) or text[end] in _SEPARATORS
    return before and after


def format_hex(data: bytes, sep: str = " ", group: int = 1, uppercase: bool = False) -> str:
    """``68 65 6c`` (or grouped, e.g. ``6865 6c6c`` with group=2)."""
    text = data.hex(sep, group) if sep and data else data.hex()
    return text.upper() if uppercase else text


def is_hex_digit(c: str) -> bool:
    return c in _HEXDIGITS

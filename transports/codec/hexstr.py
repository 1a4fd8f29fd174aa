"""Hex strings in the forms people paste ⇄ bytes.

Accepted: ``48 65 6c``, ``48656c``, ``0x48,0x65``, ``0x48 0x65``, ``48:65``, ``48-65``,
``\\x48\\x65``, any case, with any whitespace (line breaks, tabs, no-break spaces), commas,
semicolons, colons or dashes between bytes.

Our choice for odd digit counts: a run of digits without separators must have an even length
(``48656c``; ``486`` is an error at its last digit, "the last byte is incomplete").  A single
digit after a ``0x``/``\\x`` prefix is a whole byte (``0x4`` → ``04``), as C arrays write it;
a lone digit between separators (``48 6``) is an error: it is far more often a typo or a
truncated paste than a byte, and sending 0x06 silently would be wrong bytes.
"""

from __future__ import annotations

import re

from transports.codec.errors import error_at

_PUNCTUATION = ",;:-"
_TO_SPACE = str.maketrans(dict.fromkeys(_PUNCTUATION, " "))
_TOKEN = re.compile(r"(?:0[xX]|\\x)?([0-9A-Fa-f]*)")
_PREFIXES = ("0x", "0X", "\\x")


def parse_hex(text: str) -> bytes:
    """Bytes from a hex string; ParseError with the line and column of the first problem."""
    try:  # the common forms (pairs between spaces or punctuation), in C
        return bytes.fromhex(text.translate(_TO_SPACE))
    except ValueError:
        pass
    out = bytearray()
    i = 0
    n = len(text)
    while i < n:
        c = text[i]
        if _is_separator(c):
            i += 1
            continue
        m = _TOKEN.match(text, i)
        assert m is not None  # the pattern matches the empty string
        digits = m.group(1)
        prefixed = m.end(1) - m.start(0) > len(digits)
        end = m.end()
        if end < n and not _is_separator(text[end]) and not text.startswith(_PREFIXES, end):
            bad = text[end]
            hint = " (hex digits are 0-9 and a-f)" if bad.isalnum() else ""
            raise error_at(text, end, f"{_shown(bad)} is not a hex digit{hint}")
        if not digits:
            raise error_at(text, i, "a 0x or \\x prefix without hex digits")
        if len(digits) % 2:
            if len(digits) == 1 and prefixed:
                digits = "0" + digits
            elif len(digits) == 1 and _isolated(text, i, end):
                raise error_at(text, i, f"a lone hex digit {_shown(digits)}: a byte is two "
                                        f"digits (write 0{digits}, or {digits}0)")
            else:
                raise error_at(text, m.start(1) + len(digits) - 1,
                               f"odd number of hex digits in {digits!r}: the last byte is "
                               "incomplete")
        out += bytes.fromhex(digits)
        i = end
    return bytes(out)


def _isolated(text: str, start: int, end: int) -> bool:
    """A single digit set apart by separators (or the text's ends) on both sides."""
    before = start == 0 or _is_separator(text[start - 1])
    after = end >= len(text) or _is_separator(text[end])
    return before and after


def _shown(c: str) -> str:
    """``'g'``, ``'\\'`` (one backslash, as typed), ``'\\x00'`` for what cannot be shown."""
    return f"'{c}'" if c.isprintable() else repr(c)


def _is_separator(c: str) -> bool:
    return c in _PUNCTUATION or c.isspace()


def format_hex(data: bytes, sep: str = " ", group: int = 1, uppercase: bool = False) -> str:
    """``68 65 6c`` (or grouped, e.g. ``6865 6c6c`` with group=2; ``sep`` may be ``", "``)."""
    if group < 1:
        raise ValueError(f"group must be ≥ 1, got {group}")
    if not sep or not data:
        text = data.hex()
    elif len(sep) == 1:
        text = data.hex(sep, -group)  # negative: groups counted from the left
    else:
        text = data.hex(" ", -group).replace(" ", sep)
    return text.upper() if uppercase else text

"""Classic hex dumps: ``offset  hex bytes (with a middle gap)  |ascii|``."""

from __future__ import annotations

_PRINTABLE = bytes(c if 0x20 <= c < 0x7F else 0x2E for c in range(256))


def hexdump(data: bytes, width: int = 16, offset: int = 0, encoding: str | None = None) -> str:
    """One line per ``width`` bytes::

        00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|

    The right column is ASCII ('.' for anything else) unless ``encoding`` is given, in which
    case each line's bytes are decoded with it (for a quick look at GBK/UTF-8 text; bytes that
    do not decode, including a character cut by the line's end, show as '.').
    """
    if width < 1:
        raise ValueError("width must be ≥ 1")
    half = width // 2
    hex_width = width * 3 - 1 + (1 if half and width > 1 else 0)
    lines = []
    for start in range(0, len(data), width):
        chunk = data[start:start + width]
        if half and width > 1 and len(chunk) > half:
            hex_part = chunk[:half].hex(" ") + "  " + chunk[half:].hex(" ")
        else:
            hex_part = chunk.hex(" ")
        if encoding is None:
            text = chunk.translate(_PRINTABLE).decode("ascii")
        else:
            text = _printable(chunk.decode(encoding, errors="replace"))
        lines.append(f"{offset + start:08x}  {hex_part:<{hex_width}}  |{text}|")
    return "\n".join(lines)


def _printable(text: str) -> str:
    return "".join(ch if ch.isprintable() and ch != "\ufffd" else "." for ch in text)


def printable_ascii(data: bytes) -> str:
    """Each byte as its ASCII character, or '.' when it is not printable."""
    return data.translate(_PRINTABLE).decode("ascii")

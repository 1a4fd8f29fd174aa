"""The text encodings Sockscope offers, on the standard library's codecs."""

from __future__ import annotations

import codecs

from transports.codec.errors import error_at

# (codec name, label shown to users)
ENCODINGS: tuple[tuple[str, str], ...] = (
    ("utf-8", "UTF-8"),
    ("gbk", "GBK"),
    ("gb18030", "GB18030"),
    ("latin-1", "Latin-1"),
    ("utf-16-le", "UTF-16LE"),
    ("utf-16-be", "UTF-16BE"),
    ("ascii", "ASCII"),
)
_BY_CODEC = {codecs.lookup(name).name: name for name, _ in ENCODINGS}


def normalize_encoding(name: str) -> str:
    """The canonical name of a supported encoding; aliases that the standard library maps to
    one (``utf8``, ``latin1``, ``UTF-16LE``, ``cp936``) are accepted.  ValueError names the
    supported ones."""
    try:
        info = codecs.lookup(name)
    except LookupError:
        info = None
    if info is None or info.name not in _BY_CODEC:
        supported = ", ".join(label for _, label in ENCODINGS)
        raise ValueError(f"unsupported encoding {name!r}; supported: {supported}")
    return _BY_CODEC[info.name]


def encode_text(text: str, encoding: str = "utf-8") -> bytes:
    """Strict encoding; a character the encoding lacks raises ParseError at its column."""
    return encode_slice(text, 0, len(text), encoding)


def encode_slice(text: str, start: int, stop: int, encoding: str) -> bytes:
    """``text[start:stop]`` encoded; a ParseError's line and column are those in ``text``."""
    try:
        return text[start:stop].encode(encoding)
    except UnicodeEncodeError as exc:
        index = start + exc.start
        bad = text[index]
        raise error_at(text, index,
                       f"{bad!r} (U+{ord(bad):04X}) cannot be encoded in {encoding}") from None


def decode_text(data: bytes, encoding: str = "utf-8") -> str:
    """Never raises for a supported encoding: bytes it cannot decode are shown as ``\\xHH``."""
    return data.decode(encoding, errors="backslashreplace")

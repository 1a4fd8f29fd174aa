from __future__ import annotations

import pytest

from transports.codec import (
    ENCODINGS,
    ParseError,
    decode_text,
    encode_text,
    hexdump,
    normalize_encoding,
)

CHINESE = "你好，世界"


@pytest.mark.parametrize("encoding", ["utf-8", "gbk", "gb18030", "utf-16-le", "utf-16-be"])
def test_chinese_round_trips(encoding: str) -> None:
    assert decode_text(encode_text(CHINESE, encoding), encoding) == CHINESE


def test_gb18030_covers_what_gbk_lacks() -> None:
    text = "𠀀"  # outside GBK, inside GB18030
    assert decode_text(encode_text(text, "gb18030"), "gb18030") == text
    with pytest.raises(ParseError, match="cannot be encoded in gbk"):
        encode_text("ab" + text, "gbk")


def test_decode_never_raises() -> None:
    assert decode_text(b"ok\xff", "utf-8") == "ok\\xff"
    assert decode_text(b"\x80", "ascii") == "\\x80"


def test_normalize() -> None:
    assert normalize_encoding("UTF8") == "utf-8"
    assert normalize_encoding("latin1") == "latin-1"
    assert normalize_encoding("UTF-16LE") == "utf-16-le"
    assert {normalize_encoding(name) for name, _ in ENCODINGS} == {n for n, _ in ENCODINGS}
    with pytest.raises(ValueError, match="supported: UTF-8, GBK"):
        normalize_encoding("ebcdic-cp-be")


def test_hexdump_layout() -> None:
    assert hexdump(b"Hello world\n") == (
        "00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|")
    lines = hexdump(bytes(range(0x41, 0x41 + 20)), offset=0x100).splitlines()
    assert lines[0] == ("00000100  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  "
                        "|ABCDEFGHIJKLMNOP|")
    assert lines[1] == ("00000110  51 52 53 54" + " " * 39 + "|QRST|")
    assert hexdump(b"") == ""


def test_hexdump_with_encoding() -> None:
    assert hexdump("你好".encode("gbk"), encoding="gbk").endswith("|你好|")

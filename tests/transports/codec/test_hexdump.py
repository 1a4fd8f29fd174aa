from __future__ import annotations

import pytest

from transports.codec import hexdump, printable_ascii


def test_classic_layout() -> None:
    assert hexdump(b"Hello world\n") == (
        "00000000  48 65 6c 6c 6f 20 77 6f  72 6c 64 0a              |Hello world.|")


def test_full_and_short_lines_with_offset() -> None:
    lines = hexdump(bytes(range(0x41, 0x41 + 20)), offset=0x100).split("\n")
    assert lines == [
        "00000100  41 42 43 44 45 46 47 48  49 4a 4b 4c 4d 4e 4f 50  |ABCDEFGHIJKLMNOP|",
        "00000110  51 52 53 54" + " " * 39 + "|QRST|",
    ]


def test_short_line_before_the_middle_gap() -> None:
    assert hexdump(b"\x00\x01\xff") == "00000000  00 01 ff" + " " * 42 + "|...|"


def test_width_8() -> None:
    assert hexdump(b"abcdefghij", width=8).split("\n") == [
        "00000000  61 62 63 64  65 66 67 68  |abcdefgh|",
        "00000008  69 6a                     |ij|",
    ]


def test_empty_and_bad_width() -> None:
    assert hexdump(b"") == ""
    with pytest.raises(ValueError, match="width"):
        hexdump(b"x", width=0)


def test_with_an_encoding() -> None:
    assert hexdump("你好".encode("gbk"), encoding="gbk").endswith("|你好|")
    assert hexdump(b"ok\xff\n", encoding="utf-8").endswith("|ok..|")


def test_64_kib_has_one_line_per_16_bytes() -> None:
    data = bytes(range(256)) * 256
    lines = hexdump(data).split("\n")
    assert len(lines) == 4096
    assert lines[-1] == ("0000fff0  f0 f1 f2 f3 f4 f5 f6 f7  f8 f9 fa fb fc fd fe ff  "
                         "|................|")
    assert len({len(line) for line in lines}) == 1


def test_printable_ascii() -> None:
    assert printable_ascii(b"a\x00~\x7f ") == "a.~. "

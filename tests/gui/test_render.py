"""Qt-free renderers: previews, dump, JSON, close codes, copy formats."""

from __future__ import annotations

import ast
import json

import pytest

from gui import render
from transports.frames import Direction


def test_hex_preview_truncates() -> None:
    assert render.hex_preview(b"he\x00") == "68 65 00"
    assert render.hex_preview(bytes(range(10)), limit=4) == "00 01 02 03 …"


def test_text_preview_escapes_controls_and_bad_bytes() -> None:
    assert render.text_preview(b"a\r\nb\x00\x01\xff", "utf-8") == "a\\r\\nb\\0\\x01\\xff"


def test_text_preview_gbk_and_utf16() -> None:
    assert render.text_preview("你好".encode("gbk"), "gbk") == "你好"
    assert render.text_preview("你好".encode("gb18030"), "gb18030") == "你好"
    assert render.text_preview("hi 你".encode("utf-16-le"), "utf-16-le") == "hi 你"
    assert render.text_preview("hi".encode("utf-16-be"), "utf-16-be") == "hi"
    # The wrong encoding shows escapes instead of failing.
    assert "\\x" in render.text_preview("你好".encode("gbk"), "utf-8")


def test_text_preview_truncation_drops_a_split_character() -> None:
    data = "é".encode() * 40  # 80 bytes; byte 64 splits nothing, 63 would
    assert render.text_preview(data, "utf-8", limit=63) == "é" * 31 + "…"
    data16 = "ab".encode("utf-16-le") * 40
    assert render.text_preview(data16, "utf-16-le", limit=5) == "ab…"


def test_hexdump_layout() -> None:
    dump = render.hexdump(b"hello world\n" + bytes(range(0x10, 0x18)))
    lines = dump.splitlines()
    assert lines[0] == (
        "00000000  68 65 6c 6c 6f 20 77 6f  72 6c 64 0a 10 11 12 13  |hello world.....|"
    )
    assert lines[1].startswith("00000010  14 15 16 17")
    assert lines[1].endswith("|....|")
    # the ASCII column lines up on every line
    assert lines[0].index("|") == lines[1].index("|")
    assert render.hexdump(b"") == ""


def test_display_text_keeps_newlines() -> None:
    assert render.display_text(b"a\nb\tc\rd\x00", "utf-8") == "a\nb\tc\\rd\\0"


def test_pretty_json() -> None:
    pretty = render.pretty_json(b'{"a": [1, 2], "b": "\xe4\xbd\xa0"}', "utf-8")
    assert pretty is not None
    assert pretty.splitlines()[0] == "{"
    assert '"b": "你"' in pretty
    assert json.loads(pretty) == {"a": [1, 2], "b": "你"}
    assert render.pretty_json(b"not json", "utf-8") is None
    assert render.pretty_json(b"{broken", "utf-8") is None
    assert render.pretty_json(b"42", "utf-8") is None  # scalars are not worth a pretty print
    assert render.pretty_json(b"\xff{", "utf-8") is None


def test_close_codes() -> None:
    assert render.close_info(b"\x03\xe8bye") == (1000, "bye")
    assert render.describe_close(b"\x03\xe8bye") == "1000 (OK): bye"
    assert render.describe_close(b"\x03\xf1") == "1009 (message too big)"
    assert render.describe_close(b"\x0f\xa0x") == "4000 (application): x"
    assert render.describe_close(b"\x0b\xb8") == "3000 (library or framework)"
    assert render.describe_close(b"\x00\x01") == "1 (unknown)"
    assert render.describe_close(b"") == "no status code"


def test_copy_formats() -> None:
    data = b"he\x00"
    assert render.copy_text(data, "hex") == "68 65 00"
    assert render.copy_text(data, "base64") == "aGUA"
    assert render.copy_text(data, "c") == "{ 0x68, 0x65, 0x00 }"
    assert render.copy_text(data, "python") == "b'he\\x00'"
    assert render.copy_text(b"a\\b\n\xff", "escaped") == "a\\\\b\\n\\xff"
    assert render.copy_text("你".encode("gbk"), "escaped", "gbk") == "你"
    assert render.as_c_array(b"") == "{ }"
    long = render.as_c_array(bytes(13), per_line=12)
    assert long.splitlines()[0] == "{" and long.splitlines()[-1] == "}"
    assert long.count("0x00") == 13
    with pytest.raises(ValueError, match="unknown copy format"):
        render.copy_text(data, "morse")


def test_python_literal_round_trips() -> None:
    data = bytes(range(256))
    assert ast.literal_eval(render.as_python(data)) == data


def test_time_and_peer_and_direction() -> None:
    assert render.format_time(100.5, base=100.0) == "+0.500000"
    absolute = render.format_time(1_700_000_000.25)
    assert absolute.endswith(".250") and absolute.count(":") == 2
    assert render.direction_arrow(Direction.OUT) == "→"
    assert render.direction_arrow(Direction.IN) == "←"


def test_check_encoding() -> None:
    assert render.check_encoding("GBK") == "gbk"
    with pytest.raises(ValueError, match="unknown encoding"):
        render.check_encoding("klingon")

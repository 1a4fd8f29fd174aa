from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from transports.codec import ENCODINGS, ParseError, decode_text, encode_text, normalize_encoding

relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
CHINESE = "你好，世界"
NAMES = [name for name, _ in ENCODINGS]


def test_the_supported_list() -> None:
    assert ENCODINGS == (
        ("utf-8", "UTF-8"), ("gbk", "GBK"), ("gb18030", "GB18030"), ("latin-1", "Latin-1"),
        ("utf-16-le", "UTF-16LE"), ("utf-16-be", "UTF-16BE"), ("ascii", "ASCII"))


@pytest.mark.parametrize(("encoding", "wire"), [
    ("utf-8", "你好，世界".encode()),
    ("gbk", bytes.fromhex("c4e3 bac3 a3ac cac0 bde7")),
    ("gb18030", bytes.fromhex("c4e3 bac3 a3ac cac0 bde7")),
    ("utf-16-le", bytes.fromhex("604f 7d59 0cff 164e 4c75")),
    ("utf-16-be", bytes.fromhex("4f60 597d ff0c 4e16 754c")),
])
def test_chinese_round_trips(encoding: str, wire: bytes) -> None:
    assert encode_text(CHINESE, encoding) == wire
    assert decode_text(wire, encoding) == CHINESE


def test_gb18030_covers_what_gbk_lacks() -> None:
    text = "𠀀"  # outside GBK, inside GB18030
    assert decode_text(encode_text(text, "gb18030"), "gb18030") == text
    with pytest.raises(ParseError) as info:
        encode_text("ab\n" + text, "gbk")
    assert (info.value.line, info.value.column) == (2, 1)
    assert "'𠀀' (U+20000) cannot be encoded in gbk" in str(info.value)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16-le", "utf-16-be", "gb18030"])
def test_lone_surrogate_is_a_parse_error(encoding: str) -> None:
    with pytest.raises(ParseError) as info:
        encode_text("abc\ud800", encoding)
    assert info.value.column == 4


def test_ascii_and_latin1_are_strict() -> None:
    assert encode_text("café", "latin-1") == b"caf\xe9"
    with pytest.raises(ParseError, match=r"column 4: 'é' .* cannot be encoded in ascii"):
        encode_text("café", "ascii")


def test_decode_never_raises() -> None:
    assert decode_text(b"ok\xff", "utf-8") == "ok\\xff"
    assert decode_text(b"\x80", "ascii") == "\\x80"
    assert decode_text(b"a\x00b", "utf-16-le") == "a\\x62"  # an odd trailing byte
    assert decode_text("你".encode("gbk")[:1], "gbk") == "\\xc4"


@relaxed
@given(st.binary(max_size=64), st.sampled_from(NAMES))
def test_decode_never_raises_for_any_bytes(data: bytes, encoding: str) -> None:
    assert isinstance(decode_text(data, encoding), str)


@relaxed
@given(st.text(max_size=30), st.sampled_from(NAMES))
def test_encode_round_trips_or_raises_parse_error(text: str, encoding: str) -> None:
    try:
        data = encode_text(text, encoding)
    except ParseError:
        return
    assert decode_text(data, encoding) == text


@pytest.mark.parametrize(("alias", "name"), [
    ("UTF8", "utf-8"), ("utf_8", "utf-8"), ("latin1", "latin-1"), ("ISO-8859-1", "latin-1"),
    ("UTF-16LE", "utf-16-le"), ("utf_16_be", "utf-16-be"), ("cp936", "gbk"),
    ("GB18030", "gb18030"), ("us-ascii", "ascii"),
])
def test_normalize_accepts_aliases(alias: str, name: str) -> None:
    assert normalize_encoding(alias) == name


@pytest.mark.parametrize("name", ["ebcdic-cp-be", "utf-16", "no-such-codec", ""])
def test_normalize_rejects_the_unsupported(name: str) -> None:
    with pytest.raises(ValueError) as info:
        normalize_encoding(name)
    assert str(info.value) == (f"unsupported encoding {name!r}; supported: UTF-8, GBK, "
                               "GB18030, Latin-1, UTF-16LE, UTF-16BE, ASCII")

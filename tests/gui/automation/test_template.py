"""Templates: plain text unchanged, every placeholder, checksums over ranges, errors by position."""

from __future__ import annotations

import datetime
import os
import re
import time
import uuid

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gui.automation.checksum import algorithm
from gui.automation.template import RenderError, TemplateError, compile_template, error_index
from transports.codec import ParseError, compose


def outcome(fn: object, *args: object) -> bytes | tuple[int, int, str]:
    try:
        return fn(*args)  # type: ignore[operator]
    except ParseError as exc:
        return (exc.line, exc.column, exc.reason)


@given(text=st.text(), escapes=st.booleans(),
       encoding=st.sampled_from(["utf-8", "gbk", "latin-1", "utf-16-le", "ascii"]),
       ending=st.sampled_from(["", "\n", "\r\n"]))
def test_text_without_template_syntax_is_composed_as_today(
        text: str, escapes: bool, encoding: str, ending: str) -> None:
    text = text.replace("{{", "{")
    assert outcome(lambda: compile_template(text, "text", encoding, escapes, ending).render()) \
        == outcome(lambda: compose(text, "text", encoding, escapes, ending))


@given(text=st.text(alphabet=st.characters(blacklist_characters="\\{}")),
       cut=st.integers(min_value=0), encoding=st.sampled_from(["utf-8", "gbk", "latin-1"]))
def test_a_placeholder_that_adds_nothing_keeps_the_literal_bytes(
        text: str, cut: int, encoding: str) -> None:
    """Literal chunks around a placeholder go through the same codec, with the same errors."""
    cut %= len(text) + 1
    split = text[:cut] + "{{begin}}" + text[cut:]
    expected = outcome(lambda: compose(text, "text", encoding))
    got = outcome(lambda: compile_template(split, "text", encoding).render())
    if isinstance(expected, bytes):
        assert got == expected
    else:  # the same reason; the column moves by the placeholder's length when after it
        assert isinstance(got, tuple) and got[2] == expected[2]


@given(data=st.binary(max_size=40), cut=st.integers(min_value=0))
def test_hex_payloads(data: bytes, cut: int) -> None:
    pairs = data.hex(" ").split(" ") if data else []
    cut %= len(pairs) + 1
    text = " ".join(pairs[:cut]) + " {{crc16-modbus}} " + " ".join(pairs[cut:])
    crc = algorithm("crc16-modbus").to_bytes(data[:cut])
    assert compile_template(text, "hex").render() == data[:cut] + crc + data[cut:]


def test_counter_increments_per_render_and_formats() -> None:
    t = compile_template("n={{counter}} {{counter}}")
    assert [t.render() for _ in range(3)] == [b"n=1 1", b"n=2 2", b"n=3 3"]
    t.reset()
    assert t.render() == b"n=1 1"
    t = compile_template("{{counter:u16be}}{{counter:u16le}}{{ counter : u8 }}", "hex")
    t.counter = 0x1ff
    assert t.render() == b"\x01\xff\xff\x01\xff"
    assert compile_template("{{counter:u32le}}", "hex").render() == b"\x01\0\0\0"


def test_time_uuid_random_env(monkeypatch: pytest.MonkeyPatch) -> None:
    before = int(time.time())
    seconds = int(compile_template("{{unixtime}}").render())
    assert before <= seconds <= int(time.time())
    assert len(compile_template("{{unixtime:u32be}}").render()) == 4
    ms = int(compile_template("{{unixtime:ms}}").render())
    assert abs(ms - time.time() * 1000) < 5000
    stamp = compile_template("{{iso8601}}").render().decode()
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", stamp)
    parsed = datetime.datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    assert abs(parsed.timestamp() - time.time()) < 5
    t = compile_template("{{uuid}}")
    a, b = t.render().decode(), t.render().decode()
    assert uuid.UUID(a).version == 4 and a != b
    r = compile_template("{{random:16}}")
    assert len(r.render()) == 16 and r.render() != r.render()
    monkeypatch.setenv("SOCKSCOPE_TEST_VAR", "héllo")
    assert compile_template("[{{env:SOCKSCOPE_TEST_VAR}}]", encoding="latin-1").render() \
        == "[héllo]".encode("latin-1")


def test_captures() -> None:
    t = compile_template("got {{1}}/{{name}}/{{0}}", captures={"0", "1", "name"})
    assert t.captures == {"0", "1", "name"}
    assert t.render({"0": b"all", "1": b"\xff", "name": b"N"}) == b"got \xff/N/all"
    assert compile_template("{{0:hex}}|{{ 0 : HEX }}").render({"0": b"\x01\n"}) \
        == b"01 0a|01 0a"
    with pytest.raises(TemplateError, match="unknown placeholder"):
        compile_template("{{0:oct}}")
    with pytest.raises(RenderError, match="no capture 'name'"):
        t.render({"0": b"", "1": b""})
    with pytest.raises(TemplateError) as err:
        compile_template("x {{2}}", captures={"0", "1"})
    assert (err.value.line, err.value.column) == (1, 5)
    assert "captures: 0, 1" in err.value.reason


def test_checksum_over_what_comes_before_and_over_a_range() -> None:
    modbus = algorithm("crc16-modbus")
    t = compile_template("01 03 02 00 01 {{crc16-modbus}}", "hex")
    assert t.render() == bytes.fromhex("0103020001 7984")  # a well-known Modbus RTU reply
    assert modbus.to_bytes(bytes.fromhex("0103020001")) == bytes.fromhex("7984")
    t = compile_template("AA {{begin}} 01 02 {{end}} 03 {{xor8}} {{sum8}}", "hex")
    # xor8 covers 01 02 (the marked range); sum8 too (the range stays until the next begin)
    assert t.render() == bytes.fromhex("AA 01 02 03 03 03")
    t = compile_template("STX{{begin}}abc{{crc16-xmodem:le}}{{crc16-xmodem:be}}")
    x = algorithm("crc16-xmodem").compute(b"abc")
    first = x.to_bytes(2, "little")  # the second one covers the first one too
    second = algorithm("crc16-xmodem").compute(b"abc" + first).to_bytes(2, "big")
    assert t.render() == b"STXabc" + first + second
    assert compile_template(":0103{{begin}}{{lrc:hex}}").render() == b":010300"  # empty range
    lrc_hex = compile_template("{{begin}}\x01\x03\x00\x00\x00\x01{{end}}{{lrc:hex}}").render()
    assert lrc_hex.endswith(b"FB")


def test_literal_braces_and_whitespace() -> None:
    assert compile_template('a {{"{{"}} b }} c').render() == b"a {{ b }} c"
    assert compile_template('{{ "x}}y" }}').render() == b"x}}y"
    assert compile_template("a { b } c").render() == b"a { b } c"


@pytest.mark.parametrize(("text", "mode", "where", "reason"), [
    ("ab\n  {{nope}}", "text", (2, 5), "unknown name 'nope'"),
    ("ab {{counter", "text", (1, 4), "without its closing }}"),
    ("ab {{counter\n}}", "text", (1, 4), "without its closing }}"),
    ("{{random:0}}", "text", (1, 3), "number of random bytes"),
    ("{{ crc16-modbus:xx }}", "text", (1, 4), "unknown checksum option 'xx'"),
    ("{{counter:u12}}", "text", (1, 3), "unknown format 'u12'"),
    ("{{env:SOCKSCOPE_SURELY_UNSET}}", "text", (1, 3), "is not set"),
    ("{{}}", "text", (1, 3), "empty placeholder"),
    ('{{"a}}', "text", (1, 3), "closing \""),
    ("{{begin:x}}", "text", (1, 3), "takes no argument"),
    ("ok {{counter}} \\q", "text", (1, 16), "unknown escape \\q"),
    ("01 {{counter}}\n 0G", "hex", (2, 3), "'G' is not a hex digit"),
    ("{{counter}} é", "text", (1, 13), "cannot be encoded in ascii"),
])
def test_errors_point_at_line_and_column(text: str, mode: str, where: tuple[int, int],
                                         reason: str) -> None:
    with pytest.raises(TemplateError) as err:
        compile_template(text, mode, encoding="ascii" if "é" in text else "utf-8",
                         captures=set())
    assert (err.value.line, err.value.column) == where
    assert reason in err.value.reason
    assert error_index(text, err.value) == _index(text, *where)


def _index(text: str, line: int, column: int) -> int:
    return sum(len(x) + 1 for x in text.split("\n")[:line - 1]) + column - 1


def test_unknown_captures_are_checked_at_render_when_not_declared() -> None:
    t = compile_template("{{who}}")
    with pytest.raises(RenderError):
        t.render()
    assert t.render({"who": b"me"}) == b"me"


def test_constant_templates_are_constant() -> None:
    assert compile_template("plain").is_constant
    assert compile_template('{{"a"}}{{crc8}}'.replace("{{crc8}}", "")).is_constant
    assert not compile_template("{{counter}}").is_constant
    assert os.environ.get("HOME") is None or compile_template("{{env:HOME}}").is_constant

"""The engine's step descriptions and reasons as structured texts: English by ``str()`` (the
CLI and JUnit), any language through a translate function (the window), every template in the
translation file."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from gui import i18n
from gui.automation import scenario_text as say
from gui.automation.match import MatchKind, MatchSpec, MessageKind
from gui.automation.scenario import Expect, ExpectNothing, Repeat, Send, Wait, match_text
from gui.automation.scenario_json import JsonEquals
from gui.automation.scenario_text import Text, text
from transports.codec import Mode


def _upper(template: str) -> str:
    """A "translation": the template's words in capitals, its {placeholders} kept."""
    return "".join(part if part.startswith("{") else part.upper()
                   for part in re.split(r"(\{[a-z_]*\})", template))


def test_a_text_is_english_by_str_and_translates_nested_values() -> None:
    step = Expect("cli", MatchSpec(MatchKind.CONTAINS, "ok", ignore_case=True,
                                   message_kind=MessageKind.TEXT), 250, (("v", "1"),))
    assert str(step.text()) == step.describe() == (
        'expect contains "ok" (any case) (text messages) from cli within 250 ms, v = {{1}}')
    # templates are translated, values are not (a connection name, a pattern)
    assert step.text().render(_upper) == (
        'EXPECT CONTAINS "ok" (ANY CASE) (TEXT MESSAGES) FROM cli WITHIN 250 MS, v = {{1}}')
    assert text(say.WAIT, ms=5) == Wait(5).text() and text(say.WAIT, ms=5) != text(say.WAIT,
                                                                                   ms=6)


def test_every_matcher_and_step_has_a_text() -> None:
    cases = {
        MatchSpec(): "any frame",
        MatchSpec(MatchKind.EXACT, "01 02", pattern_mode=Mode.HEX): "exact hex 01 02",
        MatchSpec(MatchKind.HEX, "01 ??"): "hex pattern 01 ??",
        MatchSpec(MatchKind.REGEX, "^a"): "regex /^a/",
        MatchSpec(MatchKind.CHECKSUM_INVALID, checksum="crc16-modbus"):
            "checksum-invalid (crc16-modbus)",
        MatchSpec(MatchKind.ENDS, "x", message_kind=MessageKind.BINARY):
            'ends "x" (binary messages)',
        JsonEquals("/id", 7): "JSON /id = 7",
        JsonEquals("", "是"): 'JSON (document) = "是"',
    }
    for match, english in cases.items():
        assert str(match_text(match)) == english
    assert str(Send("c", "x" * 50).text()) == f'send "{"x" * 39}…" to c'
    assert str(ExpectNothing("c", 10).text()) == "expect nothing from c for 10 ms"
    assert str(Repeat(3, (Wait(1),)).text()) == "repeat 3 times (1 steps)"


def test_every_template_is_in_the_translation_file() -> None:
    root = ET.parse(i18n.TRANSLATIONS_DIR / "sockscope_zh_CN.ts").getroot()
    sources = {m.findtext("source") for c in root.iter("context")
               if c.findtext("name") == "ScenarioText" for m in c.iter("message")}
    templates: set[str] = set()
    for name, value in vars(say).items():
        if name.isupper() and isinstance(value, str):
            templates.add(value)
        elif name.isupper() and isinstance(value, dict):
            templates.update(value.values())
    assert len(templates) == 41
    assert templates <= sources
    assert isinstance(text(say.STOPPED), Text)

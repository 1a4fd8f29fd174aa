"""The Rules panel: list with enable checkboxes, the rule editor, errors, the test box."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidgetItem
from pytestqt.qtbot import QtBot

from gui.automation.checksum import algorithm
from gui.automation.match import MatchKind, MatchSpec, MessageKind
from gui.automation.rule import Rule
from gui.widgets.rules_panel import RulesPanel
from transports.codec import Mode

RULES = (
    Rule(name="status", match=MatchSpec(MatchKind.HEX, "01 ?? ??"),
         reply="81 {{counter:u16be}} {{crc16-modbus}}", reply_mode=Mode.HEX),
    Rule(name="ping", match=MatchSpec(MatchKind.EXACT, "ping"), reply="pong", enabled=False),
)


@pytest.fixture
def panel(qtbot: QtBot) -> RulesPanel:
    widget = RulesPanel()
    qtbot.addWidget(widget)
    widget.set_rules("device", RULES, "utf-8")
    return widget


def cell(panel: RulesPanel, row: int, column: int) -> QTableWidgetItem:
    item = panel.table.item(row, column)
    assert item is not None
    return item


def emitted(panel: RulesPanel) -> list[tuple[Rule, ...]]:
    got: list[tuple[Rule, ...]] = []
    panel.rules_changed.connect(got.append)
    return got


def test_shows_the_rules_and_their_enable_boxes(panel: RulesPanel) -> None:
    assert panel.table.rowCount() == 2
    assert cell(panel, 0, 0).checkState() == Qt.CheckState.Checked
    assert cell(panel, 1, 0).checkState() == Qt.CheckState.Unchecked
    assert "01 ?? ??" in cell(panel, 0, 1).text()
    assert panel.name.text() == "status" and panel.reply_hex.isChecked()
    got = emitted(panel)
    cell(panel, 1, 0).setCheckState(Qt.CheckState.Checked)
    assert got[-1][1].enabled and panel.rules()[1].enabled


def test_editing_applies_when_it_compiles_and_points_at_errors(panel: RulesPanel) -> None:
    got = emitted(panel)
    panel.reply.setPlainText("81 {{counter:u16be}}\n{{nope}}")
    assert not got
    assert "rule 1 ('status'), reply: line 2, column 3: unknown name 'nope'" in \
        panel.error.text()
    panel.reply.setPlainText("81 {{1}}")
    assert got[-1][0].reply == "81 {{1}}" and panel.error.text() == ""
    panel.reply_kind.setCurrentIndex(panel.reply_kind.findData(MessageKind.TEXT))
    assert got[-1][0].reply_kind is MessageKind.TEXT
    panel.kind.setCurrentIndex(panel.kind.findData(MatchKind.ANY))
    assert not panel.pattern.isEnabled() and not panel.checksum.isEnabled()
    panel.kind.setCurrentIndex(panel.kind.findData(MatchKind.CHECKSUM_VALID))
    assert panel.checksum.isEnabled()
    # a checksum match captures only {{0}}: the reply's {{1}} is now an error, not applied
    assert "unknown name '1'" in panel.error.text() and got[-1][0].match.kind is MatchKind.HEX
    panel.kind.setCurrentIndex(panel.kind.findData(MatchKind.REGEX))
    panel.pattern.setText("a(")
    assert "bad regular expression" in panel.error.text()
    panel.pattern.setText(r"SET (\w+)")
    assert got[-1][0].match == MatchSpec(MatchKind.REGEX, r"SET (\w+)")


def test_add_move_remove(panel: RulesPanel, qtbot: QtBot) -> None:
    got = emitted(panel)
    qtbot.mouseClick(panel.add_button, Qt.MouseButton.LeftButton)
    assert len(got[-1]) == 3 and panel.table.currentRow() == 2
    qtbot.mouseClick(panel.up_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in got[-1]] == ["status", "rule 3", "ping"]
    qtbot.mouseClick(panel.remove_button, Qt.MouseButton.LeftButton)
    assert [r.name for r in got[-1]] == ["status", "ping"]


def test_the_test_box_shows_the_matching_rule_and_the_reply(panel: RulesPanel) -> None:
    panel.test_hex.setChecked(True)
    frame = b"\x01" + algorithm("crc16-modbus").to_bytes(b"\x01")
    panel.test_input.setText(frame.hex(" "))
    reply = b"\x81\x00\x01" + algorithm("crc16-modbus").to_bytes(b"\x81\x00\x01")
    text = panel.test_result.text()
    assert "Rule 1 “status” matches" in text and reply.hex(" ") in text
    panel.test_input.setText(frame.hex(" "))  # a dry run: the counter did not move
    assert reply.hex(" ") in panel.test_result.text()
    panel.test_input.setText("02")
    assert "No rule matches this frame (1 bytes)" in panel.test_result.text()
    panel.test_input.setText("0G")
    assert "line 1, column 2" in panel.test_result.text()
    panel.test_hex.setChecked(False)
    cell(panel, 1, 0).setCheckState(Qt.CheckState.Checked)
    panel.test_input.setText("ping")
    assert "Rule 2 “ping” matches. Reply (4 bytes): 70 6f 6e 67" in panel.test_result.text()


def test_no_connection_disables_the_panel(panel: RulesPanel) -> None:
    panel.set_rules("", (), "utf-8")
    assert not panel.isEnabled() and panel.table.rowCount() == 0


def test_checksum_descriptions_are_translated(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QApplication

    from gui import i18n
    from gui.automation.checksum import ALGORITHMS

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    english = RulesPanel()
    qtbot.addWidget(english)
    assert english.checksum.itemText(english.checksum.findData("sum8")) == \
        "sum8 — sum of the bytes mod 256"
    assert i18n.install_translator(app, "zh_CN") == "zh_CN"
    try:
        chinese = RulesPanel()
        qtbot.addWidget(chinese)
        texts = {chinese.checksum.itemData(i): chinese.checksum.itemText(i)
                 for i in range(chinese.checksum.count())}
    finally:
        assert i18n.install_translator(app, "en") == "en"
    assert texts["sum8"] == "sum8 — 各字节之和模 256"
    assert texts["crc16-modbus"] == "crc16-modbus — CRC-16/MODBUS（低字节先发送）"
    for name, algo in ALGORITHMS.items():  # every English note is translated, names stay
        has_note = re.search(r"\b[a-z]{2,}\b", algo.description) is not None
        assert (re.search(r"[\u4e00-\u9fff]", texts[name]) is not None) == has_note, texts[name]

"""Templates in the composer: the live preview with its length, a render per send, a bad
template pointed at by line and column with nothing sent, plain text unchanged."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from gui.automation.checksum import algorithm
from gui.widgets.composer import Composer
from tests.gui.widgets.test_composer import CLIENT, Sent, choose


@pytest.fixture
def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.set_target(CLIENT)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_preview_and_a_render_per_send(composer: Composer) -> None:
    sent = Sent(composer)
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("01 03 02 00 {{counter:u8}} {{crc16-modbus}}")
    first = bytes.fromhex("0103020001") + algorithm("crc16-modbus").to_bytes(
        bytes.fromhex("0103020001"))
    assert composer.size_label.text() == f"7 bytes: {first.hex(' ')}"
    assert composer.payload == first  # the preview does not use up the counter
    composer.send()
    composer.send()
    assert sent.payloads[0] == first and sent.payloads[1][:5] == bytes.fromhex("0103020002")
    assert composer.payload is not None and composer.payload[4] == 3  # the next one
    composer.editor.setPlainText("01 {{counter:u8")  # a typo on the way does not reset it
    composer.editor.setPlainText("01 {{counter:u8}}")
    assert composer.payload == b"\x01\x03"


def test_a_bad_template_is_pointed_at_and_nothing_is_sent(composer: Composer) -> None:
    sent = Sent(composer)
    composer.editor.setPlainText("hello\n  {{nope}}")
    assert not composer.send_button.isEnabled()
    assert "line 2, column 5" in composer.error_label.text() or \
        composer.error_label.text().startswith("line 2, column 5")
    assert "unknown name 'nope'" in composer.error_label.text()
    assert [s.cursor.selectedText() for s in composer.editor.extraSelections()] == ["n"]
    assert not composer.send() and sent.requests == []


def test_plain_text_and_single_braces_are_unchanged(composer: Composer) -> None:
    sent = Sent(composer)
    composer.editor.setPlainText('{"a": {"b": 1}}\\n')
    assert composer.size_label.text() == "16 bytes"
    composer.send()
    assert sent.payloads == [b'{"a": {"b": 1}}\n']

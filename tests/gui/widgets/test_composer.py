"""Composer: payloads from text/hex, validation columns, history, saved, periodic, targets."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.session.requests import PeriodicRequest, SendRequest
from gui.widgets import composer as composer_module
from gui.widgets.composer import Composer, ComposerTarget
from gui.workspace.model import ComposerSettings, HistoryEntry, PayloadMode, SavedMessage
from transports.frames import FrameKind

CLIENT = ComposerTarget("tcp client", is_server=False, websocket=False, connected=True)


class Sent:
    def __init__(self, composer: Composer) -> None:
        self.requests: list[SendRequest] = []
        composer.send_requested.connect(self.requests.append)

    @property
    def payloads(self) -> list[bytes]:
        return [r.payload for r in self.requests]


@pytest.fixture
def composer(qtbot: QtBot) -> Composer:
    widget = Composer()
    qtbot.addWidget(widget)
    widget.set_target(CLIENT)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def type_text(qtbot: QtBot, composer: Composer, text: str) -> None:
    composer.editor.setFocus()
    qtbot.keyClicks(composer.editor, text)


def choose(combo: object, data: object) -> None:
    from PySide6.QtWidgets import QComboBox

    assert isinstance(combo, QComboBox)
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def test_text_click_send(composer: Composer, qtbot: QtBot) -> None:
    sent = Sent(composer)
    type_text(qtbot, composer, "hello")
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    assert sent.requests == [SendRequest(b"hello", None, None)]


def test_ctrl_enter_sends_with_crlf_and_escapes(composer: Composer, qtbot: QtBot) -> None:
    sent = Sent(composer)
    choose(composer.line_ending_combo, "\r\n")
    type_text(qtbot, composer, "a\\tb\\x00")
    assert composer.size_label.text() == "6 bytes"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent.payloads == [b"a\tb\x00\r\n"]
    composer.escapes_check.setChecked(False)
    composer.send()
    assert sent.payloads[-1] == b"a\\tb\\x00\r\n"


def test_gbk_encoding(composer: Composer, qtbot: QtBot) -> None:
    sent = Sent(composer)
    choose(composer.encoding_combo, "gbk")
    composer.editor.setPlainText("你好")
    composer.send()
    assert sent.payloads == ["你好".encode("gbk")]
    choose(composer.encoding_combo, "ascii")
    assert not composer.send_button.isEnabled()
    assert composer.error_label.text().startswith("column 1:")
    assert not composer.send()
    assert len(sent.requests) == 1


def test_hex_mode(composer: Composer, qtbot: QtBot) -> None:
    sent = Sent(composer)
    choose(composer.mode_combo, "hex")
    type_text(qtbot, composer, "68 65 00")
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    assert sent.payloads == [b"he\x00"]


def test_bad_hex_points_at_the_column_and_sends_nothing(composer: Composer, qtbot: QtBot) -> None:
    sent = Sent(composer)
    choose(composer.mode_combo, "hex")
    type_text(qtbot, composer, "6865 6g")
    assert composer.error_label.isVisible()
    assert composer.error_label.text().startswith("column 7: 'g' is not a hex digit")
    assert not composer.send_button.isEnabled()
    selections = composer.editor.extraSelections()
    assert len(selections) == 1
    assert selections[0].cursor.selectedText() == "g"
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert sent.requests == []
    qtbot.keyClick(composer.editor, Qt.Key.Key_Backspace)
    qtbot.keyClicks(composer.editor, "f")
    assert not composer.error_label.isVisible() and composer.editor.extraSelections() == []
    composer.send()
    assert sent.payloads == [b"\x68\x65\x6f"]


def test_multiline_error_names_the_line(composer: Composer) -> None:
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("00 11\n22 zz")
    assert composer.error_label.text().startswith("line 2, column 4:")


def test_history_up_down(composer: Composer, qtbot: QtBot) -> None:
    for text in ("one", "two"):
        composer.editor.setPlainText(text)
        composer.send()
    composer.editor.setPlainText("draft")
    composer.editor.setFocus()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    assert composer.editor.toPlainText() == "two"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    assert composer.editor.toPlainText() == "one"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    assert composer.editor.toPlainText() == "one"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Down)
    assert composer.editor.toPlainText() == "two"
    qtbot.keyClick(composer.editor, Qt.Key.Key_Down)
    assert composer.editor.toPlainText() == "draft"
    assert composer.settings().history == (HistoryEntry("one"), HistoryEntry("two"))


def test_history_keeps_the_mode_of_each_entry(composer: Composer, qtbot: QtBot) -> None:
    sent = Sent(composer)
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("48 69")
    composer.send()
    choose(composer.mode_combo, "text")
    composer.editor.setPlainText("plain")
    composer.send()
    composer.editor.setPlainText("")
    composer.editor.setFocus()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    assert composer.editor.toPlainText() == "48 69"  # recalled as typed, not converted
    assert composer.mode_combo.currentData() == "hex"
    composer.send()
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Up)
    assert (composer.editor.toPlainText(), composer.mode_combo.currentData()) == ("plain", "text")
    composer.send()
    assert sent.payloads == [b"Hi", b"plain", b"Hi", b"plain"]
    assert composer.settings().history == (
        HistoryEntry("48 69", PayloadMode.HEX), HistoryEntry("plain"),
        HistoryEntry("48 69", PayloadMode.HEX), HistoryEntry("plain"))


def test_switching_text_and_hex_converts_the_draft(composer: Composer) -> None:
    composer.editor.setPlainText("Hi\\n")  # escapes on: H, i, newline
    choose(composer.mode_combo, "hex")
    assert composer.editor.toPlainText() == "48 69 0a"
    assert composer.payload == b"Hi\n"
    composer.editor.setPlainText("48 00 5c ff")
    choose(composer.mode_combo, "text")
    assert composer.payload == b"H\x00\\\xff"  # the same bytes, written with escapes
    assert composer.escapes_check.isChecked()
    composer.escapes_check.setChecked(False)
    composer.editor.setPlainText("plain")
    choose(composer.mode_combo, "hex")
    choose(composer.mode_combo, "text")
    assert (composer.editor.toPlainText(), composer.escapes_check.isChecked()) == ("plain", False)
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("48 6")  # invalid: kept as typed, its error shows
    choose(composer.mode_combo, "text")
    assert composer.editor.toPlainText() == "48 6"


def test_a_lone_hex_digit_is_an_error(composer: Composer) -> None:
    sent = Sent(composer)
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("48 6")
    assert composer.payload is None and not composer.send()
    assert "a lone hex digit '6'" in composer.error_label.text()
    assert sent.requests == []


def test_invalid_hex_is_not_saved(composer: Composer) -> None:
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("48 \\ 65")
    assert not composer.save_current()
    assert composer.saved_messages() == ()
    text = composer.error_label.text()
    assert text.startswith("Not saved: column 4: '\\' is not a hex digit"), text


def test_a_bad_saved_message_is_named_without_doubled_backslashes(composer: Composer) -> None:
    composer.set_settings(ComposerSettings(), (SavedMessage("a\\b", "4g", PayloadMode.HEX),))
    assert not composer.send_saved(composer.saved_messages()[0])
    assert composer.error_label.text().startswith("saved message 'a\\b': column 2: 'g'")


def test_the_periodic_counter_belongs_to_the_connection_shown(composer: Composer) -> None:
    Periodic(composer)
    composer.editor.setPlainText("tick")
    composer.start_periodic()
    composer.periodic_progress(4, 0)
    assert composer.periodic_label.text() == "sent 4"
    composer.set_settings(ComposerSettings(draft="other"), ())  # another connection selected
    assert composer.periodic_label.text() == ""
    assert not composer.periodic_active


def test_saved_messages_add_rename_delete_and_double_click_sends(
    composer: Composer, qtbot: QtBot
) -> None:
    sent = Sent(composer)
    changes: list[None] = []
    composer.changed.connect(lambda: changes.append(None))
    choose(composer.mode_combo, "hex")
    composer.editor.setPlainText("de ad")
    qtbot.mouseClick(composer.saved.add_button, Qt.MouseButton.LeftButton)
    assert composer.saved_messages() == (SavedMessage("de ad", "de ad", PayloadMode.HEX),)
    item = composer.saved.list.item(0)
    item.setText("dead")  # as an in-place rename does
    assert composer.saved_messages()[0].name == "dead"
    viewport = composer.saved.list.viewport()
    center = composer.saved.list.visualItemRect(item).center()
    # A real double-click: press/release, then the double-click event on the same item.
    qtbot.mouseClick(viewport, Qt.MouseButton.LeftButton, pos=center)
    assert sent.requests == []  # one click only selects
    qtbot.mouseDClick(viewport, Qt.MouseButton.LeftButton, pos=center)
    assert sent.payloads == [b"\xde\xad"]
    composer.saved.list.setCurrentRow(0)
    composer.saved.delete_button.click()
    assert composer.saved_messages() == ()
    assert len(changes) >= 3


def test_saved_text_message_uses_current_options(composer: Composer) -> None:
    sent = Sent(composer)
    choose(composer.line_ending_combo, "\n")
    composer.set_settings(composer.settings(), (SavedMessage("greet", "hi\\r", PayloadMode.TEXT),))
    assert composer.send_saved(composer.saved_messages()[0])
    assert sent.payloads == [b"hi\r\n"]
    assert not composer.send_saved(SavedMessage("bad", "zz", PayloadMode.HEX))
    assert "saved message 'bad'" in composer.error_label.text()


class Periodic:
    """What the composer asks of the window's periodic send."""

    def __init__(self, composer: Composer) -> None:
        self.requests: list[PeriodicRequest] = []
        self.stops = 0
        composer.periodic_requested.connect(self.requests.append)
        composer.periodic_stop_requested.connect(self._stopped)

    def _stopped(self) -> None:
        self.stops += 1


def test_periodic_asks_the_window_and_shows_its_progress(composer: Composer,
                                                          qtbot: QtBot) -> None:
    periodic = Periodic(composer)
    composer.editor.setPlainText("tick")
    composer.interval_spin.setValue(20)
    composer.count_spin.setValue(3)
    qtbot.mouseClick(composer.periodic_button, Qt.MouseButton.LeftButton)
    assert composer.periodic_active and composer.periodic_button.text() == "Stop periodic"
    assert periodic.requests == [PeriodicRequest(SendRequest(b"tick", None, None), 20, 3)]
    composer.periodic_progress(2, 3)
    assert composer.periodic_label.text() == "sent 2/3"
    composer.periodic_progress(3, 3)
    composer.periodic_finished()
    assert composer.periodic_label.text() == "sent 3/3"
    assert not composer.periodic_active and not composer.periodic_button.isChecked()
    assert composer.periodic_button.text() == "Start periodic"
    assert periodic.stops == 0  # it ended by itself: nothing to stop


def test_a_periodic_template_is_rendered_for_each_send(composer: Composer) -> None:
    periodic = Periodic(composer)
    composer.editor.setPlainText("t{{counter}}")
    assert composer.start_periodic()
    (request,) = periodic.requests
    assert request.send.payload == b"t1"  # the preview
    assert [request.payload() for _ in range(3)] == [b"t1", b"t2", b"t3"]
    assert composer.size_label.text().endswith("74 34")  # the preview follows: "t4" is next
    composer.periodic_finished()
    sent = Sent(composer)
    assert composer.send() and sent.payloads == [b"t4"]


def test_a_constant_periodic_payload_is_not_rendered_again(composer: Composer) -> None:
    periodic = Periodic(composer)
    composer.editor.setPlainText("tick")
    assert composer.start_periodic()
    assert periodic.requests[0].render is None and periodic.requests[0].payload() == b"tick"


def test_periodic_stop_disconnect_and_failure(composer: Composer) -> None:
    periodic = Periodic(composer)
    composer.editor.setPlainText("x")
    composer.count_spin.setValue(0)
    assert composer.start_periodic()
    composer.periodic_progress(7, 0)
    assert composer.periodic_label.text() == "sent 7"
    composer.periodic_button.click()  # Stop
    assert not composer.periodic_active and periodic.stops == 1
    assert composer.start_periodic()
    composer.set_target(ComposerTarget("c", False, False, connected=False))
    assert not composer.periodic_active and periodic.stops == 2
    composer.set_target(CLIENT)
    assert composer.start_periodic()
    composer.periodic_finished("connection lost")
    assert not composer.periodic_active and periodic.stops == 2
    assert composer.error_label.text() == "Send failed: connection lost"


def test_not_connected_sends_nothing(composer: Composer) -> None:
    sent = Sent(composer)
    composer.set_target(ComposerTarget("c", False, False, connected=False))
    composer.editor.setPlainText("x")
    assert not composer.send_button.isEnabled()
    assert not composer.send() and not composer.start_periodic()
    composer.set_target(None)
    assert not composer.send()
    assert sent.requests == []


def test_server_broadcast_or_one_peer(composer: Composer) -> None:
    sent = Sent(composer)
    peers = ((11, "127.0.0.1:50000"), (12, "127.0.0.1:50001"))
    composer.set_target(ComposerTarget("srv", True, False, True, peers))
    assert composer.peer_combo.isVisible()
    assert composer.peer_combo.itemText(0) == "All peers (broadcast)"
    composer.editor.setPlainText("x")
    composer.send()
    choose(composer.peer_combo, 12)
    composer.send()
    assert [r.peer for r in sent.requests] == [None, 12]
    # The chosen peer survives a refresh of the peer list; a vanished one falls back.
    composer.set_target(ComposerTarget("srv", True, False, True, (*peers, (13, "x:1"))))
    assert composer.peer_combo.currentData() == 12
    composer.set_target(ComposerTarget("srv", True, False, True, peers[:1]))
    assert composer.peer_combo.currentData() is None
    composer.set_target(CLIENT)
    assert not composer.peer_combo.isVisible()


def test_websocket_text_binary_and_ping(composer: Composer) -> None:
    sent = Sent(composer)
    assert not composer.ping_button.isVisible()
    composer.set_target(ComposerTarget("ws", False, True, True))
    assert composer.ping_button.isVisible() and composer.ws_kind_combo.isVisible()
    composer.editor.setPlainText("hi")
    composer.send()
    choose(composer.ws_kind_combo, "binary")
    composer.send()
    composer.ping_button.click()
    assert sent.requests == [
        SendRequest(b"hi", FrameKind.TEXT, None),
        SendRequest(b"hi", FrameKind.BINARY, None),
        SendRequest(b"hi", FrameKind.PING, None),
    ]
    composer.editor.setPlainText("x" * 126)
    assert not composer.ping()
    assert "125 bytes" in composer.error_label.text()


def test_websocket_text_must_be_utf8(composer: Composer) -> None:
    composer.set_target(ComposerTarget("ws", False, True, True))
    choose(composer.encoding_combo, "gbk")
    composer.editor.setPlainText("你")
    assert not composer.send_button.isEnabled()
    assert "must be UTF-8" in composer.error_label.text()
    choose(composer.ws_kind_combo, "binary")
    assert composer.send_button.isEnabled()


def test_send_file(composer: Composer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    sent = Sent(composer)
    path = tmp_path / "blob.bin"
    path.write_bytes(bytes(range(256)))
    assert composer.send_file(str(path))
    assert sent.payloads == [bytes(range(256))]
    monkeypatch.setattr(composer_module, "FILE_LIMIT", 100)
    assert not composer.send_file(str(path))
    assert "up to" in composer.error_label.text()
    assert not composer.send_file(str(tmp_path / "missing"))
    assert "cannot read" in composer.error_label.text()
    assert len(sent.requests) == 1


def test_file_dialog_is_opened_not_exec(composer: Composer, qtbot: QtBot) -> None:
    composer.choose_file()
    dialog = composer._file_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.reject()
    qtbot.waitUntil(lambda: not dialog.isVisible())


def test_settings_round_trip(composer: Composer) -> None:
    changes: list[None] = []
    composer.changed.connect(lambda: changes.append(None))
    settings = ComposerSettings(
        mode=PayloadMode.HEX,
        encoding="gb18030",
        escapes=False,
        line_ending="\r",
        ws_kind="binary",
        interval_ms=250,
        repeat_count=5,
        draft="01 02",
        history=(HistoryEntry("aa", PayloadMode.HEX), HistoryEntry("b\\n")),
    )
    saved = (SavedMessage("a", "x"),)
    composer.set_settings(settings, saved)
    assert changes == []  # loading is not an edit
    assert composer.settings() == settings
    assert composer.saved_messages() == saved
    assert composer.payload == b"\x01\x02\r"
    composer.count_spin.setValue(6)
    assert changes


def test_show_send_error(composer: Composer) -> None:
    composer.show_send_error("connection reset")
    assert composer.error_label.isVisible()
    assert composer.error_label.text() == "Send failed: connection reset"

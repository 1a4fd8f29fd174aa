"""DetailPane: hex dump beside text, JSON, WebSocket kinds and close codes, copy formats."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from gui.widgets import detail_pane
from gui.widgets.detail_pane import DetailPane
from transports.frames import Direction, Frame, FrameKind


def make(payload: bytes, kind: FrameKind = FrameKind.DATA) -> Frame:
    return Frame(payload, Direction.IN, 1, 1_700_000_000.0, kind, ("127.0.0.1", 5000))


@pytest.fixture
def pane(qtbot: QtBot) -> DetailPane:
    widget = DetailPane()
    qtbot.addWidget(widget)
    return widget


def test_hex_dump_and_text_side_by_side(pane: DetailPane) -> None:
    pane.show_frame(make(b"hello\r\nworld\x00"), "utf-8", seq=7)
    assert pane.hex_view.toPlainText() == (
        "00000000  68 65 6c 6c 6f 0d 0a 77  6f 72 6c 64 00           |hello..world.|"
    )
    assert pane.text_view.toPlainText() == "hello\\r\nworld\\0"
    assert pane.text_title.text() == "Text (utf-8)"
    summary = pane.summary.text()
    assert "#7" in summary and "13 bytes" in summary and "127.0.0.1:5000" in summary
    assert pane.close_label.isHidden()
    assert "automatic" not in summary


def test_an_automatic_frame_says_so(pane: DetailPane) -> None:
    pane.show_frame(Frame(b"pong", Direction.OUT, 1, 1_700_000_000.0, auto=True), "utf-8")
    assert "→ sent · automatic · 4 bytes" in pane.summary.text()


def test_text_in_chosen_encoding(pane: DetailPane) -> None:
    pane.show_frame(make("你好".encode("gbk")), "gbk")
    assert pane.text_view.toPlainText() == "你好"
    pane.show_frame(make("你好".encode("utf-16-le")), "utf-16-le")
    assert pane.text_view.toPlainText() == "你好"


def test_json_is_pretty_printed(pane: DetailPane) -> None:
    pane.show_frame(make(b'{"a":1,"b":[true,null]}', FrameKind.TEXT), "utf-8")
    assert pane.text_title.text() == "JSON (utf-8)"
    assert pane.text_view.toPlainText() == '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}'
    assert "WebSocket text" in pane.summary.text()


def test_close_frame_code(pane: DetailPane) -> None:
    pane.show_frame(make(b"\x03\xe9going away", FrameKind.CLOSE), "utf-8")
    assert not pane.close_label.isHidden()
    assert pane.close_label.text() == "Close code 1001 (going away): going away"
    assert "WebSocket close" in pane.summary.text()
    pane.show_frame(make(b"bin", FrameKind.BINARY), "utf-8")
    assert pane.close_label.isHidden()
    assert "WebSocket binary" in pane.summary.text()


def test_copy_formats_go_to_the_clipboard(pane: DetailPane, qtbot: QtBot) -> None:
    assert pane.copy_as("hex") == ""  # nothing selected
    assert not pane.copy_button.isEnabled()
    pane.show_frame(make(b"he\x00"), "utf-8")
    assert pane.copy_button.isEnabled()
    expected = {
        "hex": "68 65 00",
        "escaped": "he\\0",
        "base64": "aGUA",
        "c": "{ 0x68, 0x65, 0x00 }",
        "python": "b'he\\x00'",
    }
    for fmt, text in expected.items():
        with qtbot.waitSignal(pane.copied) as blocker:
            pane.copy_actions[fmt].trigger()
        assert blocker.args == [text]
        assert QGuiApplication.clipboard().text() == text


def test_big_payload_is_cut_for_display_but_copied_whole(
    pane: DetailPane, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(detail_pane, "SHOW_LIMIT", 32)
    data = b"{" + b"x" * 99
    pane.show_frame(make(data), "utf-8")
    assert len(pane.hex_view.toPlainText().splitlines()) == 3  # 2 dump lines + the note
    assert "68 more bytes not shown" in pane.hex_view.toPlainText()
    assert "68 more bytes not shown" in pane.text_view.toPlainText()
    assert pane.copy_as("base64") != "" and len(pane.copy_as("hex").split()) == 100


def test_show_none_empties(pane: DetailPane) -> None:
    pane.show_frame(make(b"x"), "utf-8")
    pane.show_frame(None, "utf-8")
    assert pane.hex_view.toPlainText() == "" and pane.text_view.toPlainText() == ""
    assert pane.frame is None


def test_hex_dump_gets_its_columns_and_text_the_rest(qtbot: QtBot) -> None:
    pane = DetailPane()
    qtbot.addWidget(pane)
    pane.resize(900, 300)  # the old 3:2 split cut the ASCII column off here
    pane.show()
    qtbot.waitExposed(pane)
    pane.show_frame(make(bytes(range(48))), "utf-8")
    line = pane.hex_view.toPlainText().splitlines()[0]
    assert len(line) == detail_pane.HEX_COLUMNS
    needed = pane.hex_view.fontMetrics().horizontalAdvance(line)
    assert pane.hex_view.viewport().width() >= needed  # the ASCII column is not cut off
    hex_size, text_size = pane.splitter.sizes()
    assert text_size >= 160
    pane.resize(1300, 300)  # more room goes to the text/JSON view
    qtbot.waitUntil(lambda: pane.splitter.sizes()[1] > text_size)
    assert pane.splitter.sizes()[0] == hex_size

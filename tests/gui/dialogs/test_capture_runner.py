"""File ▸ Export… and Open capture… in the real window: real sockets, the export runs in slices
with a progress dialog, Cancel leaves no file, the capture opens read-only in a tab."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from gui.app import open_demo
from gui.capture import read_capture
from gui.dialogs.capture_runner import CaptureController
from gui.dialogs.export_dialog import Scope
from gui.main_window import MainWindow
from gui.session import SessionManager
from tests.gui.conftest import traffic, until
from transports.frames import Direction, Frame, FrameKind

Run = Callable[..., Any]


@pytest.fixture
def window(qtbot: QtBot, arun: Run) -> Iterator[MainWindow]:
    win = MainWindow(SessionManager())
    win.show()
    yield win
    if win.captures.captures is not None:
        win.captures.captures.close()

    async def close() -> None:
        closed: list[bool] = []
        win.closed.connect(lambda: closed.append(True))
        win.close()
        await until(lambda: bool(closed), message="the window to close")

    arun(close())


def _export(window: MainWindow, arun: Run, path: Path, scope: Scope = Scope.ALL) -> None:
    """As a user does it, with the loop running: the dialog, a file name, Export."""
    controller: CaptureController = window.captures

    async def export() -> None:
        dialog = controller.export_dialog_for(scope)
        assert dialog is not None and dialog.isVisible()
        dialog.path_edit.setText(str(path))
        dialog.buttons.accepted.emit()
        assert controller.task is not None and controller.progress is not None
        await until(lambda: controller.task is None, timeout=30, message="the export")

    arun(export())


def test_export_selected_rows_and_open_them_again(window: MainWindow, arun: Run,
                                                  tmp_path: Path) -> None:
    demo = arun(open_demo(window))
    client = demo.tcp_client

    async def echo() -> None:
        await window.manager.connect(client)
        for text in (b"one", b"two"):
            await window.manager.send(client, text)
            await until(lambda t=text: client.log.payload(-1) == t  # type: ignore[misc]
                        and client.log.direction(-1) is Direction.IN)
        await until(lambda: window.log_panel.model.rowCount() == len(client.log))

    arun(echo())
    rows = traffic(client.log)
    window.log_panel.select_row(rows[1])  # the first echo
    path = tmp_path / "sel.jsonl"
    _export(window, arun, path, Scope.SELECTED)
    assert "Exported 1 rows" in window.statusBar().currentMessage()
    lines = path.read_text("utf-8").splitlines()
    header, row = json.loads(lines[0]), json.loads(lines[1])
    assert len(lines) == 2 and row["text"] == "one" and row["dir"] == "in"
    assert header["source"]["transport"] == "tcp" and header["source"]["server"] is False
    assert header["source"]["local"][0] == "127.0.0.1"  # the socket's own address

    everything = tmp_path / "all.pcapng"
    _export(window, arun, everything)
    assert [f.payload for f in map(read_capture(everything).log.frame,
                                   range(len(read_capture(everything).log)))] == [
        client.log.payload(r) for r in rows]

    async def open_it() -> None:
        window.captures.open_path(everything)
        await until(lambda: window.captures.captures is not None, message="the capture window")

    arun(open_it())
    captures = window.captures.captures
    assert captures is not None and captures.isVisible() and captures.tabs.count() == 1
    page = captures.tabs.widget(0)
    panel = page.property("panel")
    assert not panel.clear_button.isVisibleTo(panel)  # read-only
    assert "read-only" in page.findChild(QLabel).text()
    arun(until(lambda: panel.model.rowCount() == len(rows), message="the rows in the tab"))
    panel.select_row(1)
    assert "one" in panel.detail.text_view.toPlainText()


def test_cancel_leaves_no_file(window: MainWindow, arun: Run, tmp_path: Path) -> None:
    entry = window.manager.add(window_spec())
    entry.log.extend(Frame(b"x" * 64, Direction(i & 1), 1, 1e9 + i, FrameKind.DATA,
                           ("127.0.0.1", 9)) for i in range(300_000))
    window.select_entry(entry)
    controller = window.captures

    async def cancel_soon() -> None:
        dialog = controller.export_dialog_for()
        assert dialog is not None
        dialog.path_edit.setText(str(tmp_path / "big.csv"))
        dialog.buttons.accepted.emit()
        progress = controller.progress
        assert progress is not None and progress.isVisible()
        await until(lambda: progress.value() > 0, message="some progress")
        cancel = progress.findChild(QPushButton)
        assert cancel is not None and cancel.text() == "Cancel"
        cancel.click()
        await until(lambda: controller.task is None, message="the cancel")

    arun(cancel_soon())
    assert list(tmp_path.iterdir()) == []
    assert "nothing was written" in window.statusBar().currentMessage()


def test_a_bad_capture_is_refused_with_its_reason(window: MainWindow, arun: Run,
                                                  tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"format": "sockscope-capture", "version": 1}\n{"ts": "x"}\n')
    async def open_it() -> None:
        window.captures.open_path(bad)
        await until(lambda: window.captures.message is not None, message="the error box")

    arun(open_it())
    box = window.captures.message
    assert box is not None and "bad.jsonl:2" in box.text() and '"ts" must be a number' in box.text()
    box.close()
    assert window.captures.captures is None


def window_spec() -> Any:
    from gui.workspace.model import ConnectionSpec

    return ConnectionSpec("tcp://127.0.0.1:9")

"""View ▸ Log limits: the dialog sets both caps on every log; the status bar counts drops."""

from __future__ import annotations

from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest
from PySide6.QtWidgets import QDialogButtonBox
from pytestqt.qtbot import QtBot

from gui.dialogs.log_limits import MIB
from gui.main_window import MainWindow
from gui.session import SessionManager
from gui.workspace.model import ConnectionSpec
from tests.gui.conftest import until
from transports.frames import Direction, FrameKind

Run = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def window(qtbot: QtBot, arun: Run) -> Iterator[MainWindow]:
    win = MainWindow(SessionManager())
    win.show()
    yield win

    async def close() -> None:
        closed: list[bool] = []
        win.closed.connect(lambda: closed.append(True))
        win.close()
        await until(lambda: bool(closed), message="the window to close")

    arun(close())


def test_ok_applies_both_limits_and_marks_the_workspace_modified(window: MainWindow) -> None:
    manager = window.manager
    entry = manager.add(ConnectionSpec("tcp://127.0.0.1:9"))
    window.select_entry(entry)
    modified: list[bool] = []
    window.modified.connect(lambda: modified.append(True))
    for i in range(300):
        entry.log.extend_payloads([b"y" * 10_000], float(i), Direction.IN, FrameKind.DATA, 1,
                                  None)
    assert "dropped" not in window.traffic_label.text()

    dialog = window.edit_log_limits()
    assert dialog.rows_spin.value() == 1_000_000 and dialog.mib_spin.value() == 256
    dialog.rows_spin.setValue(500)
    dialog.mib_spin.setValue(1)
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok).click()
    assert (manager.message_cap, manager.log_byte_cap) == (500, MIB)
    assert entry.log.nbytes <= MIB and entry.log.dropped == 300 - MIB // 10_000
    assert modified == [True]
    text = window.traffic_label.text()
    assert f"{entry.log.dropped:,} oldest dropped" in text and "1.0 MiB" in text
    assert window.log_panel.model.rowCount() == len(entry.log)

    unchanged = window.edit_log_limits()  # OK without a change: nothing to save
    unchanged.accept()
    assert modified == [True]

"""Fixtures shared by the widget tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from gui.widgets.log_panel import LogPanel


@pytest.fixture
def panel(qtbot: QtBot) -> Iterator[LogPanel]:
    """A shown LogPanel of 900 × 600 with no log; its log is detached afterwards."""
    widget = LogPanel()
    qtbot.addWidget(widget)
    widget.resize(900, 600)
    widget.show()
    qtbot.waitExposed(widget)
    yield widget
    widget.set_log(None)

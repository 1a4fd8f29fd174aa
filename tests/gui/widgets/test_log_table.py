"""LogTable: repaint cost measurement, and the log panel spacing its flushes by it."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.models.log_model import FLUSH_MS
from gui.store.log import MessageLog
from gui.widgets.log_panel import LogPanel
from gui.widgets.log_table import MAX_REFRESH_MS, PAINT_SHARE, refresh_interval_ms
from transports.frames import Direction, Frame


def add(log: MessageLog, n: int) -> None:
    for i in range(n):
        log.append(Frame(bytes(range(64)) * 4, Direction(i % 2), 1, 1_700_000_000.0 + i))


def test_refresh_interval_keeps_repaints_to_their_share_of_the_time() -> None:
    assert PAINT_SHARE == 0.1
    assert refresh_interval_ms(0.0, FLUSH_MS) == FLUSH_MS  # cheap repaints: the base rate
    assert refresh_interval_ms(0.002, FLUSH_MS) == FLUSH_MS
    assert refresh_interval_ms(0.015, FLUSH_MS) == 150  # 15 ms of every 150 ms
    assert refresh_interval_ms(0.0234, FLUSH_MS) == 230  # whole tens of milliseconds
    assert refresh_interval_ms(0.5, FLUSH_MS) == MAX_REFRESH_MS  # never slower than this


def test_the_table_measures_its_repaints(panel: LogPanel) -> None:
    log = MessageLog()
    panel.set_log(log)
    add(log, 200)
    panel.model.flush()
    panel.table.viewport().repaint()
    assert 0.0 < panel.table.paint_cost < 1.0


def test_the_panel_spaces_flushes_by_the_paint_cost(panel: LogPanel, qtbot: QtBot) -> None:
    log = MessageLog()
    panel.set_log(log)
    panel.table.paint_cost = 0.02  # a slow machine: 20 ms per repaint
    add(log, 10)
    panel.model.flush()
    assert panel.model.interval == 200
    panel.table.paint_cost = 0.001
    add(log, 10)
    panel.model.flush()
    assert panel.model.interval == FLUSH_MS
    add(log, 10)  # the timer still publishes, at the new pace
    qtbot.waitUntil(lambda: panel.model.rowCount() == 30)

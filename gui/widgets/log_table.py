"""LogTable: the log's table view, which measures what its repaints cost.

Under a flood every flush of the log model repaints the visible rows, and a repaint of a full
table costs several milliseconds (text layout of every cell).  The log panel uses the measured
cost to space the model's flushes so that repainting stays a bounded share of the event loop:
rows still stream in several times a second, and the socket, timers and clicks get the rest.
(Wireshark's live capture refreshes its list on a fixed 100–500 ms timer for the same reason.)
"""

from __future__ import annotations

import time

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QTableView, QWidget

PAINT_SHARE = 0.1  # repaints may take this share of the time while rows stream in
MAX_REFRESH_MS = 250  # never refresh less often than this


class LogTable(QTableView):
    """A QTableView that keeps a moving average of its repaint time (``paint_cost``, s)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.paint_cost = 0.0

    def paintEvent(self, event: QPaintEvent) -> None:
        start = time.perf_counter()
        super().paintEvent(event)
        spent = time.perf_counter() - start
        self.paint_cost = spent if self.paint_cost == 0.0 else 0.7 * self.paint_cost + 0.3 * spent


def refresh_interval_ms(paint_cost: float, base_ms: int) -> int:
    """The flush interval (ms, a multiple of 10) that keeps repaints costing ``paint_cost``
    seconds to ``PAINT_SHARE`` of the time: at least ``base_ms``, at most ``MAX_REFRESH_MS``."""
    wanted = round(paint_cost / PAINT_SHARE * 100) * 10
    return max(base_ms, min(MAX_REFRESH_MS, wanted))

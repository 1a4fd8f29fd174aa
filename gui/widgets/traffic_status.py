"""The status bar's traffic counters: frames and bytes of the selected connection and their
current rates, and how many of its oldest messages the log limits dropped; refreshed on a
timer (never per frame)."""

from __future__ import annotations

import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QWidget

from gui.store import MessageLog, RateMeter

REFRESH_MS = 500


def format_size(n: float) -> str:
    """``512 B``, ``1.5 KiB``, ``3.0 MiB``, ``2.0 GiB``."""
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover - the loop always returns


class TrafficStatus(QLabel):
    """Counts of one log (``set_log``); refreshes itself every ``REFRESH_MS`` until ``stop()``."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setToolTip(self.tr("Frames and bytes of the selected connection (since its log "
                                "was last cleared), and current rates"))
        self._log: MessageLog | None = None
        self._rates = RateMeter()
        self._timer = QTimer(self)
        self._timer.setInterval(REFRESH_MS)
        self._timer.timeout.connect(self.refresh)
        self._timer.start()

    def set_log(self, log: MessageLog | None) -> None:
        """Count ``log`` from now on (None: nothing is selected)."""
        self._log = log
        self._rates.reset()
        self.refresh()

    def stop(self) -> None:
        self._timer.stop()

    def refresh(self) -> None:
        if self._log is None:
            self.setText(self.tr("no connection selected"))
            return
        stats = self._log.stats
        self._rates.feed_stats(time.monotonic(), stats)
        rates = self._rates.rates()
        text = (
            self.tr("in: {frames_in} frames, {bytes_in} ({rate_in}/s, {byte_rate_in}/s)   "
                    "out: {frames_out} frames, {bytes_out} ({rate_out}/s, {byte_rate_out}/s)")
            .format(frames_in=f"{stats.frames_in:,}", bytes_in=format_size(stats.bytes_in),
                    rate_in=f"{rates.frames_in:,.0f}", byte_rate_in=format_size(rates.bytes_in),
                    frames_out=f"{stats.frames_out:,}", bytes_out=format_size(stats.bytes_out),
                    rate_out=f"{rates.frames_out:,.0f}",
                    byte_rate_out=format_size(rates.bytes_out)))
        log = self._log
        if log.dropped:  # the log limits are at work: say so, with a count
            text += "   " + self.tr("{n} oldest dropped (log limits: {rows} messages, {size})"
                                    ).format(n=f"{log.dropped:,}", rows=f"{log.cap:,}",
                                             size=format_size(log.byte_cap))
        self.setText(text)

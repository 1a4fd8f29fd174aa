"""LogModel: a thin, batched Qt table over a ``gui.store.MessageLog``.

The store is appended to directly by the session (no signal per frame).  A 40 ms timer
compares the log's ``total`` / ``dropped`` / ``generation`` with what the model published last
and emits at most one ``rowsRemoved`` (oldest rows dropped by the cap) and one ``rowsInserted``
(new rows) per tick; a model reset happens only on ``clear()`` or a new log / filter.

Rows are kept as *absolute* indices (``seq - 1``: stable while older rows are dropped), so
``data()`` stays right between two flushes.  With a filter, the model holds the sorted
absolute indices of the matching rows and extends them at each flush by running the filter on
the new rows only.  A new filter over a big log is applied in slices within a time budget;
the rest continues on the event loop (``filter_pending`` / ``filter_finished``).
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication

from gui import render
from gui.i18n import QT_TRANSLATE_NOOP
from gui.store.filter import CompiledFilter, FilterSpec, compile_filter, matching_rows
from gui.store.log import MessageLog
from transports.frames import Direction, Frame, FrameKind, format_address

_Index = QModelIndex | QPersistentModelIndex

FLUSH_MS = 40
SCAN_SLICE = 65_536  # rows per matching_rows() call when applying a filter
SCAN_BUDGET_S = 0.15  # applying a filter: work this long at once, then yield to the loop
TICK_BUDGET_S = 0.05  # later slices, per event-loop turn
_CACHE_MAX = 2048
# Roles as plain ints: data() runs about seven times per visible cell on every repaint, and an
# enum member lookup per comparison is a measurable share of a repaint.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


class LogModel(QAbstractTableModel):
    """Columns: #, time, direction, peer, length, preview."""

    SEQ, TIME, DIRECTION, PEER, LENGTH, PREVIEW = range(6)  # data() uses the numbers
    HEADERS = (
        "#",
        QT_TRANSLATE_NOOP("LogModel", "Time"),
        QT_TRANSLATE_NOOP("LogModel", "Direction"),
        QT_TRANSLATE_NOOP("LogModel", "Peer"),
        QT_TRANSLATE_NOOP("LogModel", "Length"),
        QT_TRANSLATE_NOOP("LogModel", "Preview"),
    )
    HEADER_TIPS = (
        QT_TRANSLATE_NOOP("LogModel", "Message number since the log was cleared"),
        QT_TRANSLATE_NOOP("LogModel", "When the message was sent or received"),
        QT_TRANSLATE_NOOP("LogModel", "→ out: sent by us; ← in: received"),
        QT_TRANSLATE_NOOP("LogModel", "The remote address"),
        QT_TRANSLATE_NOOP("LogModel", "Payload size in bytes"),
        QT_TRANSLATE_NOOP("LogModel", "The start of the payload (hex or text)"),
    )

    filter_finished = Signal()  # a newly set filter has scanned the whole log
    flushed = Signal()  # a flush published changes (removals, insertions or a reset)

    OUT_COLOR = QColor("#1565c0")
    IN_COLOR = QColor("#2e7d32")

    def __init__(
        self,
        log: MessageLog | None = None,
        parent: QObject | None = None,
        *,
        interval_ms: int = FLUSH_MS,
    ) -> None:
        super().__init__(parent)
        self._log: MessageLog | None = None
        self._gen = self._total = self._dropped = 0  # what the last flush saw
        self._first = 0  # unfiltered: absolute index of row 0
        self._rows = 0  # unfiltered: published row count
        self._compiled: CompiledFilter | None = None
        self._matches: array[int] = array("q")  # filtered: absolute indices, ascending
        self._scanned = 0  # filtered: absolute index up to which the filter ran
        self._finishing = False  # filter_finished is still to be emitted
        self._time_base: float | None = None
        self._display = "hex"
        self._encoding = "utf-8"
        self._relative = False
        self._cache: dict[int, str] = {}
        self._headers = tuple(QCoreApplication.translate("LogModel", h) for h in self.HEADERS)
        self._tips = tuple(QCoreApplication.translate("LogModel", t) for t in self.HEADER_TIPS)
        self._ways = {Direction.OUT: "→ " + self.tr("out"), Direction.IN: "← " + self.tr("in")}
        self._kinds = {
            FrameKind.PING: self.tr("ping"),
            FrameKind.PONG: self.tr("pong"),
            FrameKind.CLOSE: self.tr("close"),
        }
        # the direction in the UI's proportional font: monospace arrows are tiny
        ui_font = QGuiApplication.font()
        self._bold = QFont()
        self._bold.setFamilies(ui_font.families() or [ui_font.family()])
        self._bold.setPointSizeF(ui_font.pointSizeF())
        self._bold.setBold(True)
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.flush)
        self._more = QTimer(self)  # continues a filter scan on the next loop turn
        self._more.setSingleShot(True)
        self._more.setInterval(0)
        self._more.timeout.connect(self.flush)
        if log is not None:
            self.set_log(log)

    # -- configuration --------------------------------------------------------------------

    @property
    def log(self) -> MessageLog | None:
        return self._log

    def set_log(self, log: MessageLog | None) -> None:
        """Show ``log`` (everything it holds now is published at once)."""
        self.beginResetModel()
        self._log = log
        self._load()
        self.endResetModel()
        if log is None:
            self._timer.stop()
            self._more.stop()
        else:
            self._timer.start()

    def set_display(self, display: str) -> None:
        """Preview as ``"hex"`` or ``"text"``."""
        if display not in ("hex", "text"):
            raise ValueError(f"display must be 'hex' or 'text', got {display!r}")
        if display != self._display:
            self._display = display
            self._preview_changed()

    def set_encoding(self, encoding: str) -> None:
        """Text previews decode with ``encoding`` (ValueError if unknown)."""
        encoding = render.check_encoding(encoding)
        if encoding != self._encoding:
            self._encoding = encoding
            if self._display == "text":
                self._preview_changed()

    def set_relative_time(self, relative: bool) -> None:
        """Times relative to the first frame (since clear) instead of wall-clock."""
        if relative != self._relative:
            self._relative = relative
            self._column_changed(self.TIME)

    @property
    def display(self) -> str:
        return self._display

    @property
    def encoding(self) -> str:
        return self._encoding

    @property
    def relative_time(self) -> bool:
        return self._relative

    def set_filter(self, spec: FilterSpec | None) -> None:
        """Show only matching rows (None or an empty pattern: all).  ValueError if bad."""
        compiled = None
        if spec is not None and (spec.pattern or spec.direction is not None or spec.conn_id):
            compiled = compile_filter(spec)
        self.beginResetModel()
        self._compiled = compiled
        self._load()
        self.endResetModel()
        self._finishing = True
        self._announce_finished()

    @property
    def filtering(self) -> bool:
        return self._compiled is not None

    @property
    def filter_pending(self) -> bool:
        """A filter is still scanning older rows (it continues on the event loop)."""
        return self._log is not None and self._compiled is not None and self._more.isActive()

    # -- rows -----------------------------------------------------------------------------

    def absolute(self, row: int) -> int:
        """Absolute index (``seq - 1``) shown by view row ``row``."""
        if self._compiled is not None:
            return self._matches[row]
        if not 0 <= row < self._rows:
            raise IndexError(row)
        return self._first + row

    def log_row(self, row: int) -> int | None:
        """The log row that view row ``row`` shows, or None if it has left the log."""
        log = self._log
        if log is None or log.generation != self._gen or not 0 <= row < self.rowCount():
            return None
        r = self.absolute(row) - log.dropped
        return r if 0 <= r < len(log) else None

    def row_of_seq(self, seq: int) -> int | None:
        """The view row showing message number ``seq``, if published and matching."""
        a = seq - 1
        if self._compiled is not None:
            i = bisect_left(self._matches, a)
            return i if i < len(self._matches) and self._matches[i] == a else None
        r = a - self._first
        return r if 0 <= r < self._rows else None

    def frame_at(self, row: int) -> Frame | None:
        lr = self.log_row(row)
        return None if lr is None or self._log is None else self._log.frame(lr)

    def seq_at(self, row: int) -> int:
        return self.absolute(row) + 1

    # -- flushing -------------------------------------------------------------------------

    def set_interval(self, ms: int) -> None:
        """Flush every ``ms`` milliseconds from now on (the log panel spaces costly repaints)."""
        if self._timer.interval() != ms:
            self._timer.setInterval(ms)

    @property
    def interval(self) -> int:
        return self._timer.interval()

    def flush(self) -> None:
        """Publish what changed in the log since the last flush (the timer calls this)."""
        log = self._log
        if log is None:
            return
        if log.generation != self._gen:
            self.beginResetModel()
            self._load()
            self.endResetModel()
            self.flushed.emit()
            return
        total, dropped = log.total, log.dropped
        scanning = self._compiled is not None and self._scanned < total
        if total == self._total and dropped == self._dropped and not scanning:
            return
        self._remove_head(dropped)
        if self._compiled is None:
            start = max(self._first + self._rows, dropped)
            if self._rows == 0:
                self._first = start
            n = total - start
            if n > 0:
                self.beginInsertRows(QModelIndex(), self._rows, self._rows + n - 1)
                self._rows += n
                self.endInsertRows()
        else:
            found = self._scan(TICK_BUDGET_S)
            if found:
                size = len(self._matches)
                self.beginInsertRows(QModelIndex(), size, size + len(found) - 1)
                self._matches.extend(found)
                self.endInsertRows()
        self._total, self._dropped = total, dropped
        if self._time_base is None and len(log):
            self._time_base = log.timestamp(0)
        self.flushed.emit()
        self._announce_finished()

    def _remove_head(self, dropped: int) -> None:
        if self._compiled is not None:
            k = bisect_left(self._matches, dropped)
            if k:
                self.beginRemoveRows(QModelIndex(), 0, k - 1)
                del self._matches[:k]
                self.endRemoveRows()
            return
        k = min(dropped - self._first, self._rows)
        if k > 0:
            self.beginRemoveRows(QModelIndex(), 0, k - 1)
            self._first += k
            self._rows -= k
            self.endRemoveRows()

    def _load(self) -> None:
        """Take the log's current state (inside a model reset)."""
        log = self._log
        self._cache.clear()
        self._matches = array("q")
        self._more.stop()
        if log is None:
            self._gen = self._total = self._dropped = self._first = self._rows = 0
            self._scanned = 0
            self._time_base = None
            return
        if log.generation != self._gen:
            self._time_base = None
        self._gen, self._total, self._dropped = log.generation, log.total, log.dropped
        self._first, self._rows = log.dropped, len(log)
        self._scanned = log.dropped
        if self._time_base is None and len(log):
            self._time_base = log.timestamp(0)
        if self._compiled is not None:
            self._matches = self._scan(SCAN_BUDGET_S)

    def _scan(self, budget: float) -> array[int]:
        """Run the filter on unscanned rows for about ``budget`` seconds; absolute indices."""
        log, compiled = self._log, self._compiled
        assert log is not None and compiled is not None
        out: array[int] = array("q")
        dropped, total = log.dropped, log.total
        pos = max(self._scanned, dropped)
        deadline = time.perf_counter() + budget
        while pos < total:
            stop = min(pos + SCAN_SLICE, total)
            rows = matching_rows(log, compiled, pos - dropped, stop - dropped)
            out.extend(rows if dropped == 0 else map(dropped.__add__, rows))
            pos = stop
            if time.perf_counter() > deadline:
                break
        self._scanned = pos
        if pos < total:
            self._more.start()
        return out

    def _announce_finished(self) -> None:
        """Emit ``filter_finished`` once per ``set_filter``, when its scan has caught up."""
        if self._finishing and not self._more.isActive():
            self._finishing = False
            self.filter_finished.emit()

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._matches) if self._compiled is not None else self._rows

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        horizontal = orientation == Qt.Orientation.Horizontal
        if not horizontal or not 0 <= section < len(self.HEADERS):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._headers[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tips[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        if role == _DISPLAY:
            if not index.isValid():
                return None
            col = index.column()
            row = index.row()
            if col == 0:  # SEQ
                return str(self.absolute(row) + 1)
            lr = self.log_row(row)
            if lr is None:
                return None
            log = self._log
            assert log is not None
            if col == 5:  # PREVIEW
                return self._preview(row, lr)
            if col == 1:  # TIME
                ts = log.timestamp(lr)
                return render.format_time(ts, self._time_base if self._relative else None)
            if col == 2:  # DIRECTION
                way = self._ways[log.direction(lr)]
                kind = log.kind(lr)
                if kind in (FrameKind.DATA, FrameKind.TEXT, FrameKind.BINARY):
                    return way
                return f"{way} {self._kinds.get(kind, render.KIND_NAMES[kind])}"
            if col == 3:  # PEER
                return format_address(log.peer(lr))
            if col == 4:  # LENGTH
                return str(log.length(lr))
            return None
        if role == _FOREGROUND:
            if not index.isValid() or index.column() not in (2, 5):  # DIRECTION, PREVIEW
                return None
            lr = self.log_row(index.row())
            if lr is None or self._log is None:
                return None
            return self.OUT_COLOR if self._log.direction(lr) == Direction.OUT else self.IN_COLOR
        if role == _FONT:
            return self._bold if index.isValid() and index.column() == 2 else None
        if role == _ALIGNMENT:
            if index.isValid() and index.column() in (0, 4):  # SEQ, LENGTH
                return _RIGHT
            return None
        return None

    def _preview(self, row: int, log_row: int) -> str:
        a = self.absolute(row)
        text = self._cache.get(a)
        if text is None:
            assert self._log is not None
            data = self._log.payload(log_row)
            if self._display == "hex":
                text = render.hex_preview(data)
            else:
                text = render.text_preview(data, self._encoding)
            if len(self._cache) >= _CACHE_MAX:
                self._cache.clear()
            self._cache[a] = text
        return text

    def _preview_changed(self) -> None:
        self._cache.clear()
        self._column_changed(self.PREVIEW)

    def _column_changed(self, column: int) -> None:
        rows = self.rowCount()
        if rows:
            self.dataChanged.emit(
                self.index(0, column), self.index(rows - 1, column), [Qt.ItemDataRole.DisplayRole]
            )

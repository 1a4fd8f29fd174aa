"""LogModel: a thin, batched Qt table over a ``gui.store.view.LogView``.

The store is appended to directly by the session (no signal per frame).  A 40 ms timer asks
the Qt-free :class:`~gui.store.view.LogView` to refresh; the view works out what changed (oldest
rows dropped by the cap, new rows, the filter's new matches) and the model turns its observer
calls into at most one ``rowsRemoved`` and one ``rowsInserted`` per tick; a model reset happens
only on ``clear()`` or a new log / filter.  While a new filter still has older rows to scan,
the model asks the view again on the next loop turn (``filter_pending`` / ``filter_finished``).

What stays here is Qt: roles, fonts, colours, translated headers and the preview cache.
(Just over 400 lines on purpose: ``data()``, the per-cell hot path, is one flat dispatch.)
"""

from __future__ import annotations

from collections.abc import Callable
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
from gui.store.events import EventType, LogEvent
from gui.store.filter import FilterSpec
from gui.store.log import MessageLog
from gui.store.view import LogView, ViewObserver
from transports.frames import Direction, Frame, FrameKind, format_address

_Index = QModelIndex | QPersistentModelIndex

FLUSH_MS = 40
_CACHE_MAX = 2048
# Roles as plain ints: data() runs about seven times per visible cell on every repaint, and an
# enum member lookup per comparison is a measurable share of a repaint.
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value


class _QtObserver(ViewObserver):
    """Turns the view's change calls into the model's begin/end row signals."""

    def __init__(self, model: LogModel) -> None:
        self._model = model

    def about_to_reset(self) -> None:
        self._model.beginResetModel()

    def reset(self) -> None:
        self._model._cache.clear()
        self._model.endResetModel()

    def about_to_remove(self, first: int, last: int) -> None:
        self._model.beginRemoveRows(QModelIndex(), first, last)

    def removed(self, first: int, last: int) -> None:
        self._model.endRemoveRows()

    def about_to_insert(self, first: int, last: int) -> None:
        self._model.beginInsertRows(QModelIndex(), first, last)

    def inserted(self, first: int, last: int) -> None:
        self._model.endInsertRows()


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
    EVENT_COLOR = QColor("#6a1b9a")  # connection events: their own colour, in italics
    ERROR_COLOR = QColor("#c62828")

    def __init__(
        self,
        log: MessageLog | None = None,
        parent: QObject | None = None,
        *,
        interval_ms: int = FLUSH_MS,
    ) -> None:
        super().__init__(parent)
        self._cache: dict[int, str] = {}  # preview text by absolute index
        self.view = LogView()
        self.view.subscribe(_QtObserver(self))
        # data() runs for every painted cell: call the view's methods without a hop.
        self.log_row = self.view.log_row
        self.absolute = self.view.absolute
        self._finishing = False  # filter_finished is still to be emitted
        self._display = "hex"
        self._encoding = "utf-8"
        self._relative = False
        self._headers = tuple(QCoreApplication.translate("LogModel", h) for h in self.HEADERS)
        self._tips = tuple(QCoreApplication.translate("LogModel", t) for t in self.HEADER_TIPS)
        self._ways = {Direction.OUT: "→ " + self.tr("out"), Direction.IN: "← " + self.tr("in")}
        self._auto = " ⟲ " + self.tr("auto")  # after the direction of a frame sent on its own
        self._auto_tip = self.tr("Sent automatically, in reaction to a received frame "
                                 "(an auto-reply rule, echo or a relay)")
        self._marker: Callable[[int, Direction], str] | None = None
        self._kinds = {
            FrameKind.PING: self.tr("ping"),
            FrameKind.PONG: self.tr("pong"),
            FrameKind.CLOSE: self.tr("close"),
        }
        self._events = {
            EventType.CONNECTED: self.tr("connected"),
            EventType.DISCONNECTED: self.tr("disconnected"),
            EventType.PEER_JOINED: self.tr("peer joined"),
            EventType.PEER_LEFT: self.tr("peer left"),
            EventType.ERROR: self.tr("error"),
            EventType.RECONNECTING: self.tr("reconnecting"),
            EventType.NOTE: self.tr("note"),
        }
        # the direction in the UI's proportional font: monospace arrows are tiny
        ui_font = QGuiApplication.font()
        self._bold = QFont()
        self._bold.setFamilies(ui_font.families() or [ui_font.family()])
        self._bold.setPointSizeF(ui_font.pointSizeF())
        self._bold.setBold(True)
        self._italic = QFont()
        self._italic.setItalic(True)
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
        return self.view.log

    def set_log(self, log: MessageLog | None) -> None:
        """Show ``log`` (everything it holds now is published at once)."""
        self.view.set_log(log)
        self._continue_scan()
        if log is None:
            self._timer.stop()
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
        self.view.set_filter(spec)
        self._continue_scan()
        self._finishing = True
        self._announce_finished()

    @property
    def filtering(self) -> bool:
        return self.view.filtering

    @property
    def filter_pending(self) -> bool:
        """A filter is still scanning older rows (it continues on the event loop)."""
        return self.view.pending

    # -- rows (the view's) ----------------------------------------------------------------

    # absolute(row) and log_row(row) are the view's (bound in __init__):
    # the absolute index (``seq - 1``) shown by view row ``row``, and the log row it shows
    # (None if it has left the log).

    def row_of_seq(self, seq: int) -> int | None:
        """The view row showing message number ``seq``, if published and matching."""
        return self.view.row_of_seq(seq)

    def frame_at(self, row: int) -> Frame | None:
        return self.view.frame_at(row)

    def seq_at(self, row: int) -> int:
        return self.view.seq_at(row)

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
        changed = self.view.refresh()
        self._continue_scan()
        if changed:
            self.flushed.emit()
            self._announce_finished()

    def _continue_scan(self) -> None:
        if self.view.pending:
            self._more.start()
        else:
            self._more.stop()

    def _announce_finished(self) -> None:
        """Emit ``filter_finished`` once per ``set_filter``, when its scan has caught up."""
        if self._finishing and not self.view.pending:
            self._finishing = False
            self.filter_finished.emit()

    # -- Qt model interface ---------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.view)

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

    def set_marker(self, marker: Callable[[int, Direction], str] | None) -> None:
        """Text added to the direction of a frame, from its connection id and direction (the
        relay's ``client→upstream`` / ``upstream→client``); "" adds nothing."""
        self._marker = marker

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
            log = self.view.log
            assert log is not None
            if col == 5:  # PREVIEW
                return self._preview(row, lr)
            if col == 1:  # TIME
                ts = log.timestamp(lr)
                return render.format_time(ts, self.view.time_base if self._relative else None)
            if col == 2:  # DIRECTION
                kind = log.kind(lr)
                if kind is FrameKind.EVENT:
                    return "● " + self._events[LogEvent.decode(log.payload(lr)).type]
                way = self._ways[log.direction(lr)]
                mark = ""
                if self._marker is not None:  # a relay's frames: which way through it
                    mark = self._marker(log.conn_id(lr), log.direction(lr))
                if mark:  # the arrow says in or out, the mark which way (relayed: not "auto")
                    way = f"{way[0]} {mark}"
                elif log.auto(lr):
                    way += self._auto
                if kind in (FrameKind.DATA, FrameKind.TEXT, FrameKind.BINARY):
                    return way
                return f"{way} {self._kinds.get(kind, render.KIND_NAMES[kind])}"
            if col == 3:  # PEER
                return format_address(log.peer(lr))
            if col == 4:  # LENGTH (an event row carries no traffic)
                return "" if log.kind(lr) is FrameKind.EVENT else str(log.length(lr))
            return None
        if role == _FOREGROUND:
            if not index.isValid() or index.column() not in (2, 5):  # DIRECTION, PREVIEW
                return None
            lr = self.log_row(index.row())
            log = self.view.log
            if lr is None or log is None:
                return None
            if log.kind(lr) is FrameKind.EVENT:
                error = LogEvent.decode(log.payload(lr)).type is EventType.ERROR
                return self.ERROR_COLOR if error else self.EVENT_COLOR
            return self.OUT_COLOR if log.direction(lr) == Direction.OUT else self.IN_COLOR
        if role == _FONT:
            if not index.isValid():
                return None
            if index.column() == 2:
                return self._bold
            if index.column() == 5:
                lr = self.log_row(index.row())
                log = self.view.log
                if lr is not None and log is not None and log.kind(lr) is FrameKind.EVENT:
                    return self._italic
            return None
        if role == _ALIGNMENT:
            if index.isValid() and index.column() in (0, 4):  # SEQ, LENGTH
                return _RIGHT
            return None
        if role == _TOOLTIP and index.isValid() and index.column() == 2:  # DIRECTION
            lr = self.log_row(index.row())
            log = self.view.log
            if lr is not None and log is not None and log.auto(lr):
                return self._auto_tip
        return None

    def _preview(self, row: int, log_row: int) -> str:
        a = self.absolute(row)
        text = self._cache.get(a)
        if text is None:
            log = self.view.log
            assert log is not None
            data = log.payload(log_row)
            if log.kind(log_row) is FrameKind.EVENT:  # the event's message, in any display
                text = LogEvent.decode(data).text
            elif self._display == "hex":
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

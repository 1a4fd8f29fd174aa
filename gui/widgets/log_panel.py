"""LogPanel: the message table of one connection, its view toolbar and the detail pane.

The table follows the tail only while the user is at the bottom; when older rows are dropped
by the cap and the user is reading further up, the view keeps showing the same messages.
"""

from __future__ import annotations

import codecs

from PySide6.QtCore import (
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from gui import render
from gui.models.log_model import FLUSH_MS, LogModel
from gui.store.filter import FilterMode, FilterSpec
from gui.store.log import MessageLog
from gui.widgets.detail_pane import DetailPane
from gui.widgets.log_table import LogTable, refresh_interval_ms
from gui.workspace.model import ViewSettings

FILTER_DELAY_MS = 250  # typing pauses this long before the filter runs
_COLUMN_WIDTHS = {
    LogModel.SEQ: 64,
    LogModel.TIME: 120,
    LogModel.DIRECTION: 96,
    LogModel.PEER: 150,
    LogModel.LENGTH: 70,
}


def _codec_name(encoding: str) -> str:
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


class LogPanel(QWidget):
    """Toolbar + table + detail pane for one ``MessageLog``."""

    view_changed = Signal()  # display/encoding/time/filter settings changed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._follow: bool | None = None  # at the bottom when the current flush began

        self.display_combo = QComboBox()
        self.display_combo.addItem(self.tr("Hex"), "hex")
        self.display_combo.addItem(self.tr("Text"), "text")
        self.display_combo.setToolTip(self.tr("Preview payloads as hex or as text"))
        self.encoding_combo = QComboBox()
        for label, name in render.ENCODINGS:
            self.encoding_combo.addItem(label, name)
        self.encoding_combo.setToolTip(self.tr("Text encoding for previews and the detail pane"))
        self.time_combo = QComboBox()
        self.time_combo.addItem(self.tr("Absolute time"), "absolute")
        self.time_combo.addItem(self.tr("Relative time"), "relative")
        self.time_combo.setToolTip(self.tr("Wall-clock time, or seconds since the first message"))
        self.filter_mode_combo = QComboBox()
        self.filter_mode_combo.addItem(self.tr("Substring"), FilterMode.SUBSTRING.value)
        self.filter_mode_combo.addItem(self.tr("Hex"), FilterMode.HEX.value)
        self.filter_mode_combo.addItem(self.tr("Regex"), FilterMode.REGEX.value)
        self.filter_mode_combo.setToolTip(self.tr("How the filter box matches payloads"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(self.tr("Filter payloads…"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_error = QLabel()
        self.filter_error.setObjectName("filterError")
        self.filter_error.setStyleSheet("color: #c62828;")
        self.filter_error.hide()
        self.dropped_label = QLabel()
        self.dropped_label.setToolTip(
            self.tr("Oldest messages dropped by the log limits (View ▸ Log limits)"))
        self.dropped_label.hide()
        self.clear_button = QPushButton(self.tr("Clear"))
        self.clear_button.setToolTip(self.tr("Forget every message of this connection"))

        bar = QHBoxLayout()
        bar.setContentsMargins(0, 0, 0, 0)
        for w in (self.display_combo, self.encoding_combo, self.time_combo, self.filter_mode_combo):
            bar.addWidget(w)
        bar.addWidget(self.filter_edit, 1)
        bar.addWidget(self.filter_error)
        bar.addWidget(self.dropped_label)
        bar.addWidget(self.clear_button)

        self.model = LogModel(parent=self)
        self.table = LogTable()
        self.table.setModel(self.model)
        self._setup_table()
        self.detail = DetailPane()

        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.detail)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.splitter, 1)

        self._filter_timer = QTimer(self)
        self._filter_timer.setSingleShot(True)
        self._filter_timer.setInterval(FILTER_DELAY_MS)
        self._filter_timer.timeout.connect(self.apply_filter)

        self.display_combo.currentIndexChanged.connect(self._display_changed)
        self.encoding_combo.currentIndexChanged.connect(self._encoding_changed)
        self.time_combo.currentIndexChanged.connect(self._time_changed)
        self.filter_mode_combo.currentIndexChanged.connect(self.apply_filter)
        self.filter_edit.textChanged.connect(self._filter_timer.start)
        self.filter_edit.returnPressed.connect(self.apply_filter)
        self.clear_button.clicked.connect(self.clear)
        self.model.rowsAboutToBeRemoved.connect(self._before_rows_change)
        self.model.rowsAboutToBeInserted.connect(self._before_rows_change)
        self.model.rowsRemoved.connect(self._rows_removed)
        self.model.flushed.connect(self._after_flush)
        self.model.modelReset.connect(self._show_current)
        selection = self.table.selectionModel()
        selection.currentRowChanged.connect(self._show_current)

    def _setup_table(self) -> None:
        t = self.table
        t.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        t.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        t.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        t.setWordWrap(False)
        t.setShowGrid(False)
        t.setAlternatingRowColors(True)
        t.setTextElideMode(Qt.TextElideMode.ElideRight)
        t.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        vh = t.verticalHeader()
        vh.hide()
        vh.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        vh.setDefaultSectionSize(t.fontMetrics().height() + 4)
        hh = t.horizontalHeader()
        hh.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        hh.setStretchLastSection(True)
        hh.setHighlightSections(False)
        for col, width in _COLUMN_WIDTHS.items():
            t.setColumnWidth(col, width)

    # -- public API -----------------------------------------------------------------------

    @property
    def log(self) -> MessageLog | None:
        return self.model.log

    def set_log(self, log: MessageLog | None, view: ViewSettings | None = None) -> None:
        """Show ``log`` with ``view`` settings (None keeps the current ones)."""
        if view is not None:
            self.model.set_log(None)  # so the new filter runs once, on the new log
            self._apply_view(view)
        self.model.set_log(log)
        self._update_dropped()
        self.table.scrollToBottom()
        self.detail.show_frame(None, self.model.encoding)

    def view_settings(self) -> ViewSettings:
        return ViewSettings(
            display=self.model.display,
            encoding=str(self.encoding_combo.currentData()),
            time_format="relative" if self.model.relative_time else "absolute",
            filter_mode=str(self.filter_mode_combo.currentData()),
            filter_text=self.filter_edit.text(),
        )

    def select_row(self, row: int) -> None:
        """Select view row ``row`` (negative counts from the end) and scroll to it."""
        if row < 0:
            row += self.model.rowCount()
        index = self.model.index(row, 0)
        if not index.isValid():
            return
        flag = QItemSelectionModel.SelectionFlag
        self.table.selectionModel().setCurrentIndex(index, flag.ClearAndSelect | flag.Rows)
        self.table.scrollTo(index)

    def clear(self) -> None:
        """Forget the log's messages (and counters); the table empties at once."""
        log = self.model.log
        if log is not None:
            log.clear()
            self.model.flush()
        self._update_dropped()

    def apply_filter(self) -> None:
        """Run the filter box now (typing runs it after a short pause)."""
        self._filter_timer.stop()
        spec = FilterSpec(
            FilterMode(str(self.filter_mode_combo.currentData())),
            self.filter_edit.text(),
            encoding=self.model.encoding,
        )
        seq = self._current_seq()
        try:
            self.model.set_filter(spec)
        except ValueError as exc:
            self.filter_error.setText(str(exc))
            self.filter_error.show()
            self.filter_edit.setStyleSheet("QLineEdit { border: 1px solid #c62828; }")
            return
        self.filter_error.hide()
        self.filter_edit.setStyleSheet("")
        self._reselect(seq)
        self.view_changed.emit()

    # -- internals ------------------------------------------------------------------------

    def _apply_view(self, view: ViewSettings) -> None:
        widgets = (
            self.display_combo,
            self.encoding_combo,
            self.time_combo,
            self.filter_mode_combo,
            self.filter_edit,
        )
        for w in widgets:
            w.blockSignals(True)
        try:
            self.display_combo.setCurrentIndex(max(0, self.display_combo.findData(view.display)))
            enc = _codec_name(view.encoding)
            index = next(
                (
                    i
                    for i in range(self.encoding_combo.count())
                    if _codec_name(str(self.encoding_combo.itemData(i))) == enc
                ),
                -1,
            )
            if index < 0:
                try:
                    render.check_encoding(view.encoding)
                except ValueError:
                    index = 0
                else:
                    self.encoding_combo.addItem(view.encoding, view.encoding)
                    index = self.encoding_combo.count() - 1
            self.encoding_combo.setCurrentIndex(index)
            self.time_combo.setCurrentIndex(max(0, self.time_combo.findData(view.time_format)))
            self.filter_mode_combo.setCurrentIndex(
                max(0, self.filter_mode_combo.findData(view.filter_mode))
            )
            self.filter_edit.setText(view.filter_text)
        finally:
            for w in widgets:
                w.blockSignals(False)
        self.model.set_display(str(self.display_combo.currentData()))
        self.model.set_encoding(str(self.encoding_combo.currentData()))
        self.model.set_relative_time(self.time_combo.currentData() == "relative")
        spec = FilterSpec(
            FilterMode(str(self.filter_mode_combo.currentData())),
            view.filter_text,
            encoding=self.model.encoding,
        )
        try:
            self.model.set_filter(spec)
        except ValueError as exc:
            self.model.set_filter(None)
            self.filter_error.setText(str(exc))
            self.filter_error.show()
        else:
            self.filter_error.hide()

    def _display_changed(self) -> None:
        self.model.set_display(str(self.display_combo.currentData()))
        self.view_changed.emit()

    def _encoding_changed(self) -> None:
        self.model.set_encoding(str(self.encoding_combo.currentData()))
        if self.filter_edit.text() and self.filter_mode_combo.currentData() != "hex":
            self.apply_filter()  # text patterns are encoded with the view's encoding
        self._show_current()
        self.view_changed.emit()

    def _time_changed(self) -> None:
        self.model.set_relative_time(self.time_combo.currentData() == "relative")
        self.view_changed.emit()

    def _at_bottom(self) -> bool:
        bar = self.table.verticalScrollBar()
        return bar.value() >= bar.maximum()

    def _before_rows_change(self) -> None:
        if self._follow is None:
            self._follow = self._at_bottom()

    def _rows_removed(self, _parent: QModelIndex, first: int, last: int) -> None:
        if not self._follow:
            bar = self.table.verticalScrollBar()
            bar.setValue(max(0, bar.value() - (last - first + 1)))

    def _after_flush(self) -> None:
        if self._follow:
            self.table.scrollToBottom()
        self._follow = None
        self._update_dropped()
        self.model.set_interval(refresh_interval_ms(self.table.paint_cost, FLUSH_MS))

    def _update_dropped(self) -> None:
        log = self.model.log
        dropped = log.dropped if log is not None else 0
        self.dropped_label.setVisible(dropped > 0)
        if dropped:
            self.dropped_label.setText(self.tr("{n} dropped").format(n=f"{dropped:,}"))

    def _current_seq(self) -> int | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid():
            return None
        return self.model.seq_at(index.row())

    def _reselect(self, seq: int | None) -> None:
        row = None if seq is None else self.model.row_of_seq(seq)
        if row is None:
            self.table.scrollToBottom()
            return
        self.select_row(row)
        self.table.scrollTo(self.model.index(row, 0), QAbstractItemView.ScrollHint.PositionAtCenter)

    def _show_current(self, *_args: QModelIndex | QPersistentModelIndex) -> None:
        index = self.table.selectionModel().currentIndex()
        row = index.row() if index.isValid() else -1
        frame = self.model.frame_at(row) if row >= 0 else None
        seq = self.model.seq_at(row) if frame is not None else None
        self.detail.show_frame(frame, self.model.encoding, seq=seq)

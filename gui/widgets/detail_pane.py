"""DetailPane: one message in full — hex dump beside text (or pretty JSON), kind, close code.

Huge payloads are shown up to ``SHOW_LIMIT`` bytes so that selecting a row stays fast; the
copy actions always take the whole payload.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from gui import render
from transports.frames import Direction, Frame, FrameKind, format_address

SHOW_LIMIT = 64 * 1024
HEX_COLUMNS = 78  # "00000000  xx … xx  |16 chars|"


class DetailPane(QWidget):
    """The selected message.  ``show_frame(None, …)`` empties it."""

    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame: Frame | None = None
        self._encoding = "utf-8"
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.summary = QLabel(self.tr("No message selected"))
        self.summary.setObjectName("detailSummary")
        self.close_label = QLabel()
        self.close_label.setObjectName("detailClose")
        self.close_label.hide()
        self.copy_button = QToolButton()
        self.copy_button.setText(self.tr("Copy as"))
        self.copy_button.setToolTip(self.tr("Copy the whole payload to the clipboard"))
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.copy_button)
        self.copy_actions: dict[str, QAction] = {}
        labels = {
            "hex": self.tr("Hex"),
            "escaped": self.tr("Escaped text"),
            "base64": self.tr("Base64"),
            "c": self.tr("C array"),
            "python": self.tr("Python bytes literal"),
        }
        for fmt, label in render.COPY_FORMATS.items():
            action = menu.addAction(labels.get(fmt, label))
            action.triggered.connect(lambda _checked=False, f=fmt: self.copy_as(f))
            self.copy_actions[fmt] = action
        self.copy_button.setMenu(menu)
        self.copy_button.setEnabled(False)

        self.hex_view = QPlainTextEdit()
        self.text_view = QPlainTextEdit()
        for view in (self.hex_view, self.text_view):
            view.setReadOnly(True)
            view.setFont(mono)
            view.setUndoRedoEnabled(False)
        self.hex_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.hex_view.setPlaceholderText(self.tr("Hex dump"))
        self.text_view.setPlaceholderText(self.tr("Text"))
        self.text_title = QLabel(self.tr("Text"))
        # the dump is offset | 16 hex bytes | ASCII: give it the width of its 78 columns
        metrics = self.hex_view.fontMetrics()
        chrome = 2 * self.hex_view.frameWidth() + 2 * int(self.hex_view.document().documentMargin())
        scrollbar = self.hex_view.verticalScrollBar().sizeHint().width()
        self.hex_width = metrics.horizontalAdvance("0" * HEX_COLUMNS) + chrome + scrollbar + 4
        self.hex_view.setMinimumWidth(min(self.hex_width, 420))

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel(self.tr("Hex")))
        lv.addWidget(self.hex_view)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.text_title)
        rv.addWidget(self.text_view)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 0)  # the dump keeps its width, text takes the rest
        self.splitter.setStretchFactor(1, 1)
        self._user_sized = False  # until the user drags the handle, resizes keep the dump's width
        self.splitter.splitterMoved.connect(self._moved)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.close_label)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if not self._user_sized:
            self.apply_default_sizes()

    def _moved(self, _pos: int, _index: int) -> None:
        self._user_sized = True

    def apply_default_sizes(self) -> None:
        """The hex dump as wide as its 78 columns (if there is room), the text the rest."""
        total = self.width() - self.splitter.handleWidth()
        # narrow: the text keeps at least 160 px unless that would leave the dump < half
        hex_width = max(min(self.hex_width, total - 160), min(self.hex_width, total // 2))
        self.splitter.setSizes([hex_width, max(total - hex_width, 0)])

    @property
    def frame(self) -> Frame | None:
        return self._frame

    def show_frame(self, frame: Frame | None, encoding: str, *, seq: int | None = None) -> None:
        """Show ``frame`` (text decoded with ``encoding``); ``seq`` labels it ``#seq``."""
        self._frame = frame
        self._encoding = encoding
        self.copy_button.setEnabled(frame is not None)
        if frame is None:
            self.summary.setText(self.tr("No message selected"))
            self.close_label.hide()
            self.hex_view.clear()
            self.text_view.clear()
            self.text_title.setText(self.tr("Text"))
            return
        payload = frame.payload
        shown = payload[:SHOW_LIMIT]
        more = len(payload) - len(shown)
        note = ("\n" + self.tr("… {n} more bytes not shown (Copy as takes them all)").format(n=more)
                if more else "")

        parts = [f"#{seq}"] if seq is not None else []
        way = self.tr("sent") if frame.direction == Direction.OUT else self.tr("received")
        parts.append(f"{render.direction_arrow(frame.direction)} {way}")
        if frame.auto:
            parts.append(self.tr("automatic"))
        if frame.kind == FrameKind.EVENT:  # a connection event row: its JSON is shown below
            parts.append(self.tr("connection event"))
        elif frame.kind != FrameKind.DATA:
            parts.append(self.tr("WebSocket {kind}").format(kind=render.KIND_NAMES[frame.kind]))
        parts.append(self.tr("{n} bytes").format(n=len(payload)))
        if frame.peer is not None:
            parts.append(format_address(frame.peer))
        parts.append(render.format_time(frame.timestamp))
        self.summary.setText(" · ".join(parts))

        if frame.kind == FrameKind.CLOSE:
            self.close_label.setText(
                self.tr("Close code {code}").format(code=render.describe_close(payload)))
            self.close_label.show()
        else:
            self.close_label.hide()

        self.hex_view.setPlainText(render.hexdump(shown) + note)
        pretty = None if more else render.pretty_json(payload, encoding)
        if pretty is not None:
            self.text_title.setText(self.tr("JSON ({encoding})").format(encoding=encoding))
            self.text_view.setPlainText(pretty)
        else:
            self.text_title.setText(self.tr("Text ({encoding})").format(encoding=encoding))
            self.text_view.setPlainText(render.display_text(shown, encoding, final=not more) + note)

    def copy_as(self, fmt: str) -> str:
        """Put the whole payload on the clipboard in ``fmt`` (see ``render.COPY_FORMATS``)."""
        if self._frame is None:
            return ""
        text = render.copy_text(self._frame.payload, fmt, self._encoding)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
        return text

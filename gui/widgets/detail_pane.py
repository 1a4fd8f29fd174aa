"""DetailPane: one message in full — hex dump beside text (or pretty JSON), kind, close code.

Huge payloads are shown up to ``SHOW_LIMIT`` bytes so that selecting a row stays fast; the
copy actions always take the whole payload.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QAction, QFontDatabase, QGuiApplication
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
from transports.frames import Direction, Frame, FrameKind

SHOW_LIMIT = 64 * 1024


class DetailPane(QWidget):
    """The selected message.  ``show_frame(None, …)`` empties it."""

    copied = Signal(str)  # the text put on the clipboard

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._frame: Frame | None = None
        self._encoding = "utf-8"
        mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)

        self.summary = QLabel("No message selected")
        self.summary.setObjectName("detailSummary")
        self.close_label = QLabel()
        self.close_label.setObjectName("detailClose")
        self.close_label.hide()
        self.copy_button = QToolButton()
        self.copy_button.setText("Copy as")
        self.copy_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self.copy_button)
        self.copy_actions: dict[str, QAction] = {}
        for fmt, label in render.COPY_FORMATS.items():
            action = menu.addAction(label)
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
        self.hex_view.setPlaceholderText("Hex dump")
        self.text_view.setPlaceholderText("Text")
        self.text_title = QLabel("Text")

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addWidget(QLabel("Hex"))
        lv.addWidget(self.hex_view)
        right = QWidget()
        rv = QVBoxLayout(right)
        rv.setContentsMargins(0, 0, 0, 0)
        rv.addWidget(self.text_title)
        rv.addWidget(self.text_view)
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)

        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.close_label)
        top.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)

    @property
    def frame(self) -> Frame | None:
        return self._frame

    def show_frame(self, frame: Frame | None, encoding: str, *, seq: int | None = None) -> None:
        """Show ``frame`` (text decoded with ``encoding``); ``seq`` labels it ``#seq``."""
        self._frame = frame
        self._encoding = encoding
        self.copy_button.setEnabled(frame is not None)
        if frame is None:
            self.summary.setText("No message selected")
            self.close_label.hide()
            self.hex_view.clear()
            self.text_view.clear()
            self.text_title.setText("Text")
            return
        payload = frame.payload
        shown = payload[:SHOW_LIMIT]
        more = len(payload) - len(shown)
        note = f"\n… {more} more bytes not shown (Copy as takes them all)" if more else ""

        parts = [f"#{seq}"] if seq is not None else []
        way = "sent" if frame.direction == Direction.OUT else "received"
        parts.append(f"{render.direction_arrow(frame.direction)} {way}")
        if frame.kind != FrameKind.DATA:
            parts.append(f"WebSocket {render.KIND_NAMES[frame.kind]}")
        parts.append(f"{len(payload)} bytes")
        if frame.peer is not None:
            parts.append(render.format_peer(frame.peer))
        parts.append(render.format_time(frame.timestamp))
        self.summary.setText(" · ".join(parts))

        if frame.kind == FrameKind.CLOSE:
            self.close_label.setText("Close code " + render.describe_close(payload))
            self.close_label.show()
        else:
            self.close_label.hide()

        self.hex_view.setPlainText(render.hexdump(shown) + note)
        pretty = None if more else render.pretty_json(payload, encoding)
        if pretty is not None:
            self.text_title.setText(f"JSON ({encoding})")
            self.text_view.setPlainText(pretty)
        else:
            self.text_title.setText(f"Text ({encoding})")
            self.text_view.setPlainText(render.display_text(shown, encoding, final=not more) + note)

    def copy_as(self, fmt: str) -> str:
        """Put the whole payload on the clipboard in ``fmt`` (see ``render.COPY_FORMATS``)."""
        if self._frame is None:
            return ""
        text = render.copy_text(self._frame.payload, fmt, self._encoding)
        QGuiApplication.clipboard().setText(text)
        self.copied.emit(text)
        return text

"""The composer's input box (Ctrl+Enter sends, Up/Down walk the history), the history it
walks, and the red mark under the character a parse error points at."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit

from gui.workspace.model import HistoryEntry

HISTORY_MAX = 100
ERROR_COLOR = "#c62828"


class PayloadEditor(QPlainTextEdit):
    """The input box: Ctrl+Enter sends; Up on the first line / Down on the last walk history."""

    send_pressed = Signal()
    history_up = Signal()
    history_down = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        mods = event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and (
            mods & Qt.KeyboardModifier.ControlModifier
        ):
            self.send_pressed.emit()
            return
        plain = mods in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        cursor = self.textCursor()
        if plain and key == Qt.Key.Key_Up and cursor.blockNumber() == 0:
            self.history_up.emit()
            return
        if (
            plain
            and key == Qt.Key.Key_Down
            and cursor.blockNumber() == self.document().blockCount() - 1
        ):
            self.history_down.emit()
            return
        super().keyPressEvent(event)

    def mark_error(self, line: int, column: int | None) -> None:
        """A red wavy underline under the character at ``line``/``column`` (1-based); None
        clears the marks."""
        if column is None:
            self.setExtraSelections([])
            return
        block = self.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(column - 1, 0))
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor(ERROR_COLOR))
        fmt.setBackground(QColor(198, 40, 40, 40))
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        self.setExtraSelections([selection])


class History:
    """Sent texts with their mode (text or hex), newest last (at most ``HISTORY_MAX``), walked
    like a shell's history: the text being edited when the walk began comes back at its end."""

    def __init__(self, entries: tuple[HistoryEntry, ...] = ()) -> None:
        self.entries: list[HistoryEntry] = list(entries)[-HISTORY_MAX:]
        self.position: int | None = None  # index into entries while walking
        self._draft = HistoryEntry("")

    def add(self, entry: HistoryEntry) -> bool:
        """Remember a sent text (not empty, not a repeat of the last); True if added."""
        self.position = None
        if not entry.text or (self.entries and self.entries[-1] == entry):
            return False
        self.entries.append(entry)
        del self.entries[:-HISTORY_MAX]
        return True

    def back(self, current: HistoryEntry) -> HistoryEntry | None:
        """The older entry to show, or None when there is none."""
        if not self.entries:
            return None
        if self.position is None:
            self._draft = current
            self.position = len(self.entries)
        if self.position == 0:
            return None
        self.position -= 1
        return self.entries[self.position]

    def forward(self) -> HistoryEntry | None:
        """The newer entry to show (the draft after the newest), or None when not walking."""
        if self.position is None:
            return None
        self.position += 1
        if self.position >= len(self.entries):
            self.position = None
            return self._draft
        return self.entries[self.position]

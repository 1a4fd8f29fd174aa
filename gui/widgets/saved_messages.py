"""SavedMessagesList: named payloads (text or hex) kept with a connection; double-click sends."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from gui.workspace.model import PayloadMode, SavedMessage

_ROLE = Qt.ItemDataRole.UserRole


class SavedMessagesList(QWidget):
    """A list of ``SavedMessage``; F2 or Rename edits a name in place."""

    send_requested = Signal(object)  # SavedMessage (double-click)
    add_requested = Signal()  # the owner answers with add(...)
    changed = Signal()  # added, renamed or deleted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.list.setToolTip(self.tr("Double-click to send; F2 to rename"))
        self.hint = QLabel(self.tr("Save current to keep a message; double-click to send."))
        self.hint.setObjectName("savedHint")
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint.setStyleSheet("color: palette(mid);")
        self.add_button = QPushButton(self.tr("Save current"))
        self.add_button.setToolTip(self.tr("Keep the editor's payload as a named message"))
        self.rename_button = QPushButton(self.tr("Rename"))
        self.delete_button = QPushButton(self.tr("Delete"))
        buttons = QHBoxLayout()
        buttons.setContentsMargins(0, 0, 0, 0)
        for b in (self.add_button, self.rename_button, self.delete_button):
            buttons.addWidget(b)
        self.box = QGroupBox(self.tr("Saved messages"))
        inner = QVBoxLayout(self.box)
        inner.setContentsMargins(4, 4, 4, 4)
        inner.addWidget(self.list, 1)
        inner.addWidget(self.hint, 1)
        inner.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)

        self.add_button.clicked.connect(self.add_requested)
        self.rename_button.clicked.connect(self._rename)
        self.delete_button.clicked.connect(self.delete_current)
        self.list.itemDoubleClicked.connect(self._double_clicked)
        self.list.itemChanged.connect(self._item_changed)
        self.list.currentRowChanged.connect(self._update_buttons)
        self._update_buttons()

    def messages(self) -> tuple[SavedMessage, ...]:
        return tuple(self._message(self.list.item(i)) for i in range(self.list.count()))

    def set_messages(self, messages: tuple[SavedMessage, ...]) -> None:
        self.list.blockSignals(True)
        try:
            self.list.clear()
            for message in messages:
                self.list.addItem(self._item(message))
        finally:
            self.list.blockSignals(False)
        self._update_buttons()

    def add(self, message: SavedMessage) -> None:
        self.list.blockSignals(True)
        try:
            self.list.addItem(self._item(message))
        finally:
            self.list.blockSignals(False)
        self.list.setCurrentRow(self.list.count() - 1)
        self._update_buttons()
        self.changed.emit()

    def delete_current(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.changed.emit()
        self._update_buttons()

    @staticmethod
    def _item(message: SavedMessage) -> QListWidgetItem:
        item = QListWidgetItem(message.name)
        item.setData(_ROLE, message)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        item.setToolTip(f"{message.mode.value}: {message.payload[:200]}")
        return item

    @staticmethod
    def _message(item: QListWidgetItem) -> SavedMessage:
        message = item.data(_ROLE)
        assert isinstance(message, SavedMessage)
        return message

    def _rename(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.list.editItem(item)

    def _item_changed(self, item: QListWidgetItem) -> None:
        message = self._message(item)
        name = item.text().strip()
        if not name:  # an empty name is refused: put the old one back
            self.list.blockSignals(True)
            item.setText(message.name)
            self.list.blockSignals(False)
            return
        if name != message.name:
            item.setData(_ROLE, SavedMessage(name, message.payload, message.mode))
            self.changed.emit()

    def _double_clicked(self, item: QListWidgetItem) -> None:
        self.send_requested.emit(self._message(item))

    def _update_buttons(self) -> None:
        empty = self.list.count() == 0
        self.list.setVisible(not empty)
        self.hint.setVisible(empty)
        selected = self.list.currentRow() >= 0
        self.rename_button.setEnabled(selected)
        self.delete_button.setEnabled(selected)


def default_name(text: str, mode: PayloadMode, taken: set[str]) -> str:
    """A readable name for a new saved message: its first characters, made unique."""
    empty = (QCoreApplication.translate("SavedMessagesList", "(empty hex)")
             if mode is PayloadMode.HEX
             else QCoreApplication.translate("SavedMessagesList", "(empty)"))
    first = " ".join(text.split())[:24] or empty
    name, n = first, 2
    while name in taken:
        name = f"{first} ({n})"
        n += 1
    return name

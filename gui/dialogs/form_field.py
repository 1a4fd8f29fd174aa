"""Form helpers shared by the editor dialogs: a field with its error label under it, and
showing / hiding a form row together with its label."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

ERROR_STYLE = "color: #d0312d;"


class FormField(QWidget):
    """A field with its error label under it (hidden while the field is fine)."""

    def __init__(self, widget: QWidget, extra: QWidget | None = None) -> None:
        super().__init__()
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget, 1)
        if extra is not None:
            row.addWidget(extra)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))


def add_field(form: QFormLayout, fields: dict[str, FormField], key: str, label: str,
              widget: QWidget, extra: QWidget | None = None, tip: str = "") -> FormField:
    """A form row holding ``widget`` (and ``extra`` beside it) with an error label."""
    field = FormField(widget, extra)
    if tip:
        widget.setToolTip(tip)
    fields[key] = field
    form.addRow(label, field)
    return field


def add_file_field(form: QFormLayout, fields: dict[str, FormField], key: str, label: str,
                   tip: str, placeholder: str, browse_tip: str) -> QLineEdit:
    """A path field with a "…" button that picks an existing file (non-modal)."""
    edit = QLineEdit()
    edit.setPlaceholderText(placeholder)
    browse = QPushButton("…")
    browse.setToolTip(browse_tip)
    browse.setFixedWidth(32)
    browse.clicked.connect(lambda: _browse(edit, label))
    add_field(form, fields, key, label, edit, browse, tip)
    return edit


def _browse(edit: QLineEdit, label: str) -> None:
    start = str(Path(edit.text()).parent) if edit.text() else ""
    dialog = QFileDialog(edit, label.rstrip(":："), start)
    dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
    dialog.fileSelected.connect(edit.setText)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()


def set_row_visible(widget: QWidget, visible: bool) -> None:
    """Show or hide a form row: the field and, if it has one, its label."""
    widget.setVisible(visible)
    parent = widget.parentWidget()
    form = parent.layout() if parent is not None else None
    if isinstance(form, QFormLayout):
        label = form.labelForField(widget)
        if label is not None:
            label.setVisible(visible)

"""Export ▸ the rows to write (all / filtered / selected), the format and the file.

The dialog only gathers the choice; :mod:`gui.dialogs.capture_runner` writes the file in slices
on the loop.  The format follows the file's extension unless one is chosen, and choosing one
puts its extension on the file name.  Opened with ``open()``, never ``exec()``.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from gui.capture import WRITERS, CaptureError, format_for_path
from transports.frames import Direction


class Scope(enum.StrEnum):
    ALL = "all"
    FILTERED = "filtered"
    SELECTED = "selected"


@dataclass(frozen=True, slots=True)
class ExportChoice:
    scope: Scope
    path: Path
    fmt: str
    direction: Direction  # raw bytes: which direction


class ExportDialog(QDialog):
    def __init__(self, parent: QWidget | None, *, total: int, filtered: int | None,
                 selected: int, path: Path, scope: Scope = Scope.ALL) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export log"))
        self.setObjectName("export_dialog")
        self.all_radio = QRadioButton(self.tr("All rows ({n})").format(n=f"{total:,}"))
        self.filtered_radio = QRadioButton(
            self.tr("Rows matching the filter ({n})").format(n=f"{filtered or 0:,}"))
        self.filtered_radio.setEnabled(filtered is not None)
        self.selected_radio = QRadioButton(self.tr("Selected rows ({n})").format(n=f"{selected:,}"))
        self.selected_radio.setEnabled(selected > 0)
        self._scopes = QButtonGroup(self)
        for radio, which in ((self.all_radio, Scope.ALL), (self.filtered_radio, Scope.FILTERED),
                             (self.selected_radio, Scope.SELECTED)):
            self._scopes.addButton(radio)
            radio.setProperty("scope", which.value)
        chosen = {Scope.ALL: self.all_radio, Scope.FILTERED: self.filtered_radio,
                  Scope.SELECTED: self.selected_radio}[scope]
        (chosen if chosen.isEnabled() else self.all_radio).setChecked(True)

        self.format_combo = QComboBox()
        self.format_combo.addItem(self.tr("By file extension"), "")
        self.format_combo.addItem(self.tr("pcapng (Wireshark)"), "pcapng")
        self.format_combo.addItem(self.tr("JSON Lines (opens back in Sockscope)"), "jsonl")
        self.format_combo.addItem(self.tr("CSV (spreadsheets)"), "csv")
        self.format_combo.addItem(self.tr("Raw bytes of one direction"), "raw")
        self.direction_combo = QComboBox()
        self.direction_combo.addItem(self.tr("Received (in)"), Direction.IN)
        self.direction_combo.addItem(self.tr("Sent (out)"), Direction.OUT)
        self.path_edit = QLineEdit(str(path))
        self.browse_button = QPushButton(self.tr("Browse…"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet("color: #c62828")
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        self.file_dialog: QFileDialog | None = None

        scope_box = QVBoxLayout()
        for radio in (self.all_radio, self.filtered_radio, self.selected_radio):
            scope_box.addWidget(radio)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path_edit, 1)
        file_row.addWidget(self.browse_button)
        form = QFormLayout()
        form.addRow(self.tr("Rows:"), scope_box)
        form.addRow(self.tr("Format:"), self.format_combo)
        form.addRow(self.tr("Direction:"), self.direction_combo)
        form.addRow(self.tr("File:"), file_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Export"))
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("pcapng synthesises TCP/UDP packets around the logged "
                                        "bytes; JSON Lines keeps every row exactly.")))
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.browse_button.clicked.connect(self._browse)
        self.format_combo.currentIndexChanged.connect(self._format_changed)
        self.path_edit.textChanged.connect(self._path_changed)
        self._path_changed()
        self.resize(620, self.sizeHint().height())

    # -- the choice ---------------------------------------------------------------------------
    def scope(self) -> Scope:
        checked = self._scopes.checkedButton()
        return Scope(checked.property("scope")) if checked is not None else Scope.ALL

    def choice(self) -> ExportChoice:
        """What to write; CaptureError (shown in the dialog) if the file or format is unclear."""
        text = self.path_edit.text().strip()
        if not text:
            raise CaptureError(self.tr("Choose a file to write."))
        path = Path(text).expanduser()
        fmt = str(self.format_combo.currentData()) or format_for_path(path)
        if not path.parent.is_dir():
            raise CaptureError(self.tr("The folder {folder} does not exist.").format(
                folder=str(path.parent)))
        return ExportChoice(self.scope(), path, fmt, Direction(self.direction_combo.currentData()))

    def accept(self) -> None:
        try:
            self.choice()
        except CaptureError as exc:
            self.error_label.setText(str(exc))
            self.error_label.show()
            return
        super().accept()

    # -- keeping format and extension together ------------------------------------------------
    def _format_changed(self) -> None:
        fmt = str(self.format_combo.currentData())
        if fmt:
            path = Path(self.path_edit.text().strip() or "capture")
            if path.suffix.lower() not in WRITERS[fmt].extensions:
                self.path_edit.setText(str(path.with_suffix(WRITERS[fmt].extensions[0])))
        self._path_changed()

    def _path_changed(self) -> None:
        fmt = str(self.format_combo.currentData())
        if not fmt:
            try:
                fmt = format_for_path(self.path_edit.text().strip())
            except CaptureError:
                fmt = ""
        self.direction_combo.setEnabled(fmt == "raw")
        self.error_label.hide()

    def _browse(self) -> None:
        start = self.path_edit.text().strip()
        dialog = QFileDialog(self, self.tr("Export to"), start,
                             self.tr("Captures (*.pcapng *.jsonl *.ndjson *.csv *.bin *.raw)"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.fileSelected.connect(self.path_edit.setText)
        self.file_dialog = dialog
        dialog.open()

"""View ▸ Log limits: how much each connection's log holds (rows and payload MiB).

The limits belong to the workspace (saved with it) and apply to every connection's log at
once; lowering one drops the oldest messages right away.  The dialog is shown with ``open()``
(never ``exec()``: it would re-enter the qasync loop) and applies on OK.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.session import SessionManager

MIB = 1024 * 1024
MAX_ROWS = 100_000_000
MAX_MIB = 64 * 1024


class LogLimitsDialog(QDialog):
    """Edits ``manager.message_cap`` and ``manager.log_byte_cap``; applies them on OK."""

    def __init__(self, manager: SessionManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self.setWindowTitle(self.tr("Log limits"))
        self.rows_spin = QSpinBox()
        self.rows_spin.setRange(1, MAX_ROWS)
        self.rows_spin.setGroupSeparatorShown(True)
        self.rows_spin.setSingleStep(100_000)
        self.rows_spin.setValue(min(manager.message_cap, MAX_ROWS))
        self.mib_spin = QSpinBox()
        self.mib_spin.setRange(1, MAX_MIB)
        self.mib_spin.setSuffix(" MiB")
        self.mib_spin.setSingleStep(64)
        self.mib_spin.setValue(max(1, min(manager.log_byte_cap // MIB, MAX_MIB)))
        note = QLabel(self.tr("Each connection keeps at most this many messages and this much "
                              "payload; beyond either, the oldest messages are dropped and the "
                              "status bar counts them. Lowering a limit applies at once."))
        note.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Messages per connection:"), self.rows_spin)
        form.addRow(self.tr("Payload per connection:"), self.mib_spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def changed(self) -> bool:
        return (self.rows_spin.value() != self.manager.message_cap
                or self.mib_spin.value() * MIB != self.manager.log_byte_cap)

    def apply(self) -> None:
        """Set the manager's limits (and every log's) from the spin boxes."""
        self.manager.message_cap = self.rows_spin.value()
        self.manager.log_byte_cap = self.mib_spin.value() * MIB

"""The secrets prompt: the values a workspace did not store, asked for before connecting."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SecretsDialog(QDialog):
    """Asks for the secrets a workspace did not store (shown with ``open()``)."""

    def __init__(self, connection: str, missing: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Secrets for %1").replace("%1", connection))
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        for name in missing:
            edit = QLineEdit()
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setObjectName(name)
            self.edits[name] = edit
            if name == "tls.key_password":
                label = self.tr("TLS key password")
            elif name.startswith("query "):
                label = self.tr("URL query %1=").replace("%1", name.removeprefix("query "))
            else:
                label = self.tr("Header %1").replace("%1", name.removeprefix("header "))
            form.addRow(label, edit)
        note = QLabel(self.tr("This workspace does not store these values. They are kept in "
                              "memory until Sockscope quits."))
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addLayout(form)
        layout.addWidget(buttons)

    def values(self) -> dict[str, str]:
        return {name: edit.text() for name, edit in self.edits.items()}

"""Help ▸ About."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from gui import APP_NAME


def show_about(parent: QWidget | None) -> QMessageBox:
    """The About box, shown non-modally (``open()``); it deletes itself when closed."""
    box = QMessageBox(QMessageBox.Icon.Information,
                      QCoreApplication.translate("AboutBox", "About {app}").format(app=APP_NAME),
                      QCoreApplication.translate(
                          "AboutBox", "<b>{app}</b><br>A protocol tester for TCP, UDP and "
                          "WebSocket, clients and servers.").format(app=APP_NAME),
                      QMessageBox.StandardButton.Ok, parent)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box

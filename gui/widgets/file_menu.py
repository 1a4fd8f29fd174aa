"""File: the workspace actions (New / Open / Save / Save As / Open Recent), Export log /
Open capture, and Quit.

The workspace actions start disabled; ``gui.app.attach_workspace`` enables them when it wires
them to a document controller.
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget


class FileMenu(QMenu):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("&File"), parent)
        self.new_workspace_action = self.addAction(self.tr("&New workspace"))
        self.new_workspace_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = self.addAction(self.tr("&Open…"))
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.save_action = self.addAction(self.tr("&Save"))
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_as_action = self.addAction(self.tr("Save &As…"))
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.recent_menu = self.addMenu(self.tr("Open &Recent"))
        for action in (self.new_workspace_action, self.open_action, self.save_action,
                       self.save_as_action):
            action.setEnabled(False)
        self.recent_menu.setEnabled(False)
        self.addSeparator()
        self.export_action = self.addAction(self.tr("&Export log…"))
        self.export_action.setShortcut(QKeySequence("Ctrl+Shift+E"))
        self.export_action.setStatusTip(
            self.tr("Write the log as pcapng, JSON Lines, CSV or raw bytes"))
        self.open_capture_action = self.addAction(self.tr("Open &capture…"))
        self.open_capture_action.setStatusTip(
            self.tr("Open a JSON Lines or pcapng capture written by Sockscope, read-only"))
        self.addSeparator()
        self.quit_action = self.addAction(self.tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.setStatusTip(self.tr("Close every connection and quit"))

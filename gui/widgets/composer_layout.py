"""The composer's widgets and their layout; :class:`~gui.widgets.composer.Composer` adds
what they do (validation, sending, history, periodic).  Strings are translated in the
``Composer`` context, as the composer's own are.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QVBoxLayout, QWidget

from gui.widgets.compose_options import ComposeOptions
from gui.widgets.payload_editor import ERROR_COLOR, PayloadEditor
from gui.widgets.peer_combo import PeerCombo
from gui.widgets.periodic_controls import PeriodicControls
from gui.widgets.saved_messages import SavedMessagesList


class ComposerLayout(QWidget):
    """Options, editor with its status line, send / ping / file buttons, the periodic row,
    and the saved messages beside them in a splitter."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # options
        self.options = ComposeOptions()
        self.mode_combo = self.options.mode_combo
        self.escapes_check = self.options.escapes_check
        self.encoding_combo = self.options.encoding_combo
        self.line_ending_combo = self.options.line_ending_combo
        self.ws_kind_combo = self.options.ws_kind_combo
        self.peer_combo = PeerCombo()
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        options.addWidget(self.options)
        options.addStretch(1)

        # editor and its status line
        self.editor = PayloadEditor()
        self.editor.setFont(self.font())
        self.editor.setPlaceholderText(
            QCoreApplication.translate("Composer",
                                       "Payload — Ctrl+Enter sends, Up/Down walk history"))
        self.editor.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("composerError")
        self.error_label.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error_label.setWordWrap(True)
        self.size_label = QLabel()

        # actions
        self.send_button = QPushButton(QCoreApplication.translate("Composer", "Send"))
        self.send_button.setToolTip(QCoreApplication.translate("Composer", "Send (Ctrl+Enter)"))
        self.ping_button = QPushButton(QCoreApplication.translate("Composer", "Ping"))
        self.ping_button.setToolTip(QCoreApplication.translate("Composer", "Send a WebSocket ping"))
        self.file_button = QPushButton(QCoreApplication.translate("Composer", "Send file…"))
        self.file_button.setToolTip(QCoreApplication.translate(
            "Composer", "Send a file's bytes as one message (up to 16 MiB)"))
        self.periodic = PeriodicControls()
        self.interval_spin = self.periodic.interval_spin
        self.count_spin = self.periodic.count_spin
        self.periodic_button = self.periodic.button
        self.periodic_label = self.periodic.label
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.send_button)
        actions.addWidget(self.ping_button)
        actions.addWidget(self.file_button)
        actions.addWidget(self.peer_combo)  # servers: to whom
        actions.addStretch(1)
        actions.addWidget(self.size_label)
        # The periodic row has a line of its own: side by side with the send buttons, the
        # composer's minimum width grew when a WebSocket's Ping button appeared, and the
        # main window took that width from the Connections dock.
        periodic_row = QHBoxLayout()
        periodic_row.setContentsMargins(0, 0, 0, 0)
        periodic_row.addWidget(self.periodic)
        periodic_row.addStretch(1)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(options)
        lv.addWidget(self.editor, 1)
        lv.addWidget(self.error_label)
        lv.addLayout(actions)
        lv.addLayout(periodic_row)
        self.saved = SavedMessagesList()
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.saved)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

"""Composer: type a payload (text with escapes, or hex), check it live, send it.

The composer never touches a connection: it emits ``send_requested(SendRequest)`` and the
window sends (and reports failures back through ``show_send_error``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui import render
from gui.i18n import QT_TRANSLATE_NOOP
from gui.widgets.saved_messages import SavedMessagesList, default_name
from gui.workspace.model import ComposerSettings, PayloadMode, SavedMessage
from transports.codec import ParseError, compose
from transports.frames import FrameKind

FILE_LIMIT = 16 * 1024 * 1024
HISTORY_MAX = 100
PING_MAX = 125  # RFC 6455 §5.5: control frame payloads are at most 125 bytes
LINE_ENDINGS: tuple[tuple[str, str], ...] = (
    (QT_TRANSLATE_NOOP("Composer", "No line ending"), ""),
    (QT_TRANSLATE_NOOP("Composer", "LF (\\n)"), "\n"),
    (QT_TRANSLATE_NOOP("Composer", "CR (\\r)"), "\r"),
    (QT_TRANSLATE_NOOP("Composer", "CRLF (\\r\\n)"), "\r\n"),
)


@dataclass(frozen=True)
class ComposerTarget:
    """What the composer sends to (the selected connection)."""

    name: str
    is_server: bool
    websocket: bool
    connected: bool
    peers: tuple[tuple[int, str], ...] = ()  # (peer connection id, "127.0.0.1:50000")


@dataclass(frozen=True)
class SendRequest:
    payload: bytes
    kind: FrameKind | None  # None = default for the connection; PING; TEXT/BINARY for ws
    peer: int | None  # None = broadcast / the only peer


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


class Composer(QWidget):
    """Editor, options, send / ping / file / periodic controls and saved messages."""

    send_requested = Signal(object)  # SendRequest
    changed = Signal()  # settings, draft or saved messages edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: ComposerTarget | None = None
        self._payload: bytes | None = b""
        self._error = ""
        self._history: list[str] = []
        self._history_pos: int | None = None  # index into history while walking it
        self._draft_before_history = ""
        self._loading = False
        self._periodic_payload = b""
        self._periodic_kind: FrameKind | None = None
        self._periodic_left = 0  # sends still to do; -1 = until stopped
        self._periodic_sent = 0

        # options
        self.mode_combo = QComboBox()
        self.mode_combo.addItem(self.tr("Text"), PayloadMode.TEXT.value)
        self.mode_combo.addItem(self.tr("Hex"), PayloadMode.HEX.value)
        self.mode_combo.setToolTip(self.tr("Type the payload as text or as hex bytes"))
        self.escapes_check = QCheckBox(self.tr("Escapes"))
        self.escapes_check.setToolTip(self.tr("Understand \\n \\r \\t \\0 \\\\ \\xHH in text"))
        self.escapes_check.setChecked(True)
        self.encoding_combo = QComboBox()
        for label, name in render.ENCODINGS:
            self.encoding_combo.addItem(label, name)
        self.encoding_combo.setToolTip(self.tr("Text encoding of the payload"))
        self.line_ending_combo = QComboBox()
        for label, value in LINE_ENDINGS:
            self.line_ending_combo.addItem(QCoreApplication.translate("Composer", label), value)
        self.line_ending_combo.setToolTip(self.tr("Appended to every text message"))
        self.ws_kind_combo = QComboBox()
        self.ws_kind_combo.addItem(self.tr("Text message"), "text")
        self.ws_kind_combo.addItem(self.tr("Binary message"), "binary")
        self.peer_combo = QComboBox()
        self.peer_combo.setMinimumContentsLength(18)
        self.peer_combo.setToolTip(self.tr("Which accepted peer the message goes to"))
        options = QHBoxLayout()
        options.setContentsMargins(0, 0, 0, 0)
        for w in (
            self.mode_combo,
            self.escapes_check,
            self.encoding_combo,
            self.line_ending_combo,
            self.ws_kind_combo,
            self.peer_combo,
        ):
            options.addWidget(w)
        options.addStretch(1)

        # editor and its status line
        self.editor = PayloadEditor()
        self.editor.setFont(self.font())
        self.editor.setPlaceholderText(
            self.tr("Payload — Ctrl+Enter sends, Up/Down walk history"))
        self.editor.setTabChangesFocus(True)
        self.error_label = QLabel()
        self.error_label.setObjectName("composerError")
        self.error_label.setStyleSheet("color: #c62828;")
        self.error_label.setWordWrap(True)
        self.size_label = QLabel()

        # actions
        self.send_button = QPushButton(self.tr("Send"))
        self.send_button.setToolTip(self.tr("Send (Ctrl+Enter)"))
        self.ping_button = QPushButton(self.tr("Ping"))
        self.ping_button.setToolTip(self.tr("Send a WebSocket ping"))
        self.file_button = QPushButton(self.tr("Send file…"))
        self.file_button.setToolTip(self.tr("Send a file's bytes as one message (up to 16 MiB)"))
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 3_600_000)
        self.interval_spin.setSuffix(self.tr(" ms"))
        self.interval_spin.setToolTip(self.tr("Interval between periodic sends"))
        self.interval_spin.setValue(1000)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 1_000_000_000)
        self.count_spin.setSpecialValueText(self.tr("forever"))
        self.count_spin.setToolTip(self.tr("How many periodic sends (0: until stopped)"))
        self.count_spin.setPrefix("")
        self.periodic_button = QPushButton(self.tr("Start periodic"))
        self.periodic_button.setCheckable(True)
        self.periodic_label = QLabel()
        actions = QHBoxLayout()
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.send_button)
        actions.addWidget(self.ping_button)
        actions.addWidget(self.file_button)
        actions.addSpacing(12)
        actions.addWidget(QLabel(self.tr("Every")))
        actions.addWidget(self.interval_spin)
        actions.addWidget(QLabel("×"))
        actions.addWidget(self.count_spin)
        actions.addWidget(self.periodic_button)
        actions.addWidget(self.periodic_label)
        actions.addStretch(1)
        actions.addWidget(self.size_label)

        left = QWidget()
        lv = QVBoxLayout(left)
        lv.setContentsMargins(0, 0, 0, 0)
        lv.addLayout(options)
        lv.addWidget(self.editor, 1)
        lv.addWidget(self.error_label)
        lv.addLayout(actions)
        self.saved = SavedMessagesList()
        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.saved)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

        self._periodic = QTimer(self)
        self._periodic.timeout.connect(self._periodic_tick)
        self._file_dialog: QFileDialog | None = None

        self.editor.textChanged.connect(self._text_changed)
        self.editor.send_pressed.connect(self.send)
        self.editor.history_up.connect(self.history_back)
        self.editor.history_down.connect(self.history_forward)
        for combo in (
            self.mode_combo,
            self.encoding_combo,
            self.line_ending_combo,
            self.ws_kind_combo,
        ):
            combo.currentIndexChanged.connect(self._options_changed)
        self.escapes_check.toggled.connect(self._options_changed)
        self.interval_spin.valueChanged.connect(self._settings_changed)
        self.count_spin.valueChanged.connect(self._settings_changed)
        self.send_button.clicked.connect(self.send)
        self.ping_button.clicked.connect(self.ping)
        self.file_button.clicked.connect(self.choose_file)
        self.periodic_button.toggled.connect(self._periodic_toggled)
        self.saved.add_requested.connect(self.save_current)
        self.saved.send_requested.connect(self.send_saved)
        self.saved.changed.connect(self.changed)
        self.set_target(None)

    # -- public API -----------------------------------------------------------------------

    @property
    def target(self) -> ComposerTarget | None:
        return self._target

    @property
    def payload(self) -> bytes | None:
        """The bytes the editor holds now, or None while the input is invalid."""
        return self._payload

    @property
    def periodic_active(self) -> bool:
        return self._periodic.isActive()

    def set_target(self, target: ComposerTarget | None) -> None:
        """Where sends go; None (no connection selected) disables sending."""
        self._target = target
        websocket = target is not None and target.websocket
        server = target is not None and target.is_server
        self.ws_kind_combo.setVisible(websocket)
        self.ping_button.setVisible(websocket)
        self.peer_combo.setVisible(server)
        previous = self.peer_combo.currentData()
        self.peer_combo.blockSignals(True)
        self.peer_combo.clear()
        self.peer_combo.addItem(self.tr("All peers (broadcast)"), None)
        for peer_id, address in target.peers if target is not None else ():
            self.peer_combo.addItem(address, peer_id)
        index = self.peer_combo.findData(previous) if previous is not None else 0
        self.peer_combo.setCurrentIndex(max(index, 0))
        self.peer_combo.blockSignals(False)
        if target is None or not target.connected:
            self.stop_periodic()
        self._validate()

    def set_settings(self, settings: ComposerSettings, saved: tuple[SavedMessage, ...]) -> None:
        """Load a connection's composer state (no ``changed`` signal)."""
        self._loading = True
        try:
            self.stop_periodic()
            self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(settings.mode.value)))
            self.escapes_check.setChecked(settings.escapes)
            enc = self._encoding_index(settings.encoding)
            self.encoding_combo.setCurrentIndex(enc)
            self.line_ending_combo.setCurrentIndex(
                max(0, self.line_ending_combo.findData(settings.line_ending))
            )
            self.ws_kind_combo.setCurrentIndex(
                max(0, self.ws_kind_combo.findData(settings.ws_kind))
            )
            self.interval_spin.setValue(settings.interval_ms)
            self.count_spin.setValue(settings.repeat_count)
            self._history = list(settings.history)[-HISTORY_MAX:]
            self._history_pos = None
            self.editor.setPlainText(settings.draft)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
            self.saved.set_messages(saved)
        finally:
            self._loading = False
        self._validate()

    def settings(self) -> ComposerSettings:
        return ComposerSettings(
            mode=self._mode(),
            encoding=str(self.encoding_combo.currentData()),
            escapes=self.escapes_check.isChecked(),
            line_ending=str(self.line_ending_combo.currentData()),
            ws_kind=str(self.ws_kind_combo.currentData()),
            interval_ms=self.interval_spin.value(),
            repeat_count=self.count_spin.value(),
            draft=self.editor.toPlainText(),
            history=tuple(self._history),
        )

    def saved_messages(self) -> tuple[SavedMessage, ...]:
        return self.saved.messages()

    def show_send_error(self, message: str) -> None:
        """Show why a send failed (the window calls this)."""
        self._set_error(self.tr("Send failed: {message}").format(message=message))

    # -- sending --------------------------------------------------------------------------

    def send(self) -> bool:
        """Send the editor's payload (Send button, Ctrl+Enter); False if nothing was sent."""
        if not self.send_button.isEnabled() or self._payload is None:
            return False
        text = self.editor.toPlainText()
        self._emit(self._payload, self._data_kind())
        if text and (not self._history or self._history[-1] != text):
            self._history.append(text)
            del self._history[:-HISTORY_MAX]
            self.changed.emit()
        self._history_pos = None
        return True

    def ping(self) -> bool:
        """Send a WebSocket ping carrying the editor's payload (at most 125 bytes)."""
        if not self._can_send() or self._target is None or not self._target.websocket:
            return False
        payload = self._payload or b""
        if len(payload) > PING_MAX:
            self._set_error(self.tr("a ping carries at most {limit} bytes; this is {size}")
                            .format(limit=PING_MAX, size=len(payload)))
            return False
        self._emit(payload, FrameKind.PING)
        return True

    def send_saved(self, message: SavedMessage) -> bool:
        """Send a saved message with the current encoding / escapes / line ending."""
        if not self._can_send():
            return False
        try:
            payload = self._compose(message.payload, message.mode)
        except ParseError as exc:
            self._set_error(self.tr("saved message {name}: {problem}")
                            .format(name=repr(message.name), problem=self._describe(exc)))
            return False
        self._emit(payload, self._data_kind())
        return True

    def send_file(self, path: str) -> bool:
        """Send a file's bytes as one message (at most ``FILE_LIMIT``)."""
        if not self._can_send():
            return False
        try:
            size = os.path.getsize(path)
            if size > FILE_LIMIT:
                self._set_error(
                    self.tr("{file} is {size} bytes; files up to {limit} MiB can be sent")
                    .format(file=os.path.basename(path), size=f"{size:,}",
                            limit=FILE_LIMIT // (1024 * 1024))
                )
                return False
            with open(path, "rb") as f:
                payload = f.read(FILE_LIMIT + 1)
        except OSError as exc:
            self._set_error(self.tr("cannot read {path}: {reason}")
                            .format(path=path, reason=exc.strerror or exc))
            return False
        websocket = self._target is not None and self._target.websocket
        self._emit(payload, FrameKind.BINARY if websocket else None)
        return True

    def choose_file(self) -> None:
        """Ask for a file (non-modal ``open()``, never ``exec()``), then send it."""
        dialog = QFileDialog(self, self.tr("Send file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(self.send_file)
        dialog.finished.connect(dialog.deleteLater)
        self._file_dialog = dialog
        dialog.open()

    def save_current(self) -> None:
        """Save the editor's text (and mode) as a named message."""
        text = self.editor.toPlainText()
        taken = {m.name for m in self.saved.messages()}
        mode = self._mode()
        self.saved.add(SavedMessage(default_name(text, mode, taken), text, mode))

    # -- periodic -------------------------------------------------------------------------

    def start_periodic(self) -> bool:
        """Send the current payload every ``interval`` ms, ``count`` times (0: until stopped)."""
        if not self._can_send() or self._payload is None:
            self.periodic_button.setChecked(False)
            return False
        self._periodic_payload = self._payload
        self._periodic_kind = self._data_kind()
        count = self.count_spin.value()
        self._periodic_left = count if count else -1
        self._periodic_sent = 0
        self._periodic.start(self.interval_spin.value())
        self.periodic_button.blockSignals(True)
        self.periodic_button.setChecked(True)
        self.periodic_button.blockSignals(False)
        self.periodic_button.setText(self.tr("Stop periodic"))
        self.periodic_label.setText("")
        self._periodic_tick()  # the first one goes now
        return True

    def stop_periodic(self) -> None:
        if self._periodic.isActive():
            self._periodic.stop()
        self.periodic_button.blockSignals(True)
        self.periodic_button.setChecked(False)
        self.periodic_button.blockSignals(False)
        self.periodic_button.setText(self.tr("Start periodic"))

    def _periodic_toggled(self, on: bool) -> None:
        if on:
            self.start_periodic()
        else:
            self.stop_periodic()

    def _periodic_tick(self) -> None:
        if self._periodic_left == 0 or not self._connected():
            self.stop_periodic()
            return
        self._emit(self._periodic_payload, self._periodic_kind)
        self._periodic_sent += 1
        if self._periodic_left > 0:
            self._periodic_left -= 1
        total = "" if self._periodic_left < 0 else f"/{self._periodic_sent + self._periodic_left}"
        self.periodic_label.setText(
            self.tr("sent {count}").format(count=f"{self._periodic_sent}{total}"))
        if self._periodic_left == 0:
            self.stop_periodic()

    # -- history --------------------------------------------------------------------------

    def history_back(self) -> None:
        if not self._history:
            return
        if self._history_pos is None:
            self._draft_before_history = self.editor.toPlainText()
            self._history_pos = len(self._history)
        if self._history_pos > 0:
            self._history_pos -= 1
            self._show_history_text(self._history[self._history_pos])

    def history_forward(self) -> None:
        if self._history_pos is None:
            return
        self._history_pos += 1
        if self._history_pos >= len(self._history):
            self._history_pos = None
            self._show_history_text(self._draft_before_history)
        else:
            self._show_history_text(self._history[self._history_pos])

    def _show_history_text(self, text: str) -> None:
        pos = self._history_pos
        self.editor.setPlainText(text)
        self._history_pos = pos  # setPlainText's textChanged resets it
        self.editor.moveCursor(QTextCursor.MoveOperation.End)

    # -- validation -----------------------------------------------------------------------

    def _mode(self) -> PayloadMode:
        return PayloadMode(str(self.mode_combo.currentData()))

    def _compose(self, text: str, mode: PayloadMode) -> bytes:
        payload = compose(
            text,
            mode.value,
            str(self.encoding_combo.currentData()),
            self.escapes_check.isChecked(),
            str(self.line_ending_combo.currentData()),
        )
        if self._data_kind() == FrameKind.TEXT:
            try:
                payload.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise ParseError(
                    self.tr("byte {n} is not UTF-8; a WebSocket text message must be "
                            "UTF-8 (choose a binary message or the UTF-8 encoding)")
                    .format(n=exc.start + 1),
                    line=1,
                    column=1,
                ) from None
        return payload

    @staticmethod
    def _describe(exc: ParseError) -> str:
        if exc.line != 1:
            return str(exc)
        return QCoreApplication.translate("Composer", "column {column}: {reason}").format(
            column=exc.column, reason=exc.reason)

    def _validate(self) -> None:
        text = self.editor.toPlainText()
        selections: list[QTextEdit.ExtraSelection] = []
        try:
            self._payload = self._compose(text, self._mode())
        except ParseError as exc:
            self._payload = None
            self._error = self._describe(exc)
            selections.append(self._mark(exc.line, exc.column))
        except ValueError as exc:
            self._payload = None
            self._error = str(exc)
        else:
            self._error = ""
        self.editor.setExtraSelections(selections)
        self.error_label.setText(self._error)
        self.error_label.setVisible(bool(self._error))
        n = len(self._payload) if self._payload is not None else None
        self.size_label.setText("" if n is None else self.tr("{n} bytes").format(n=f"{n:,}"))
        self._update_buttons()

    def _mark(self, line: int, column: int) -> QTextEdit.ExtraSelection:
        """A red wavy underline under the offending character."""
        block = self.editor.document().findBlockByNumber(line - 1)
        cursor = QTextCursor(block)
        cursor.movePosition(QTextCursor.MoveOperation.Right, n=max(column - 1, 0))
        cursor.movePosition(QTextCursor.MoveOperation.Right, QTextCursor.MoveMode.KeepAnchor)
        fmt = QTextCharFormat()
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(QColor("#c62828"))
        fmt.setBackground(QColor(198, 40, 40, 40))
        selection = QTextEdit.ExtraSelection()
        selection.cursor = cursor
        selection.format = fmt
        return selection

    def _set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _connected(self) -> bool:
        return self._target is not None and self._target.connected

    def _can_send(self) -> bool:
        return self._connected()

    def _update_buttons(self) -> None:
        connected = self._connected()
        self.send_button.setEnabled(connected and self._payload is not None)
        self.ping_button.setEnabled(connected)
        self.file_button.setEnabled(connected)
        self.periodic_button.setEnabled(
            connected and (self._payload is not None or self._periodic.isActive())
        )
        reason = "" if connected else self.tr("Not connected")
        if connected and self._payload is None:
            reason = self.tr("Fix the payload first")
        tip = self.tr("Send (Ctrl+Enter)")
        self.send_button.setToolTip(f"{tip} — {reason}" if reason else tip)

    def _data_kind(self) -> FrameKind | None:
        if self._target is None or not self._target.websocket:
            return None
        return FrameKind.TEXT if self.ws_kind_combo.currentData() == "text" else FrameKind.BINARY

    def _peer(self) -> int | None:
        if self._target is None or not self._target.is_server:
            return None
        data = self.peer_combo.currentData()
        return data if isinstance(data, int) else None

    def _emit(self, payload: bytes, kind: FrameKind | None) -> None:
        self.send_requested.emit(SendRequest(payload, kind, self._peer()))

    def _encoding_index(self, encoding: str) -> int:
        try:
            name = render.check_encoding(encoding)
        except ValueError:
            return 0
        for i in range(self.encoding_combo.count()):
            if render.check_encoding(str(self.encoding_combo.itemData(i))) == name:
                return i
        self.encoding_combo.addItem(encoding, encoding)
        return self.encoding_combo.count() - 1

    def _text_changed(self) -> None:
        self._history_pos = None
        self._validate()
        if not self._loading:
            self.changed.emit()

    def _options_changed(self) -> None:
        self._validate()
        self._settings_changed()

    def _settings_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

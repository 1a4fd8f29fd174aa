"""Composer: type a payload (text with escapes, or hex), check it live, send it.

The composer never touches a connection: it emits ``send_requested(SendRequest)`` (and
``periodic_requested(PeriodicRequest)``) and the window sends, reporting failures back through
``show_send_error`` (and progress through ``periodic_progress`` / ``periodic_finished``).
"""

from __future__ import annotations

import os
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QFileDialog, QWidget

from gui.session.requests import PeriodicRequest, SendRequest
from gui.widgets.composer_draft import DraftPreview, convert_draft
from gui.widgets.composer_layout import ComposerLayout
from gui.widgets.payload_editor import History
from gui.widgets.saved_messages import default_name
from gui.workspace.model import ComposerSettings, HistoryEntry, PayloadMode, SavedMessage
from transports.codec import FrameRuleError, ParseError, check_payload
from transports.frames import FrameKind

FILE_LIMIT = 16 * 1024 * 1024


@dataclass(frozen=True)
class ComposerTarget:
    """What the composer sends to (the selected connection)."""

    name: str
    is_server: bool
    websocket: bool
    connected: bool
    peers: tuple[tuple[int, str], ...] = ()  # (peer connection id, "127.0.0.1:50000")


class Composer(ComposerLayout):
    """Editor, options, send / ping / file / periodic controls and saved messages (laid out
    by :class:`~gui.widgets.composer_layout.ComposerLayout`)."""

    send_requested = Signal(object)  # SendRequest
    periodic_requested = Signal(object)  # PeriodicRequest: the window starts a PeriodicSend
    periodic_stop_requested = Signal()
    changed = Signal()  # settings, draft or saved messages edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._target: ComposerTarget | None = None
        self._draft = DraftPreview()  # the editor's text, compiled
        self._history = History()
        self._loading = False
        self._periodic_running = False
        self._shown_mode = PayloadMode.TEXT  # the mode the draft is written in
        self._file_dialog: QFileDialog | None = None

        self.editor.textChanged.connect(self._text_changed)
        self.editor.send_pressed.connect(self.send)
        self.editor.history_up.connect(self.history_back)
        self.editor.history_down.connect(self.history_forward)
        self.options.changed.connect(self._options_changed)
        self.periodic.changed.connect(self._settings_changed)
        self.periodic.start_requested.connect(self.start_periodic)
        self.periodic.stop_requested.connect(self.stop_periodic)
        self.send_button.clicked.connect(self.send)
        self.ping_button.clicked.connect(self.ping)
        self.file_button.clicked.connect(self.choose_file)
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
        return self._draft.payload

    @property
    def periodic_active(self) -> bool:
        return self._periodic_running

    def set_target(self, target: ComposerTarget | None) -> None:
        """Where sends go; None (no connection selected) disables sending."""
        self._target = target
        websocket = target is not None and target.websocket
        server = target is not None and target.is_server
        self.ws_kind_combo.setVisible(websocket)
        self.ping_button.setVisible(websocket)
        self.peer_combo.setVisible(server)
        self.peer_combo.set_peers(target.peers if target is not None else ())
        if target is None or not target.connected:
            self.stop_periodic()
        self._validate()

    def set_settings(self, settings: ComposerSettings, saved: tuple[SavedMessage, ...]) -> None:
        """Load a connection's composer state (no ``changed`` signal)."""
        self._loading = True
        try:
            self.stop_periodic()
            self.options.load(settings)
            self._shown_mode = settings.mode
            self.periodic_label.clear()  # the counter was another connection's
            self.interval_spin.setValue(settings.interval_ms)
            self.count_spin.setValue(settings.repeat_count)
            self._history = History(settings.history)
            self.editor.setPlainText(settings.draft)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)
            self.saved.set_messages(saved)
        finally:
            self._loading = False
        self._validate()

    def settings(self) -> ComposerSettings:
        return self.options.store(ComposerSettings(
            interval_ms=self.interval_spin.value(),
            repeat_count=self.count_spin.value(),
            draft=self.editor.toPlainText(),
            history=tuple(self._history.entries),
        ))

    def saved_messages(self) -> tuple[SavedMessage, ...]:
        return self.saved.messages()

    def show_send_error(self, message: str) -> None:
        """Show why a send failed (the window calls this)."""
        self._set_error(self.tr("Send failed: {message}").format(message=message))

    # -- sending --------------------------------------------------------------------------

    def send(self) -> bool:
        """Send the editor's payload (Send button, Ctrl+Enter); False if nothing was sent.
        A template is rendered for each send (``{{counter}}`` goes up, time moves on)."""
        payload = self._draft.payload
        if not self.send_button.isEnabled() or payload is None:
            return False
        if self._draft.template is not None and self._draft.varies:
            payload = self._draft.template.render()
            self._validate()  # the preview shows what the next send gives
        self._emit(payload, self._data_kind())
        if self._history.add(HistoryEntry(self.editor.toPlainText(), self._mode())):
            self.changed.emit()
        return True

    def ping(self) -> bool:
        """Send a WebSocket ping carrying the editor's payload (at most 125 bytes)."""
        if not self._connected() or self._target is None or not self._target.websocket:
            return False
        payload = self._draft.payload or b""
        try:
            check_payload(payload, FrameKind.PING)
        except FrameRuleError as exc:
            self._set_error(self.options.describe(exc))
            return False
        self._emit(payload, FrameKind.PING)
        return True

    def send_saved(self, message: SavedMessage) -> bool:
        """Send a saved message with the current encoding / escapes / line ending."""
        if not self._connected():
            return False
        try:
            payload = self._compose(message.payload, message.mode)
        except (ParseError, FrameRuleError) as exc:
            self._set_error(self.tr("saved message {name}: {problem}")
                            .format(name=f"'{message.name}'",
                                    problem=self.options.describe(exc)))
            return False
        self._emit(payload, self._data_kind())
        return True

    def send_file(self, path: str) -> bool:
        """Send a file's bytes as one message (at most ``FILE_LIMIT``)."""
        if not self._connected():
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

    def save_current(self) -> bool:
        """Save the editor's text (and mode) as a named message; refused (False, with the
        reason shown) while it cannot be read as bytes (bad hex, a bad escape).  Frame rules
        (a WebSocket text message must be UTF-8) are checked when it is sent."""
        text = self.editor.toPlainText()
        try:
            self.options.template(text, self._mode())
        except ParseError as exc:
            self._set_error(self.tr("Not saved: {problem}")
                            .format(problem=self.options.describe(exc)))
            return False
        taken = {m.name for m in self.saved.messages()}
        mode = self._mode()
        self.saved.add(SavedMessage(default_name(text, mode, taken), text, mode))
        return True

    # -- periodic: asked for here, run by the window (gui.session.periodic) ----------------

    def start_periodic(self) -> bool:
        """Ask for the current payload every ``interval`` ms, ``count`` times (0: until
        stopped); ``periodic_progress`` and ``periodic_finished`` report back."""
        payload, template = self._draft.payload, self._draft.template
        if not self._connected() or payload is None:
            self.periodic.set_running(False)
            return False
        render = (self._draft.periodic_render(template, self._validate)
                  if template is not None and self._draft.varies else None)
        request = PeriodicRequest(SendRequest(payload, self._data_kind(), self._peer()),
                                  self.interval_spin.value(), self.count_spin.value(), render)
        self._periodic_running = True
        self.periodic.set_running(True)
        self._update_buttons()
        self.periodic_requested.emit(request)
        return True

    def stop_periodic(self) -> None:
        running, self._periodic_running = self._periodic_running, False
        self.periodic.set_running(False)
        if running:
            self.periodic_stop_requested.emit()
            self._update_buttons()

    def periodic_progress(self, sent: int, total: int) -> None:
        self.periodic.show_progress(sent, total)

    def periodic_finished(self, error: str | None = None) -> None:
        """The periodic send ended (all sent, stopped, or a send failed with ``error``)."""
        self._periodic_running = False
        self.periodic.set_running(False)
        self._update_buttons()
        if error:
            self.show_send_error(error)

    # -- history --------------------------------------------------------------------------

    def history_back(self) -> None:
        entry = self._history.back(HistoryEntry(self.editor.toPlainText(), self._mode()))
        if entry is not None:
            self._show_history_entry(entry)

    def history_forward(self) -> None:
        entry = self._history.forward()
        if entry is not None:
            self._show_history_entry(entry)

    def _show_history_entry(self, entry: HistoryEntry) -> None:
        """The entry's text in the mode it was sent in (switching mode, not converting)."""
        pos = self._history.position
        self._shown_mode = entry.mode
        self.mode_combo.setCurrentIndex(max(0, self.mode_combo.findData(entry.mode.value)))
        self.editor.setPlainText(entry.text)
        self._history.position = pos  # setPlainText's textChanged resets it
        self.editor.moveCursor(QTextCursor.MoveOperation.End)

    # -- validation -----------------------------------------------------------------------

    def _mode(self) -> PayloadMode:
        return self.options.mode()

    def _compose(self, text: str, mode: PayloadMode) -> bytes:
        return self.options.compose(text, mode, self._data_kind())

    def _validate(self) -> None:
        text = self.editor.toPlainText()
        draft = self._draft
        mark = draft.update(lambda: self.options.template(text, self._mode()),
                            self._data_kind(), self.options.describe)
        self.editor.mark_error(*mark)
        self.error_label.setText(draft.error)
        self.error_label.setVisible(bool(draft.error))
        n = len(draft.payload) if draft.payload is not None else None
        size = "" if n is None else self.tr("{n} bytes").format(n=f"{n:,}")
        if draft.payload is not None and "{{" in text:  # a template: show what it gives
            size = self.tr("{size}: {hex}").format(size=size, hex=draft.hex_preview())
        self.size_label.setText(size)
        self._update_buttons()

    def _set_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(bool(message))

    def _connected(self) -> bool:
        return self._target is not None and self._target.connected

    def _update_buttons(self) -> None:
        connected = self._connected()
        valid = self._draft.payload is not None
        self.send_button.setEnabled(connected and valid)
        self.ping_button.setEnabled(connected)
        self.file_button.setEnabled(connected)
        self.periodic_button.setEnabled(
            connected and (valid or self._periodic_running))
        reason = "" if connected else self.tr("Not connected")
        if connected and not valid:
            reason = self.tr("Fix the payload first")
        tip = self.tr("Send (Ctrl+Enter)")
        self.send_button.setToolTip(f"{tip} — {reason}" if reason else tip)

    def _data_kind(self) -> FrameKind | None:
        return self.options.kind(self._target is not None and self._target.websocket)

    def _peer(self) -> int | None:
        if self._target is None or not self._target.is_server:
            return None
        return self.peer_combo.peer()

    def _emit(self, payload: bytes, kind: FrameKind | None) -> None:
        self.send_requested.emit(SendRequest(payload, kind, self._peer()))

    def _text_changed(self) -> None:
        self._history.position = None
        self._validate()
        if not self._loading:
            self.changed.emit()

    def _options_changed(self) -> None:
        mode = self._mode()
        if mode is not self._shown_mode and not self._loading:
            self._convert_draft(self._shown_mode, mode)
            self._shown_mode = mode
        self._validate()
        self._settings_changed()

    def _convert_draft(self, old: PayloadMode, new: PayloadMode) -> None:
        """Text → Hex shows the draft's bytes as hex; Hex → Text shows them as text (escaped
        where a byte is not printable: escapes are switched on for that).  A draft that is not
        valid in its old mode stays as typed (its error shows), and so does a template."""
        text = self.editor.toPlainText()
        shown = convert_draft(text, old, new, self.encoding_combo.encoding(),
                              self.escapes_check.isChecked())
        if shown is None:
            return
        converted, escapes = shown
        if escapes:
            self.escapes_check.blockSignals(True)
            self.escapes_check.setChecked(True)
            self.escapes_check.blockSignals(False)
        if converted != text:
            self.editor.setPlainText(converted)
            self.editor.moveCursor(QTextCursor.MoveOperation.End)

    def _settings_changed(self) -> None:
        if not self._loading:
            self.changed.emit()

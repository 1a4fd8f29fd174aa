"""The main window: connection dock on the left, the selected connection's log (top) and
composer (bottom) in the middle, traffic counters in the status bar.

The window owns no connection: the SessionManager does.  It owns the tasks it starts (sends,
the shutdown) in one TaskGroup, and it closes in two steps: the first close event is ignored
while every connection closes, then the window closes for real and emits ``closed``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from PySide6.QtCore import QByteArray, QCoreApplication, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QWidget,
)

from gui.dialogs.connection_editor import ConnectionEditor, default_spec
from gui.i18n import CHINESE, ENGLISH, store_language
from gui.models.connections_model import ConnectionsModel
from gui.session import (
    Entry,
    EntryChanged,
    EntryRemoved,
    PeerJoined,
    PeerLeft,
    SessionError,
    SessionEvent,
    SessionManager,
)
from gui.store import RateMeter
from gui.widgets.composer import Composer, ComposerTarget, SendRequest
from gui.widgets.connection_dock import ConnectionDock
from gui.widgets.log_panel import LogPanel
from gui.workspace import EXTENSION, WindowLayout, missing_secrets
from gui.workspace.model import Role
from gui.workspace_controller import SecretsDialog, fill_secrets
from transports.errors import TransportError
from transports.state import State
from transports.tasks import TaskGroup

log = logging.getLogger(__name__)
_Dialog = TypeVar("_Dialog", ConnectionEditor, SecretsDialog)

APP_NAME = "Sockscope"
STATUS_REFRESH_MS = 500


def _current_language() -> str:
    """The language of the running UI (the one whose translator is installed)."""
    probe = QCoreApplication.translate("MainWindow", "&File")
    return CHINESE if probe != "&File" else ENGLISH


def _size(n: float) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if abs(n) < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n:.1f} GiB"  # pragma: no cover - the loop always returns


class MainWindow(QMainWindow):
    """The application window over a SessionManager."""

    closed = Signal()  # after the final close: every connection is closed, no task pending
    modified = Signal()  # the user changed the workspace (for the unsaved mark)
    workspace_dropped = Signal(object)  # Path of a workspace file dropped on the window

    def __init__(self, manager: SessionManager, *, workspace_path: Path | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self.workspace_path = workspace_path  # opened by the workspace wiring
        self.tasks = TaskGroup("window")
        self._closing = False
        self._really_close = False
        self._current: Entry | None = None
        self._dialogs: set[ConnectionEditor | SecretsDialog] = set()
        # Asked before closing: False holds the close (the guard calls close() again later).
        self.close_guard: Callable[[], bool] | None = None
        self.setWindowTitle(APP_NAME)
        self.setObjectName("main_window")

        self.connections = ConnectionsModel(manager, self)
        self.dock = ConnectionDock(self.connections, self)
        self.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, self.dock)
        self.log_panel = LogPanel()
        self.composer = Composer()
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("central_splitter")
        self.splitter.addWidget(self.log_panel)
        self.splitter.addWidget(self.composer)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)
        self.setCentralWidget(self.splitter)

        self.traffic_label = QLabel()
        self.traffic_label.setToolTip(self.tr("Frames and bytes of the selected connection "
                                              "(since its log was last cleared), and current "
                                              "rates"))
        self.statusBar().addPermanentWidget(self.traffic_label)
        self._rates = RateMeter()
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()

        self._make_menus()
        self.dock.new_requested.connect(self.new_connection)
        self.dock.connect_requested.connect(self.connect_entry)
        self.dock.disconnect_requested.connect(self.disconnect_entry)
        self.dock.edit_requested.connect(self.edit_entry)
        self.dock.duplicate_requested.connect(self.duplicate_entry)
        self.dock.delete_requested.connect(self.delete_entry)
        self.dock.current_changed.connect(self._show_entry)
        self.composer.send_requested.connect(self._send_requested)
        self.composer.changed.connect(self.modified)
        self.log_panel.view_changed.connect(self.modified)
        manager.add_listener(self._on_session)
        self._show_entry(None)
        self._laid_out = False
        self.resize(1360, 860)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._laid_out:  # sizes only stick once the window has its geometry
            self._laid_out = True
            self.apply_default_layout()

    def apply_default_layout(self) -> None:
        """Sensible pane sizes: a dock wide enough for names and addresses, the log above a
        compact composer, and a detail pane tall enough for a few hex dump lines."""
        self.resizeDocks([self.dock], [500], Qt.Orientation.Horizontal)
        height = max(600, self.splitter.height())
        self.splitter.setSizes([height - 230, 230])
        panel = self.log_panel.splitter
        panel.setSizes([max(200, panel.height() - 230), 230])

    # -- menus ------------------------------------------------------------------------------
    def _make_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        # Workspace actions: wired by the workspace engineer; disabled until then.
        self.new_workspace_action = file_menu.addAction(self.tr("&New workspace"))
        self.new_workspace_action.setShortcut(QKeySequence.StandardKey.New)
        self.open_action = file_menu.addAction(self.tr("&Open…"))
        self.open_action.setShortcut(QKeySequence.StandardKey.Open)
        self.save_action = file_menu.addAction(self.tr("&Save"))
        self.save_action.setShortcut(QKeySequence.StandardKey.Save)
        self.save_as_action = file_menu.addAction(self.tr("Save &As…"))
        self.save_as_action.setShortcut(QKeySequence.StandardKey.SaveAs)
        self.recent_menu = file_menu.addMenu(self.tr("Open &Recent"))
        for action in (self.new_workspace_action, self.open_action, self.save_action,
                       self.save_as_action):
            action.setEnabled(False)
        self.recent_menu.setEnabled(False)
        file_menu.addSeparator()
        self.quit_action = file_menu.addAction(self.tr("&Quit"))
        self.quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.quit_action.setStatusTip(self.tr("Close every connection and quit"))
        self.quit_action.triggered.connect(self.close)

        conn_menu = bar.addMenu(self.tr("&Connection"))
        conn_menu.addMenu(self.dock.new_menu)
        conn_menu.addSeparator()
        for action in self.dock.entry_actions():
            conn_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.dock.toggleViewAction())
        self.dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+1"))
        focus_log = view_menu.addAction(self.tr("Focus the &log"))
        focus_log.setShortcut(QKeySequence("Ctrl+L"))
        focus_log.triggered.connect(lambda: self.log_panel.table.setFocus())
        focus_composer = view_menu.addAction(self.tr("Focus the &composer"))
        focus_composer.setShortcut(QKeySequence("Ctrl+E"))
        focus_composer.triggered.connect(lambda: self.composer.editor.setFocus())
        focus_tree = view_menu.addAction(self.tr("Focus the c&onnections"))
        focus_tree.setShortcut(QKeySequence("Ctrl+0"))
        focus_tree.triggered.connect(lambda: self.dock.tree.setFocus())
        view_menu.addSeparator()
        self._make_language_menu(view_menu.addMenu(self.tr("&Language")))

        help_menu = bar.addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("&About Sockscope"))
        about.triggered.connect(self._about)

    def _make_language_menu(self, menu: QMenu) -> None:
        """View ▸ Language: the choice is stored and applies on the next start."""
        self.language_menu = menu
        self.language_group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        current = _current_language()
        for language, label in ((ENGLISH, "English"), (CHINESE, "简体中文")):
            action = menu.addAction(label)  # each language named in its own script
            action.setCheckable(True)
            action.setChecked(language == current)
            action.setData(language)
            self.language_group.addAction(action)
            action.triggered.connect(lambda _checked=False, lang=language:
                                     self.set_language(lang))
            self.language_actions[language] = action

    def set_language(self, language: str) -> None:
        """Store the UI language; tell the user it applies on the next start."""
        store_language(language)
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)
        if language == CHINESE:
            message = "界面语言已设为简体中文，下次启动 Sockscope 时生效。"
        else:
            message = ("The interface language is now English; "
                       "it applies when Sockscope next starts.")
        self.statusBar().showMessage(message, 15_000)

    def _about(self) -> None:
        box = QMessageBox(QMessageBox.Icon.Information,
                          self.tr("About {app}").format(app=APP_NAME),
                          self.tr("<b>{app}</b><br>A protocol tester for TCP, UDP and "
                                  "WebSocket, clients and servers.").format(app=APP_NAME),
                          QMessageBox.StandardButton.Ok, self)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    # -- selection --------------------------------------------------------------------------
    def current_entry(self) -> Entry | None:
        return self._current

    def select_entry(self, entry: Entry) -> None:
        self.dock.select_entry(entry)

    def _show_entry(self, entry: Entry | None) -> None:
        if entry is self._current:
            self._update_target()
            return
        self.store_current()
        self._current = entry
        self._rates.reset()
        if entry is None:
            self.log_panel.set_log(None)
            self.composer.set_target(None)
        else:
            self.log_panel.set_log(entry.log, entry.spec.view)
            self.composer.set_settings(entry.spec.composer, entry.spec.saved_messages)
            self._update_target()
        self.refresh_status()

    def store_current(self) -> None:
        """Keep the composer and view settings of the shown entry in its spec (call before
        saving a workspace; switching connections does it too)."""
        entry = self._current
        if entry is None or self.manager.get(entry.id) is None:
            return
        spec = dataclasses.replace(entry.spec, composer=self.composer.settings(),
                                   saved_messages=self.composer.saved_messages(),
                                   view=self.log_panel.view_settings())
        if spec != entry.spec:
            entry.spec = spec  # no notification: nothing the tree shows changed

    def _update_target(self) -> None:
        entry = self._current
        if entry is None:
            self.composer.set_target(None)
            return
        peers = tuple((p.id, p.label) for p in entry.peer_list())
        self.composer.set_target(ComposerTarget(entry.name, entry.is_server, entry.websocket,
                                                entry.connected, peers))

    # -- session events ---------------------------------------------------------------------
    def _on_session(self, event: SessionEvent) -> None:
        current = self._current
        if isinstance(event, SessionError):
            self.statusBar().showMessage(event.message, 10_000)
        elif isinstance(event, EntryRemoved):
            if current is not None and current.id == event.entry_id:
                self._current = None  # its settings go with it
                self._show_entry(self.dock.current_entry())
        elif (isinstance(event, EntryChanged | PeerJoined | PeerLeft) and current is not None
              and current.id == event.entry_id):
            self._update_target()

    # -- actions ----------------------------------------------------------------------------
    def new_connection(self, kind: str, role: Role) -> ConnectionEditor:
        titles = {("tcp", Role.CLIENT): self.tr("New TCP client"),
                  ("tcp", Role.SERVER): self.tr("New TCP server"),
                  ("udp", Role.CLIENT): self.tr("New UDP"),
                  ("ws", Role.CLIENT): self.tr("New WebSocket client"),
                  ("ws", Role.SERVER): self.tr("New WebSocket server")}
        editor = ConnectionEditor(default_spec(kind, role), self,
                                  title=titles.get((kind, role), self.tr("New connection")))

        def accepted() -> None:
            entry = self.manager.add(editor.spec())
            self.select_entry(entry)

        return self._open_editor(editor, accepted)

    def edit_entry(self, entry: Entry) -> ConnectionEditor:
        editor = ConnectionEditor(entry.spec, self,
                                  title=self.tr("Edit {name}").format(name=entry.name))

        def accepted() -> None:
            if self.manager.get(entry.id) is None:
                return
            self.store_current()
            spec = editor.spec()
            if entry is self._current:  # keep what the composer and log view hold
                spec = dataclasses.replace(spec, composer=entry.spec.composer,
                                           saved_messages=entry.spec.saved_messages,
                                           view=entry.spec.view)
            self.manager.update(entry, spec)
            self.modified.emit()
            if entry.active:
                self.statusBar().showMessage(
                    self.tr("{name}: the new settings apply from the next Connect")
                    .format(name=entry.name), 8000)

        return self._open_editor(editor, accepted)

    def _open_editor(self, editor: _Dialog, accepted: Callable[[], None]) -> _Dialog:
        self._dialogs.add(editor)
        editor.accepted.connect(accepted)
        editor.finished.connect(lambda _result: self._dialog_done(editor))
        editor.open()
        return editor

    def _dialog_done(self, editor: ConnectionEditor | SecretsDialog) -> None:
        self._dialogs.discard(editor)
        editor.deleteLater()

    def connect_entry(self, entry: Entry) -> None:
        missing = missing_secrets(entry.spec)
        if missing:  # withheld from the workspace file: ask, keep them for this session
            dialog = SecretsDialog(entry.name, missing, self)

            def accepted() -> None:
                if self.manager.get(entry.id) is not None:
                    self.manager.update(entry, fill_secrets(entry.spec, dialog.values()))
                    self.connect_entry(entry)

            self._open_editor(dialog, accepted)
            return
        self.statusBar().showMessage(
            self.tr("{name}: connecting…").format(name=entry.name), 3000)
        self.manager.request_connect(entry)

    def disconnect_entry(self, entry: Entry) -> None:
        self.manager.request_disconnect(entry)

    def duplicate_entry(self, entry: Entry) -> None:
        self.store_current()
        self.select_entry(self.manager.duplicate(entry))

    def delete_entry(self, entry: Entry) -> None:
        self.manager.request_remove(entry)

    # -- sending ----------------------------------------------------------------------------
    def _send_requested(self, request: SendRequest) -> None:
        entry = self._current
        if entry is None:
            return
        self.tasks.start(self._send(entry, request), f"send#{entry.id}")

    async def _send(self, entry: Entry, request: SendRequest) -> None:
        try:
            await self.manager.send(entry, request.payload, request.kind, request.peer)
        except (TransportError, ValueError, OSError) as exc:
            message = str(exc)
            if entry is self._current:
                self.composer.show_send_error(message)
            self.statusBar().showMessage(message, 10_000)

    # -- status -----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        entry = self._current
        if entry is None:
            self.traffic_label.setText(self.tr("no connection selected"))
            return
        stats = entry.log.stats
        self._rates.feed_stats(time.monotonic(), stats)
        rates = self._rates.rates()
        self.traffic_label.setText(
            self.tr("in: {frames_in} frames, {bytes_in} ({rate_in}/s, {byte_rate_in}/s)   "
                    "out: {frames_out} frames, {bytes_out} ({rate_out}/s, {byte_rate_out}/s)")
            .format(frames_in=f"{stats.frames_in:,}", bytes_in=_size(stats.bytes_in),
                    rate_in=f"{rates.frames_in:,.0f}", byte_rate_in=_size(rates.bytes_in),
                    frames_out=f"{stats.frames_out:,}", bytes_out=_size(stats.bytes_out),
                    rate_out=f"{rates.frames_out:,.0f}", byte_rate_out=_size(rates.bytes_out)))

    # -- layout (for workspaces) ------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        return {"central": self.splitter, "log": self.log_panel.splitter,
                "composer": self.composer.splitter}

    def splitter_states(self) -> dict[str, QByteArray]:
        return {name: splitter.saveState() for name, splitter in self._splitters().items()}

    def window_layout(self, selected: int = -1) -> WindowLayout:
        """Geometry, dock/toolbar state and splitter sizes, base64-encoded for a workspace."""
        def b64(data: QByteArray) -> str:
            return bytes(data.toBase64().data()).decode("ascii")

        return WindowLayout(b64(self.saveGeometry()), b64(self.saveState()),
                            {name: b64(state) for name, state in self.splitter_states().items()},
                            selected)

    def restore_layout(self, layout: WindowLayout) -> None:
        """Apply a workspace's layout (parts left empty keep the current one)."""
        def data(text: str) -> QByteArray:
            return QByteArray.fromBase64(text.encode("ascii", "replace"))

        if layout.geometry:
            self.restoreGeometry(data(layout.geometry))
        if layout.state:
            self.restoreState(data(layout.state))
        splitters = self._splitters()
        for name, state in layout.splitters.items():
            if name in splitters and state:
                splitters[name].restoreState(data(state))
        if layout.geometry or layout.splitters:
            self._laid_out = True  # the first show must not replace it with the defaults

    # -- drag and drop of workspace files ------------------------------------------------------
    @staticmethod
    def _dropped_workspace(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        for url in mime.urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(EXTENSION):
                return Path(url.toLocalFile())
        return None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_workspace(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_workspace(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        self.workspace_dropped.emit(path)

    # -- closing ----------------------------------------------------------------------------
    @property
    def closing(self) -> bool:
        return self._closing

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._really_close:
            event.accept()
            return
        event.ignore()
        if self._closing:
            return
        if self.close_guard is not None and not self.close_guard():
            return
        self._closing = True
        try:
            asyncio.get_running_loop()
        except RuntimeError:  # no loop (a test without one): nothing can be running
            self._finish_close()
            return
        self.statusBar().showMessage(self.tr("closing connections…"))
        self.tasks.start(self._shutdown(), "shutdown")

    async def _shutdown(self) -> None:
        try:
            await self.manager.close_all()
        except Exception:
            log.exception("closing the session failed")
        await self.tasks.cancel_all()  # pending sends (not this task)
        self._finish_close()

    def _finish_close(self) -> None:
        self.store_current()
        self._status_timer.stop()
        for editor in list(self._dialogs):
            editor.reject()
        self.manager.remove_listener(self._on_session)
        self.connections.detach()
        self._really_close = True
        self.close()
        self.closed.emit()

    def any_connection_active(self) -> bool:
        return any(e.state not in (State.IDLE, State.CLOSED, State.FAILED)
                   for e in self.manager)

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
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import (
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QMainWindow,
    QSplitter,
    QWidget,
)

from gui import APP_NAME
from gui.composer_link import ComposerLink
from gui.connection_actions import ConnectionActions
from gui.dialogs.about import show_about
from gui.dialogs.capture_runner import CaptureController
from gui.dialogs.connection_editor import ConnectionEditor
from gui.dialogs.log_limits import LogLimitsDialog
from gui.dialogs.secrets_dialog import SecretsDialog
from gui.models.connections_model import ConnectionsModel
from gui.relay_link import RelayLink
from gui.rules_link import RulesLink
from gui.scenarios_link import ScenariosLink
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
from gui.widgets.composer import Composer, ComposerTarget
from gui.widgets.connection_dock import ConnectionDock
from gui.widgets.file_menu import FileMenu
from gui.widgets.language_menu import LanguageMenu
from gui.widgets.layout_state import restore_layout, save_layout
from gui.widgets.log_panel import LogPanel
from gui.widgets.state_messages import StateMessages
from gui.widgets.traffic_status import TrafficStatus
from gui.workspace import EXTENSION, WindowLayout
from gui.workspace.model import Role
from transports.tasks import TaskGroup

log = logging.getLogger(__name__)


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
        self._shown_name = ""
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

        self.traffic_label = TrafficStatus()
        self.statusBar().addPermanentWidget(self.traffic_label)
        self.state_messages = StateMessages(
            manager, lambda text: self.statusBar().showMessage(text, 10_000), self)

        self.rules = RulesLink(self, manager)  # auto-reply rules: the engine and its dock
        self.scenarios = ScenariosLink(self, manager, self.tasks)  # send/expect scenarios
        self.scenarios.changed.connect(self.modified)
        self.scenarios.show_rows.connect(self.show_log_rows)
        self.relays = RelayLink(self, manager, self.log_panel.table)  # faults dock, side labels
        self.log_panel.model.set_marker(self.relays.way_label)
        self._make_menus()
        self.connection_actions = ConnectionActions(
            self, manager, select=self.select_entry, store_current=self.store_current,
            current=self.current_entry, scenarios=lambda: self.scenarios.scenarios)
        self.connection_actions.modified.connect(self.modified)
        actions = self.connection_actions
        self.dock.new_requested.connect(actions.new_connection)
        self.dock.connect_requested.connect(actions.connect_entry)
        self.dock.disconnect_requested.connect(actions.disconnect_entry)
        self.dock.edit_requested.connect(actions.edit_entry)
        self.dock.duplicate_requested.connect(actions.duplicate_entry)
        self.dock.delete_requested.connect(actions.delete_entry)
        self.dock.current_changed.connect(self._show_entry)
        self.link = ComposerLink(manager, self.composer, self.tasks, self.current_entry,
                                 lambda text: self.statusBar().showMessage(text, 10_000))
        self.captures = CaptureController(self, self.log_panel, self.tasks, self.current_entry,
                                          lambda text: self.statusBar().showMessage(text, 15_000))
        self.file_menu.export_action.triggered.connect(lambda: self.captures.export_dialog_for())
        self.file_menu.open_capture_action.triggered.connect(self.captures.open_dialog)
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
        self.resizeDocks([self.rules.dock], [460], Qt.Orientation.Horizontal)
        self.resizeDocks([self.dock], [500], Qt.Orientation.Horizontal)
        height = max(600, self.splitter.height())
        self.splitter.setSizes([height - 230, 230])
        panel = self.log_panel.splitter
        panel.setSizes([max(200, panel.height() - 230), 230])

    # -- menus ------------------------------------------------------------------------------
    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = FileMenu(self)
        bar.addMenu(self.file_menu)
        self.new_workspace_action = self.file_menu.new_workspace_action
        self.open_action = self.file_menu.open_action
        self.save_action = self.file_menu.save_action
        self.save_as_action = self.file_menu.save_as_action
        self.recent_menu = self.file_menu.recent_menu
        self.quit_action = self.file_menu.quit_action
        self.quit_action.triggered.connect(self.close)

        conn_menu = bar.addMenu(self.tr("&Connection"))
        conn_menu.addMenu(self.dock.new_menu)
        conn_menu.addSeparator()
        for action in self.dock.entry_actions():
            conn_menu.addAction(action)

        view_menu = bar.addMenu(self.tr("&View"))
        view_menu.addAction(self.dock.toggleViewAction())
        self.dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+1"))
        view_menu.addAction(self.rules.dock.toggleViewAction())
        view_menu.addAction(self.scenarios.dock.toggleViewAction())
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
        self.log_limits_action = view_menu.addAction(self.tr("Log li&mits…"))
        self.log_limits_action.triggered.connect(self.edit_log_limits)
        self.language_menu = LanguageMenu(self.tr("&Language"), view_menu)
        self.language_menu.message.connect(
            lambda text: self.statusBar().showMessage(text, 15_000))
        self.language_actions = self.language_menu.language_actions
        view_menu.addMenu(self.language_menu)

        help_menu = bar.addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("&About Sockscope"))
        about.triggered.connect(lambda: show_about(self))

    def edit_log_limits(self) -> LogLimitsDialog:
        """Open View ▸ Log limits (non-modal); OK applies to every log and marks the
        workspace modified."""
        dialog = LogLimitsDialog(self.manager, self)

        def done() -> None:
            if dialog.changed():
                dialog.apply()
                self.log_panel.model.flush()
                self.traffic_label.refresh()
                self.modified.emit()

        dialog.accepted.connect(done)
        dialog.open()
        return dialog

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
        if entry is None:
            self.log_panel.set_log(None)
            self.composer.set_target(None)
        else:
            self.log_panel.set_log(entry.log, entry.spec.view)
            self.composer.set_settings(entry.spec.composer, entry.spec.saved_messages)
            self._update_target()
        self.traffic_label.set_log(entry.log if entry is not None else None)
        self._shown_name = entry.name if entry is not None else ""
        self.rules.show_entry(entry)
        self.relays.show_entry(entry)

    def show_log_rows(self, entry_id: int, seq: int) -> None:
        """Select the entry and its log row with message number ``seq`` (a scenario step's
        first frame), or the nearest later one the log still holds."""
        entry = self.manager.get(entry_id)
        if entry is None:
            return
        self.select_entry(entry)
        model = self.log_panel.model
        model.flush()
        for candidate in range(seq, seq + 64):
            row = model.row_of_seq(candidate)
            if row is not None:
                self.log_panel.select_row(row)
                return

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
        peers = tuple((p.id, self.relays.peer_label(p)) for p in entry.peer_list())
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
            if current.name != self._shown_name:  # renamed: the docks' titles name it
                self._shown_name = current.name
                self.rules.show_entry(current)
                self.relays.show_entry(current)

    # -- actions (gui.connection_actions; the dock's requests go there) -------------------
    def new_connection(self, kind: str, role: Role) -> ConnectionEditor:
        return self.connection_actions.new_connection(kind, role)

    def edit_entry(self, entry: Entry) -> ConnectionEditor:
        return self.connection_actions.edit_entry(entry)

    def connect_entry(self, entry: Entry) -> None:
        self.connection_actions.connect_entry(entry)

    @property
    def _dialogs(self) -> set[ConnectionEditor | SecretsDialog]:
        return self.connection_actions.dialogs

    # -- status -----------------------------------------------------------------------------
    def refresh_status(self) -> None:
        """Update the traffic counters now (a timer does it every half second)."""
        self.traffic_label.refresh()

    # -- layout (for workspaces) ------------------------------------------------------------
    def _splitters(self) -> dict[str, QSplitter]:
        return {"central": self.splitter, "log": self.log_panel.splitter,
                "composer": self.composer.splitter}

    def window_layout(self, selected: int = -1) -> WindowLayout:
        """Geometry, dock/toolbar state and splitter sizes, base64-encoded for a workspace."""
        return save_layout(self, self._splitters(), selected)

    def restore_layout(self, layout: WindowLayout) -> None:
        """Apply a workspace's layout (parts left empty keep the current one)."""
        if restore_layout(self, self._splitters(), layout):
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
        await self.link.aclose()  # no periodic send into closing connections
        await self.rules.aclose()  # no auto-reply into closing connections
        await self.scenarios.aclose()  # a running scenario stops first
        try:
            await self.manager.close_all()
        except Exception:
            log.exception("closing the session failed")
        await self.tasks.cancel_all()  # pending sends (not this task)
        self._finish_close()

    def _finish_close(self) -> None:
        self.store_current()
        self.traffic_label.stop()
        self.connection_actions.reject_dialogs()
        self.manager.remove_listener(self._on_session)
        self.connections.detach()
        self._really_close = True
        self.close()
        self.closed.emit()

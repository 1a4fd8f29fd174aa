"""The connection manager dock: a tree of connections (servers show their peers) and the
actions on them (toolbar, context menu, keyboard)."""

from __future__ import annotations

import re

from PySide6.QtCore import (
    QCoreApplication,
    QItemSelection,
    QModelIndex,
    QPoint,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDockWidget,
    QHeaderView,
    QMenu,
    QToolBar,
    QToolButton,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from gui.i18n import QT_TRANSLATE_NOOP
from gui.models.connections_model import ADDRESS, KIND, NAME, STATE, ConnectionsModel
from gui.session import Entry
from gui.workspace.model import Role

# (action key, menu text, kind, role, tooltip)
NEW_KINDS: tuple[tuple[str, str, str, Role, str], ...] = (
    ("new_tcp_client", QT_TRANSLATE_NOOP("ConnectionDock", "&TCP client…"), "tcp", Role.CLIENT,
     QT_TRANSLATE_NOOP("ConnectionDock", "Connect to a TCP (or TLS) server")),
    ("new_tcp_server", QT_TRANSLATE_NOOP("ConnectionDock", "TCP &server…"), "tcp", Role.SERVER,
     QT_TRANSLATE_NOOP("ConnectionDock", "Listen for TCP (or TLS) clients")),
    ("new_udp", QT_TRANSLATE_NOOP("ConnectionDock", "&UDP…"), "udp", Role.CLIENT,
     QT_TRANSLATE_NOOP("ConnectionDock", "Send and receive UDP datagrams")),
    ("new_ws_client", QT_TRANSLATE_NOOP("ConnectionDock", "&WebSocket client…"), "ws",
     Role.CLIENT,
     QT_TRANSLATE_NOOP("ConnectionDock", "Connect to a WebSocket (ws:// or wss://) server")),
    ("new_ws_server", QT_TRANSLATE_NOOP("ConnectionDock", "WebSocket se&rver…"), "ws",
     Role.SERVER, QT_TRANSLATE_NOOP("ConnectionDock", "Listen for WebSocket clients")),
    ("new_tcp_relay", QT_TRANSLATE_NOOP("ConnectionDock", "TCP re&lay…"), "tcp", Role.RELAY,
     QT_TRANSLATE_NOOP("ConnectionDock", "Sit between TCP (or TLS) clients and their server; "
                       "see and disturb both ways")),
    ("new_ws_relay", QT_TRANSLATE_NOOP("ConnectionDock", "WebSocket rela&y…"), "ws", Role.RELAY,
     QT_TRANSLATE_NOOP("ConnectionDock", "Sit between WebSocket clients and their server")),
    ("new_udp_relay", QT_TRANSLATE_NOOP("ConnectionDock", "UDP relay…"), "udp", Role.RELAY,
     QT_TRANSLATE_NOOP("ConnectionDock", "Relay datagrams: one upstream socket per client "
                       "address")),
)


def _button_text(text: str) -> str:
    """A menu text for a toolbar button: without the mnemonic ("&Edit…" → "Edit",
    "编辑(&E)…" → "编辑") or the ellipsis."""
    return re.sub(r"\(&[^)]\)", "", text).replace("&", "").rstrip("…").strip()


class ConnectionDock(QDockWidget):
    """Emits ``new_requested(kind, role)`` and ``*_requested(entry)``; the window acts."""

    new_requested = Signal(str, object)  # kind ("tcp", "udp", "ws"), Role
    connect_requested = Signal(object)  # Entry
    disconnect_requested = Signal(object)
    edit_requested = Signal(object)
    duplicate_requested = Signal(object)
    delete_requested = Signal(object)
    current_changed = Signal(object)  # Entry | None

    def __init__(self, model: ConnectionsModel, parent: QWidget | None = None) -> None:
        super().__init__(QCoreApplication.translate("ConnectionDock", "Connections"), parent)
        self.setObjectName("connections_dock")
        self.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable)
        self.model = model
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.toolbar = QToolBar(self.tr("Connection actions"))
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        layout.addWidget(self.toolbar)
        self.tree = QTreeView()
        self.tree.setModel(model)
        self.tree.setUniformRowHeights(True)
        self.tree.setAllColumnsShowFocus(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setExpandsOnDoubleClick(False)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(ADDRESS, QHeaderView.ResizeMode.Stretch)
        for column in (KIND, STATE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.tree, 1)
        self.setWidget(body)
        self._make_actions()
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.doubleClicked.connect(self._double_clicked)
        model.rowsInserted.connect(self._rows_inserted)
        model.dataChanged.connect(lambda *_: self.update_actions())
        model.rowsRemoved.connect(lambda *_: self.update_actions())
        self.update_actions()

    # -- actions ------------------------------------------------------------------------
    def _action(self, text: str, tip: str,
                shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
                *, local: bool = False) -> QAction:
        action = QAction(text, self)
        action.setIconText(_button_text(text))
        action.setToolTip(tip if shortcut is None
                          else f"{tip} ({QKeySequence(shortcut).toString()})")
        action.setStatusTip(tip)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if local:  # only while the tree has the focus (Delete must not fire in an editor)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.tree.addAction(action)
        return action

    def _make_actions(self) -> None:
        self.new_menu = QMenu(self.tr("&New"), self)
        self.new_actions: dict[str, QAction] = {}
        for key, text, kind, role, tip in NEW_KINDS:
            action = self._action(QCoreApplication.translate("ConnectionDock", text),
                                  QCoreApplication.translate("ConnectionDock", tip))
            action.triggered.connect(
                lambda _=False, k=kind, r=role: self.new_requested.emit(k, r))
            self.new_menu.addAction(action)
            self.new_actions[key] = action
        self.new_actions["new_tcp_client"].setShortcut(QKeySequence("Ctrl+Shift+N"))
        self.connect_action = self._action(self.tr("&Connect"),
                                           self.tr("Connect, or start listening"), "F5")
        self.disconnect_action = self._action(self.tr("&Disconnect"),
                                              self.tr("Close the connection or stop listening"),
                                              "Shift+F5")
        self.edit_action = self._action(self.tr("&Edit…"),
                                        self.tr("Edit the connection's settings"), "F2")
        self.duplicate_action = self._action(self.tr("D&uplicate"),
                                             self.tr("Copy the connection"), "Ctrl+D")
        self.delete_action = self._action(self.tr("De&lete"),
                                          self.tr("Close and remove the connection"),
                                          QKeySequence.StandardKey.Delete, local=True)
        for action, signal in ((self.connect_action, self.connect_requested),
                               (self.disconnect_action, self.disconnect_requested),
                               (self.edit_action, self.edit_requested),
                               (self.duplicate_action, self.duplicate_requested),
                               (self.delete_action, self.delete_requested)):
            action.triggered.connect(lambda _=False, s=signal: self._emit_for_current(s))
        new_button = QToolButton()
        new_button.setText(self.tr("New"))
        new_button.setToolTip(self.tr("New connection: TCP, UDP or WebSocket, client or server"))
        new_button.setMenu(self.new_menu)
        new_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.new_button = new_button
        self.toolbar.addWidget(new_button)
        for action in (self.connect_action, self.disconnect_action, self.edit_action,
                       self.duplicate_action, self.delete_action):
            self.toolbar.addAction(action)
        # A side dock (rules, scenarios, relay faults) must not squeeze this one until its
        # buttons overflow into a chevron menu and the addresses are cut to "1…".
        self.widget().setMinimumWidth(self.toolbar.sizeHint().width() + 120)

    def entry_actions(self) -> list[QAction]:
        return [self.connect_action, self.disconnect_action, self.edit_action,
                self.duplicate_action, self.delete_action]

    def _emit_for_current(self, signal: Signal) -> None:
        entry = self.current_entry()
        if entry is not None:
            signal.emit(entry)  # type: ignore[attr-defined]

    def update_actions(self) -> None:
        entry = self.current_entry()
        has = entry is not None
        active = has and entry.active  # type: ignore[union-attr]
        self.connect_action.setEnabled(has and not active)
        self.disconnect_action.setEnabled(active)
        for action in (self.edit_action, self.duplicate_action, self.delete_action):
            action.setEnabled(has)

    # -- selection ------------------------------------------------------------------------
    def current_entry(self) -> Entry | None:
        """The selected entry (the server, when a peer row is selected)."""
        return self.model.entry_at(self.tree.currentIndex())

    def select_entry(self, entry: Entry) -> None:
        index = self.model.index_of(entry)
        if index.isValid():
            self.tree.setCurrentIndex(index)

    def _selection_changed(self, selected: QItemSelection, deselected: QItemSelection) -> None:
        self.update_actions()
        self.current_changed.emit(self.current_entry())

    def _rows_inserted(self, parent: QModelIndex, first: int, last: int) -> None:
        if parent.isValid():
            self.tree.expand(parent)  # show a server's new peers
        self.update_actions()

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid() and not index.internalId():
            entry = self.model.entry_at(index)
            if entry is not None:
                self.edit_requested.emit(entry)

    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self)
        if self.model.entry_at(self.tree.indexAt(pos)) is not None:
            for action in self.entry_actions():
                menu.addAction(action)
            menu.addSeparator()
        menu.addMenu(self.new_menu)
        menu.popup(self.tree.viewport().mapToGlobal(pos))

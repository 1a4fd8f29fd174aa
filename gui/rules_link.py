"""The window's auto-reply rules: the Qt-free :class:`RulesEngine` over the session (following
each entry's ``spec.rules``), the Rules dock showing the selected entry's rules, and the notes
rules write, as ``note`` event rows in that entry's log (gui.store.events)."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gui.automation.rule import Rule
from gui.automation.rules import RulesEngine
from gui.session import Entry, SessionManager
from gui.store.events import EventType, LogEvent, event_frame
from gui.widgets.rules_panel import RulesPanel


class RulesLink(QObject):
    """Owns the engine and the dock; ``show_entry`` follows the window's selection."""

    def __init__(self, window: QMainWindow, manager: SessionManager) -> None:
        super().__init__(window)
        self.manager = manager
        self.engine = RulesEngine(manager, follow_specs=True, note=self._note)
        self.panel = RulesPanel()
        self.dock = QDockWidget(self.tr("Rules"), window)
        self.dock.setObjectName("rules_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        # Hidden until wanted (View ▸ Rules, Ctrl+R), and shown by itself for a connection
        # that has rules, unless the user closed it.
        self.dock.hide()
        self.dock.toggleViewAction().setShortcut("Ctrl+R")
        self._closed_by_user = False
        self.dock.toggleViewAction().triggered.connect(self._toggled)
        self._entry: Entry | None = None
        self._window = window
        self.panel.rules_changed.connect(self._changed)

    def show_entry(self, entry: Entry | None) -> None:
        self._entry = entry
        if entry is None:
            self.panel.set_rules("", (), "utf-8")
        else:
            self.panel.set_rules(entry.name, entry.spec.rules, entry.spec.options.encoding)
            if entry.spec.rules and not self._closed_by_user:
                self.dock.show()

    def _toggled(self, shown: bool) -> None:
        self._closed_by_user = not shown

    def _changed(self, rules: tuple[Rule, ...]) -> None:
        entry = self._entry
        if entry is None or self.manager.get(entry.id) is None or entry.spec.rules == rules:
            return
        self.manager.update(entry, dataclasses.replace(entry.spec, rules=rules))
        modified = getattr(self._window, "modified", None)
        if modified is not None:
            modified.emit()

    @staticmethod
    def _note(entry: Entry, conn_id: int, text: str) -> None:
        entry.log.append(event_frame(conn_id, None, LogEvent(EventType.NOTE, text)))

    async def aclose(self) -> None:
        await self.engine.close()

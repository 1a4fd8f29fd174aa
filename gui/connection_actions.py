"""The window's Connection actions: the connection editor (New, Edit), asking for the secrets
a workspace file withholds before connecting, Connect / Disconnect / Duplicate / Delete.  The
dialogs are non-modal (``open()``) and kept in ``dialogs`` until they finish; the window
rejects what is still open when it closes.

Scenario steps name connections, so names stay unique: the editor refuses another connection's
name, Duplicate picks a free one, and deleting a connection that steps use asks first, listing
the scenarios and steps (they would name a connection that is no longer there).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from gui.automation.connection_refs import group_by_scenario, references
from gui.automation.scenario import Scenario
from gui.dialogs.connection_editor import ConnectionEditor
from gui.dialogs.secrets_dialog import SecretsDialog
from gui.session import Entry, SessionManager
from gui.workspace import fill_secrets, missing_secrets
from gui.workspace.draft import default_spec
from gui.workspace.model import Role

_Dialog = TypeVar("_Dialog", ConnectionEditor, SecretsDialog)


class ConnectionActions(QObject):
    """What the window does for the connection dock's requests (and the Connection menu)."""

    modified = Signal()  # an entry's settings were edited (for the unsaved mark)

    def __init__(self, window: QMainWindow, manager: SessionManager, *,
                 select: Callable[[Entry], None], store_current: Callable[[], None],
                 current: Callable[[], Entry | None],
                 scenarios: Callable[[], tuple[Scenario, ...]] = tuple) -> None:
        super().__init__(window)
        self._scenarios = scenarios  # the workspace's scenarios (their steps name connections)
        self.delete_prompt: QMessageBox | None = None
        self._window = window
        self.manager = manager
        self._select = select  # show an entry in the dock
        self._store_current = store_current  # keep the shown entry's composer and view
        self._current_entry = current
        self.dialogs: set[ConnectionEditor | SecretsDialog] = set()

    def new_connection(self, kind: str, role: Role) -> ConnectionEditor:
        titles = {("tcp", Role.CLIENT): self.tr("New TCP client"),
                  ("tcp", Role.SERVER): self.tr("New TCP server"),
                  ("udp", Role.CLIENT): self.tr("New UDP"),
                  ("ws", Role.CLIENT): self.tr("New WebSocket client"),
                  ("ws", Role.SERVER): self.tr("New WebSocket server")}
        editor = ConnectionEditor(default_spec(kind, role), self._window,
                                  title=titles.get((kind, role), self.tr("New connection")),
                                  taken=self._names())

        def accepted() -> None:
            entry = self.manager.add(editor.spec())
            self._select(entry)

        return self._open_editor(editor, accepted)

    def edit_entry(self, entry: Entry) -> ConnectionEditor:
        editor = ConnectionEditor(entry.spec, self._window,
                                  title=self.tr("Edit {name}").format(name=entry.name),
                                  taken=self._names(entry))

        def accepted() -> None:
            if self.manager.get(entry.id) is None:
                return
            self._store_current()
            spec = editor.spec()
            if entry is self._current_entry():  # keep what the composer and log view hold
                spec = dataclasses.replace(spec, composer=entry.spec.composer,
                                           saved_messages=entry.spec.saved_messages,
                                           view=entry.spec.view)
            self.manager.update(entry, spec)
            self.modified.emit()
            if entry.active:
                self._window.statusBar().showMessage(
                    self.tr("{name}: the new settings apply from the next Connect")
                    .format(name=entry.name), 8000)

        return self._open_editor(editor, accepted)

    def _names(self, but: Entry | None = None) -> frozenset[str]:
        return frozenset(e.name for e in self.manager.entries if e is not but)

    def _open_editor(self, editor: _Dialog, accepted: Callable[[], None]) -> _Dialog:
        self.dialogs.add(editor)
        editor.accepted.connect(accepted)
        editor.finished.connect(lambda _result: self._dialog_done(editor))
        editor.open()
        return editor

    def _dialog_done(self, editor: ConnectionEditor | SecretsDialog) -> None:
        self.dialogs.discard(editor)
        editor.deleteLater()

    def connect_entry(self, entry: Entry) -> None:
        missing = missing_secrets(entry.spec)
        if missing:  # withheld from the workspace file: ask, keep them for this session
            dialog = SecretsDialog(entry.name, missing, self._window)

            def accepted() -> None:
                if self.manager.get(entry.id) is not None:
                    self.manager.update(entry, fill_secrets(entry.spec, dialog.values()))
                    self.connect_entry(entry)

            self._open_editor(dialog, accepted)
            return
        self._window.statusBar().showMessage(
            self.tr("{name}: connecting…").format(name=entry.name), 3000)
        self.manager.request_connect(entry)

    def disconnect_entry(self, entry: Entry) -> None:
        self.manager.request_disconnect(entry)

    def duplicate_entry(self, entry: Entry) -> None:
        self._store_current()
        self._select(self.manager.duplicate(entry))

    def delete_entry(self, entry: Entry) -> QMessageBox | None:
        """Delete now, or — when scenario steps name it (and no other connection has its
        name) — after a confirmation listing them (returned; Cancel keeps it)."""
        uses = references(self._scenarios(), entry.name)
        if not uses or entry.name in self._names(entry):
            self.manager.request_remove(entry)
            return None
        if self.delete_prompt is not None:
            self.delete_prompt.reject()
        lines = [self.tr("“{scenario}”, step(s) {steps}")
                 .format(scenario=scenario, steps=", ".join(steps))
                 for scenario, steps in group_by_scenario(uses).items()]
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Delete {name}?").format(name=entry.name),
            self.tr("{n} scenario step(s) use {name}:").format(n=len(uses), name=entry.name)
            + "\n\n" + "\n".join(f"• {line}" for line in lines[:12])
            + ("\n…" if len(lines) > 12 else ""),
            QMessageBox.StandardButton.Cancel, self._window)
        box.setInformativeText(self.tr(
            "After the delete these steps name a connection that is not there: running the "
            "scenarios stops at them with an error until you edit the steps or add a "
            "connection named {name}.").format(name=entry.name))
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.setObjectName("delete_prompt")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.delete_prompt = box

        def finished(_result: int) -> None:
            if self.delete_prompt is box:
                self.delete_prompt = None
            if box.clickedButton() is delete and self.manager.get(entry.id) is not None:
                self.manager.request_remove(entry)

        box.finished.connect(finished)
        box.open()
        return box

    def reject_dialogs(self) -> None:
        """Close every editor and secrets prompt still open (the window is closing)."""
        for editor in list(self.dialogs):
            editor.reject()
        if self.delete_prompt is not None:
            self.delete_prompt.reject()

"""The open workspace document of a window: its file, the unsaved mark, New / Open / Save /
Save As / Open Recent, the close prompt and autosave to a recovery file.  It knows the window
only as a :class:`~gui.document_window.DocumentWindow`; ``gui.app.attach_workspace`` wires
the two together.

Every dialog is shown with ``open()`` and answered through signals (never ``exec()``: a nested
event loop would re-enter qasync).  Opening a file first loads and validates it completely; a
bad file is reported in a message box and the current workspace stays as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, QStandardPaths, Qt, QTimer, Signal
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui import APP_NAME
from gui.document_window import DocumentWindow
from gui.session import EntryAdded, EntryRemoved, SessionEvent
from gui.widgets.recent_files import RecentFiles, fill_recent_menu
from gui.workspace import (
    EXTENSION,
    Workspace,
    WorkspaceError,
    discard_recovery,
    load,
    load_recovery,
    save,
    save_recovery,
)

log = logging.getLogger(__name__)

AUTOSAVE_MS = 5000

Button = QMessageBox.StandardButton


def default_state_dir() -> Path:
    """Where the recovery file lives (QStandardPaths.AppLocalDataLocation)."""
    location = QStandardPaths.StandardLocation.AppLocalDataLocation
    return Path(QStandardPaths.writableLocation(location))


class WorkspaceController(QObject):
    """Owns the document state of one MainWindow and wires its File menu."""

    state_changed = Signal()  # path or unsaved mark changed

    def __init__(self, window: DocumentWindow, *, parent: QObject | None = None,
                 settings: QSettings | None = None, state_dir: Path | None = None,
                 autosave_ms: int = AUTOSAVE_MS) -> None:
        widget = window if isinstance(window, QWidget) else None
        super().__init__(parent if parent is not None else widget)
        self.window = window
        self._dialog_parent = widget  # dialogs and message boxes are shown over the window
        self.manager = window.manager
        self.settings = settings if settings is not None else QSettings()
        self.recent = RecentFiles(self.settings)
        self.state_dir = state_dir if state_dir is not None else default_state_dir()
        self.path: Path | None = None
        self._dirty = False
        self._loading = 0
        self._extra: dict[str, Any] = {}
        self._close_confirmed = False
        self._keep_recovery = False
        self._offer_pending = False
        self.prompt: QMessageBox | None = None  # the Save / Discard / Cancel question
        self.recovery_box: QMessageBox | None = None
        self.file_dialog: QFileDialog | None = None
        self.dangling_box: QMessageBox | None = None  # steps of the file naming no connection
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(autosave_ms)
        self.autosave_timer.timeout.connect(self.autosave)
        self.manager.add_listener(self._on_session)
        self._update_recent_menu()
        self._update_title()

    # -- document state -------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        return self._dirty

    @property
    def display_name(self) -> str:
        return self.path.name if self.path is not None else self.tr("Untitled")

    def mark_dirty(self) -> None:
        if self._loading:
            return
        if not self._dirty:
            self._dirty = True
            self._update_title()
        if not self.autosave_timer.isActive():
            self.autosave_timer.start()

    def mark_clean(self) -> None:
        self._dirty = False
        self.autosave_timer.stop()
        self._discard_recovery()
        self._update_title()

    def _set_path(self, path: Path | None) -> None:
        self.path = path.resolve() if path is not None else None
        self._update_title()

    def _update_title(self) -> None:
        self.window.setWindowTitle(f"{self.display_name}[*] — {APP_NAME}")
        self.window.setWindowModified(self._dirty)
        self.state_changed.emit()

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, EntryAdded | EntryRemoved):
            self.mark_dirty()

    def build_workspace(self) -> Workspace:
        """The window's connections (with their composer, view and saved messages), the
        message cap and the layout."""
        self.window.store_current()
        entries = self.manager.entries
        current = self.window.current_entry()
        selected = entries.index(current) if current in entries else -1
        return Workspace(tuple(e.spec for e in entries), self.window.window_layout(selected),
                         self.manager.message_cap, self.window.scenarios.scenarios,
                         dict(self._extra),
                         log_byte_cap=self.manager.log_byte_cap)

    # -- asking before the current work is replaced ---------------------------------------
    def _then(self, proceed: Callable[[], object], question: str) -> None:
        """Run ``proceed`` now, or after Save / Discard when there is unsaved work
        (``question`` names the workspace with %1)."""
        if not self._dirty:
            proceed()
            return
        if self.prompt is not None:
            self.prompt.raise_()
            return
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Unsaved changes"),
                          question.replace("%1", self.display_name),
                          Button.Save | Button.Discard | Button.Cancel, self._dialog_parent)
        box.setDefaultButton(Button.Save)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.prompt = box

        def finished(_result: int) -> None:
            self.prompt = None
            clicked = box.standardButton(box.clickedButton())
            if clicked == Button.Save:
                self.save(then=proceed)
            elif clicked == Button.Discard:
                proceed()

        box.finished.connect(finished)
        box.open()

    def close_guard(self) -> bool:
        """MainWindow asks before closing: True to close now; otherwise the answer to the
        prompt closes the window again."""
        if not self._dirty or self._close_confirmed:
            return True

        def close() -> None:
            self._close_confirmed = True
            self.window.close()

        self._then(close, self.tr("Save the changes to %1 before closing?"))
        return False

    def force_close(self) -> None:
        """Close without asking (SIGTERM, Ctrl+C): unsaved work stays in the recovery file
        and is offered at the next start."""
        if self._dirty:
            self.autosave()
            self._keep_recovery = True
        self._close_confirmed = True
        self.window.close()

    def window_closed(self) -> None:
        """The window closed for good (connected to its ``closed`` signal)."""
        self.autosave_timer.stop()
        self.manager.remove_listener(self._on_session)
        if not self._keep_recovery:
            self._discard_recovery()

    # -- New / Open -----------------------------------------------------------------------
    def new_workspace(self) -> None:
        self._then(lambda: self._start(lambda: self.replace(Workspace(), None), "new"),
                   self.tr("Save the changes to %1 before starting a new workspace?"))

    def open_dialog(self) -> QFileDialog:
        dialog = self._file_dialog(self.tr("Open workspace"), QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda name: self.open_path(Path(name)))
        dialog.open()
        return dialog

    def open_path(self, path: Path | str) -> None:
        """Open a workspace file (after asking about unsaved work)."""
        path = Path(path)
        self._then(lambda: self._open_now(path),
                   self.tr("Save the changes to %1 before opening %2?").replace("%2", path.name))

    def _open_now(self, path: Path) -> bool:
        try:
            workspace = load(path)
        except WorkspaceError as exc:
            self.show_error(self.tr("Cannot open the workspace"), str(exc))
            return False
        self._start(lambda: self.replace(workspace, path), "open")
        self._add_recent(path)
        return True

    def _start(self, make: Callable[[], Coroutine[Any, Any, None]], name: str) -> None:
        if not self.window.closing:
            self.window.tasks.start(make(), f"workspace-{name}")

    async def replace(self, workspace: Workspace, path: Path | None, *,
                      dirty: bool = False) -> None:
        """Close every connection, then show ``workspace`` (its servers are not started)."""
        self._loading += 1
        try:
            await self.manager.clear()
            self.manager.message_cap = workspace.message_cap
            self.manager.log_byte_cap = workspace.log_byte_cap
            entries = [self.manager.add(spec) for spec in workspace.connections]
            self.window.restore_layout(workspace.layout)
            selected = workspace.layout.selected
            if entries:
                self.window.select_entry(entries[selected if 0 <= selected < len(entries)
                                                 else 0])
        finally:
            self._loading -= 1
        self._extra = dict(workspace.extra)
        self.window.scenarios.set_scenarios(workspace.scenarios)
        self._set_path(path)
        self.dangling_box = self.window.scenarios.warn_dangling(self.display_name)
        if dirty:
            self.mark_dirty()
        else:
            self.mark_clean()

    # -- Save -----------------------------------------------------------------------------
    def save(self, *, then: Callable[[], object] | None = None) -> bool:
        """Save to the current file (untitled: ask for one).  ``then`` runs once saved."""
        if self.path is None:
            self.save_as_dialog(then=then)
            return False
        if self.save_to(self.path) and then is not None:
            then()
        return True

    def save_as_dialog(self, *, then: Callable[[], object] | None = None) -> QFileDialog:
        dialog = self._file_dialog(self.tr("Save workspace as"),
                                   QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix(EXTENSION.lstrip("."))
        if self.path is not None:
            dialog.selectFile(str(self.path))

        def selected(name: str) -> None:
            if self.save_to(Path(name)) and then is not None:
                then()

        dialog.fileSelected.connect(selected)
        dialog.open()
        return dialog

    def save_to(self, path: Path) -> bool:
        try:
            save(self.build_workspace(), path)
        except WorkspaceError as exc:
            self.show_error(self.tr("Cannot save the workspace"), str(exc))
            return False
        self._set_path(path)
        self._add_recent(path)
        self.mark_clean()
        self.window.statusBar().showMessage(self.tr("Saved %1").replace("%1", str(path)), 5000)
        return True

    def _file_dialog(self, title: str, mode: QFileDialog.AcceptMode) -> QFileDialog:
        if self.file_dialog is not None:
            self.file_dialog.reject()
        folder = str(self.path.parent) if self.path is not None else ""
        dialog = QFileDialog(self._dialog_parent, title, folder,
                             self.tr("Sockscope workspaces (*%1)").replace("%1", EXTENSION))
        dialog.setAcceptMode(mode)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.file_dialog = dialog

        def done() -> None:
            if self.file_dialog is dialog:
                self.file_dialog = None

        dialog.finished.connect(done)
        return dialog

    def show_error(self, title: str, message: str) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Critical, title, message, Button.Ok, self._dialog_parent)
        box.setObjectName("workspace_error")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- recent files ---------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        return self.recent.paths()

    def _add_recent(self, path: Path) -> None:
        self.recent.add(path)
        self._update_recent_menu()

    def _clear_recent(self) -> None:
        self.recent.set([])
        self._update_recent_menu()

    def open_recent(self, path: Path) -> None:
        if not path.is_file():
            self.recent.remove(path)
            self._update_recent_menu()
            self.window.statusBar().showMessage(
                self.tr("%1 no longer exists; removed from the recent files")
                .replace("%1", str(path)), 8000)
            return
        self.open_path(path)

    def _update_recent_menu(self) -> None:
        fill_recent_menu(self.window.recent_menu, self.recent_files(), self.open_recent,
                         self._clear_recent)

    # -- autosave and recovery ------------------------------------------------------------
    def autosave(self) -> None:
        """Write the unsaved work to the recovery file (the timer calls this while dirty)."""
        if not self._dirty:
            self.autosave_timer.stop()
            return
        if self._offer_pending:  # the old recovery is still on offer: keep it
            return
        try:
            save_recovery(self.build_workspace(), self.state_dir, self.path)
        except (WorkspaceError, OSError) as exc:
            self.window.statusBar().showMessage(
                self.tr("Autosave failed: %1").replace("%1", str(exc)), 10_000)

    def _discard_recovery(self) -> None:
        if not self._offer_pending:
            discard_recovery(self.state_dir)

    def offer_recovery(self) -> QMessageBox | None:
        """If a previous session left unsaved work, offer it back (non-modal)."""
        found = load_recovery(self.state_dir)
        if found is None:
            return None
        workspace, source = found
        self._offer_pending = True
        name = source.name if source is not None else self.tr("Untitled")
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Recover unsaved work"),
                          self.tr("Sockscope did not close normally. Restore the unsaved work "
                                  "of %1 (%2 connections)?")
                          .replace("%1", name).replace("%2", str(len(workspace.connections))),
                          Button.NoButton, self._dialog_parent)
        restore = box.addButton(self.tr("Restore"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(Button.Discard)
        box.setDefaultButton(restore)
        box.setObjectName("recovery_offer")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.recovery_box = box

        def finished(_result: int) -> None:
            self.recovery_box = None
            self._offer_pending = False
            if box.clickedButton() is restore:
                self._start(lambda: self.replace(workspace, source, dirty=True), "recover")
            else:
                discard_recovery(self.state_dir)

        box.finished.connect(finished)
        box.open()
        return box

"""The window's scenarios: the workspace's list, the Scenarios dock, and runs of the same
Qt-free :class:`ScenarioRunner` that ``sockscope-cli run`` uses, as an owned task.

Run first starts the workspace's servers that are not listening (as ``sockscope-cli run``
does; they stay on afterwards).  A click on a step that ran selects its connection and, in the
log, the frame the step sent or matched (else the first row its connection logged while the
step ran).

Steps name connections by name: when a connection's name changes (the editor, or an unnamed
client that follows its server taking the server's address at Connect), every step naming the
old name is rewritten to the new one in one change, which marks the workspace modified and says
so in the status bar.  Not when the old name is still another connection's, or the new one
already is (the steps could not tell the two apart either way).
"""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow, QMessageBox

from gui.automation.connection_refs import Dangling, dangling, rename_connection
from gui.automation.scenario import Open, Scenario
from gui.automation.scenario_result import StepResult
from gui.automation.scenario_runner import ScenarioRunner
from gui.session import EntryAdded, EntryChanged, EntryRemoved, SessionEvent, SessionManager
from gui.widgets.scenario_editor import ScenarioEditor
from gui.widgets.scenarios_panel import ScenariosPanel
from transports.errors import TransportError
from transports.options import OptionError
from transports.tasks import TaskGroup
from transports.url import UrlError


class ScenariosLink(QObject):
    changed = Signal()  # the list of scenarios changed (the workspace is modified)
    show_rows = Signal(int, int)  # entry id, the first log row (message number) of a step
    renamed = Signal(str, str, int)  # old name, new name, the steps now naming the new one

    def __init__(self, window: QMainWindow, manager: SessionManager, tasks: TaskGroup) -> None:
        super().__init__(window)
        self.manager = manager
        self.tasks = tasks
        self.scenarios: tuple[Scenario, ...] = ()
        self.panel = ScenariosPanel()
        self.dock = QDockWidget(self.tr("Scenarios"), window)
        self.dock.setObjectName("scenarios_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()  # View ▸ Scenarios (Ctrl+Shift+R)
        self.dock.toggleViewAction().setShortcut("Ctrl+Shift+R")
        self._window = window
        self._task: asyncio.Task[None] | None = None
        self.editor: ScenarioEditor | None = None
        self.panel.run_requested.connect(self.run)
        self.panel.stop_requested.connect(self.stop)
        self.panel.new_requested.connect(self.new)
        self.panel.edit_requested.connect(self.edit)
        self.panel.delete_requested.connect(self.delete)
        self.panel.step_activated.connect(self._activated)
        self._names = {entry.id: entry.name for entry in manager.entries}
        manager.add_listener(self._on_session)

    def set_scenarios(self, scenarios: tuple[Scenario, ...]) -> None:
        self.scenarios = scenarios
        self.panel.set_scenarios(scenarios)
        self._show_missing()
        if scenarios:
            self.dock.show()

    def _replace(self, scenarios: tuple[Scenario, ...], select: str | None) -> None:
        self.scenarios = scenarios
        self.panel.set_scenarios(scenarios, select)
        self._show_missing()
        self.changed.emit()

    # -- steps naming no connection ----------------------------------------------------------
    def dangling(self) -> list[Dangling]:
        """Steps whose connection name matches no connection of the window, or several."""
        return dangling(self.scenarios, (e.name for e in self.manager.entries))

    def problem_text(self, problem: Dangling) -> str:
        if problem.count == 0:
            text = self.tr("Scenario “{scenario}”, step {number}: no connection is named "
                           "“{name}”")
        else:
            text = self.tr("Scenario “{scenario}”, step {number}: {count} connections are "
                           "named “{name}”; rename one")
        return text.format(scenario=problem.ref.scenario, number=problem.ref.number,
                           name=problem.connection, count=problem.count)

    def _show_missing(self) -> None:
        missing: dict[str, dict[str, str]] = {}
        for problem in self.dangling():
            missing.setdefault(problem.ref.scenario, {})[problem.ref.number] = (
                self.problem_text(problem))
        self.panel.set_missing(missing)

    def warn_dangling(self, document: str) -> QMessageBox | None:
        """After ``document`` was opened: a warning listing the steps that name no connection
        of it (None when there are none)."""
        problems = self.dangling()
        if not problems:
            return None
        lines = [f"• {self.problem_text(p)}" for p in problems[:12]]
        if len(problems) > 12:
            lines.append(self.tr("… and {n} more").format(n=len(problems) - 12))
        box = QMessageBox(
            QMessageBox.Icon.Warning, self.tr("Scenario steps without a connection"),
            self.tr("Some scenario steps of {document} name a connection it does not have:")
            .format(document=document) + "\n\n" + "\n".join(lines), QMessageBox.StandardButton.Ok,
            self._window)
        box.setInformativeText(self.tr(
            "Running those scenarios stops at these steps with an error. Edit the steps "
            "(Scenarios ▸ Edit…), or rename a connection to the name they use."))
        box.setObjectName("dangling_steps")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    # -- connection renames -----------------------------------------------------------------
    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, EntryRemoved):
            self._names.pop(event.entry_id, None)
            self._show_missing()
            return
        if not isinstance(event, EntryAdded | EntryChanged):
            return
        entry = self.manager.get(event.entry_id)
        if entry is None:
            return
        old, new = self._names.get(entry.id), entry.name
        self._names[entry.id] = new
        if old == new:
            return
        others = {e.name for e in self.manager.entries if e is not entry}
        if old is None or old in others or new in others or not self.rename_connection(old, new):
            self._show_missing()

    def rename_connection(self, old: str, new: str) -> int:
        """Every step naming ``old`` names ``new`` (one change); how many steps changed.  An
        open scenario editor's text follows too."""
        if self.editor is not None:
            self.editor.rename_connection(old, new, self._encodings())
        scenarios, count = rename_connection(self.scenarios, old, new)
        if count:
            self.scenarios = scenarios
            self.panel.update_steps(scenarios)  # a running scenario's states stay
            self._show_missing()
            self.changed.emit()
            self.renamed.emit(old, new, count)
            self._window.statusBar().showMessage(
                self.tr("{old} is now {new}: {n} scenario step(s) updated")
                .format(old=old, new=new, n=count), 10_000)
        return count

    # -- editing ----------------------------------------------------------------------------
    def _encodings(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for entry in self.manager.entries:
            out.setdefault(entry.name, []).append(entry.spec.options.encoding)
        return out

    def new(self) -> ScenarioEditor:
        first = self.manager.entries[0].name if self.manager.entries else "connection"
        taken = {s.name for s in self.scenarios}
        name = next(n for i in range(1, 1000)
                    if (n := self.tr("Scenario {n}").format(n=i)) not in taken)
        return self._open_editor(Scenario(name, (Open(first),)), new=True)

    def edit(self, name: str) -> ScenarioEditor | None:
        scenario = self.panel.scenario(name)
        return None if scenario is None else self._open_editor(scenario, new=False)

    def _open_editor(self, scenario: Scenario, *, new: bool) -> ScenarioEditor:
        editor = ScenarioEditor(scenario, self._encodings(), {s.name for s in self.scenarios},
                                self._window, new=new)
        editor.edited.connect(self._edited)
        editor.finished.connect(lambda _r: setattr(self, "editor", None))
        self.editor = editor
        editor.open()
        return editor

    def _edited(self, scenario: Scenario, old: str) -> None:
        if old:
            out = tuple(scenario if s.name == old else s for s in self.scenarios)
        else:
            out = (*self.scenarios, scenario)
        self._replace(out, scenario.name)

    def delete(self, name: str) -> None:
        self._replace(tuple(s for s in self.scenarios if s.name != name), None)

    # -- running ----------------------------------------------------------------------------
    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.done()

    def run(self, name: str) -> asyncio.Task[None] | None:
        scenario = self.panel.scenario(name)
        if scenario is None or self.running:
            return None
        self.panel.set_running(True)
        self._task = self.tasks.start(self._run(scenario), f"scenario {name}")
        return self._task

    async def _run(self, scenario: Scenario) -> None:
        runner = ScenarioRunner(self.manager, on_step=self.panel.show_step)
        try:
            # As sockscope-cli run does: the workspace's servers listen first (and stay on).
            for entry in self.manager.entries:
                if entry.is_server and not entry.active:
                    # on failure the session reports why; a step using the server says so too
                    with contextlib.suppress(TransportError, OptionError, UrlError,
                                             ValueError, OSError):
                        await self.manager.connect(entry)
            result = await runner.run(scenario)
            self.panel.show_verdict(result.status, result.elapsed)
        finally:
            self.panel.set_running(False)

    def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()

    def _activated(self, result: StepResult) -> None:
        entry = self.manager.get(result.entry_id) if result.entry_id is not None else None
        if entry is None:
            return
        start, end = result.rows
        target = start + 1  # the step's first row…
        if result.frame is not None:  # …or the frame it sent or matched
            log = entry.log
            for index in range(end - 1, start - 1, -1):
                row = index - log.dropped
                if 0 <= row < len(log) and log.payload(row) == result.frame:
                    target = index + 1
                    break
        self.show_rows.emit(entry.id, target)

    async def aclose(self) -> None:
        self.manager.remove_listener(self._on_session)
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

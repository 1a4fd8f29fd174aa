"""The window's scenarios: the workspace's list, the Scenarios dock, and runs of the same
Qt-free :class:`ScenarioRunner` that ``sockscope-cli run`` uses, as an owned task.

Run first starts the workspace's servers that are not listening (as ``sockscope-cli run``
does; they stay on afterwards).  A click on a step that ran selects its connection and, in the
log, the frame the step sent or matched (else the first row its connection logged while the
step ran).
"""

from __future__ import annotations

import asyncio
import contextlib

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDockWidget, QMainWindow

from gui.automation.scenario import Open, Scenario
from gui.automation.scenario_runner import ScenarioRunner, StepResult
from gui.session import SessionManager
from gui.widgets.scenario_editor import ScenarioEditor
from gui.widgets.scenarios_panel import ScenariosPanel
from transports.errors import TransportError
from transports.options import OptionError
from transports.tasks import TaskGroup
from transports.url import UrlError


class ScenariosLink(QObject):
    changed = Signal()  # the list of scenarios changed (the workspace is modified)
    show_rows = Signal(int, int)  # entry id, the first log row (message number) of a step

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

    def set_scenarios(self, scenarios: tuple[Scenario, ...]) -> None:
        self.scenarios = scenarios
        self.panel.set_scenarios(scenarios)
        if scenarios:
            self.dock.show()

    def _replace(self, scenarios: tuple[Scenario, ...], select: str | None) -> None:
        self.scenarios = scenarios
        self.panel.set_scenarios(scenarios, select)
        self.changed.emit()

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
        task = self._task
        if task is not None and not task.done():
            task.cancel()
            await asyncio.gather(task, return_exceptions=True)

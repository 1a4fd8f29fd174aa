"""The Scenarios panel: pick a scenario, see its steps and each step's state live, Run / Stop.

The panel shows values; the engine is Qt-free (gui.automation.scenario_runner).  Rows are the
scenario's steps (a repeat's block under it); while a scenario runs, a row shows its latest
state (pending, running, passed, failed with the reason, error, skipped) and, inside a repeat,
which iteration.  Clicking a step that ran emits ``step_activated`` with its result, so that the
window can show that step's frames in the log.  Steps are edited as JSON in
:class:`~gui.widgets.scenario_editor.ScenarioEditor` (errors name the JSON path).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.automation.scenario import Repeat, Scenario, Step
from gui.automation.scenario_result import Status, StepResult
from gui.automation.scenario_text import Text

_COLOURS = {Status.PASSED: "#2e7d32", Status.FAILED: "#c62828", Status.ERROR: "#c62828",
            Status.RUNNING: "#1565c0", Status.SKIPPED: "#757575"}


def translated(text: Text) -> str:
    """A step description or reason of the engine in the UI's language."""
    return text.render(lambda template: QCoreApplication.translate("ScenarioText", template))


def reason_of(result: StepResult) -> str:
    return translated(result.why) if result.why is not None else result.reason


class ScenariosPanel(QWidget):
    run_requested = Signal(str)  # scenario name
    stop_requested = Signal()
    new_requested = Signal()
    edit_requested = Signal(str)
    delete_requested = Signal(str)
    step_activated = Signal(object)  # StepResult

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scenarios_panel")
        self._status_names = {
            Status.PENDING: self.tr("pending"), Status.RUNNING: self.tr("running"),
            Status.PASSED: self.tr("passed"), Status.FAILED: self.tr("failed"),
            Status.ERROR: self.tr("error"), Status.SKIPPED: self.tr("skipped")}
        self._scenarios: tuple[Scenario, ...] = ()
        self._items: dict[str, QTreeWidgetItem] = {}
        self._results: dict[str, StepResult] = {}
        self._missing: dict[str, dict[str, str]] = {}  # scenario → step number → why
        self._running = False
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("scenario_combo")
        self.combo.currentIndexChanged.connect(self._show_current)
        top.addWidget(self.combo, 1)
        self.new_button = QPushButton(self.tr("New"))
        self.edit_button = QPushButton(self.tr("Edit…"))
        self.delete_button = QPushButton(self.tr("Delete"))
        for button in (self.new_button, self.edit_button, self.delete_button):
            top.addWidget(button)
        layout.addLayout(top)
        self.tree = QTreeWidget()
        self.tree.setObjectName("scenario_steps")
        self.tree.setHeaderLabels([self.tr("#"), self.tr("Step"), self.tr("State"),
                                   self.tr("Time")])
        # the step text takes what is left: the state ("no connection", a failure) stays in
        # view in a narrow dock
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.tree.setColumnWidth(0, 80)  # "2.10" under a repeat
        self.tree.setColumnWidth(2, 110)
        self.tree.setColumnWidth(3, 70)
        self.tree.itemClicked.connect(self._clicked)
        layout.addWidget(self.tree, 1)
        self.reason = QLabel()
        self.reason.setObjectName("scenario_reason")
        self.reason.setWordWrap(True)
        self.reason.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.reason)
        bottom = QHBoxLayout()
        self.verdict = QLabel()
        bottom.addWidget(self.verdict, 1)
        self.run_button = QPushButton(self.tr("Run"))
        self.run_button.setObjectName("scenario_run")
        self.stop_button = QPushButton(self.tr("Stop"))
        self.stop_button.setObjectName("scenario_stop")
        bottom.addWidget(self.run_button)
        bottom.addWidget(self.stop_button)
        layout.addLayout(bottom)
        self.run_button.clicked.connect(lambda: self.run_requested.emit(self.current_name()))
        self.stop_button.clicked.connect(self.stop_requested)
        self.new_button.clicked.connect(self.new_requested)
        self.edit_button.clicked.connect(lambda: self.edit_requested.emit(self.current_name()))
        self.delete_button.clicked.connect(
            lambda: self.delete_requested.emit(self.current_name()))
        self._update_buttons()

    # -- content ----------------------------------------------------------------------------
    def current_name(self) -> str:
        return str(self.combo.currentData() or "")

    def set_scenarios(self, scenarios: tuple[Scenario, ...], select: str | None = None) -> None:
        keep = select if select is not None else self.current_name()
        self._scenarios = scenarios
        self.combo.blockSignals(True)
        self.combo.clear()
        for scenario in scenarios:
            self.combo.addItem(scenario.name, scenario.name)
        at = self.combo.findData(keep)
        self.combo.setCurrentIndex(at if at >= 0 else 0)
        self.combo.blockSignals(False)
        self._show_current()

    def update_steps(self, scenarios: tuple[Scenario, ...]) -> None:
        """The same scenarios with steps reworded (a connection was renamed): the shown
        steps' texts change in place, their states and results stay."""
        self._scenarios = scenarios
        scenario = self.scenario(self.current_name())
        if scenario is not None:
            self._reword(scenario.steps, "")

    def _reword(self, steps: tuple[Step, ...], prefix: str) -> None:
        for index, step in enumerate(steps, 1):
            item = self._items.get(f"{prefix}{index}")
            if item is not None:
                item.setText(1, translated(step.text()))
                item.setToolTip(1, translated(step.text()))
            if isinstance(step, Repeat):
                self._reword(step.steps, f"{prefix}{index}.")

    def scenario(self, name: str) -> Scenario | None:
        return next((s for s in self._scenarios if s.name == name), None)

    def _show_current(self) -> None:
        self.tree.clear()
        self._items.clear()
        self._results.clear()
        self.reason.clear()
        self.verdict.clear()
        scenario = self.scenario(self.current_name())
        if scenario is not None:
            self._add_steps(self.tree.invisibleRootItem(), scenario.steps, "")
            self.tree.expandAll()
            self.verdict.setText(scenario.description)
            self._mark_missing()
        self._update_buttons()

    def set_missing(self, missing: dict[str, dict[str, str]]) -> None:
        """Steps whose connection is not in the workspace: scenario → step number → why
        (shown in the State column, in red, until a run reports the step)."""
        old = self._missing.get(self.current_name(), {})
        self._missing = missing
        for number in old:
            item = self._items.get(number)
            if item is not None and number not in self._results:
                item.setText(2, self._status_names[Status.PENDING])
                item.setForeground(2, QBrush())
                item.setToolTip(2, "")
        self._mark_missing()

    def _mark_missing(self) -> None:
        for number, why in self._missing.get(self.current_name(), {}).items():
            item = self._items.get(number)
            if item is not None and number not in self._results:
                item.setText(2, self.tr("no connection"))
                item.setForeground(2, QBrush(QColor(_COLOURS[Status.ERROR])))
                item.setToolTip(2, why)

    def _add_steps(self, parent: QTreeWidgetItem, steps: tuple[Step, ...], prefix: str) -> None:
        for index, step in enumerate(steps, 1):
            number = f"{prefix}{index}"
            described = translated(step.text())
            item = QTreeWidgetItem(parent, [number, described,
                                            self._status_names[Status.PENDING], ""])
            item.setToolTip(1, described)
            self._items[number] = item
            if isinstance(step, Repeat):
                self._add_steps(item, step.steps, f"{number}.")

    # -- a run ------------------------------------------------------------------------------
    def set_running(self, running: bool) -> None:
        self._running = running
        if running:
            self._show_current()  # every step pending again
            self._running = True
        self._update_buttons()

    def show_step(self, result: StepResult) -> None:
        """Called by the runner for each step as it starts and ends."""
        item = self._items.get(result.number)
        if item is None:
            return
        state = self._status_names[result.status]
        if result.iteration:
            state = f"{state} ({result.iteration})"
        item.setText(2, state)
        colour = _COLOURS.get(result.status)
        item.setForeground(2, QBrush(QColor(colour)) if colour else QBrush())
        if result.status is not Status.RUNNING:
            item.setText(3, self.tr("{ms} ms").format(ms=f"{result.elapsed * 1000:.0f}")
                         if result.status is not Status.SKIPPED else "")
            self._results[result.number] = result
        reason = reason_of(result)
        item.setToolTip(1, "\n".join(filter(None, (translated(result.step.text()), reason))))
        item.setToolTip(2, reason)
        if result.status in (Status.FAILED, Status.ERROR):
            self.reason.setText(self.tr("Step {n}: {reason}").format(n=result.label,
                                                                    reason=reason))
            self.tree.setCurrentItem(item)

    def show_verdict(self, status: Status, elapsed: float) -> None:
        self.verdict.setText(self.tr("{state} in {seconds} s").format(
            state=self._status_names[status], seconds=f"{elapsed:.2f}"))

    def _clicked(self, item: QTreeWidgetItem, _column: int) -> None:
        result = self._results.get(item.text(0))
        if result is None:
            return
        if result.reason:
            self.reason.setText(self.tr("Step {n}: {reason}").format(n=result.label,
                                                                    reason=reason_of(result)))
        if result.entry_id is not None:
            self.step_activated.emit(result)

    def _update_buttons(self) -> None:
        has = bool(self.current_name())
        self.run_button.setEnabled(has and not self._running)
        self.stop_button.setEnabled(self._running)
        for button in (self.new_button, self.edit_button, self.delete_button, self.combo):
            button.setEnabled(not self._running and (has or button is self.new_button
                                                     or button is self.combo))

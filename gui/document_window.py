"""What the workspace controller needs of the window it keeps the document of: the
:class:`DocumentWindow` protocol (``MainWindow`` fulfils it; ``gui.app`` wires the two, which
do not import each other).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QMenu, QMessageBox, QStatusBar

from gui.automation.scenario import Scenario
from gui.session import Entry, SessionManager
from gui.workspace import WindowLayout
from transports.tasks import TaskGroup


class ScenarioList(Protocol):
    """The window's scenarios (``gui.scenarios_link.ScenariosLink``)."""

    scenarios: tuple[Scenario, ...]

    def set_scenarios(self, scenarios: tuple[Scenario, ...]) -> None: ...

    def warn_dangling(self, document: str) -> QMessageBox | None:
        """A warning listing the steps that name no connection of the window (or None)."""


class DocumentWindow(Protocol):
    """What the controller needs of the window it keeps the document of (``MainWindow``);
    ``gui.app`` wires the window's File actions and signals to the controller."""

    manager: SessionManager
    tasks: TaskGroup
    recent_menu: QMenu

    @property
    def scenarios(self) -> ScenarioList: ...

    @property
    def closing(self) -> bool: ...
    def store_current(self) -> None: ...
    def current_entry(self) -> Entry | None: ...
    def select_entry(self, entry: Entry) -> None: ...
    def window_layout(self, selected: int = -1) -> WindowLayout: ...
    def restore_layout(self, layout: WindowLayout) -> None: ...
    def statusBar(self) -> QStatusBar: ...
    def setWindowTitle(self, title: str) -> None: ...
    def setWindowModified(self, modified: bool) -> None: ...
    def close(self) -> bool: ...

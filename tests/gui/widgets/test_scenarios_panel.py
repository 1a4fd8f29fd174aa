"""The Scenarios panel in the window: Run shows each step's state live, a failure's reason,
Stop, a click on a step shows its frames in the log, editing as JSON with errors by path."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui import i18n
from gui.automation.match import MatchKind, MatchSpec
from gui.automation.scenario import Close, Expect, Open, Scenario, Send, Wait
from gui.main_window import MainWindow
from gui.session import Entry
from gui.workspace import ConnectionSpec, Role
from tests.gui.conftest import until
from tests.transports.conftest import free_port
from transports.framing.base import FramingMode, FramingSpec
from transports.options import Options

Run = Callable[..., Any]
LINES = FramingSpec(FramingMode.DELIMITER, b"\n")
GOOD = Scenario("echo", (Open("cli"), Send("cli", "one\\n"), Send("cli", "two\\n"),
                         Expect("cli", MatchSpec(MatchKind.EXACT, "two"), 3000), Close("cli")),
                "the echo answers")
BAD = Scenario("wrong", (Open("cli"), Send("cli", "ping\\n"),
                         Expect("cli", MatchSpec(MatchKind.EXACT, "pong"), 300), Close("cli")))
SLOW = Scenario("slow", (Open("cli"), Wait(30_000), Close("cli")))


def echo_pair(window: MainWindow, arun: Run) -> Entry:
    manager = window.manager
    server = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                        Options(name="srv", echo=True)))
    arun(manager.connect(server))
    return manager.add(ConnectionSpec(server.address, Role.CLIENT,
                                      Options(name="cli", framing=LINES)))


def states(window: MainWindow) -> list[tuple[str, str]]:
    tree = window.scenarios.panel.tree
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(2))
            for i in range(tree.topLevelItemCount())]


def test_run_shows_each_steps_state_and_a_click_shows_its_frames(
        window: MainWindow, arun: Run, qtbot: QtBot) -> None:
    client = echo_pair(window, arun)
    window.scenarios.set_scenarios((GOOD, BAD))
    panel = window.scenarios.panel
    assert window.scenarios.dock.isVisible()  # a workspace with scenarios shows the dock
    assert [panel.combo.itemText(i) for i in range(panel.combo.count())] == ["echo", "wrong"]
    assert states(window) == [(str(n), "pending") for n in range(1, 6)]

    async def run() -> None:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        assert not panel.run_button.isEnabled() and panel.stop_button.isEnabled()
        await until(lambda: panel.run_button.isEnabled(), message="the run to end")

    arun(run())
    assert states(window) == [(str(n), "passed") for n in range(1, 6)]
    assert panel.verdict.text().startswith("passed in ")
    expect = panel.tree.topLevelItem(3)
    panel.tree.itemClicked.emit(expect, 1)
    assert window.current_entry() is client
    row = window.log_panel.table.currentIndex().row()
    seq = window.log_panel.model.seq_at(row)
    assert client.log.payload(seq - 1) == b"two"  # the frame the step matched

    panel.combo.setCurrentIndex(1)
    arun(run())
    assert states(window) == [("1", "passed"), ("2", "passed"), ("3", "failed"),
                              ("4", "skipped")]
    assert panel.reason.text() == ('Step 3: no frame matched exact "pong" within 300 ms; '
                                   '1 other frame(s) arrived, the last: "ping"')
    assert panel.tree.topLevelItem(2).toolTip(2) == panel.reason.text()[len("Step 3: "):]


def test_stop_ends_a_running_scenario(window: MainWindow, arun: Run, qtbot: QtBot) -> None:
    echo_pair(window, arun)
    window.scenarios.set_scenarios((SLOW,))
    panel = window.scenarios.panel

    async def run_then_stop() -> None:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        await until(lambda: states(window)[1][1] == "running", message="the wait step")
        qtbot.mouseClick(panel.stop_button, Qt.MouseButton.LeftButton)
        await until(lambda: panel.run_button.isEnabled(), message="the run to stop")

    arun(run_then_stop())
    assert states(window) == [("1", "passed"), ("2", "failed"), ("3", "pending")]
    assert panel.tree.topLevelItem(1).toolTip(2) == "stopped"
    assert not window.manager.entries[1].active  # the client the scenario opened is closed


def test_new_and_edit_as_json_with_errors_by_path(window: MainWindow, arun: Run) -> None:
    echo_pair(window, arun)
    modified: list[bool] = []
    window.modified.connect(lambda: modified.append(True))
    editor = window.scenarios.new()
    document = json.loads(editor.text.toPlainText())
    assert document == {"name": "Scenario 1", "description": "",
                        "steps": [{"do": "open", "connection": "srv", "timeout_ms": 10000}]}
    document["steps"].append({"do": "expect", "connection": "cli",
                              "match": {"kind": "regex", "pattern": "(a"}})
    editor.text.setPlainText(json.dumps(document))
    editor.try_accept()
    assert editor.isVisible()
    assert editor.error.text().startswith("steps[1].match.pattern: line 1, column 1: bad "
                                          "regular expression")
    document["steps"][1]["match"]["pattern"] = "(a)"
    editor.text.setPlainText(json.dumps(document))
    editor.try_accept()
    assert not editor.isVisible() and modified
    (added,) = window.scenarios.scenarios
    assert added.steps[1] == Expect("cli", MatchSpec(MatchKind.REGEX, "(a)"))
    assert window.scenarios.panel.current_name() == "Scenario 1"

    again = window.scenarios.edit("Scenario 1")
    assert again is not None
    again.text.setPlainText("{")
    again.try_accept()
    assert again.error.text().startswith("line 1, column 2: invalid JSON")
    again.reject()
    window.scenarios.delete("Scenario 1")
    assert window.scenarios.scenarios == ()


def test_run_starts_the_workspaces_servers_first(window: MainWindow, arun: Run,
                                                  qtbot: QtBot) -> None:
    port = free_port()
    manager = window.manager
    server = manager.add(ConnectionSpec(f"tcp://127.0.0.1:{port}", Role.SERVER,
                                        Options(name="srv", echo=True)))
    manager.add(ConnectionSpec(f"tcp://127.0.0.1:{port}", Role.CLIENT,
                               Options(name="cli", framing=LINES)))
    window.scenarios.set_scenarios((GOOD,))
    panel = window.scenarios.panel

    async def run() -> None:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        await until(lambda: panel.run_button.isEnabled(), message="the run to end")

    arun(run())
    assert states(window) == [(str(n), "passed") for n in range(1, 6)]
    assert server.active  # still listening: the user started a run, not a server session


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    """The UI in 简体中文 (requested before ``window``, so the window is built in it)."""
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    yield
    assert i18n.install_translator(qapp, "en") == "en"


def test_steps_and_reasons_are_shown_in_the_ui_language(
        chinese: None, window: MainWindow, arun: Run, qtbot: QtBot) -> None:
    """The engine gives structured texts; the panel translates them (the CLI stays English)."""
    echo_pair(window, arun)
    window.scenarios.set_scenarios((BAD,))
    panel = window.scenarios.panel
    tree = panel.tree
    assert [tree.topLevelItem(i).text(1) for i in range(4)] == [
        "打开 cli", "向 cli 发送 \"ping\\n\"", "在 300 毫秒内期待 cli 收到完全等于“pong”",
        "关闭 cli"]
    assert BAD.steps[2].describe() == 'expect exact "pong" from cli within 300 ms'

    async def run() -> None:
        qtbot.mouseClick(panel.run_button, Qt.MouseButton.LeftButton)
        await until(lambda: panel.run_button.isEnabled(), message="the run to end")

    arun(run())
    assert [tree.topLevelItem(i).text(2) for i in range(4)] == ["通过", "通过", "失败", "已跳过"]
    assert panel.reason.text() == ("步骤 3：300 毫秒内没有帧匹配完全等于“pong”；收到了 1 个"
                                   "其他帧，最后一个：\"ping\"")
    assert tree.topLevelItem(3).toolTip(2) == "前面的步骤未通过"

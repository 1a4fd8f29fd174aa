"""The window's scenarios and connection names: a file whose steps name no connection opens
with a warning listing them (and the panel marks them), a run stops at them with the reason,
and a name that changes by following a server at Connect carries the steps along."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox

from gui.automation.connection_refs import references
from gui.automation.match import MatchKind, MatchSpec
from gui.automation.scenario import Close, Expect, Open, Repeat, Scenario, Send, Wait
from gui.workspace import ConnectionSpec, Role, Workspace, save
from tests.gui.conftest import until
from tests.gui.test_workspace_controller import Doc, make_doc, settings  # noqa: F401  # noqa: F811  # noqa: F811
from transports.framing.base import FramingMode, FramingSpec
from transports.options import Options

Run = Callable[..., Any]
LINES = FramingSpec(FramingMode.DELIMITER, b"\n")


def _states(doc: Doc) -> list[tuple[str, str]]:
    tree = doc.window.scenarios.panel.tree
    out = []
    for i in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(i)
        out.append((item.text(0), item.text(2)))
        out.extend((item.child(j).text(0), item.child(j).text(2))
                   for j in range(item.childCount()))
    return out


def test_a_file_whose_steps_name_no_connection_opens_with_a_warning_and_runs_to_an_error(
        make_doc: Callable[[], Doc], arun: Run, tmp_path: Path) -> None:  # noqa: F811
    path = tmp_path / "old.sockscope"
    scenario = Scenario("poll", (Open("bench"), Repeat(2, (Send("PLC", "01"), Wait(1))),
                                 Close("bench")))
    bench = ConnectionSpec("tcp://127.0.0.1:1", options=Options(name="bench"))
    save(Workspace((bench,), scenarios=(scenario,)), path)
    doc = make_doc()

    async def opened() -> None:
        doc.controller.open_path(path)  # starts a task: needs the running loop
        await until(lambda: doc.controller.dangling_box is not None, message="the warning")

    arun(opened())
    box = doc.controller.dangling_box
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Scenario steps without a connection"
    assert box.text() == ("Some scenario steps of old.sockscope name a connection it does "
                          "not have:\n\n• Scenario “poll”, step 2.1: no connection is named "
                          "“PLC”")
    box.button(QMessageBox.StandardButton.Ok).click()
    assert _states(doc) == [("1", "pending"), ("2", "pending"), ("2.1", "no connection"),
                            ("2.2", "pending"), ("3", "pending")]
    panel = doc.window.scenarios.panel

    async def run() -> None:
        task = doc.window.scenarios.run("poll")
        assert task is not None
        await task

    arun(run())
    assert _states(doc) == [("1", "skipped"), ("2", "skipped"), ("2.1", "error"),
                            ("2.2", "skipped"), ("3", "skipped")]
    assert panel.reason.text() == ("Step 2.1: no connection is named 'PLC' (the workspace "
                                   "has: 'bench')")
    assert doc.manager.entries[0].log.total == 0  # nothing was opened
    # a connection of that name is added: the mark goes
    doc.manager.add(ConnectionSpec("tcp://127.0.0.1:2", options=Options(name="PLC")))
    panel.set_scenarios(doc.window.scenarios.scenarios)
    assert ("2.1", "pending") in _states(doc)
    assert doc.window.scenarios.warn_dangling("x") is None


def test_a_client_renamed_by_following_its_server_keeps_its_steps(
        make_doc: Callable[[], Doc], arun: Run) -> None:  # noqa: F811
    """An unnamed client is named by its URL; following its server it takes the server's
    address at Connect — the steps follow, during the run and after it."""
    doc = make_doc()
    server = doc.manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                            Options(name="srv", echo=True)))
    stale = "tcp://127.0.0.1:1"
    client = doc.manager.add(ConnectionSpec(stale, Role.CLIENT, Options(framing=LINES),
                                            follows=server.spec.key))
    steps = (Open(stale), Send(stale, "hi\\n"),
             Expect(stale, MatchSpec(MatchKind.EXACT, "hi"), 3000), Close(stale))
    doc.window.scenarios.set_scenarios((Scenario("echo", steps),))
    doc.controller.mark_clean()

    async def run() -> None:
        task = doc.window.scenarios.run("echo")
        assert task is not None
        await task

    arun(run())
    assert client.name == server.address != stale
    assert _states(doc) == [(str(n), "passed") for n in range(1, 5)]  # states kept
    scenarios = doc.window.scenarios.scenarios
    assert references(scenarios, stale) == []
    assert len(references(scenarios, client.name)) == 4
    assert doc.window.scenarios.panel.tree.topLevelItem(0).text(1) == f"open {client.name}"
    assert doc.controller.dirty  # the file's steps change

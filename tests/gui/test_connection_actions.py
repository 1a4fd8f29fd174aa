"""Connection names in the window: scenario steps name connections, so a rename through the
editor rewrites them (one change, the workspace modified), a name another connection has is
refused, and deleting a connection that steps use asks first, listing them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from gui.automation.connection_refs import references
from gui.automation.scenario import Close, Open, Repeat, Scenario, Send, Wait
from gui.dialogs.connection_editor import ConnectionEditor
from gui.session import Entry
from gui.workspace import ConnectionSpec, Role, load
from gui.workspace.scenario_schema import unresolved
from tests.gui.conftest import until
from tests.gui.test_workspace_controller import Doc, make_doc, settings  # noqa: F401  # noqa: F811  # noqa: F811  # noqa: F811
from transports.options import Options

Run = Callable[..., Any]
READ = Scenario("read", (Open("PLC"), Repeat(2, (Send("PLC", "01"), Wait(1))), Close("PLC")))
PSU = Scenario("psu", (Open("PSU"), Send("PLC", "x"), Close("PSU")))


def _workspace(doc: Doc) -> tuple[Entry, Entry]:
    plc = doc.manager.add(ConnectionSpec("tcp://127.0.0.1:1502", Role.CLIENT,
                                         Options(name="PLC")))
    psu = doc.manager.add(ConnectionSpec("tcp://127.0.0.1:5025", Role.CLIENT,
                                         Options(name="PSU")))
    doc.window.scenarios.set_scenarios((READ, PSU))
    doc.controller.mark_clean()
    return plc, psu


def _edit(doc: Doc, entry: Entry, name: str) -> ConnectionEditor:
    doc.window.select_entry(entry)
    doc.window.dock.tree.setFocus()
    doc.window.dock.edit_action.trigger()  # F2, as a user does
    (editor,) = [d for d in doc.window._dialogs if isinstance(d, ConnectionEditor)]
    editor.name_edit.setText(name)
    return editor


def _step_texts(doc: Doc) -> list[str]:
    tree = doc.window.scenarios.panel.tree
    return [tree.topLevelItem(i).text(1) for i in range(tree.topLevelItemCount())]


def test_a_rename_in_the_editor_rewrites_every_step_and_marks_the_workspace_modified(
        make_doc: Callable[[], Doc], tmp_path: Path) -> None:  # noqa: F811
    doc = make_doc()
    plc, _psu = _workspace(doc)
    path = tmp_path / "bench.sockscope"
    assert doc.controller.save_to(path) and not doc.controller.dirty
    scenario_editor = doc.window.scenarios.edit("psu")  # open during the rename
    assert scenario_editor is not None
    editor = _edit(doc, plc, "PLC 2")
    assert editor.ok_button.isEnabled()
    editor.accept()
    assert plc.name == "PLC 2"
    scenarios = doc.window.scenarios.scenarios
    assert references(scenarios, "PLC") == []
    assert [(r.scenario, r.number) for r in references(scenarios, "PLC 2")] == [
        ("read", "1"), ("read", "2.1"), ("read", "3"), ("psu", "2")]
    assert _step_texts(doc) == ["open PLC 2", "repeat 2 times (2 steps)", "close PLC 2"]
    assert doc.window.rules.panel.title.text() == "Auto-reply rules of PLC 2"
    assert doc.controller.dirty and doc.window.isWindowModified()
    assert doc.window.statusBar().currentMessage() == (
        "PLC is now PLC 2: 4 scenario step(s) updated")
    assert '"connection": "PLC 2"' in scenario_editor.text.toPlainText()
    assert '"PLC"' not in scenario_editor.text.toPlainText()
    scenario_editor.try_accept()  # what it saves names the connection by its new name
    assert not scenario_editor.isVisible()
    assert doc.window.scenarios.scenarios == scenarios
    assert doc.controller.save_to(path)
    saved = load(path)
    assert unresolved(saved) == [] and saved.scenarios == scenarios


def test_a_name_another_connection_has_is_refused_on_the_name_field(
        make_doc: Callable[[], Doc]) -> None:  # noqa: F811
    doc = make_doc()
    plc, psu = _workspace(doc)
    editor = _edit(doc, psu, "PLC")
    assert not editor.ok_button.isEnabled()
    assert editor.errors()["name"] == ("another connection is already named PLC; scenario "
                                       "steps name connections, so enter a different name")
    assert editor.summary.text() == "1 field(s) need attention before saving"
    editor.name_edit.setText("PSU")  # its own name is fine
    assert editor.ok_button.isEnabled()
    editor.reject()
    assert (plc.name, psu.name) == ("PLC", "PSU") and not doc.controller.dirty
    # a new connection without a name is named by its URL: that must be free too
    doc.manager.add(ConnectionSpec("tcp://127.0.0.1:9000"))
    doc.window.dock.new_actions["new_tcp_client"].trigger()
    (new,) = [d for d in doc.window._dialogs if isinstance(d, ConnectionEditor)]
    assert new.errors()["name"].startswith(
        "another connection is already named tcp://127.0.0.1:9000;")
    new.name_edit.setText("third")
    assert new.ok_button.isEnabled()
    new.reject()


def test_deleting_a_connection_that_steps_use_asks_first_and_lists_them(
        make_doc: Callable[[], Doc], arun: Run, qtbot: QtBot) -> None:  # noqa: F811
    doc = make_doc()
    plc, psu = _workspace(doc)
    actions = doc.window.connection_actions
    box = actions.delete_entry(plc)
    assert isinstance(box, QMessageBox) and box.isVisible()
    assert box.windowTitle() == "Delete PLC?"
    assert box.text() == ("4 scenario step(s) use PLC:\n\n"
                          "• “read”, step(s) 1, 2.1, 3\n• “psu”, step(s) 2")
    assert "stops at them with an error" in box.informativeText()
    assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert doc.manager.get(plc.id) is plc and not doc.controller.dirty

    async def delete() -> None:
        box = actions.delete_entry(plc)
        assert box is not None
        (delete_button,) = [b for b in box.buttons()
                            if box.buttonRole(b) is QMessageBox.ButtonRole.DestructiveRole]
        delete_button.click()
        await until(lambda: doc.manager.get(plc.id) is None, message="the delete")

    arun(delete())
    assert doc.controller.dirty
    # the steps stay (the user was told) and the panel marks them
    tree = doc.window.scenarios.panel.tree
    assert [tree.topLevelItem(i).text(2) for i in range(3)] == [
        "no connection", "pending", "no connection"]
    assert tree.topLevelItem(0).toolTip(2) == (
        "Scenario “read”, step 1: no connection is named “PLC”")
    # a connection no step uses goes without a question
    doc.window.scenarios.set_scenarios(())

    async def plain() -> None:
        assert actions.delete_entry(psu) is None
        await until(lambda: doc.manager.get(psu.id) is None, message="the delete")

    arun(plain())

"""WorkspaceController: the unsaved mark in the title, the close prompt, broken files reported in
a dialog (current workspace kept), recent files, autosave and recovery after a crash, New, and
secrets asked for on connect."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from gui.app import attach_workspace
from gui.dialogs.secrets_dialog import SecretsDialog
from gui.main_window import MainWindow
from gui.session import SessionManager
from gui.widgets.recent_files import MAX_RECENT
from gui.workspace import (
    ConnectionSpec,
    Role,
    fill_secrets,
    load,
    missing_secrets,
    recovery_path,
)
from gui.workspace.io import RESOURCES
from gui.workspace_controller import AUTOSAVE_MS, WorkspaceController
from tests.gui.conftest import until
from transports.options import Options, TlsOptions
from transports.state import State

Run = Callable[..., Any]
Button = QMessageBox.StandardButton


@dataclass
class Doc:
    window: MainWindow
    controller: WorkspaceController

    @property
    def manager(self) -> SessionManager:
        return self.window.manager

    def names(self) -> list[str]:
        return [e.name for e in self.manager.entries]


@pytest.fixture
def settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def make_doc(qtbot: QtBot, arun: Run, tmp_path: Path,
             settings: QSettings) -> Iterator[Callable[[], Doc]]:
    """Windows with controllers sharing one settings file and one state folder (a restart
    is a second window); every window is closed (without asking) at the end."""
    made: list[Doc] = []

    def make() -> Doc:
        window = MainWindow(SessionManager())
        doc = Doc(window, WorkspaceController(window, settings=settings,
                                              state_dir=tmp_path / "state"))
        attach_workspace(window, doc.controller)
        window.show()
        made.append(doc)
        return doc

    yield make

    async def close_all() -> None:
        for doc in made:
            if doc.window._really_close:
                continue
            closed: list[bool] = []
            doc.window.closed.connect(lambda c=closed: c.append(True))
            doc.controller._close_confirmed = True
            doc.window.close()
            await until(lambda c=closed: bool(c), message="the window to close")  # type: ignore[misc]

    arun(close_all())


def message_box(parent: QWidget, name: str = "") -> QMessageBox:
    boxes = [b for b in parent.findChildren(QMessageBox)
             if b.isVisible() and (not name or b.objectName() == name)]
    assert len(boxes) == 1, f"expected one message box, found {len(boxes)}"
    return boxes[0]


def no_message_box(parent: QWidget) -> bool:
    return not [b for b in parent.findChildren(QMessageBox) if b.isVisible()]


def click(qtbot: QtBot, box: QMessageBox, button: Button) -> None:
    qtbot.mouseClick(box.button(button), Qt.MouseButton.LeftButton)


def tcp_client(name: str, port: int = 9) -> ConnectionSpec:
    return ConnectionSpec(f"tcp://127.0.0.1:{port}", Role.CLIENT, Options(name=name))


def test_title_and_unsaved_mark(make_doc: Callable[[], Doc], qtbot: QtBot,
                                tmp_path: Path) -> None:
    doc = make_doc()
    win, ctl = doc.window, doc.controller
    assert win.windowTitle() == "Untitled[*] — Sockscope"
    assert not win.isWindowModified() and not ctl.dirty
    assert all(a.isEnabled() for a in (win.new_workspace_action, win.open_action,
                                       win.save_action, win.save_as_action))
    entry = doc.manager.add(tcp_client("one"))
    assert win.isWindowModified() and ctl.dirty
    assert ctl.autosave_timer.isActive() and ctl.autosave_timer.interval() == AUTOSAVE_MS
    assert ctl.save_to(tmp_path / "work.sockscope")
    assert win.windowTitle() == "work.sockscope[*] — Sockscope"
    assert not win.isWindowModified() and not ctl.autosave_timer.isActive()
    # Typing in the composer, changing the log view: both are unsaved changes.
    win.select_entry(entry)
    assert not ctl.dirty  # selecting is not a change
    qtbot.keyClicks(win.composer.editor, "abc")
    assert ctl.dirty
    ctl.save()
    assert not ctl.dirty and load(tmp_path / "work.sockscope").connections[0].composer.draft \
        == "abc"
    combo = win.log_panel.display_combo
    combo.setCurrentIndex(1 - combo.currentIndex())
    assert ctl.dirty


def _broken(tmp_path: Path, name: str) -> tuple[Path, str]:
    """A broken workspace file and the JSON location its error must name."""
    path = tmp_path / f"{name}.sockscope"
    if name == "bad_json":
        path.write_text('{"format": "sockscope-workspace", "version": 2,\n  "connections": [}\n')
        return path, "line 2, column"
    document = json.loads((RESOURCES / "demo.sockscope").read_text())
    if name == "wrong_type":
        document["connections"][1]["url"] = 42
        where = "connections[1].url"
    elif name == "bad_enum":
        document["connections"][0]["options"]["framing"]["mode"] = "bogus"
        where = "connections[0].options.framing.mode"
    else:
        document["version"] = 99
        where = "version"
    path.write_text(json.dumps(document))
    return path, where


@pytest.mark.parametrize("name", ["bad_json", "wrong_type", "bad_enum", "newer_version"])
def test_broken_file_shows_dialog_and_keeps_workspace(make_doc: Callable[[], Doc], qtbot: QtBot,
                                                      tmp_path: Path, name: str) -> None:
    doc = make_doc()
    ctl = doc.controller
    doc.manager.add(tcp_client("kept"))
    ctl.save_to(tmp_path / "good.sockscope")
    path, where = _broken(tmp_path, name)
    ctl.open_path(path)
    box = message_box(doc.window, "workspace_error")
    assert str(path) in box.text() and where in box.text()
    click(qtbot, box, Button.Ok)
    assert doc.names() == ["kept"]
    assert ctl.path == (tmp_path / "good.sockscope").resolve() and not ctl.dirty
    assert len(doc.window.tasks) == 0  # nothing was started to replace the workspace
    assert (tmp_path / "good.sockscope").resolve() in ctl.recent_files()
    assert path.resolve() not in ctl.recent_files()


def test_close_prompt_cancel_then_discard(make_doc: Callable[[], Doc], qtbot: QtBot,
                                          arun: Run) -> None:
    doc = make_doc()
    closed: list[bool] = []
    doc.window.closed.connect(lambda: closed.append(True))
    doc.manager.add(tcp_client("unsaved"))

    async def scenario() -> None:
        doc.window.close()
        box = message_box(doc.window)
        assert "Untitled" in box.text()
        click(qtbot, box, Button.Cancel)
        await until(lambda: no_message_box(doc.window))
        assert doc.window.isVisible() and not doc.window.closing and doc.controller.dirty
        doc.window.close()
        click(qtbot, message_box(doc.window), Button.Discard)
        await until(lambda: bool(closed), message="the window to close")

    arun(scenario())
    assert not doc.window.isVisible()


def test_close_prompt_save_untitled_asks_for_a_file(make_doc: Callable[[], Doc], qtbot: QtBot,
                                                    arun: Run, tmp_path: Path) -> None:
    doc = make_doc()
    closed: list[bool] = []
    doc.window.closed.connect(lambda: closed.append(True))
    doc.manager.add(tcp_client("to keep"))
    target = tmp_path / "saved on close"  # the dialog adds the extension

    async def scenario() -> None:
        doc.window.close()
        click(qtbot, message_box(doc.window), Button.Save)
        dialog = doc.controller.file_dialog
        assert isinstance(dialog, QFileDialog) and dialog.isVisible()
        assert dialog.acceptMode() is QFileDialog.AcceptMode.AcceptSave
        dialog.selectFile(str(target))
        dialog.accept()
        await until(lambda: bool(closed), message="the window to close")

    arun(scenario())
    saved = load(tmp_path / "saved on close.sockscope")
    assert [c.name for c in saved.connections] == ["to keep"]


def test_close_prompt_save_to_current_file(make_doc: Callable[[], Doc], qtbot: QtBot,
                                           arun: Run, tmp_path: Path) -> None:
    doc = make_doc()
    closed: list[bool] = []
    doc.window.closed.connect(lambda: closed.append(True))
    doc.controller.save_to(tmp_path / "w.sockscope")
    doc.manager.add(tcp_client("added later"))

    async def scenario() -> None:
        doc.window.close()
        click(qtbot, message_box(doc.window), Button.Save)
        await until(lambda: bool(closed), message="the window to close")

    arun(scenario())
    assert [c.name for c in load(tmp_path / "w.sockscope").connections] == ["added later"]


def test_open_asks_about_unsaved_work(make_doc: Callable[[], Doc], qtbot: QtBot, arun: Run,
                                      tmp_path: Path) -> None:
    first = make_doc()
    first.manager.add(tcp_client("in the file"))
    first.controller.save_to(tmp_path / "other.sockscope")
    doc = make_doc()
    doc.manager.add(tcp_client("unsaved"))

    async def scenario() -> None:
        doc.controller.open_path(tmp_path / "other.sockscope")
        click(qtbot, message_box(doc.window), Button.Cancel)
        await until(lambda: no_message_box(doc.window))
        assert doc.names() == ["unsaved"]
        doc.controller.open_path(tmp_path / "other.sockscope")
        click(qtbot, message_box(doc.window), Button.Discard)
        await until(lambda: doc.names() == ["in the file"], message="the file to open")

    arun(scenario())
    assert not doc.controller.dirty
    assert doc.window.windowTitle().startswith("other.sockscope[*]")


def test_new_workspace_closes_connections(make_doc: Callable[[], Doc], arun: Run) -> None:
    doc = make_doc()
    server = doc.manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, Options(name="s")))

    async def scenario() -> None:
        await doc.manager.connect(server)
        doc.controller.mark_clean()
        doc.window.new_workspace_action.trigger()  # clean: no question
        await until(lambda: len(doc.manager) == 0, message="the workspace to empty")

    arun(scenario())
    assert server.state is State.CLOSED
    assert doc.controller.path is None and not doc.controller.dirty
    assert doc.window.current_entry() is None


def test_recent_files(make_doc: Callable[[], Doc], arun: Run, tmp_path: Path,
                      settings: QSettings) -> None:
    doc = make_doc()
    ctl = doc.controller
    paths = [tmp_path / f"w{i}.sockscope" for i in range(MAX_RECENT + 2)]
    for path in paths:
        assert ctl.save_to(path)
    expected = [p.resolve() for p in reversed(paths)][:MAX_RECENT]
    assert ctl.recent_files() == expected
    actions = [a for a in doc.window.recent_menu.actions() if a.data()]
    assert [Path(a.data()) for a in actions] == expected
    # Kept in QSettings: a new window lists the same files.
    assert make_doc().controller.recent_files() == expected
    # Opening from the menu; a file that has gone is removed with a message.
    paths[3].unlink()
    gone = next(a for a in actions if Path(a.data()) == paths[3].resolve())
    gone.trigger()
    assert paths[3].resolve() not in ctl.recent_files()
    assert "no longer exists" in doc.window.statusBar().currentMessage()
    assert len(doc.window.tasks) == 0
    doc.manager.add(tcp_client("x"))
    ctl.mark_clean()
    first = next(a for a in doc.window.recent_menu.actions()
                 if a.data() and Path(a.data()) == paths[5].resolve())

    async def open_from_menu() -> None:
        first.trigger()
        await until(lambda: len(doc.manager) == 0, message="w5 (empty) to open")

    arun(open_from_menu())
    assert ctl.path == paths[5].resolve() and ctl.recent_files()[0] == paths[5].resolve()


def test_autosave_and_recovery_after_a_crash(make_doc: Callable[[], Doc], qtbot: QtBot,
                                             arun: Run, tmp_path: Path) -> None:
    crashed = make_doc()
    crashed.controller.save_to(tmp_path / "mine.sockscope")
    crashed.manager.add(tcp_client("unsaved work", 4242))
    assert crashed.controller.autosave_timer.isActive()
    crashed.controller.autosave_timer.timeout.emit()  # the 5 s tick
    state = tmp_path / "state"
    assert recovery_path(state).exists()
    # "Restart": a fresh window finds the recovery file and offers it back.
    doc = make_doc()
    box = doc.controller.offer_recovery()
    assert box is not None and box.isVisible()
    assert "mine.sockscope" in box.text()

    async def restore() -> None:
        qtbot.mouseClick(box.defaultButton(), Qt.MouseButton.LeftButton)
        await until(lambda: doc.names() == ["unsaved work"], message="the recovered work")

    arun(restore())
    assert doc.manager.entries[0].spec.url == "tcp://127.0.0.1:4242"
    assert doc.controller.dirty and doc.controller.path == (tmp_path / "mine.sockscope").resolve()
    assert recovery_path(state).exists()  # still unsaved
    assert doc.controller.save()
    assert not recovery_path(state).exists()
    assert [c.name for c in load(tmp_path / "mine.sockscope").connections] == ["unsaved work"]


def test_recovery_can_be_declined(make_doc: Callable[[], Doc], qtbot: QtBot,
                                  tmp_path: Path) -> None:
    crashed = make_doc()
    crashed.manager.add(tcp_client("throw away"))
    crashed.controller.autosave()
    doc = make_doc()
    assert doc.controller.offer_recovery() is not None
    click(qtbot, message_box(doc.window, "recovery_offer"), Button.Discard)
    assert not recovery_path(tmp_path / "state").exists()
    assert doc.names() == [] and doc.controller.offer_recovery() is None


def test_clean_exit_discards_recovery(make_doc: Callable[[], Doc], arun: Run,
                                      tmp_path: Path) -> None:
    doc = make_doc()
    doc.manager.add(tcp_client("x"))
    doc.controller.autosave()
    assert recovery_path(tmp_path / "state").exists()
    doc.controller.force_close()  # SIGTERM: no question, the work stays recoverable
    arun(until(lambda: doc.window._really_close))
    assert recovery_path(tmp_path / "state").exists()
    other = make_doc()
    other.manager.add(tcp_client("y"))
    other.controller.autosave()
    other.controller.mark_clean()  # e.g. Discard on close
    assert not recovery_path(tmp_path / "state").exists()


def test_fill_secrets() -> None:
    spec = ConnectionSpec("wss://127.0.0.1:1/", Role.CLIENT,
                          Options(tls=TlsOptions(key_password=""),
                                  headers=(("Authorization", ""), ("X-Plain", "p"))),
                          secret_headers=("authorization",))
    assert missing_secrets(spec) == ["tls.key_password", "header Authorization"]
    filled = fill_secrets(spec, {"tls.key_password": "pw", "header Authorization": "Bearer t"})
    assert filled.options.tls.key_password == "pw"
    assert filled.options.headers == (("Authorization", "Bearer t"), ("X-Plain", "p"))
    assert missing_secrets(filled) == []


def test_secret_header_is_asked_on_connect_and_not_saved(make_doc: Callable[[], Doc],
                                                         qtbot: QtBot, arun: Run,
                                                         tmp_path: Path) -> None:
    doc = make_doc()
    server = doc.manager.add(ConnectionSpec("ws://127.0.0.1:0/", Role.SERVER,
                                            Options(name="ws server")))
    arun(doc.manager.connect(server))
    client = doc.manager.add(ConnectionSpec(
        server.address, Role.CLIENT, Options(name="ws client", headers=(("X-Token", ""),)),
        secret_headers=("X-Token",)))
    doc.window.connect_entry(client)
    (dialog,) = [d for d in doc.window._dialogs if isinstance(d, SecretsDialog)]
    assert dialog.isVisible() and list(dialog.edits) == ["header X-Token"]
    qtbot.keyClicks(dialog.edits["header X-Token"], "s3cret")

    async def accept() -> None:
        dialog.accept()
        await until(lambda: client.state is State.OPEN, message="the client to connect")

    arun(accept())
    peers = server.peer_list()
    assert len(peers) == 1
    assert client.spec.options.headers == (("X-Token", "s3cret"),)  # kept for the session
    doc.controller.save_to(tmp_path / "secret.sockscope")
    text = (tmp_path / "secret.sockscope").read_text()
    assert "s3cret" not in text
    assert missing_secrets(load(tmp_path / "secret.sockscope").connections[1]) == \
        ["header X-Token"]


def test_scenarios_survive_open_and_save_in_the_window(make_doc: Callable[[], Doc],
                                                        arun: Run, tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "workspace" / "fixtures" / "v3.sockscope"
    doc = make_doc()

    async def scenario() -> None:
        doc.controller.open_path(fixture)
        await until(lambda: len(doc.names()) == 2, message="the file to open")

    arun(scenario())
    doc.controller.save_to(tmp_path / "saved.sockscope")
    saved = load(tmp_path / "saved.sockscope")
    assert saved.scenarios == load(fixture).scenarios
    assert [s.name for s in saved.scenarios] == ["read status", "text and JSON"]

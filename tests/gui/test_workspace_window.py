"""Workspaces through the window: connections and saved messages built by clicking, saved with
File ▸ Save As…, opened with File ▸ Open… in a fresh window (same connections, messages, view
settings, selection and pane sizes); a dropped file and a file on the command line open too."""

from __future__ import annotations

import asyncio
import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, QSettings, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

import gui.app
from gui.dialogs.connection_editor import ConnectionEditor
from gui.main_window import MainWindow
from gui.session import Entry
from gui.workspace import ConnectionSpec, PayloadMode, Role, SavedMessage, load
from gui.workspace_controller import WorkspaceController
from tests.gui.conftest import until
from tests.gui.test_workspace_controller import Doc, make_doc, settings  # noqa: F401
from transports.options import Options

Run = Callable[..., Any]


def _choose(combo: QComboBox, data: str) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)  # what a click in the popup does (activated aside)


def _new_connection(window: MainWindow, qtbot: QtBot, action: str, name: str, port: str,
                    path: str = "") -> Entry:
    window.dock.new_actions[action].trigger()
    (editor,) = [d for d in window._dialogs if isinstance(d, ConnectionEditor)]
    editor.name_edit.clear()
    qtbot.keyClicks(editor.name_edit, name)
    editor.port_edit.clear()
    qtbot.keyClicks(editor.port_edit, port)
    if path:
        editor.path_edit.clear()
        qtbot.keyClicks(editor.path_edit, path)
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    entry = window.current_entry()
    assert entry is not None and entry.name == name
    return entry


def _choose_file(doc: Doc, path: Path) -> None:
    dialog = doc.controller.file_dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()


def test_round_trip_through_the_menus(make_doc: Callable[[], Doc], qtbot: QtBot,  # noqa: F811
                                      arun: Run, tmp_path: Path) -> None:
    doc = make_doc()
    win = doc.window
    server = _new_connection(win, qtbot, "new_tcp_server", "echo server", "0")
    client = _new_connection(win, qtbot, "new_ws_client", "api client", "8765", "/feed")
    assert doc.controller.dirty and win.isWindowModified()
    # The client's composer: two saved messages (text, hex) and a hex draft.
    qtbot.keyClicks(win.composer.editor, "hello")
    qtbot.mouseClick(win.composer.saved.add_button, Qt.MouseButton.LeftButton)
    win.composer.editor.clear()
    _choose(win.composer.mode_combo, PayloadMode.HEX.value)
    qtbot.keyClicks(win.composer.editor, "01 02 ff")
    qtbot.mouseClick(win.composer.saved.add_button, Qt.MouseButton.LeftButton)
    saved = win.composer.saved_messages()
    assert [(m.payload, m.mode) for m in saved] == [("hello", PayloadMode.TEXT),
                                                   ("01 02 ff", PayloadMode.HEX)]
    # The client's log view: text preview, relative time; the server's: Latin-1.
    _choose(win.log_panel.display_combo, "text")
    _choose(win.log_panel.time_combo, "relative")
    win.select_entry(server)
    _choose(win.log_panel.encoding_combo, "latin-1")
    server_view = win.log_panel.view_settings()
    win.select_entry(client)
    win.splitter.setSizes([450, 350])
    sizes = win.splitter.sizes()

    target = tmp_path / "built by clicking.sockscope"
    win.save_as_action.trigger()
    _choose_file(doc, target)
    assert not doc.controller.dirty and not win.isWindowModified()
    assert win.windowTitle() == "built by clicking.sockscope[*] — Sockscope"
    assert [c.name for c in load(target).connections] == ["echo server", "api client"]

    fresh = make_doc()

    async def open_it() -> None:
        fresh.window.open_action.trigger()
        assert fresh.controller.file_dialog is not None
        assert fresh.controller.file_dialog.fileMode() is QFileDialog.FileMode.ExistingFile
        _choose_file(fresh, target)
        await until(lambda: len(fresh.manager) == 2, message="the workspace to open")

    arun(open_it())
    fw = fresh.window
    specs = [e.spec for e in fresh.manager.entries]
    assert [(s.name, s.url, s.role) for s in specs] == [
        ("echo server", "tcp://127.0.0.1:0", Role.SERVER),
        ("api client", "ws://127.0.0.1:8765/feed", Role.CLIENT)]
    assert all(e.state.value == "idle" for e in fresh.manager.entries)  # nothing started
    current = fw.current_entry()
    assert current is not None and current.name == "api client"
    assert fw.composer.saved_messages() == saved
    assert fw.composer.editor.toPlainText() == "01 02 ff"
    assert fw.composer.mode_combo.currentData() == PayloadMode.HEX.value
    assert fw.log_panel.display_combo.currentData() == "text"
    assert fw.log_panel.time_combo.currentData() == "relative"
    # Pane proportions come back (absolute sizes follow the restored window geometry, which
    # the offscreen platform fits to its small virtual screen).
    top, bottom = fw.splitter.sizes()
    assert top / (top + bottom) == pytest.approx(sizes[0] / sum(sizes), abs=0.01)
    layout = load(target).layout
    assert layout.geometry and layout.state and set(layout.splitters) == {
        "central", "log", "composer"}
    fw.select_entry(fresh.manager.entries[0])
    assert fw.log_panel.view_settings() == server_view
    assert fw.composer.saved_messages() == ()
    assert not fresh.controller.dirty
    assert fw.windowTitle() == "built by clicking.sockscope[*] — Sockscope"


def _drag_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    """A drag entering the window and its drop (keep the QMimeData: the events do not own it)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    action = Qt.DropAction.CopyAction
    buttons, mods = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    try:  # Qt 6.12 takes a QPointF and deprecates the QPoint constructor that older Qt has
        enter = QDragEnterEvent(QPointF(20, 20), action, mime, buttons, mods)
    except TypeError:
        enter = QDragEnterEvent(QPoint(20, 20), action, mime, buttons, mods)
    return enter, QDropEvent(QPointF(20, 20), action, mime, buttons, mods), mime


def test_dropped_file_opens(make_doc: Callable[[], Doc], arun: Run,  # noqa: F811
                            tmp_path: Path) -> None:
    source = make_doc()
    source.manager.add(_spec("dropped"))
    path = tmp_path / "dropped.sockscope"
    assert source.controller.save_to(path)
    other = tmp_path / "notes.txt"
    other.write_text("not a workspace")
    doc = make_doc()
    enter, _drop, mime = _drag_events(other)
    QApplication.sendEvent(doc.window, enter)
    assert not enter.isAccepted()
    enter, drop, mime = _drag_events(path)
    QApplication.sendEvent(doc.window, enter)
    assert enter.isAccepted()

    async def scenario() -> None:
        QApplication.sendEvent(doc.window, drop)
        await until(lambda: [e.name for e in doc.manager] == ["dropped"], message="the drop")

    arun(scenario())
    assert doc.controller.path == path.resolve()
    del mime


def _spec(name: str) -> ConnectionSpec:
    return ConnectionSpec("udp://127.0.0.1:9", Role.CLIENT, Options(name=name),
                          saved_messages=(SavedMessage("ping", "70 69", PayloadMode.HEX),))


def test_command_line_file_opens_instead_of_the_demo(
        make_doc: Callable[[], Doc], arun: Run, tmp_path: Path,  # noqa: F811
        settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    source = make_doc()
    source.manager.add(_spec("from the command line"))
    path = tmp_path / "cli.sockscope"
    source.controller.save_to(path)
    monkeypatch.setattr(gui.app, "WorkspaceController", functools.partial(
        WorkspaceController, settings=settings, state_dir=tmp_path / "state"))
    before = set(QApplication.topLevelWidgets())

    async def scenario() -> int:
        run = asyncio.get_running_loop().create_task(
            gui.app.run_window(gui.app.parse_args([str(path)])), name="test:run_window")

        def window() -> MainWindow | None:
            found = [w for w in QApplication.topLevelWidgets()
                     if isinstance(w, MainWindow) and w not in before and w.isVisible()]
            return found[0] if found else None

        await until(lambda: window() is not None and len(window().manager) == 1,  # type: ignore[union-attr]
                    message="the window with the workspace")
        win = window()
        assert win is not None
        assert [e.name for e in win.manager] == ["from the command line"]
        assert win.windowTitle() == "cli.sockscope[*] — Sockscope"
        assert win.composer.saved_messages() == _spec("x").saved_messages
        win.close()
        return await run

    assert arun(scenario()) == 0

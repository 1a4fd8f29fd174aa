"""The main window: demo at start, actions by menu/keyboard/dock, per-entry settings kept on
switching, status bar, and closing with live connections (two-step, nothing left pending)."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from gui.app import open_demo
from gui.dialogs.connection_editor import ConnectionEditor
from gui.main_window import MainWindow
from gui.session import Entry
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import traffic, until
from transports.frames import Direction
from transports.options import Options
from transports.state import State

Run = Callable[..., Any]


def _editor(window: MainWindow) -> ConnectionEditor:
    (editor,) = window._dialogs
    return editor


def test_demo_selects_tcp_client_with_draft(window: MainWindow, arun: Run) -> None:
    demo = arun(open_demo(window))
    assert window.current_entry() is demo.tcp_client
    assert window.dock.current_entry() is demo.tcp_client
    assert window.composer.editor.toPlainText() == "hello"
    assert demo.tcp_server.state is State.OPEN
    assert window.dock.connect_action.isEnabled()
    assert not window.dock.disconnect_action.isEnabled()
    window.dock.select_entry(demo.tcp_server)
    assert window.dock.disconnect_action.isEnabled()
    assert not window.dock.connect_action.isEnabled()


def test_new_connection_by_menu_and_edit(window: MainWindow, qtbot: QtBot) -> None:
    window.dock.new_actions["new_ws_server"].trigger()
    editor = _editor(window)
    assert editor.isVisible() and editor.role is Role.SERVER and editor.kind == "ws"
    editor.port_edit.clear()
    qtbot.keyClicks(editor.port_edit, "70000")
    assert not editor.ok_button.isEnabled()
    editor.port_edit.setText("0")
    editor.name_edit.setText("my ws")
    qtbot.mouseClick(editor.ok_button, Qt.MouseButton.LeftButton)
    assert not window._dialogs
    entry = window.current_entry()
    assert entry is not None and entry.name == "my ws" and entry.kind == "WS server"
    assert not entry.spec.options.echo  # a new server does not echo unless asked
    # Edit (F2) keeps the entry, changes its spec.
    window.dock.tree.setFocus()
    window.dock.edit_action.trigger()
    editor = _editor(window)
    editor.name_edit.setText("renamed")
    editor.accept()
    assert entry.name == "renamed"
    assert window.connections.index_of(entry).data() == "renamed"
    # Cancel leaves it alone.
    window.dock.edit_action.trigger()
    _editor(window).name_edit.setText("nope")
    _editor(window).reject()
    assert entry.name == "renamed"


def test_shortcuts(window: MainWindow) -> None:
    assert window.quit_action.shortcut() == QKeySequence("Ctrl+Q")
    dock = window.dock
    assert dock.connect_action.shortcut() == QKeySequence("F5")
    assert dock.edit_action.shortcut() == QKeySequence("F2")
    assert dock.delete_action.shortcutContext() is Qt.ShortcutContext.WidgetWithChildrenShortcut
    for action in [*dock.entry_actions(), *dock.new_actions.values()]:
        assert action.toolTip()


def test_duplicate_delete_and_settings_survive_switching(window: MainWindow, arun: Run) -> None:
    demo = arun(open_demo(window))
    window.composer.editor.setPlainText("draft for tcp")
    window.dock.duplicate_action.trigger()
    copy = window.current_entry()
    assert copy is not None and copy.name == "TCP echo client copy"
    assert copy.spec.composer.draft == "draft for tcp"  # stored before duplicating
    window.composer.editor.setPlainText("draft for the copy")
    window.select_entry(demo.tcp_client)
    assert window.composer.editor.toPlainText() == "draft for tcp"
    window.select_entry(copy)
    assert window.composer.editor.toPlainText() == "draft for the copy"
    window.dock.tree.setFocus()

    async def removed() -> None:
        window.dock.delete_action.trigger()  # starts a task: needs the running loop
        await until(lambda: window.manager.get(copy.id) is None)

    arun(removed())
    assert window.connections.rowCount() == 4
    assert window.current_entry() is not copy


def test_status_bar_counts_traffic(window: MainWindow, arun: Run) -> None:
    demo = arun(open_demo(window))

    async def scenario() -> None:
        await window.manager.connect(demo.tcp_client)
        await window.manager.send(demo.tcp_client, b"hello")
        await until(lambda: len(traffic(demo.tcp_client.log)) == 2)

    arun(scenario())
    window.refresh_status()  # the "connected" row in the log is not traffic
    text = window.traffic_label.text()
    assert "in: 1 frames, 5 B" in text and "out: 1 frames, 5 B" in text


def test_periodic_send_goes_out_on_the_connection(window: MainWindow, arun: Run) -> None:
    """Composer ▸ Start periodic: a PeriodicSend task sends over the real connection, the
    progress reaches the composer, and nothing is sent once it ended."""
    demo = arun(open_demo(window))
    client = demo.tcp_client
    composer = window.composer

    async def scenario() -> None:
        await window.manager.connect(client)
        await until(lambda: composer.send_button.isEnabled())
        composer.editor.setPlainText("tick")
        composer.interval_spin.setValue(10)
        composer.count_spin.setValue(3)
        composer.periodic_button.click()
        assert composer.periodic_active and window.link.periodic is not None
        await until(lambda: not composer.periodic_active, message="3 periodic sends")
        # the echo comes back on a byte stream: the reads may join the three ticks
        await until(lambda: b"".join(payloads(Direction.IN)) == b"tick" * 3)
        await asyncio.sleep(0.05)

    def payloads(direction: Direction) -> list[bytes]:
        return [client.log.payload(i) for i in traffic(client.log)
                if client.log.direction(i) is direction]

    arun(scenario())
    assert payloads(Direction.OUT) == [b"tick"] * 3
    assert b"".join(payloads(Direction.IN)) == b"tick" * 3
    assert composer.periodic_label.text() == "sent 3/3"
    assert window.link.periodic is None


def test_periodic_send_of_a_template_renders_each_time(window: MainWindow, arun: Run) -> None:
    demo = arun(open_demo(window))
    client = demo.tcp_client
    composer = window.composer

    async def scenario() -> None:
        await window.manager.connect(client)
        await until(lambda: composer.send_button.isEnabled())
        composer.editor.setPlainText("<{{counter}}>")
        composer.interval_spin.setValue(10)
        composer.count_spin.setValue(3)
        composer.periodic_button.click()
        await until(lambda: not composer.periodic_active, message="3 periodic sends")

    arun(scenario())
    out = [client.log.payload(i) for i in traffic(client.log)
           if client.log.direction(i) is Direction.OUT]
    assert out == [b"<1>", b"<2>", b"<3>"]


def test_periodic_send_stops_on_disconnect(window: MainWindow, arun: Run) -> None:
    demo = arun(open_demo(window))
    client = demo.tcp_client
    composer = window.composer

    async def scenario() -> None:
        await window.manager.connect(client)
        await until(lambda: composer.send_button.isEnabled())
        composer.interval_spin.setValue(5)
        composer.count_spin.setValue(0)
        assert composer.start_periodic()
        await until(lambda: len(client.log) >= 4)
        await window.manager.disconnect(client)
        await until(lambda: not composer.periodic_active, message="the periodic send to stop")
        sent = len(client.log)
        await asyncio.sleep(0.05)
        assert len(client.log) == sent

    arun(scenario())
    assert window.link.periodic is None


def test_close_with_live_connections_is_two_step(window: MainWindow, arun: Run,
                                                 qapp: QApplication) -> None:
    demo = arun(open_demo(window))
    closed: list[bool] = []
    window.closed.connect(lambda: closed.append(True))

    async def scenario() -> None:
        for client in (demo.tcp_client, demo.ws_client):
            assert client is not None
            await window.manager.connect(client)
        await until(lambda: all(len(s.peers) == 1 for s in (demo.tcp_server, demo.ws_server)
                                if s is not None))
        assert window.close() is False  # ignored while connections close
        assert window.isVisible() and window.closing
        await until(lambda: bool(closed), message="the window to close")
        assert not window.isVisible()
        assert all(e.state is State.CLOSED for e in window.manager)
        assert len(window.tasks) == 0 and len(window.manager.tasks) == 0
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()
                  and t.get_coro().__name__ != "wait_for"]  # type: ignore[union-attr]
        assert others == []  # every connection's read/write/logic task ended

    arun(scenario())


def test_edit_while_connected_applies_on_next_connect(window: MainWindow, arun: Run) -> None:
    demo = arun(open_demo(window))
    server = demo.tcp_server
    window.select_entry(server)
    window.edit_entry(server)
    editor = _editor(window)
    editor.name_edit.setText("echo srv")
    editor.accept()
    assert server.name == "echo srv" and server.state is State.OPEN
    assert "next Connect" in window.statusBar().currentMessage()
    # The live connection keeps its settings; its echo is the session's tap (entry.echoing).
    assert server.echoing
    assert dataclasses.replace(server.spec.options, name="") == dataclasses.replace(
        server.conn.options, name="", echo=server.echoing)  # type: ignore[union-attr]


def test_status_bar_says_each_state_and_who_closed(window: MainWindow, arun: Run) -> None:
    """"connecting…" gives way to the real state; a peer hanging up (as redis does after
    QUIT) is said in the status bar."""
    bar = window.statusBar()

    async def scenario() -> None:
        async def quit_on_command(reader: asyncio.StreamReader,
                                  writer: asyncio.StreamWriter) -> None:
            await reader.readuntil(b"\n")
            writer.write(b"+OK\r\n")
            writer.close()  # the peer closes, not us

        peer = await asyncio.start_server(quit_on_command, "127.0.0.1", 0)
        port = peer.sockets[0].getsockname()[1]
        server = window.manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                                   Options(name="srv")))
        window.connect_entry(server)
        assert bar.currentMessage() == "srv: connecting…"
        await until(lambda: server.state is State.OPEN, message="the server to listen")
        assert bar.currentMessage() == f"srv: listening on {server.address}"
        client = window.manager.add(ConnectionSpec(f"tcp://127.0.0.1:{port}",
                                                   options=Options(name="redis")))
        window.connect_entry(client)
        await until(lambda: client.state is State.OPEN, message="the client to connect")
        assert bar.currentMessage() == f"redis: connected to tcp://127.0.0.1:{port}"
        await window.manager.send(client, b"QUIT\r\n")
        await until(lambda: client.state is State.CLOSED, message="the peer to close")
        assert bar.currentMessage().startswith("redis: closed"), bar.currentMessage()
        assert "peer" in bar.currentMessage(), bar.currentMessage()
        peer.close()
        await peer.wait_closed()

    arun(scenario())


def test_selecting_a_websocket_entry_keeps_the_connections_dock_wide(window: MainWindow,
                                                                     arun: Run) -> None:
    """The composer's WebSocket and server widgets (Ping, message kind, peer) used to widen
    its minimum, and the window took the width from the dock (addresses unreadable)."""
    demo = arun(open_demo(window))
    assert demo.ws_client is not None and demo.ws_server is not None
    window.resize(1360, 860)
    window.apply_default_layout()

    async def width_with(entry: Entry) -> int:
        window.select_entry(entry)
        await asyncio.sleep(0.1)  # layouts settle
        QApplication.processEvents()
        return window.dock.width()

    async def widths() -> list[int]:
        return [await width_with(e) for e in (demo.tcp_client, demo.ws_client,
                                              demo.ws_server, demo.tcp_server,
                                              demo.tcp_client)]

    seen = arun(widths())
    assert len(set(seen)) == 1, seen
    assert seen[0] >= 450  # names and addresses stay readable


def test_a_side_dock_does_not_squeeze_the_connections_dock(window: MainWindow, arun: Run) -> None:
    """Opening the Rules dock on the right used to take its width from the Connections dock
    until Delete overflowed into a chevron menu and addresses were cut to "1…"."""
    arun(open_demo(window))
    window.resize(1360, 860)
    window.apply_default_layout()
    window.rules.dock.toggleViewAction().trigger()

    async def settle() -> None:
        await asyncio.sleep(0.1)
        QApplication.processEvents()

    arun(settle())
    assert window.rules.dock.isVisible()
    assert window.dock.width() >= window.dock.toolbar.sizeHint().width() + 100

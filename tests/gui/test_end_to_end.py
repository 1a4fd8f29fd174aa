"""End to end through the widgets, on the real qasync loop with real 127.0.0.1 sockets:
create an echo server and a client with the editor, Connect by the toolbar, type in the
composer in text and in hex mode, Send, and read both directions back from the log and the
detail pane.  A bad hex string shows an error at its column and sends nothing."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from gui.main_window import MainWindow
from gui.session import Entry
from gui.store.events import LogEvent
from tests.gui.conftest import events, traffic, until
from transports.frames import Direction, FrameKind
from transports.state import State

Run = Callable[..., Any]
HELLO_HEX = "68 65 6c 6c 6f"


def _click(qtbot: QtBot, widget: QWidget | None) -> None:
    assert widget is not None and widget.isEnabled()
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


async def _create(window: MainWindow, qtbot: QtBot, action: str, port: str,
                  path: str = "") -> Entry:
    """New ▸ <kind> from the Connection menu, fill in the editor (a server: tick echo, which
    a new server has off), OK."""
    window.dock.new_actions[action].trigger()
    (editor,) = window._dialogs
    editor.port_edit.selectAll()
    qtbot.keyClicks(editor.port_edit, port)
    if path:
        editor.path_edit.setText(path)
    if action.endswith("_server"):
        assert not editor.echo_check.isChecked()  # off by default
        editor.echo_check.setChecked(True)
    _click(qtbot, editor.ok_button)
    entry = window.current_entry()
    assert entry is not None
    return entry


async def _connect(window: MainWindow, qtbot: QtBot, entry: Entry) -> None:
    assert window.current_entry() is entry
    _click(qtbot, window.dock.toolbar.widgetForAction(window.dock.connect_action))
    await until(lambda: entry.state is State.OPEN, message=f"{entry.name} to open")
    assert window.composer.target is not None and window.composer.target.connected


async def _type_and_send(window: MainWindow, qtbot: QtBot, mode: str, text: str,
                         expect_rows: int) -> None:
    composer = window.composer
    composer.mode_combo.setCurrentIndex(composer.mode_combo.findData(mode))
    composer.editor.clear()
    qtbot.keyClicks(composer.editor, text)
    _click(qtbot, composer.send_button)
    entry = window.current_entry()
    assert entry is not None
    await until(lambda: len(traffic(entry.log)) == expect_rows,
                message=f"{expect_rows} frames in the log")
    await until(lambda: window.log_panel.model.rowCount() == len(entry.log), message="a flush")


def _check_log_and_detail(window: MainWindow, entry: Entry) -> None:
    log = entry.log
    rows = traffic(log)
    assert [log.direction(r) for r in rows] == [Direction.OUT, Direction.IN] * 2
    assert all(log.payload(r) == b"hello" for r in rows)
    assert events(log) == ["connected"]  # the connection's own row, before the traffic
    panel = window.log_panel
    for row in (rows[1], rows[3]):  # each echo, as the user would select it
        panel.select_row(row)
        assert HELLO_HEX in panel.detail.hex_view.toPlainText()
        assert "hello" in panel.detail.text_view.toPlainText()


async def _bad_hex_sends_nothing(window: MainWindow, qtbot: QtBot, entry: Entry) -> None:
    composer = window.composer
    composer.mode_combo.setCurrentIndex(composer.mode_combo.findData("hex"))
    composer.editor.clear()
    qtbot.keyClicks(composer.editor, "68 6g 6c")
    assert composer.error_label.isVisible()
    assert "column 5" in composer.error_label.text(), composer.error_label.text()
    assert not composer.send_button.isEnabled()
    qtbot.mouseClick(composer.send_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(composer.editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    before = len(entry.log)
    await asyncio.sleep(0.2)
    assert len(entry.log) == before


def test_tcp_end_to_end(window: MainWindow, qtbot: QtBot, arun: Run) -> None:
    async def scenario() -> None:
        server = await _create(window, qtbot, "new_tcp_server", "0")
        assert server.spec.options.echo and server.kind == "TCP server"
        await _connect(window, qtbot, server)
        client = await _create(window, qtbot, "new_tcp_client", str(server.bound_port))
        await _connect(window, qtbot, client)
        await until(lambda: window.connections.rowCount(window.connections.index_of(server))
                    == 1, message="the server's peer row")
        await _type_and_send(window, qtbot, "text", "hello", 2)
        await _type_and_send(window, qtbot, "hex", HELLO_HEX, 4)
        _check_log_and_detail(window, client)
        await _bad_hex_sends_nothing(window, qtbot, client)
        # The server's own log shows its peer's traffic, both ways.
        window.select_entry(server)
        await until(lambda: window.log_panel.model.rowCount() == len(server.log) > 4)
        assert [server.log.direction(r) for r in traffic(server.log)] == [
            Direction.IN, Direction.OUT] * 2
        assert events(server.log) == ["connected", "peer joined"]

    arun(scenario())


def test_websocket_end_to_end(window: MainWindow, qtbot: QtBot, arun: Run) -> None:
    async def scenario() -> None:
        server = await _create(window, qtbot, "new_ws_server", "0", "/chat")
        await _connect(window, qtbot, server)
        client = await _create(window, qtbot, "new_ws_client", str(server.bound_port), "/chat")
        assert client.spec.url == f"ws://127.0.0.1:{server.bound_port}/chat"
        await _connect(window, qtbot, client)
        parent = window.connections.index_of(server)
        await until(lambda: window.connections.rowCount(parent) == 1, message="peer row")
        peer = window.connections.index(0, 0, parent)
        assert str(peer.data()).startswith("127.0.0.1:")
        assert window.connections.index(0, 2, parent).data() == "/chat"
        assert window.dock.tree.isExpanded(parent)
        await _type_and_send(window, qtbot, "text", "hello", 2)
        await _type_and_send(window, qtbot, "hex", HELLO_HEX, 4)
        _check_log_and_detail(window, client)
        # the composer's default WebSocket kind
        assert client.log.kind(traffic(client.log)[0]) is FrameKind.TEXT
        await _bad_hex_sends_nothing(window, qtbot, client)
        # The server sends to its peer from the composer (the peer combo lists it).
        window.select_entry(server)
        composer = window.composer
        assert composer.peer_combo.count() == 2  # broadcast + the one peer
        await _type_and_send(window, qtbot, "text", "from server", 5)
        await until(lambda: len(traffic(client.log)) == 5, message="the server's message")
        assert client.log.payload(traffic(client.log)[4]) == b"from server"
        # Disconnect the client: its peer row goes away.
        window.select_entry(client)
        _click(qtbot, window.dock.toolbar.widgetForAction(window.dock.disconnect_action))
        await until(lambda: window.connections.rowCount(parent) == 0, message="peer removed")
        # … and both logs say so, as rows of their own: who closed, with the close code
        await until(lambda: events(server.log)[-1:] == ["peer left"], message="peer left row")
        assert events(client.log) == ["connected", "disconnected"]
        closed = LogEvent.decode(client.log.payload(-1))
        assert (closed.by, closed.code) == ("us", 1000), closed

    arun(scenario())

"""A relay in the window: New ▸ TCP relay in the editor, both ways in the log (marked
client→upstream / upstream→client), injection from the composer into either side, and the
fault dock switching a latency on and off while a client is connected."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dialogs.connection_editor import ConnectionEditor
from gui.main_window import MainWindow
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import until
from transports.options import Options
from transports.relay import Latency, Relay, RelayConfig, Way

Run = Callable[..., Any]


def test_editor_makes_a_relay_and_checks_the_upstream(window: MainWindow) -> None:
    editor = window.new_connection("tcp", Role.RELAY)
    assert isinstance(editor, ConnectionEditor)
    assert editor.relay_group.isVisible() and not editor.echo_check.isVisible()
    assert editor.relay_group.upstream_edit.text() == "tcp://127.0.0.1:9000"
    editor.relay_group.upstream_edit.setText("ws://127.0.0.1:9000/")
    assert "both sides must be" in editor.errors()["upstream"]
    assert not editor.ok_button.isEnabled()
    editor.relay_group.upstream_edit.setText("")
    assert "upstream URL" in editor.errors()["upstream"]
    editor.relay_group.upstream_edit.setText("tcp://127.0.0.1:6379")
    editor.port_edit.setText("0")
    assert editor.is_valid()
    spec = editor.spec()
    assert spec.role is Role.RELAY and spec.relay is not None
    assert spec.relay.upstream == "tcp://127.0.0.1:6379" and not spec.options.echo
    editor.reject()


def test_relay_in_use(window: MainWindow, arun: Run, qtbot: QtBot) -> None:
    manager = window.manager
    upstream = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                          Options(name="device", echo=True)))
    arun(manager.connect(upstream))
    relay = manager.add(ConnectionSpec(
        "tcp://127.0.0.1:0", Role.RELAY, Options(name="relay to device"),
        relay=RelayConfig(f"tcp://127.0.0.1:{upstream.bound_port}")))
    arun(manager.connect(relay))
    assert isinstance(relay.conn, Relay)
    window.select_entry(relay)
    assert window.relays.dock.isVisible()
    panel = window.relays.panel

    async def scenario() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", relay.bound_port)

        async def rtt() -> float:
            start = time.perf_counter()
            writer.write(b"ping")
            assert await reader.readexactly(4) == b"ping"
            return time.perf_counter() - start

        base = min([await rtt() for _ in range(3)])
        up = panel.directions[Way.UPSTREAM]
        up.latency.setValue(150)
        up._rows[0][0].setChecked(True)  # Latency, switched on live
        assert relay.spec.relay is not None
        assert relay.spec.relay.faults_up == (Latency(0.15),)
        assert "latency 150 ms" in panel.active.text()
        slow = min([await rtt() for _ in range(3)])
        assert slow - base == pytest.approx(0.15, rel=0.1)
        up._rows[0][0].setChecked(False)
        assert relay.spec.relay.faults_up == ()
        # inject from the composer into the client side of the pair
        await until(lambda: window.composer.peer_combo.count() == 3)
        combo = window.composer.peer_combo
        labels = [combo.itemText(i) for i in range(combo.count())]
        client = next(i for i, text in enumerate(labels) if text.startswith("client "))
        assert any(text.startswith("upstream ") for text in labels), labels
        combo.setCurrentIndex(client)
        window.composer.editor.setPlainText("from sockscope")
        qtbot.mouseClick(window.composer.send_button, Qt.MouseButton.LeftButton)
        assert await reader.readexactly(14) == b"from sockscope"
        tree = window.connections
        parent = tree.index(1, 0)  # the relay's row; its peers are the pair's two sides
        kinds = {tree.data(tree.index(row, 1, parent)) for row in range(tree.rowCount(parent))}
        assert kinds == {"client, pair 1", "upstream, pair 1"}, kinds
        writer.close()
        await writer.wait_closed()
        # the relay ends the pair on the loop, not later in pytest-qt's processEvents()
        # (where no asyncio loop runs and the pair's close could not be awaited)
        await until(lambda: tree.rowCount(parent) == 0, message="the relay pair to close")

    arun(scenario())
    model = window.log_panel.model
    ways = [str(model.data(model.index(row, 2))) for row in range(model.rowCount())]
    assert {"← client→upstream", "→ client→upstream", "← upstream→client",
            "→ upstream→client"} <= set(ways), ways

"""Rules in the window: the dock follows the selection, edits reach the session's engine, and
a rule's reply and note show in the log — real sockets on the qasync loop."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from typing import Any

from gui.automation.match import MatchKind, MatchSpec
from gui.automation.rule import Rule
from gui.main_window import MainWindow
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import events, until
from transports.framing import FramingMode, FramingSpec
from transports.options import Options

Run = Callable[..., Any]
LINES = Options(framing=FramingSpec(mode=FramingMode.DELIMITER, delimiter=b"\n"))


def test_rules_answer_in_the_window_and_edits_apply_live(window: MainWindow, arun: Run) -> None:
    manager = window.manager
    rules = (Rule(name="hello", match=MatchSpec(MatchKind.REGEX, r"hello (\w+)"),
                  reply="hi {{1}}", note="greeted {{1}}"),)
    plain = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, LINES))
    window.select_entry(plain)
    assert not window.rules.dock.isVisible()  # no rules: the dock stays out of the way
    server = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, LINES, rules=rules))
    window.select_entry(server)
    assert window.rules.dock.isVisible()
    panel = window.rules.panel
    assert panel.table.rowCount() == 1 and panel.name.text() == "hello"

    async def scenario() -> None:
        await manager.connect(server)
        reader, writer = await asyncio.open_connection("127.0.0.1", server.bound_port)
        writer.write(b"hello world\n")
        assert await asyncio.wait_for(reader.readline(), 5) == b"hi world\n"
        await until(lambda: "note" in events(server.log))
        # edit the reply in the panel: the engine answers with it at once
        panel.reply.setPlainText("hey {{1}}")
        assert server.spec.rules[0].reply == "hey {{1}}"
        writer.write(b"hello again\n")
        assert await asyncio.wait_for(reader.readline(), 5) == b"hey again\n"
        writer.close()
        await writer.wait_closed()

    arun(scenario())
    notes = [r for r in range(len(server.log)) if b'"note"' in server.log.payload(r)]
    assert len(notes) == 2 and b"greeted world" in server.log.payload(notes[0])
    changed = dataclasses.replace(server.spec, rules=())
    manager.update(server, changed)
    assert window.rules.engine.rules(server.id) is None

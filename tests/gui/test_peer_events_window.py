"""What the window tells about a server's peers (issue 11), end to end on loopback: each
WebSocket peer's Origin in the log, and a peer refused for ``max_peers`` or for its Origin
shown in the server's log and the status bar (the refused client sees why it was closed)."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from gui.main_window import MainWindow
from gui.session.entry import Entry
from gui.store.events import EventType, LogEvent
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import until
from transports.frames import FrameKind
from transports.options import Options
from transports.state import State

Run = Callable[..., Any]


def _events(entry: Entry) -> list[LogEvent]:
    log = entry.log
    return [LogEvent.decode(log.payload(r)) for r in range(len(log))
            if log.kind(r) is FrameKind.EVENT]


def _client(window: MainWindow, server: Entry, name: str, origin: str | None) -> Entry:
    return window.manager.add(ConnectionSpec(server.address, Role.CLIENT,
                                             Options(name=name, origin=origin)))


def test_origin_of_each_peer_and_a_peer_refused_for_max_peers(window: MainWindow,
                                                              arun: Run) -> None:
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)

    async def scenario() -> None:
        server = window.manager.add(ConnectionSpec(
            "ws://127.0.0.1:0/", Role.SERVER, Options(name="ws server", max_peers=1)))
        await window.manager.connect(server)
        first = _client(window, server, "first", "https://app.example")
        window.connect_entry(first)
        await until(lambda: len(server.peer_list()) == 1, message="the first peer")
        joined = [e for e in _events(server) if e.type is EventType.PEER_JOINED]
        assert len(joined) == 1 and joined[0].text.endswith(" path=/ origin=https://app.example")
        second = _client(window, server, "second", None)
        window.connect_entry(second)
        await until(lambda: any(e.type is EventType.ERROR for e in _events(server)),
                    message="the refusal in the server's log")
        (error,) = [e for e in _events(server) if e.type is EventType.ERROR]
        assert re.fullmatch(r"ws server: refused 127\.0\.0\.1:\d+: max_peers \(1\) reached",
                            error.text), error.text
        assert error.text in shown  # the status bar said it (other messages may follow)
        await until(lambda: second.state in (State.CLOSED, State.FAILED),
                    message="the refused client to be closed")
        (closed,) = [e for e in _events(second) if e.type is EventType.DISCONNECTED]
        assert (closed.code, closed.reason) == (1013, "too many peers")
        assert len(server.peer_list()) == 1 and first.state is State.OPEN

    arun(scenario())


def test_a_peer_without_an_allowed_origin_is_refused_and_shown(window: MainWindow,
                                                               arun: Run) -> None:
    shown: list[str] = []
    window.statusBar().messageChanged.connect(shown.append)

    async def scenario() -> None:
        server = window.manager.add(ConnectionSpec("ws://127.0.0.1:0/", Role.SERVER, Options(
            name="ws server", allowed_origins=("https://app.example",))))
        await window.manager.connect(server)
        allowed = _client(window, server, "allowed", "https://app.example")
        window.connect_entry(allowed)
        await until(lambda: len(server.peer_list()) == 1, message="the allowed peer")
        evil = _client(window, server, "evil", "https://evil.example")
        window.connect_entry(evil)
        await until(lambda: any(e.type is EventType.ERROR for e in _events(server)),
                    message="the refusal in the server's log")
        (error,) = [e for e in _events(server) if e.type is EventType.ERROR]
        assert "'https://evil.example' is not in allowed_origins" in error.text
        assert error.text in shown  # the status bar said it (other messages may follow)
        await until(lambda: evil.state in (State.CLOSED, State.FAILED),
                    message="the refused client to fail")
        assert "403" in (evil.error or "")
        assert [p.info["origin"] for p in server.peer_list()] == ["https://app.example"]

    arun(scenario())

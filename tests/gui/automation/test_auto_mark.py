"""Frames the rules engine (and echo) send are marked automatic in the log; frames a user sends
are not.  Real 127.0.0.1 sockets against socat."""

from __future__ import annotations

import asyncio

import pytest

from gui.automation.match import MatchKind
from gui.session import SessionManager
from gui.store.log import MessageLog
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.automation.test_engine import (
    LINES,
    _free_port,
    _wait_port,
    ask,
    finish,
    r,
    run,
    serving,
    tool,
)
from tests.gui.conftest import until
from transports.frames import Direction, Frame, FrameKind, FrameReceived
from transports.options import Options


def _rows(log: MessageLog) -> list[tuple[Direction, bytes, bool]]:
    """The traffic rows (connection events left out)."""
    return [(log.direction(i), log.payload(i), log.auto(i)) for i in range(len(log))
            if log.kind(i) is not FrameKind.EVENT]


@pytest.mark.peer
def test_rule_replies_are_automatic_and_a_users_send_is_not() -> None:
    rules = [r(MatchKind.EXACT, "ping", reply="pong\\n")]

    async def main() -> None:
        async with serving("tcp://127.0.0.1:0", rules) as (entry, engine, _):
            socat = await tool("socat", "-", f"TCP:127.0.0.1:{entry.bound_port}")
            try:
                assert await ask(socat, b"ping\n") == b"pong\n"
                await until(lambda: engine.replies == 1)
                await entry.conn.send(b"typed\n")  # type: ignore[union-attr]
                assert socat.stdout is not None
                assert await asyncio.wait_for(socat.stdout.readline(), 5) == b"typed\n"
                await until(lambda: len(_rows(entry.log)) == 3, message=str(_rows(entry.log)))
                data = _rows(entry.log)
                assert data == [(Direction.IN, b"ping", False), (Direction.OUT, b"pong\n", True),
                                (Direction.OUT, b"typed\n", False)]
                auto_row = next(i for i in range(len(entry.log)) if entry.log.auto(i))
                assert entry.log.frame(auto_row).auto is True
            finally:
                await finish(socat)

    run(main())


@pytest.mark.peer
def test_echo_replies_are_automatic() -> None:
    async def main() -> None:
        manager = SessionManager()
        entry = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                           Options(framing=LINES, echo=True)))
        try:
            await manager.connect(entry)
            socat = await tool("socat", "-", f"TCP:127.0.0.1:{entry.bound_port}")
            try:
                assert await ask(socat, b"hi\n") == b"hi\n"
                await until(lambda: len(_rows(entry.log)) == 2, message=str(_rows(entry.log)))
                data = _rows(entry.log)
                assert data == [(Direction.IN, b"hi", False), (Direction.OUT, b"hi", True)]
            finally:
                await finish(socat)
        finally:
            await manager.close_all()

    run(main())


@pytest.mark.peer
def test_a_reply_to_a_connection_that_is_no_longer_open_is_a_note_not_an_exception() -> None:
    rules = [r(MatchKind.ANY, reply="late\\n")]

    async def main() -> None:
        port = _free_port()
        # A client entry whose connection has closed: a frame still in the tap's hands (the
        # socket read it just before closing) gets a reply that cannot go out (NotOpen).
        socat = await tool("socat", f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr", "-")
        await _wait_port(port)
        try:
            async with serving(f"tcp://127.0.0.1:{port}", rules, role=Role.CLIENT) as (
                    entry, engine, notes):
                conn = entry.conn
                assert conn is not None
                await conn.close("test")
                frame = Frame(b"x", Direction.IN, conn.id, 0.0)
                engine._tap(entry, FrameReceived(frame))
                assert engine.replies == 0
                assert len(notes) == 1 and notes[0][0] == conn.id
                assert notes[0][1].startswith("auto-reply not sent (NotOpen): ")
        finally:
            await finish(socat)

    run(main())

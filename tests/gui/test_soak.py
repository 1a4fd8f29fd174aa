"""Soak: the real qasync loop survives ≥ 1,000,000 callbacks (the PySide6 6.12.0 + CPython 3.11
timerEvent refcount crash shows up after a few hundred thousand), and a flood of ≥ 200,000 frames
through real sockets and into the LogModel shown in a view."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from gui.models.log_model import LogModel
from gui.session import SessionManager
from gui.workspace.model import ConnectionSpec
from tests.gui.conftest import events, until
from transports.framing import FramingMode, FramingSpec
from transports.options import Options

Run = Callable[..., Any]
CALLBACKS = 1_000_000
FLOOD = 200_000

pytestmark = pytest.mark.soak


def test_loop_survives_a_million_callbacks(arun: Run) -> None:
    """Each call_soon under qasync is one zero-ms Qt timer → one timerEvent override call."""

    async def chain(count: int) -> float:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        left = count

        def tick() -> None:
            nonlocal left
            left -= 1
            if left:
                loop.call_soon(tick)
            else:
                done.set_result(None)

        start = time.perf_counter()
        for _ in range(4):  # four chains keep a few timers in flight, like a busy app
            loop.call_soon(tick)
        await done
        return time.perf_counter() - start

    elapsed = arun(chain(CALLBACKS + 3), timeout=90)
    print(f"\n{CALLBACKS:,} qasync callbacks in {elapsed:.1f} s "
          f"({CALLBACKS / elapsed:,.0f}/s)")


def test_flood_into_log_model(arun: Run, qtbot: QtBot) -> None:
    """A peer floods FLOOD length-prefixed frames through a real socket into a client entry's
    log while a LogModel + QTableView publish them; every frame must arrive, none dropped."""
    manager = SessionManager()
    model = LogModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    frames = [f"frame {i:07d} ".encode() + bytes(range(i % 40)) for i in range(FLOOD)]
    wire = b"".join(len(f).to_bytes(2, "big") + f for f in frames)

    async def scenario() -> float:
        async def flood(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            writer.write(wire)
            await writer.drain()
            await reader.read()
            writer.close()

        peer = await asyncio.start_server(flood, "127.0.0.1", 0)
        port = peer.sockets[0].getsockname()[1]
        start = time.perf_counter()
        client = manager.add(ConnectionSpec(
            f"tcp://127.0.0.1:{port}",
            options=Options(framing=FramingSpec(FramingMode.LENGTH, header_size=2,
                                                keep_header=False))))
        model.set_log(client.log)
        await manager.connect(client)
        await until(lambda: model.rowCount() == FLOOD + 1, timeout=60,  # + "connected"
                    message="model caught up with the flood")
        elapsed = time.perf_counter() - start
        view.scrollToBottom()
        assert client.log.stats.frames_in == FLOOD and client.log.dropped == 0
        assert events(client.log) == ["connected"]
        for row in (0, FLOOD // 2, FLOOD - 1):
            assert client.log.payload(row + 1) == frames[row]
        assert model.index(FLOOD, LogModel.LENGTH).data() is not None
        await manager.close_all()
        peer.close()
        await peer.wait_closed()
        return elapsed

    elapsed = arun(scenario(), timeout=90)
    model.set_log(None)
    print(f"\n{FLOOD:,} frames through a socket into the log model in {elapsed:.1f} s")

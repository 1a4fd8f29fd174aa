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
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import until
from transports.frames import Direction, Frame
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
    """A TCP echo pair floods the server's log; then the client's log gets FLOOD frames more,
    appended in arrival-sized batches, while a LogModel + QTableView publish them."""
    manager = SessionManager()
    server = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, Options(echo=True)))
    model = LogModel()
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()

    async def scenario() -> float:
        start = time.perf_counter()
        await manager.connect(server)
        client = manager.add(ConnectionSpec(server.address))
        await manager.connect(client)
        model.set_log(client.log)
        # Real traffic: 20,000 sends of 16 bytes, echoed (raw TCP coalesces the echoes).
        chunk = b"0123456789abcdef"
        for _ in range(20_000):
            await manager.send(client, chunk)
        await until(lambda: client.log.stats.bytes_in == 20_000 * len(chunk), timeout=30,
                    message="echo of the socket flood")
        # Then a flood straight into the log, as a burst of reads would deliver it.
        base = len(client.log)
        payload = b"x" * 32
        for batch in range(FLOOD // 1000):
            now = time.time()
            client.log.extend(Frame(payload, Direction.IN, client.conn.id, now)  # type: ignore[union-attr]
                              for _ in range(1000))
            if batch % 10 == 0:
                await asyncio.sleep(0)  # let the model flush and the view paint
        await until(lambda: model.rowCount() == base + FLOOD, timeout=10,
                    message="model caught up with the flood")
        view.scrollToBottom()
        assert model.index(model.rowCount() - 1, LogModel.LENGTH).data() is not None
        await manager.close_all()
        return time.perf_counter() - start

    elapsed = arun(scenario(), timeout=90)
    model.set_log(None)
    print(f"\nsocket flood + {FLOOD:,} frames into the log model in {elapsed:.1f} s")

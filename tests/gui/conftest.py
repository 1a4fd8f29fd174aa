"""GUI test fixtures: a real qasync loop for each test, and Qt warnings that fail tests.

Use ``qasync_loop`` and run a coroutine with ``qasync_loop.run_until_complete(coro)``, or the
``arun`` fixture (same, with a timeout).  Inside coroutines, wait with :func:`until` (it yields to
the loop, so sockets, tasks and Qt timers all make progress).  ``window`` is a shown MainWindow
over a fresh SessionManager, closed on the loop afterwards (unless the test closed it).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import pytest
import qasync
from PySide6.QtCore import QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

if TYPE_CHECKING:
    from gui.main_window import MainWindow

T = TypeVar("T")

_qt_problems: list[str] = []


def _qt_message_handler(mode: QtMsgType, context: object, message: str) -> None:
    if mode in (QtMsgType.QtWarningMsg, QtMsgType.QtCriticalMsg, QtMsgType.QtFatalMsg):
        # Offscreen platform chatter that says nothing about our code.
        if "propagateSizeHints" in message or "This plugin does not support" in message:
            return
        _qt_problems.append(f"{mode.name}: {message}")


@pytest.fixture(autouse=True)
def _fail_on_qt_warnings() -> Iterator[None]:
    previous = qInstallMessageHandler(_qt_message_handler)
    _qt_problems.clear()
    try:
        yield
    finally:
        qInstallMessageHandler(previous)
    problems = list(_qt_problems)
    _qt_problems.clear()
    if problems:
        pytest.fail("Qt reported problems:\n" + "\n".join(problems))


async def until(predicate: Callable[[], object], timeout: float = 5.0,  # noqa: ASYNC109
                message: str = "") -> None:
    """Yield to the loop until ``predicate()`` is true; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout} s waiting for "
                                 f"{message or getattr(predicate, '__name__', 'condition')}")
        await asyncio.sleep(0.01)


@pytest.fixture
def qasync_loop(qapp: QApplication) -> Iterator[asyncio.AbstractEventLoop]:
    """A qasync loop on the test's QApplication, current for the test; afterwards every task
    still pending is reported as a failure (and cancelled), then the loop is closed."""
    qapp.setQuitOnLastWindowClosed(False)
    loop = qasync.QEventLoop(qapp)
    asyncio.set_event_loop(loop)
    try:
        yield loop
    finally:
        pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
        for task in pending:
            task.cancel()
        if pending:
            loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
        loop.run_until_complete(loop.shutdown_asyncgens())
        asyncio.set_event_loop(None)
        loop.close()
        if pending:
            names = ", ".join(t.get_name() for t in pending)
            pytest.fail(f"tasks left pending after the test: {names}")


@pytest.fixture
def arun(qasync_loop: asyncio.AbstractEventLoop
         ) -> Callable[[Coroutine[Any, Any, T]], T]:
    """``arun(coro, timeout=30)``: run a coroutine to completion on the qasync loop."""

    def run(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
        return qasync_loop.run_until_complete(asyncio.wait_for(coro, timeout))

    return run


@pytest.fixture
def window(qtbot: QtBot, arun: Callable[..., Any]) -> Iterator[MainWindow]:
    """A shown main window over a fresh SessionManager; afterwards closed on the qasync loop
    (not by qtbot.addWidget: pytest-qt would close it outside the loop), unless the test did."""
    from gui.main_window import MainWindow
    from gui.session import SessionManager

    win = MainWindow(SessionManager())
    win.show()
    yield win
    if not win._really_close:
        async def close() -> None:
            closed: list[bool] = []
            win.closed.connect(lambda: closed.append(True))
            win.close()
            await until(lambda: bool(closed), message="the window to close")

        arun(close())


def traffic(log: Any) -> list[int]:
    """Rows of a MessageLog that are frames, not connection-event rows (gui.store.events)."""
    from transports.frames import FrameKind

    return [r for r in range(len(log)) if log.kind(r) is not FrameKind.EVENT]


def events(log: Any) -> list[str]:
    """The event types of a MessageLog's event rows, in order (``"connected"``, …)."""
    from gui.store.events import LogEvent
    from transports.frames import FrameKind

    return [LogEvent.decode(log.payload(r)).type.value for r in range(len(log))
            if log.kind(r) is FrameKind.EVENT]

"""Running a benchmark coroutine the way the app runs: QApplication + qasync loop."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


def run_on_qasync(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``main()`` on a qasync loop over the (offscreen) QApplication, as ``gui.app`` does."""
    import qasync

    from gui.app import application

    app = application()
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(main())


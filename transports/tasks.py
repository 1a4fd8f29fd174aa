"""An owner for background tasks: named, strongly referenced, cancelled and awaited on close."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

log = logging.getLogger(__name__)


class TaskGroup:
    """Keeps every task it starts until it ends; ``cancel_all`` leaves nothing pending."""

    def __init__(self, owner: str) -> None:
        self.owner = owner
        self._tasks: set[asyncio.Task[Any]] = set()

    def start(self, coro: Coroutine[Any, Any, Any], name: str, *,
              awaited: bool = False) -> asyncio.Task[Any]:
        """Start ``coro`` as a task named ``owner:name``.  An exception that ends it is logged,
        unless ``awaited`` says the caller awaits the task and handles its outcome."""
        task = asyncio.get_running_loop().create_task(coro, name=f"{self.owner}:{name}")
        self._tasks.add(task)
        task.add_done_callback(self._forget if awaited else self._done)
        return task

    def _forget(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("task %s failed", task.get_name(), exc_info=task.exception())

    def __len__(self) -> int:
        return len(self._tasks)

    async def cancel_all(self, *, except_current: bool = True) -> None:
        current = asyncio.current_task()
        tasks = [t for t in self._tasks if not (except_current and t is current)]
        for task in tasks:
            task.cancel()
        if tasks:
            await asyncio.gather(*tasks, return_exceptions=True)

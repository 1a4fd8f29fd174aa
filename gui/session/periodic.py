"""Periodic send: one payload every interval, a number of times or until stopped (Qt-free).

One owned task per periodic send (named, strongly referenced, cancelled by ``stop()``), never a
task or timer per send: the task awaits each send, so a slow connection (a full send queue)
slows the ticks down instead of piling sends up.  Ticks keep to a fixed schedule
(``start + k × interval``); a tick that is late by more than an interval is skipped, not sent
in a burst.  The window starts one for the composer; a headless runner can use it as it is.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)

Send = Callable[[], Awaitable[object]]
Progress = Callable[[int, int], None]  # (sent so far, total or 0 for "until stopped")
Finished = Callable[[BaseException | None], None]  # None: done or stopped; else what failed


class PeriodicSend:
    """Calls ``send()`` every ``interval`` seconds, ``count`` times (0: until ``stop()``).

    ``on_progress`` runs after each send; ``on_finished`` once at the end — with the exception
    when a send raised (the periodic send stops there), else None.
    """

    def __init__(self, send: Send, interval: float, count: int = 0, *, name: str,
                 on_progress: Progress | None = None,
                 on_finished: Finished | None = None) -> None:
        if interval <= 0:
            raise ValueError(f"interval must be > 0 seconds, got {interval}")
        if count < 0:
            raise ValueError(f"count must be ≥ 0 (0: until stopped), got {count}")
        self._send = send
        self.interval = interval
        self.count = count
        self.name = name
        self.sent = 0
        self._on_progress = on_progress
        self._on_finished = on_finished
        self._task: asyncio.Task[None] | None = None

    @property
    def active(self) -> bool:
        return self._task is not None and not self._task.done()

    def start(self) -> None:
        """Start the task (on the running loop); the first send happens right away."""
        if self._task is not None:
            raise RuntimeError(f"periodic send {self.name!r} was already started")
        self._task = asyncio.get_running_loop().create_task(self._run(),
                                                            name=f"periodic:{self.name}")

    def stop(self) -> None:
        """Cancel the task (no send after this returns); ``on_finished(None)`` follows."""
        if self._task is not None and not self._task.done():
            self._task.cancel()

    async def wait(self) -> None:
        """Until the task has ended (after the last send, a failure, or ``stop()``)."""
        if self._task is not None:
            await asyncio.gather(self._task, return_exceptions=True)

    async def aclose(self) -> None:
        self.stop()
        await self.wait()

    async def _run(self) -> None:
        loop = asyncio.get_running_loop()
        error: BaseException | None = None
        next_at = loop.time()
        try:
            while self.count == 0 or self.sent < self.count:
                await self._send()
                self.sent += 1
                if self._on_progress is not None:
                    self._on_progress(self.sent, self.count)
                if self.count and self.sent >= self.count:
                    break
                now = loop.time()
                next_at += self.interval
                if next_at < now - self.interval:  # too late: skip the missed ticks
                    next_at = now
                await asyncio.sleep(max(0.0, next_at - now))
        except Exception as exc:  # a failed send ends the periodic send; the caller says why
            error = exc
        finally:
            if self._on_finished is not None:
                try:
                    self._on_finished(error)
                except Exception:
                    log.exception("periodic send %s: on_finished failed", self.name)

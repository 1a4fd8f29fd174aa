"""Responsiveness probes on the running (qasync) loop: a 10 ms ticker and a posted UI event.

- :class:`Ticker`: a task that sleeps until the next 10 ms deadline and records how late it
  woke (``actual - expected``), i.e. the event-loop lag a timer or a callback would suffer.
- :class:`ClickProbe`: every ``every_ms`` (driven by the ticker), posts an event to a widget with
  ``QCoreApplication.postEvent`` — a queued UI event, as a click is — and records the time
  until the widget's event filter sees it.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque

from PySide6.QtCore import QCoreApplication, QEvent, QObject

TICK_S = 0.010


class ClickProbe(QObject):
    """Posts probe events to ``target`` and records how long each waited in the queue."""

    def __init__(self, target: QObject) -> None:
        super().__init__()
        self.target = target
        self.type = QEvent.Type(QEvent.registerEventType())
        self._posted: deque[float] = deque()  # events to one receiver arrive in order
        self.samples: list[float] = []
        self.recording = False
        target.installEventFilter(self)

    def post(self) -> None:
        self._posted.append(time.perf_counter())
        QCoreApplication.postEvent(self.target, QEvent(self.type))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.type and watched is self.target and self._posted:
            waited = time.perf_counter() - self._posted.popleft()
            if self.recording:
                self.samples.append(waited)
            return True
        return False

    def remove(self) -> None:
        self.target.removeEventFilter(self)


class Ticker:
    """Records the lateness of a 10 ms periodic wake-up on the running loop."""

    def __init__(self, click: ClickProbe | None = None, click_every: int = 5) -> None:
        self.samples: list[float] = []
        self.recording = False
        self.click = click
        self.click_every = click_every
        self._task: asyncio.Task[None] | None = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="bench:ticker")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
            self._task = None

    def record(self, on: bool) -> None:
        self.recording = on
        if self.click is not None:
            self.click.recording = on

    async def _run(self) -> None:
        expected = time.perf_counter() + TICK_S
        ticks = 0
        while True:
            await asyncio.sleep(max(0.0, expected - time.perf_counter()))
            now = time.perf_counter()
            if self.recording:
                self.samples.append(max(0.0, now - expected))
            ticks += 1
            if self.click is not None and ticks % self.click_every == 0:
                self.click.post()
            expected = now + TICK_S

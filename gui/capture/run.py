"""Drive a capture writer or reader on a running event loop, in time-boxed slices (Qt-free).

One coroutine step per slice (not per row): each slice works for about ``budget_s`` and then
yields to the loop, so sockets, timers and the window keep running while a million rows are
written.  The slice size adapts to the measured time per row.  Cancelling the task (the GUI's
Cancel button) cancels the writer, which deletes its temporary file.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from gui.capture.base import CaptureWriter, ExportResult
from gui.capture.reader import CaptureReader
from gui.capture.source import Capture

SLICE_BUDGET_S = 0.015  # work per slice before yielding to the loop
FIRST_SLICE = 500
MAX_SLICE = 200_000
# Between slices: a 1 ms sleep, not sleep(0).  Under qasync a sleep(0) wake-up often runs
# before timers that are already due, so a 10 ms ticker was served only every second slice
# (measured: lag p50 30 ms with 20 ms slices; 14 ms with this 1 ms yield).
YIELD_S = 0.001

Progress = Callable[[int, int], None]  # (done, total)


class _Pacer:
    """Rows per slice so that a slice takes about ``budget`` seconds."""

    def __init__(self, budget: float) -> None:
        self.budget = budget
        self.rows = FIRST_SLICE

    def measure(self, rows: int, elapsed: float) -> None:
        if rows <= 0:
            return
        per_row = max(elapsed, 1e-6) / rows
        self.rows = max(1, min(MAX_SLICE, int(self.budget / per_row)))


async def export_in_slices(writer: CaptureWriter, progress: Progress | None = None, *,
                           budget_s: float = SLICE_BUDGET_S) -> ExportResult:
    """Write the whole file, yielding to the loop between slices."""
    pacer = _Pacer(budget_s)
    try:
        while True:
            before, start = writer.done, time.perf_counter()
            finished = writer.write_some(pacer.rows)
            pacer.measure(writer.done - before, time.perf_counter() - start)
            if progress is not None:
                progress(writer.done, writer.total)
            if finished:
                return writer.result()
            await asyncio.sleep(YIELD_S)
    except asyncio.CancelledError:
        writer.cancel()
        raise


async def read_in_slices(reader: CaptureReader, progress: Progress | None = None, *,
                         budget_s: float = SLICE_BUDGET_S) -> Capture:
    """Read the whole capture, yielding to the loop between slices; progress is in bytes."""
    pacer = _Pacer(budget_s)
    try:
        while True:
            before, start = len(reader.log), time.perf_counter()
            finished = reader.read_some(pacer.rows)
            pacer.measure(max(len(reader.log) - before, 1), time.perf_counter() - start)
            if progress is not None:
                progress(reader.position, reader.size)
            if finished:
                return reader.capture()
            await asyncio.sleep(YIELD_S)
    finally:
        if not reader.finished:
            reader.close()

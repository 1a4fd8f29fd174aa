"""Ingest, Sockscope's way (``python -m gui.bench.ingest_ours …`` prints JSON).

The flood goes socket → transports connection → SessionManager → MessageLog → LogModel (40 ms
batched flushes) → the log table of the real MainWindow, shown (offscreen platform) and following
the tail, on the qasync loop — exactly the application's path.  The clock runs from the connect
call until the model has published the ``count``-th row; when the ``count``-th frame was stored
in the log is reported too (``stored_fps``, and ``last_row_ms``: how long the last row then
waited for the model's next flush).  The log's byte cap is raised to 1 GiB (as View ▸ Log
limits does) so that the full mode's 600,000 frames of 1 KiB are all kept.  With ``--lag`` a
10 ms ticker and a posted-event probe run on the same loop (see :mod:`gui.bench.lag`), recorded
only during the flood; an idle second before the flood is recorded too, for reference.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import Any

from gui.bench.proc import emit
from gui.bench.qt import run_on_qasync
from gui.bench.stats import summarize


def _ms(values: list[float]) -> dict[str, float]:
    return {k: (v * 1000 if k != "n" else v) for k, v in summarize(values).items()}


async def measure(proto: str, port: int, count: int, lag: bool) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from gui.bench.lag import ClickProbe, Ticker
    from gui.main_window import MainWindow
    from gui.session import SessionManager
    from gui.session.entry import Entry
    from gui.workspace.model import ConnectionSpec
    from transports.frames import BatchEvent
    from transports.framing import FramingMode, FramingSpec
    from transports.options import Options

    # The default message cap (1,000,000 rows); a byte cap that keeps 600,000 frames of 1 KiB.
    manager = SessionManager(log_byte_cap=1 << 30)
    window = MainWindow(manager)
    window.show()
    if proto == "tcp":
        spec = ConnectionSpec(f"tcp://127.0.0.1:{port}", options=Options(framing=FramingSpec(
            mode=FramingMode.LENGTH, header_size=2, keep_header=False)))
    else:
        spec = ConnectionSpec(f"ws://127.0.0.1:{port}/")
    entry = manager.add(spec)
    window.select_entry(entry)
    panel = window.log_panel
    model, table = panel.model, panel.table
    QApplication.processEvents()
    await asyncio.sleep(0.1)

    ticker = click = None
    idle_lag: list[float] = []
    if lag:
        click = ClickProbe(window)
        ticker = Ticker(click)
        ticker.start()
        ticker.record(True)
        await asyncio.sleep(1.0)
        ticker.record(False)
        idle_lag = list(ticker.samples)
        ticker.samples.clear()
        click.samples.clear()
        ticker.record(True)

    done: asyncio.Future[float] = asyncio.get_running_loop().create_future()
    stored_at: list[float] = []

    def on_event(tapped: Entry, event: BatchEvent) -> None:  # after the log appended
        if not stored_at and len(tapped.log) >= count:
            stored_at.append(time.perf_counter())

    manager.add_tap(on_event)

    def on_flush() -> None:
        if model.rowCount() >= count and not done.done():
            done.set_result(time.perf_counter())

    model.flushed.connect(on_flush)
    start = time.perf_counter()
    await manager.connect(entry)
    try:
        end = await asyncio.wait_for(done, timeout=max(60.0, count / 20_000))
    finally:
        if ticker is not None:
            ticker.record(False)
            await ticker.stop()
    bar = table.verticalScrollBar()
    followed = bar.value() >= bar.maximum()
    rows = model.rowCount()
    seconds = end - start
    stored = (stored_at[0] if stored_at else end) - start
    result: dict[str, Any] = {
        "impl": "ours", "proto": proto, "frames": count, "seconds": round(seconds, 4),
        "fps": round(count / seconds), "rows": rows, "stored": len(entry.log),
        "stored_fps": round(count / stored), "last_row_ms": round((seconds - stored) * 1000, 1),
        "followed_tail": followed, "window_visible": window.isVisible(),
        "platform": QApplication.platformName(),
    }
    if ticker is not None and click is not None:
        result.update({"lag": _ms(ticker.samples), "click": _ms(click.samples),
                       "idle_lag": _ms(idle_lag)})
        click.remove()
    await manager.close_all()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.ingest_ours")
    parser.add_argument("--proto", choices=["tcp", "ws"], required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--count", type=int, required=True)
    parser.add_argument("--lag", action="store_true")
    args = parser.parse_args(argv)
    emit(run_on_qasync(lambda: measure(args.proto, args.port, args.count, args.lag)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""A big log in the real window (``python -m gui.bench.biglog --rows N`` prints JSON).

A MessageLog of N 64-byte rows (text ``id=<n> temp=<n % 100>`` plus filler; every 1000th row
also holds the bytes DE AD BE EF) is given to a connection entry of the real MainWindow
(offscreen), then each operation is timed through the widgets' own API, including the event
processing and a synchronous repaint of what changed:
- open: selecting the entry (the log panel loads the log, follows the tail);
- filter by substring (``temp=42``: 1 % of rows) and by hex (``DE AD BE EF``: 0.1 %): the
  filter box's mode and text are set and applied as pressing Return does, until the model
  reports ``filter_finished``; the number of matches is checked;
- scroll to the middle: ``table.scrollTo`` row N/2 (centre), events, viewport repaint;
- select a row and render its detail: ``panel.select_row`` → the detail pane shows the frame.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from collections.abc import Iterator
from typing import Any

from gui.bench.proc import emit, rss_bytes
from gui.bench.qt import run_on_qasync
from gui.bench.stats import median

MAGIC = b"\xde\xad\xbe\xef"


def biglog_payload(i: int) -> bytes:
    """The 64-byte payload of row ``i``."""
    head = b"id=%07d temp=%02d " % (i, i % 100)
    if i % 1000 == 0:
        head += MAGIC
    return head + b"." * (64 - len(head))


def biglog_frames(rows: int) -> Iterator[Any]:
    from transports.frames import Direction, Frame, FrameKind

    now = time.time() - rows * 1e-4
    peer = ("127.0.0.1", 40000)
    for i in range(rows):
        yield Frame(biglog_payload(i), Direction(i & 1), 1, now + i * 1e-4, FrameKind.DATA, peer)


async def measure(rows: int, reps: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QAbstractItemView, QApplication

    from gui.main_window import MainWindow
    from gui.session import SessionManager
    from gui.workspace.model import ConnectionSpec

    manager = SessionManager(message_cap=max(rows, 1))
    window = MainWindow(manager)
    window.show()
    entry = manager.add(ConnectionSpec("tcp://127.0.0.1:9"))
    t0 = time.perf_counter()
    entry.log.extend(biglog_frames(rows))
    build_s = time.perf_counter() - t0
    panel = window.log_panel
    model, table = panel.model, panel.table
    finished = asyncio.Event()
    model.filter_finished.connect(finished.set)

    def settle() -> None:
        QApplication.processEvents()
        table.viewport().repaint()

    t0 = time.perf_counter()
    window.select_entry(entry)
    settle()
    open_s = time.perf_counter() - t0
    assert model.rowCount() == rows, (model.rowCount(), rows)

    async def run_filter(mode: str, text: str) -> tuple[float, int]:
        panel.filter_mode_combo.blockSignals(True)
        panel.filter_mode_combo.setCurrentIndex(panel.filter_mode_combo.findData(mode))
        panel.filter_mode_combo.blockSignals(False)
        panel.filter_edit.setText(text)
        finished.clear()
        t0 = time.perf_counter()
        panel.apply_filter()  # what pressing Return in the filter box does
        await finished.wait()  # the scan continues in slices on the loop
        settle()
        return time.perf_counter() - t0, model.rowCount()

    timings: dict[str, list[float]] = {k: [] for k in (
        "filter_substring", "filter_hex", "unfilter", "scroll", "select")}
    matches: dict[str, int] = {}
    middle = rows // 2
    for _ in range(reps):
        s, matches["substring"] = await run_filter("substring", "temp=42")
        timings["filter_substring"].append(s)
        s, _n = await run_filter("substring", "")
        timings["unfilter"].append(s)
        s, matches["hex"] = await run_filter("hex", "DE AD BE EF")
        timings["filter_hex"].append(s)
        await run_filter("substring", "")
        table.scrollToBottom()
        settle()

        t0 = time.perf_counter()
        table.scrollTo(model.index(middle, 0), QAbstractItemView.ScrollHint.PositionAtCenter)
        settle()
        timings["scroll"].append(time.perf_counter() - t0)
        shown = table.rowAt(table.viewport().height() // 2)

        t0 = time.perf_counter()
        panel.select_row(middle)
        QApplication.processEvents()
        panel.detail.repaint()
        table.viewport().repaint()
        timings["select"].append(time.perf_counter() - t0)
        detail_ok = biglog_payload(middle)[:10].decode() in panel.detail.text_view.toPlainText()
        panel.table.clearSelection()
        settle()

    expected = {"substring": sum(1 for i in range(rows) if i % 100 == 42),
                "hex": len(range(0, rows, 1000))}
    result: dict[str, Any] = {
        "rows": rows, "reps": reps, "build_s": round(build_s, 2),
        "open_ms": round(open_s * 1000, 1),
        **{f"{k}_ms": round(median(v) * 1000, 1) for k, v in timings.items()},
        **{f"{k}_max_ms": round(max(v) * 1000, 1) for k, v in timings.items()},
        "matches": matches, "matches_expected": expected,
        "matches_ok": matches == expected,
        "middle_row_shown": shown, "detail_ok": detail_ok,
        "rss_mb": round(rss_bytes() / 2**20, 1),
    }
    window.close()
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.biglog")
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--reps", type=int, default=3)
    args = parser.parse_args(argv)
    emit(run_on_qasync(lambda: measure(args.rows, args.reps)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

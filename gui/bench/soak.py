"""Soak: a flood the log cannot keep — peak RSS under the log's byte cap (issue 11).

``python -m gui.bench.soak --seconds S [--clients N] [--byte-cap-mib M]`` runs the real
MainWindow (offscreen) on the qasync loop with a TCP server entry selected and shown; N client
connections from a separate process (``python -m gui.bench.soak clients …``) write 64 KiB
blocks to it as fast as it reads for S seconds.  The server's log keeps at most M MiB of
payload (the default log limit, 256 MiB), dropping its oldest messages; the window follows the
tail.  RSS is sampled every 50 ms; the last stdout line is one JSON object with the peak.
The goal is a peak RSS under the byte cap + 200 MiB however long the flood lasts.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import time
from typing import Any

from gui.bench.proc import child_env, emit, rss_bytes, run_child
from gui.bench.qt import run_on_qasync

MIB = 1024 * 1024
BLOCK = 64 * 1024
HEADROOM_MIB = 200  # the goal: peak RSS < byte cap + this


async def _client(port: int, until: float, sent: list[int]) -> None:
    _reader, writer = await asyncio.open_connection("127.0.0.1", port)
    block = bytes(range(256)) * (BLOCK // 256)
    try:
        while time.monotonic() < until:
            writer.write(block)
            await writer.drain()
            sent[0] += BLOCK
    except (ConnectionError, OSError):
        pass
    finally:
        writer.close()


async def clients(port: int, count: int, seconds: float) -> dict[str, Any]:
    """The flood: ``count`` connections writing 64 KiB blocks for ``seconds``."""
    until = time.monotonic() + seconds
    sent = [0]
    await asyncio.gather(*(_client(port, until, sent) for _ in range(count)))
    return {"sent": sent[0]}


async def soak(seconds: float, count: int, byte_cap: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from gui.main_window import MainWindow
    from gui.session import SessionManager
    from gui.workspace.model import ConnectionSpec, Role
    from transports.options import Options

    manager = SessionManager(log_byte_cap=byte_cap)
    window = MainWindow(manager)
    window.show()
    entry = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, Options(name="soak")))
    window.select_entry(entry)
    await manager.connect(entry)
    QApplication.processEvents()
    await asyncio.sleep(0.2)
    base = peak = rss_bytes()
    flood = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "gui.bench.soak", "clients", "--port", str(entry.bound_port),
        "--clients", str(count), "--seconds", str(seconds), env=child_env(),
        stdout=asyncio.subprocess.DEVNULL)
    start = time.perf_counter()
    while flood.returncode is None:
        peak = max(peak, rss_bytes())
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(flood.wait(), 0.05)
    elapsed = time.perf_counter() - start
    peak = max(peak, rss_bytes())
    log = entry.log
    stats = log.stats
    model = window.log_panel.model
    model.flush()
    bar = window.log_panel.table.verticalScrollBar()
    result: dict[str, Any] = {
        "seconds": round(elapsed, 1), "clients": count, "byte_cap_mib": byte_cap // MIB,
        "received_mib": round(stats.bytes_in / MIB), "mib_per_s": round(stats.bytes_in / MIB
                                                                         / elapsed, 1),
        "frames": stats.frames_in, "rows_held": len(log), "dropped": log.dropped,
        "held_mib": round(log.nbytes / MIB, 1), "rss_base_mib": round(base / MIB),
        "rss_peak_mib": round(peak / MIB), "goal_mib": byte_cap // MIB + HEADROOM_MIB,
        "shown_rows": model.rowCount(), "followed_tail": bar.value() >= bar.maximum(),
        "status": window.traffic_label.text().split("   ")[-1],
    }
    result["met"] = result["rss_peak_mib"] < result["goal_mib"]
    await manager.close_all()
    return result


def run(quick: bool) -> dict[str, Any]:
    """The bench part: 30 s (quick: 5 s) from 4 clients at the default 256 MiB cap."""
    seconds = 5 if quick else 30
    return run_child("gui.bench.soak", ["--seconds", str(seconds), "--clients", "4"],
                     timeout=seconds + 120)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.soak")
    parser.add_argument("role", nargs="?", choices=["window", "clients"], default="window")
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--byte-cap-mib", type=int, default=256)
    args = parser.parse_args(argv)
    if args.role == "clients":
        emit(asyncio.run(clients(args.port, args.clients, args.seconds)))
    else:
        emit(run_on_qasync(lambda: soak(args.seconds, args.clients, args.byte_cap_mib * MIB)))
    return 0


if __name__ == "__main__":
    sys.exit(main())

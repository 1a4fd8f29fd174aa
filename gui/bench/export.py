"""Capture export on the qasync loop (``python -m gui.bench.export --rows N`` prints JSON).

A MessageLog of N 64-byte rows (the big-log payloads) is exported to each format with
``gui.capture.run.export_in_slices`` — the GUI's path — on a qasync loop over a QApplication,
while a 10 ms ticker records how late the loop wakes (:mod:`gui.bench.lag`).  Baselines in the
same process: the bare floor (the same payloads joined and written to one file, no formatting,
no slices) and, for pcapng, building the packets with dpkt's objects instead of ``struct`` on a
sample of rows (its per-row cost times N, to show why the writer packs by hand).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import struct
import tempfile
import time
from pathlib import Path
from typing import Any

from gui.bench.biglog import biglog_frames
from gui.bench.proc import emit
from gui.bench.qt import run_on_qasync
from gui.bench.stats import median

FORMATS = ("raw.bin", "csv.csv", "jsonl.jsonl", "pcapng.pcapng")
DPKT_SAMPLE = 20_000


def _ms(samples: list[float]) -> dict[str, float]:
    if not samples:
        return {"p50": float("nan"), "p99": float("nan"), "max": float("nan")}
    ordered = sorted(samples)
    return {"p50": round(median(ordered) * 1e3, 2),
            "p99": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1e3, 2),
            "max": round(ordered[-1] * 1e3, 2)}


def _bare(log: Any, path: Path) -> float:
    t0 = time.perf_counter()
    with path.open("wb") as handle:
        handle.write(b"".join(log.payload(r) for r in range(len(log))))
        handle.flush()
        os.fsync(handle.fileno())
    return time.perf_counter() - t0


def _dpkt_per_row(log: Any) -> float:
    """Seconds per row to build each row's TCP/IP packet and EPB with dpkt objects."""
    import dpkt
    from dpkt import pcapng

    src, dst = bytes([127, 0, 0, 1]), bytes([127, 0, 0, 2])
    n = min(DPKT_SAMPLE, len(log))
    out = []
    t0 = time.perf_counter()
    seq = 1
    for r in range(n):
        payload = log.payload(r)
        tcp = dpkt.tcp.TCP(sport=50000, dport=9000, seq=seq, ack=1,
                           flags=dpkt.tcp.TH_ACK | dpkt.tcp.TH_PUSH, data=payload)
        ip = dpkt.ip.IP(src=src, dst=dst, p=6, data=tcp)
        ip.len = len(ip)
        raw = bytes(ip)
        epb = pcapng.EnhancedPacketBlockLE(
            iface_id=0, caplen=len(raw), pkt_len=len(raw), pkt_data=raw,
            opts=[pcapng.PcapngOptionLE(code=2, data=struct.pack("<I", 1)),
                  pcapng.PcapngOptionLE(code=0)])
        out.append(bytes(epb))
        seq += len(payload)
    return (time.perf_counter() - t0) / max(n, 1)


async def measure(rows: int) -> dict[str, Any]:
    from gui.bench.lag import Ticker
    from gui.capture import CaptureSource, ExportOptions, Transport, open_writer
    from gui.capture.run import export_in_slices
    from gui.store.log import MessageLog

    log = MessageLog(max(rows, 1))
    log.extend(biglog_frames(rows))
    source = CaptureSource(Transport.TCP, False, ("127.0.0.1", 50000), "bench")
    ticker = Ticker()
    ticker.start()
    await asyncio.sleep(0.2)
    ticker.record(True)  # the loop's lateness with nothing to do: the machine's own noise
    await asyncio.sleep(1.0)
    ticker.record(False)
    results: dict[str, Any] = {"rows": rows, "formats": [], "idle_lag": _ms(ticker.samples)}
    with tempfile.TemporaryDirectory(prefix="sockscope-bench-") as folder:
        bare_s = _bare(log, Path(folder) / "bare.bin")
        results["bare_s"] = round(bare_s, 3)
        for name in FORMATS:
            path = Path(folder) / f"export.{name.split('.')[1]}"
            writer = open_writer(log, path, options=ExportOptions(source=source))
            ticker.samples.clear()
            ticker.record(True)
            t0 = time.perf_counter()
            result = await export_in_slices(writer)
            seconds = time.perf_counter() - t0
            ticker.record(False)
            results["formats"].append({
                "format": name.split(".")[0], "seconds": round(seconds, 2),
                "us_per_row": round(seconds / rows * 1e6, 2),
                "mb": round(result.size / 2**20, 1), "vs_bare": round(seconds / bare_s, 1),
                "lag": _ms(ticker.samples)})
            path.unlink()
    await ticker.stop()
    results["dpkt_us_per_row"] = round(_dpkt_per_row(log) * 1e6, 2)
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    args = parser.parse_args()
    emit(run_on_qasync(lambda: measure(args.rows)))


if __name__ == "__main__":
    main()

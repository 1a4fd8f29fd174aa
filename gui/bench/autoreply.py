"""Flood with a matching rule: replies per second from an auto-reply rule, against a bare
asyncio server that answers the same frames, measured back to back in the same run.

``python -m gui.bench.autoreply --impl ours|bare --count N`` serves one flood and prints JSON.
It starts the flood client (``--client``, a separate process) which writes ``count``
newline-ended 64-byte requests as fast as the socket takes them while reading the 64-byte
replies, and reports replies/s from its first write to its last reply byte.

- ``ours``: the application's path on the qasync loop with the MainWindow shown: a TCP server
  entry of a SessionManager (every request and reply stored in the log, the log table
  following), a RulesEngine rule ``starts with "REQ"`` replying ``RSP {{counter:u32be}}`` padded
  to 64 bytes, sent through ``Connection.offer()``.  The 10 ms ticker measures loop lag
  during the flood (see :mod:`gui.bench.lag`).
- ``bare``: a plain asyncio Protocol on the default loop that splits lines and writes one
  64-byte reply per request (joined per read): the ceiling of a Python server on this machine.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import time
from typing import Any

from gui.bench.proc import child_env, emit
from gui.bench.stats import median, summarize

SIZE = 64
REQUEST = b"REQ " + b"x" * (SIZE - 5) + b"\n"
REPLY_TEMPLATE = "RSP {{counter:u32be}}" + "y" * (SIZE - 9) + "\\n"
REPLY_BARE = b"RSP " + b"\0\0\0\1" + b"y" * (SIZE - 9) + b"\n"


# -- the flood client (its own process) ---------------------------------------------------
async def client(port: int, count: int) -> dict[str, Any]:
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    want = count * SIZE
    chunk = REQUEST * 1024

    async def write() -> None:
        left = count
        while left > 0:
            n = min(left, 1024)
            writer.write(chunk if n == 1024 else REQUEST * n)
            left -= n
            await writer.drain()

    start = time.perf_counter()
    sender = asyncio.create_task(write(), name="bench-autoreply-writer")
    got = 0
    while got < want:
        data = await reader.read(1 << 18)
        if not data:
            break
        got += len(data)
    seconds = time.perf_counter() - start
    await sender
    writer.close()
    return {"replies": got // SIZE, "seconds": round(seconds, 4),
            "rps": round(got // SIZE / seconds)}


async def _run_client(port: int, count: int) -> dict[str, Any]:
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "gui.bench.autoreply", "--client", "--port", str(port),
        "--count", str(count), stdout=asyncio.subprocess.PIPE, env=child_env())
    out, _ = await proc.communicate()
    import json
    result: dict[str, Any] = json.loads(out.decode().strip().splitlines()[-1])
    return result


# -- the servers ------------------------------------------------------------------------
class _Bare(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.rest = b""

    def data_received(self, data: bytes) -> None:
        lines = (self.rest + data).split(b"\n")
        self.rest = lines.pop()
        self.transport.write(REPLY_BARE * len(lines))


async def bare(count: int) -> dict[str, Any]:
    loop = asyncio.get_running_loop()
    server = await loop.create_server(_Bare, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    result = await _run_client(port, count)
    server.close()
    return {"impl": "bare", **result}


async def headless(count: int) -> dict[str, Any]:
    """The session and the engine on plain asyncio, no window (what ``sockscope-cli`` runs)."""
    from gui.automation.rules import RulesEngine
    from gui.session import SessionManager

    manager = SessionManager()
    engine = RulesEngine(manager)
    entry = _entry(manager, engine)
    await manager.connect(entry)
    result = await _run_client(entry.bound_port or 0, count)
    out = {"impl": "headless", **result, "engine_replies": engine.replies,
           "stored": _frames(entry.log)}
    await engine.close()
    await manager.close_all()
    return out


def _entry(manager: Any, engine: Any) -> Any:
    from gui.automation.match import MatchKind, MatchSpec
    from gui.automation.rules import Rule
    from gui.workspace.model import ConnectionSpec, Role
    from transports.framing import FramingMode, FramingSpec
    from transports.options import Options

    framing = FramingSpec(mode=FramingMode.DELIMITER, delimiter=b"\n", keep_delimiter=True)
    entry = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                       Options(framing=framing)))
    engine.set_rules(entry.id, [Rule(match=MatchSpec(MatchKind.STARTS, "REQ"),
                                     reply=REPLY_TEMPLATE)])
    return entry


async def ours(count: int) -> dict[str, Any]:
    from PySide6.QtWidgets import QApplication

    from gui.automation.rules import RulesEngine
    from gui.bench.lag import Ticker
    from gui.main_window import MainWindow
    from gui.session import SessionManager

    manager = SessionManager()
    engine = RulesEngine(manager)
    window = MainWindow(manager)
    window.show()
    entry = _entry(manager, engine)
    window.select_entry(entry)
    await manager.connect(entry)
    QApplication.processEvents()
    ticker = Ticker()
    ticker.start()
    ticker.record(True)
    try:
        result = await _run_client(entry.bound_port or 0, count)
    finally:
        ticker.record(False)
        await ticker.stop()
    lag = {k: (v * 1000 if k != "n" else v) for k, v in summarize(ticker.samples).items()}
    out = {"impl": "ours", **result, "engine_replies": engine.replies,
           "stored": _frames(entry.log), "lag": lag}
    await engine.close()
    await manager.close_all()
    return out


def run(quick: bool) -> dict[str, Any]:
    """The part for ``python -m gui.bench``: bare, headless and ours back to back, ``reps``
    times; ``ratio`` is the median of ours / bare over the back-to-back pairs."""
    from gui.bench.proc import run_child

    count = 50_000 if quick else 300_000
    reps = 1 if quick else 3
    ratios: list[float] = []
    runs: dict[str, list[dict[str, Any]]] = {"bare": [], "headless": [], "ours": []}
    errors: list[str] = []
    for _ in range(reps):
        pair = {impl: run_child("gui.bench.autoreply", ["--impl", impl, "--count", str(count)],
                                120 + count / 2_000) for impl in runs}
        for impl, result in pair.items():
            (errors if "error" in result else runs[impl]).append(result.get("error", result))
        if "error" not in pair["ours"] and "error" not in pair["bare"]:
            ratios.append(pair["ours"]["rps"] / pair["bare"]["rps"])
    out: dict[str, Any] = {"count": count, "size": SIZE, "reps": reps, "errors": errors}
    for impl, results in runs.items():
        if results:
            out[f"{impl}_rps"] = round(median(r["rps"] for r in results))
    if runs["ours"]:
        out["lag_p99_ms"] = round(median(r["lag"]["p99"] for r in runs["ours"]), 1)
        out["lag_max_ms"] = round(max(r["lag"]["max"] for r in runs["ours"]), 1)
        out["all_replied"] = all(r["replies"] == count for r in runs["ours"])
    if ratios:
        out["ratio"] = round(median(ratios), 3)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.autoreply")
    parser.add_argument("--impl", choices=["ours", "headless", "bare"])
    parser.add_argument("--client", action="store_true")
    parser.add_argument("--port", type=int)
    parser.add_argument("--count", type=int, required=True)
    args = parser.parse_args(argv)
    if args.client:
        emit(asyncio.run(client(args.port, args.count)))
    elif args.impl == "bare":
        emit(asyncio.run(bare(args.count)))
    elif args.impl == "headless":
        emit(asyncio.run(headless(args.count)))
    else:
        from gui.bench.qt import run_on_qasync
        emit(run_on_qasync(lambda: ours(args.count)))
    return 0


def _frames(log: Any) -> int:
    """Frames the log stored (its connection-event rows are not traffic)."""
    stats = log.stats
    return int(stats.frames_in + stats.frames_out)


if __name__ == "__main__":
    sys.exit(main())

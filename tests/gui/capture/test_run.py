"""Exports and reads in slices on a running loop: progress, the loop keeps running, cancel."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from gui.capture import open_reader, open_writer
from gui.capture.run import export_in_slices, read_in_slices
from gui.store.log import MessageLog
from transports.frames import Direction, Frame


def _log(n: int) -> MessageLog:
    log = MessageLog()
    log.extend(Frame(b"payload %d" % i, Direction(i % 2), 1, 1e9 + i) for i in range(n))
    return log


def test_export_yields_to_the_loop_and_reports_progress(tmp_path: Path) -> None:
    log = _log(20_000)
    seen: list[tuple[int, int]] = []
    ticks = 0

    async def main() -> None:
        nonlocal ticks
        task = asyncio.create_task(export_in_slices(open_writer(log, tmp_path / "a.jsonl"),
                                                    lambda d, t: seen.append((d, t)),
                                                    budget_s=0.001))
        while not task.done():
            ticks += 1  # the loop runs other work between slices
            await asyncio.sleep(0)
        result = task.result()
        assert result.rows == 20_000

    asyncio.run(main())
    assert len(seen) > 3 and ticks > 3
    assert seen[-1] == (20_000, 20_000)
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)

    async def read() -> None:
        capture = await read_in_slices(open_reader(tmp_path / "a.jsonl"), budget_s=0.001)
        assert [capture.log.frame(r) for r in range(len(capture.log))] == [
            log.frame(r) for r in range(len(log))]

    asyncio.run(read())


def test_cancelling_the_task_deletes_the_partial_file(tmp_path: Path) -> None:
    log = _log(50_000)

    async def main() -> None:
        writer = open_writer(log, tmp_path / "a.csv")
        started = asyncio.Event()
        task = asyncio.create_task(export_in_slices(writer, lambda d, t: started.set(),
                                                    budget_s=0.001))
        await started.wait()  # one slice written
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert 0 < writer.done < writer.total

    asyncio.run(main())
    assert list(tmp_path.iterdir()) == []

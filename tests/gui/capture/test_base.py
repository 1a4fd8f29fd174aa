"""What every writer shares: slices with progress, cancel and failures leave no file, rows the
log drops meanwhile are counted, formats by extension."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from gui.atomic_file import AtomicFile
from gui.capture import CaptureError, format_for_path, open_writer
from gui.store.log import MessageLog
from transports.frames import Direction, Frame

FORMATS = ["a.csv", "a.jsonl", "a.pcapng", "a.bin"]


def _log(n: int, cap: int = 1_000_000) -> MessageLog:
    log = MessageLog(cap)
    for i in range(n):
        log.append(Frame(b"row %d" % i, Direction(i % 2), 1, 1e9 + i, peer=("127.0.0.1", 80)))
    return log


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


@pytest.mark.parametrize("name", FORMATS)
def test_slices_report_progress_and_the_file_appears_at_the_end(tmp_path: Path,
                                                                name: str) -> None:
    log = _log(10)
    writer = open_writer(log, tmp_path / name)
    assert (writer.done, writer.total) == (0, 10)
    steps = 0
    while not writer.write_some(3):
        steps += 1
        assert not (tmp_path / name).exists()  # only the temporary file so far
        assert writer.done == 3 * steps
    assert steps == 3 and writer.finished
    result = writer.result()
    assert (result.rows, result.skipped) == (10, 0)
    assert result.size == (tmp_path / name).stat().st_size > 0
    assert _leftovers(tmp_path) == [name]


@pytest.mark.parametrize("name", FORMATS)
def test_cancel_keeps_the_old_file_and_leaves_no_temporary(tmp_path: Path, name: str) -> None:
    target = tmp_path / name
    target.write_bytes(b"yesterday's capture")
    writer = open_writer(_log(10), target)
    writer.write_some(4)
    writer.cancel()
    assert target.read_bytes() == b"yesterday's capture"
    assert _leftovers(tmp_path) == [name]
    with pytest.raises(CaptureError, match="cancelled"):
        writer.write_some(4)


def test_a_failed_write_leaves_no_half_file(tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "full.jsonl"
    writer = open_writer(_log(10), target)
    writer.write_some(2)

    def disk_full(self: AtomicFile, data: bytes) -> None:
        raise OSError(28, os.strerror(28))

    monkeypatch.setattr(AtomicFile, "write", disk_full)
    with pytest.raises(CaptureError, match=r"full\.jsonl: cannot write: No space left"):
        writer.write_some(2)
    assert _leftovers(tmp_path) == []


def test_a_cleared_log_stops_the_export(tmp_path: Path) -> None:
    log = _log(10)
    writer = open_writer(log, tmp_path / "x.csv")
    writer.write_some(2)
    log.clear()
    with pytest.raises(CaptureError, match="cleared during the export"):
        writer.write_some(2)
    assert _leftovers(tmp_path) == []


def test_rows_the_capped_log_drops_meanwhile_are_counted_not_shifted(tmp_path: Path) -> None:
    log = _log(10, cap=10)
    writer = open_writer(log, tmp_path / "x.jsonl", [0, 1, 2, 8, 9])
    writer.write_some(1)  # row 0 (message 1) written
    for i in range(10, 12):  # two more frames: messages 1 and 2 leave the head
        log.append(Frame(b"late %d" % i, Direction.IN, 1, 1e9 + i))
    writer.run()
    result = writer.result()
    assert (result.rows, result.skipped) == (4, 1)  # message 2 was gone; new frames excluded
    lines = (tmp_path / "x.jsonl").read_text().splitlines()
    assert [line.split(",")[0] for line in lines[1:]] == ['{"n":1', '{"n":3', '{"n":9',
                                                           '{"n":10']


def test_row_out_of_range_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IndexError, match="row 10 out of range"):
        open_writer(_log(10), tmp_path / "x.csv", [10])


def test_format_follows_the_extension() -> None:
    assert [format_for_path(n) for n in ("a.CSV", "b.ndjson", "c.pcapng", "d.raw")] == [
        "csv", "jsonl", "pcapng", "raw"]
    with pytest.raises(CaptureError, match=r"unknown capture extension '\.txt'; use one of"):
        format_for_path("x.txt")

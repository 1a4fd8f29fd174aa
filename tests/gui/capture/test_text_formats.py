"""CSV and raw exports, read back with the csv module and as bytes."""

from __future__ import annotations

import csv
from datetime import datetime
from pathlib import Path

from gui.capture import ExportOptions, write_capture
from gui.capture.text_formats import CSV_COLUMNS
from gui.render import display_text
from tests.gui.capture.conftest import SERVER, SERVER6, frames_of, make_log
from transports.frames import Direction, FrameKind

IN, OUT = Direction.IN, Direction.OUT


def _log():
    return make_log([
        (b"hello\r\n", OUT, 3, FrameKind.DATA, SERVER),
        ("你好, \"世界\"\n第二行".encode("gbk"), IN, 3, FrameKind.DATA, SERVER),
        (b"\x00\xff\x10,;", IN, 4, FrameKind.BINARY, SERVER6),
        (b"", OUT, 4, FrameKind.PING, None),
        (b"\x03\xe8bye", IN, 4, FrameKind.CLOSE, SERVER6),
    ])


def test_csv_reads_back_with_the_csv_module(tmp_path: Path) -> None:
    log = _log()
    path = tmp_path / "out.csv"
    result = write_capture(log, path, options=ExportOptions(encoding="gbk"))
    assert result.rows == len(log) and result.skipped == 0
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")  # BOM: spreadsheets pick UTF-8
    with path.open(newline="", encoding="utf-8-sig") as handle:
        rows = list(csv.reader(handle))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + len(log)
    for i, (row, frame) in enumerate(zip(rows[1:], frames_of(log), strict=True)):
        record = dict(zip(CSV_COLUMNS, row, strict=True))
        assert int(record["number"]) == log.seq(i)
        when = datetime.fromisoformat(record["time"])
        assert when.utcoffset() is not None
        assert round(when.timestamp() * 1e6) == round(frame.timestamp * 1e6)
        assert record["direction"] == ("out" if frame.direction is OUT else "in")
        assert int(record["connection"]) == frame.conn_id
        assert record["kind"] == frame.kind.name.lower()
        assert int(record["length"]) == len(frame.payload)
        assert bytes.fromhex(record["hex"]) == frame.payload
        assert record["text"] == display_text(frame.payload, "gbk")
    assert rows[1][4] == "127.0.0.1:9000" and rows[3][4] == "[::1]:9001" and rows[4][4] == ""
    assert rows[2][8] == "你好, \"世界\"\n第二行"  # quotes and the newline survive quoting
    assert rows[3][8] == "\\0\\xff\\x10,;"  # controls and undecodable bytes escaped


def test_csv_of_selected_rows_only(tmp_path: Path) -> None:
    log = _log()
    path = tmp_path / "sel.csv"
    write_capture(log, path, [4, 1, -5])  # any order, negative from the end: sorted, unique
    with path.open(newline="", encoding="utf-8-sig") as handle:
        numbers = [row[0] for row in csv.reader(handle)][1:]
    assert numbers == ["1", "2", "5"]


def test_raw_concatenates_one_directions_data(tmp_path: Path) -> None:
    log = _log()
    inbound, outbound = tmp_path / "in.bin", tmp_path / "out.raw"
    write_capture(log, inbound, options=ExportOptions(direction=IN))
    write_capture(log, outbound, options=ExportOptions(direction=OUT))
    # pings, pongs and closes are not data
    assert inbound.read_bytes() == "你好, \"世界\"\n第二行".encode("gbk") + b"\x00\xff\x10,;"
    assert outbound.read_bytes() == b"hello\r\n"


def test_event_rows_in_csv_and_json_lines(tmp_path: Path) -> None:
    import json

    from gui.capture import read_capture
    from gui.store.events import EventType, LogEvent

    bye = LogEvent(EventType.DISCONNECTED, "closed by peer: 1000 (Normal Closure): bye", "peer",
                   1000, "bye")
    log = make_log([(b"x", IN, 1, FrameKind.DATA, SERVER),
                    (bye.encode(), IN, 1, FrameKind.EVENT, SERVER)])
    write_capture(log, tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(newline="", encoding="utf-8-sig") as handle:
        last = list(csv.reader(handle))[-1]
    assert (last[5], last[8]) == ("event", "disconnected: " + bye.text)
    write_capture(log, tmp_path / "e.jsonl")
    row = json.loads((tmp_path / "e.jsonl").read_text().splitlines()[-1])
    assert row["kind"] == "event"
    assert row["event"] == {"event": "disconnected", "text": bye.text, "by": "peer",
                            "code": 1000, "reason": "bye"}
    assert frames_of(read_capture(tmp_path / "e.jsonl").log) == frames_of(log)

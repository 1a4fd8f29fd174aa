"""JSON Lines: the header, every row round-trips exactly, bad files say what and where."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gui.capture import (
    CaptureError,
    CaptureSource,
    ExportOptions,
    Transport,
    read_capture,
    write_capture,
)
from tests.gui.capture.conftest import SERVER, SERVER6, T0, frames_of, make_log
from transports.frames import Direction, Frame, FrameKind

SOURCE = CaptureSource(Transport.WEBSOCKET, True, ("127.0.0.1", 9000), "echo 服务", "ws://x/")


def test_header_and_rows(tmp_path: Path) -> None:
    log = make_log([
        ("你好".encode(), Direction.IN, 2, FrameKind.TEXT, SERVER6),
        (b"\xff\x00", Direction.OUT, 2, FrameKind.BINARY, SERVER),
    ])
    path = tmp_path / "c.jsonl"
    write_capture(log, path, options=ExportOptions(source=SOURCE))
    lines = [json.loads(line) for line in path.read_text("utf-8").splitlines()]
    header, first, second = lines
    assert header["format"] == "sockscope-capture" and header["version"] == 1
    assert header["rows"] == 2 and header["encoding"] == "utf-8"
    assert CaptureSource.from_json(header["source"], "x") == SOURCE
    assert first == {"n": 1, "time": "2025-12-01T02:43:44.123456+00:00", "ts": T0,
                     "dir": "in", "conn": 2, "peer": ["::1", 9001], "kind": "text", "len": 6,
                     "base64": "5L2g5aW9", "text": "你好"}
    assert "text" not in second and second["base64"] == "/wA="
    assert "auto" not in first and "auto" not in second


def test_automatic_frames_say_auto_true(tmp_path: Path) -> None:
    log = make_log([(b"ping", Direction.IN, 1, FrameKind.DATA, SERVER)])
    log.append(Frame(b"pong", Direction.OUT, 1, T0 + 1, FrameKind.DATA, SERVER, auto=True))
    path = tmp_path / "a.jsonl"
    write_capture(log, path, options=ExportOptions(source=SOURCE))
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines()[1:]]
    assert [row.get("auto") for row in rows] == [None, True]
    assert [f.auto for f in frames_of(read_capture(path).log)] == [False, True]


frame_strategy = st.builds(
    Frame,
    payload=st.binary(max_size=300),
    direction=st.sampled_from(Direction),
    conn_id=st.integers(0, 2**31),
    timestamp=st.floats(0, 4e9, allow_nan=False),
    kind=st.sampled_from(FrameKind),
    peer=st.none() | st.tuples(st.sampled_from(["127.0.0.1", "::1", "fe80::1%lo"]),
                               st.integers(0, 65535)),
    auto=st.booleans(),
)


@settings(max_examples=30, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(frames=st.lists(frame_strategy, max_size=20), encoding=st.sampled_from(["utf-8", "gbk"]))
def test_round_trip_is_exact(tmp_path: Path, frames: list[Frame], encoding: str) -> None:
    from gui.store.log import MessageLog
    log = MessageLog()
    log.extend(frames)
    path = tmp_path / "r.jsonl"
    write_capture(log, path, options=ExportOptions(encoding=encoding, source=SOURCE))
    capture = read_capture(path)
    assert frames_of(capture.log) == frames
    assert capture.source == SOURCE and capture.format == "jsonl"


@pytest.mark.parametrize(("content", "expected"), [
    (b"", "the file is empty"),
    (b'{"format": "other"}\n', ":1: expected a header"),
    (b'{"format": "sockscope-capture", "version": 99}\n', ":1: unsupported version 99"),
    (b'{"format": "sockscope-capture", "version": 1}\n[1]\n', ":2: expected a JSON object"),
    (b'{"format": "sockscope-capture", "version": 1}\n{"ts": 1,\n',
     ":2: column 10: bad JSON"),
    (b'{"format": "sockscope-capture", "version": 1}\n\n{"ts": 1, "dir": "up"}\n',
     ":3: \"dir\" must be \"in\" or \"out\""),
    (b'{"format": "sockscope-capture", "version": 1, "source": {"transport": "sctp"}}\n',
     ":1: \"source.transport\" must be one of"),
    (b'{"format": "sockscope-capture", "version": 1}\n{"ts": 1, "dir": "in", "conn": 1, '
     b'"kind": "data", "peer": null, "base64": "AB$C"}\n', ":2: \"base64\" is not valid"),
    (b'{"format": "sockscope-capture", "version": 1}\n{"ts": 1, "dir": "in", "conn": 1, '
     b'"kind": "data", "peer": ["h"], "base64": ""}\n', ":2: \"peer\": expected [host, port]"),
    (b'{"format": "sockscope-capture", "version": 1}\n{"ts": 1, "dir": "in", "conn": 1, '
     b'"kind": "data", "peer": null, "base64": "", "len": 3}\n',
     ":2: \"len\" says 3 bytes but \"base64\" holds 0"),
    (b'{"format": "sockscope-capture", "version": 1}\n{"ts": 1, "dir": "out", "conn": 1, '
     b'"kind": "data", "peer": null, "base64": "", "auto": "yes"}\n',
     ":2: \"auto\" must be true or false, got 'yes'"),
])
def test_bad_files_name_the_line_and_the_problem(tmp_path: Path, content: bytes,
                                                 expected: str) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_bytes(content)
    with pytest.raises(CaptureError) as info:
        read_capture(path) if content else read_capture_jsonl(path)
    assert str(path) in str(info.value)
    assert expected in str(info.value)


def read_capture_jsonl(path: Path) -> object:
    from gui.capture.jsonl import JsonLinesReader
    return JsonLinesReader(path).run()


def test_unknown_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(b"hello")
    with pytest.raises(CaptureError, match="not a Sockscope capture"):
        read_capture(path)

"""JSON Lines captures: the writer and the reader (Qt-free).  The format is documented in
docs/capture-format.md; field names are stable, new fields may be added in later versions.

Line 1 is a header object (``format``, ``version``, ``created``, ``encoding``, ``rows``,
``source``); every further line is one row: ``n`` (message number), ``time`` (ISO-8601, UTC,
microseconds), ``ts`` (Unix seconds, the exact float the log held), ``dir`` (``in``/``out``),
``conn``, ``peer`` (``[host, port]`` or null), ``kind``, ``len``, ``base64`` (the payload) and
``text`` (the payload decoded in the header's ``encoding``, present only when it decodes) and
``auto`` (``true`` on frames Sockscope sent on its own — an auto-reply, echo, a relay — and
absent otherwise).
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from gui.capture.base import CaptureWriter
from gui.capture.reader import CaptureReader
from gui.capture.source import FORMAT, VERSION, CaptureError, CaptureSource, parse_address
from gui.capture.text_formats import DIRECTION_NAMES, iso_time, kind_name
from gui.render import KIND_NAMES
from gui.store.events import LogEvent
from transports.frames import Direction, Frame, FrameKind

_DIRECTIONS = {name: d for d, name in DIRECTION_NAMES.items()}
_KINDS = {name: k for k, name in KIND_NAMES.items()}


def _dumps(value: object) -> bytes:
    return (json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            + "\n").encode("utf-8")


class JsonLinesWriter(CaptureWriter):
    format_name = "jsonl"
    extensions = (".jsonl", ".ndjson")

    def _header(self) -> bytes:
        return _dumps({
            "format": FORMAT,
            "version": VERSION,
            "created": iso_time(time.time()),
            "encoding": self.options.encoding,
            "rows": self.total,
            "source": self.options.source.to_json(),
        })

    def _write_rows(self, rows: list[int]) -> None:
        log, encoding = self.log, self.options.encoding
        out = []
        for row in rows:
            frame = log.frame(row)
            payload = frame.payload
            obj: dict[str, Any] = {
                "n": log.seq(row),
                "time": iso_time(frame.timestamp),
                "ts": frame.timestamp,
                "dir": DIRECTION_NAMES[frame.direction],
                "conn": frame.conn_id,
                "peer": list(frame.peer) if frame.peer is not None else None,
                "kind": kind_name(frame.kind),
                "len": len(payload),
                "base64": base64.b64encode(payload).decode("ascii"),
            }
            if frame.auto:
                obj["auto"] = True
            if frame.kind is FrameKind.EVENT:  # the event's fields, for people and scripts
                obj["event"] = json.loads(LogEvent.decode(payload).encode())
            with contextlib.suppress(UnicodeDecodeError):
                obj["text"] = payload.decode(encoding)
            out.append(_dumps(obj))
        self._emit(b"".join(out))


class JsonLinesReader(CaptureReader):
    format_name = "jsonl"

    def _frames(self, handle: BinaryIO) -> Iterator[Frame]:
        path = self.path
        first = handle.readline()
        if not first:
            raise CaptureError(f"{path}: the file is empty; expected a JSON Lines capture")
        header = _parse_line(path, 1, first)
        if header.get("format") != FORMAT:
            raise CaptureError(f"{path}:1: expected a header with \"format\": \"{FORMAT}\" "
                               "— is this a Sockscope JSON Lines capture?")
        version = header.get("version")
        if (not isinstance(version, int) or isinstance(version, bool)
                or not 1 <= version <= VERSION):
            raise CaptureError(f"{path}:1: unsupported version {version!r} (this Sockscope "
                               f"reads 1..{VERSION})")
        self.source = CaptureSource.from_json(header.get("source", {}), f"{path}:1")
        for number, line in enumerate(handle, start=2):
            if line.strip():
                yield _frame(_parse_line(path, number, line), f"{path}:{number}")


def _parse_line(path: Path, number: int, line: bytes) -> dict[str, Any]:
    if not line.strip():
        raise CaptureError(f"{path}:{number}: expected a JSON object, the line is empty")
    try:
        value = json.loads(line.rstrip(b"\r\n"))
    except UnicodeDecodeError as exc:
        raise CaptureError(f"{path}:{number}: not UTF-8 text ({exc.reason})") from None
    except json.JSONDecodeError as exc:
        raise CaptureError(f"{path}:{number}: column {exc.colno}: bad JSON: {exc.msg}") from None
    if not isinstance(value, dict):
        raise CaptureError(f"{path}:{number}: expected a JSON object, got {type(value).__name__}")
    return value


def _frame(obj: dict[str, Any], where: str) -> Frame:
    ts = obj.get("ts")
    if not isinstance(ts, int | float) or isinstance(ts, bool):
        raise CaptureError(f"{where}: \"ts\" must be a number (Unix seconds), got {ts!r}")
    direction = _DIRECTIONS.get(obj.get("dir"))  # type: ignore[arg-type]
    if direction is None:
        raise CaptureError(f"{where}: \"dir\" must be \"in\" or \"out\", got {obj.get('dir')!r}")
    conn = obj.get("conn")
    if not isinstance(conn, int) or isinstance(conn, bool):
        raise CaptureError(f"{where}: \"conn\" must be an integer, got {conn!r}")
    kind = _KINDS.get(obj.get("kind"))  # type: ignore[arg-type]
    if kind is None:
        raise CaptureError(f"{where}: \"kind\" must be one of {', '.join(_KINDS)}, "
                           f"got {obj.get('kind')!r}")
    peer = parse_address(obj.get("peer"), f"{where}: \"peer\"")
    encoded = obj.get("base64")
    if not isinstance(encoded, str):
        raise CaptureError(f"{where}: \"base64\" must be a string, got {encoded!r}")
    try:
        payload = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CaptureError(f"{where}: \"base64\" is not valid base64 ({exc})") from None
    length = obj.get("len")
    if length is not None and length != len(payload):
        raise CaptureError(f"{where}: \"len\" says {length} bytes but \"base64\" holds "
                           f"{len(payload)}")
    auto = obj.get("auto", False)
    if not isinstance(auto, bool):
        raise CaptureError(f"{where}: \"auto\" must be true or false, got {auto!r}")
    return Frame(payload, Direction(direction), conn, float(ts), FrameKind(kind), peer, auto)

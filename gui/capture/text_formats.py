"""CSV and raw-bytes writers (Qt-free).

CSV: one header row, then one row per message with the columns of :data:`CSV_COLUMNS`.  The file
is UTF-8 with a byte-order mark (so spreadsheet programs pick UTF-8 and show Chinese text) and
RFC 4180 quoting with CRLF line ends.  ``time`` is ISO-8601 in UTC with microseconds; ``text`` is
the payload decoded in the chosen encoding with control characters other than newline and tab,
and undecodable bytes, written as ``\\xNN`` escapes (as the detail pane shows them); for a
connection-event row (kind ``event``) it is the event's message.

Raw: the payloads of one direction's data rows (stream data, datagrams, WebSocket text and
binary messages — not pings, pongs, closes or events), concatenated with nothing in between.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime

from gui.capture.base import CaptureWriter
from gui.render import KIND_NAMES, display_text
from gui.store.events import LogEvent
from transports.frames import Direction, FrameKind, format_address

CSV_COLUMNS = ("number", "time", "direction", "connection", "peer", "kind", "length", "hex",
               "text")
DIRECTION_NAMES = {Direction.IN: "in", Direction.OUT: "out"}
_DATA_KINDS = (FrameKind.DATA, FrameKind.TEXT, FrameKind.BINARY)


def iso_time(ts: float) -> str:
    """``2026-12-01T02:43:44.123456+00:00``."""
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="microseconds")


def kind_name(kind: int) -> str:
    try:
        return KIND_NAMES[FrameKind(kind)]
    except ValueError:
        return str(kind)


class CsvWriter(CaptureWriter):
    format_name = "csv"
    extensions = (".csv",)

    def _header(self) -> bytes:
        return self._encode([CSV_COLUMNS], bom=True)

    def _write_rows(self, rows: list[int]) -> None:
        log, encoding = self.log, self.options.encoding
        out = []
        for row in rows:
            frame = log.frame(row)
            payload = frame.payload
            if frame.kind is FrameKind.EVENT:  # a connection event: its message as the text
                text = LogEvent.decode(payload).summary()
            else:
                text = display_text(payload, encoding)
            out.append((
                log.seq(row), iso_time(frame.timestamp), DIRECTION_NAMES[frame.direction],
                frame.conn_id, format_address(frame.peer), kind_name(frame.kind), len(payload),
                payload.hex(" "), text,
            ))
        self._emit(self._encode(out))

    @staticmethod
    def _encode(rows: Sequence[Sequence[object]], *, bom: bool = False) -> bytes:
        text = io.StringIO()
        csv.writer(text).writerows(rows)
        data = text.getvalue().encode("utf-8", "backslashreplace")
        return b"\xef\xbb\xbf" + data if bom else data


class RawWriter(CaptureWriter):
    format_name = "raw"
    extensions = (".bin", ".raw")

    def _write_rows(self, rows: list[int]) -> None:
        log, want = self.log, self.options.direction
        parts = [log.payload(r) for r in rows
                 if log.direction(r) == want and log.kind(r) in _DATA_KINDS]
        self._emit(b"".join(parts))

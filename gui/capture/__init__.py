"""Capture files (Qt-free): export a MessageLog as CSV, JSON Lines, raw bytes or pcapng, and
open JSON Lines / pcapng captures written by Sockscope back into a MessageLog.

The formats are documented in docs/capture-format.md.
"""

from gui.capture.base import CaptureWriter, ExportOptions, ExportResult
from gui.capture.formats import (
    READERS,
    WRITERS,
    format_for_path,
    open_reader,
    open_writer,
    read_capture,
    write_capture,
)
from gui.capture.reader import CaptureReader
from gui.capture.source import Capture, CaptureError, CaptureSource, Transport

__all__ = [
    "READERS",
    "WRITERS",
    "Capture",
    "CaptureError",
    "CaptureReader",
    "CaptureSource",
    "CaptureWriter",
    "ExportOptions",
    "ExportResult",
    "Transport",
    "format_for_path",
    "open_reader",
    "open_writer",
    "read_capture",
    "write_capture",
]

"""Pick a capture writer or reader by format name or file extension; one-call helpers.

``write_capture(log, path)`` is what the headless runner's ``--capture PATH`` uses: the format
follows the extension (``.csv``, ``.jsonl``/``.ndjson``, ``.pcapng``, ``.bin``/``.raw``).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from gui.capture.base import CaptureWriter, ExportOptions, ExportResult
from gui.capture.jsonl import JsonLinesReader, JsonLinesWriter
from gui.capture.pcapng_reader import PcapngReader
from gui.capture.pcapng_writer import PcapngWriter
from gui.capture.reader import CaptureReader
from gui.capture.source import Capture, CaptureError
from gui.capture.text_formats import CsvWriter, RawWriter
from gui.store.log import DEFAULT_CAP, MessageLog

WRITERS: dict[str, type[CaptureWriter]] = {
    w.format_name: w for w in (CsvWriter, JsonLinesWriter, PcapngWriter, RawWriter)
}
READERS: dict[str, type[CaptureReader]] = {"jsonl": JsonLinesReader, "pcapng": PcapngReader}
_PCAPNG_MAGIC = b"\x0a\x0d\x0d\x0a"


def format_for_path(path: str | Path) -> str:
    """The writer format for ``path``'s extension; CaptureError listing the known ones."""
    suffix = Path(path).suffix.lower()
    for name, writer in WRITERS.items():
        if suffix in writer.extensions:
            return name
    known = ", ".join(ext for w in WRITERS.values() for ext in w.extensions)
    raise CaptureError(f"{path}: unknown capture extension {suffix or '(none)'!r}; use one of "
                       f"{known}")


def open_writer(log: MessageLog, path: str | Path, rows: Iterable[int] | None = None, *,
                fmt: str | None = None, options: ExportOptions | None = None) -> CaptureWriter:
    """A writer for ``rows`` of ``log`` (all when None), by ``fmt`` or by the extension."""
    name = fmt or format_for_path(path)
    writer = WRITERS.get(name)
    if writer is None:
        raise CaptureError(f"unknown capture format {name!r}; use one of {', '.join(WRITERS)}")
    return writer(log, path, rows, options)


def write_capture(log: MessageLog, path: str | Path, rows: Iterable[int] | None = None, *,
                  fmt: str | None = None, options: ExportOptions | None = None) -> ExportResult:
    """Write the whole capture now (headless use); the format follows the extension."""
    return open_writer(log, path, rows, fmt=fmt, options=options).run()


def open_reader(path: str | Path, cap: int = DEFAULT_CAP) -> CaptureReader:
    """A reader for a JSON Lines or pcapng capture, told apart by the file's first bytes."""
    path = Path(path)
    try:
        with path.open("rb") as handle:
            head = handle.read(4)
    except OSError as exc:
        raise CaptureError(f"{path}: cannot read: {exc.strerror or exc}") from exc
    if head == _PCAPNG_MAGIC:
        return PcapngReader(path, cap)
    if head[:1] == b"{":
        return JsonLinesReader(path, cap)
    raise CaptureError(f"{path}: not a Sockscope capture (expected JSON Lines starting with "
                       "'{' or a pcapng file)")


def read_capture(path: str | Path, cap: int = DEFAULT_CAP) -> Capture:
    """Read a whole JSON Lines or pcapng capture now."""
    return open_reader(path, cap).run()

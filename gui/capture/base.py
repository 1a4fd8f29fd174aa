"""The writer every capture format shares: row selection, slices, progress, cancel (Qt-free).

A writer is built over a :class:`MessageLog` and a selection of rows, then driven either in
slices — ``write_some(n)`` writes at most ``n`` rows (and about ``SLICE_BYTES`` of payload) and
returns, so a GUI can run it on the event loop with a progress bar and Cancel — or at once with
``run()``.  The file is an :class:`AtomicFile`: it appears under its name only when complete.

Rows are remembered by message number (``MessageLog.seq``), so rows the log drops from its head
while a slow export runs (the log is capped) are counted in ``skipped`` instead of shifting the
selection; rows appended after the writer was made are not part of the export.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from gui.atomic_file import AtomicFile
from gui.capture.source import CaptureError, CaptureSource
from gui.store.log import MessageLog
from transports.frames import Direction

SLICE_ROWS = 5_000
SLICE_BYTES = 4 * 1024 * 1024  # a slice stops early once this much payload was written


@dataclass(frozen=True, slots=True)
class ExportOptions:
    encoding: str = "utf-8"  # text columns (CSV, JSON Lines)
    direction: Direction = Direction.IN  # raw: which direction's bytes
    source: CaptureSource = field(default_factory=CaptureSource)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    rows: int  # rows written
    skipped: int  # selected rows the log dropped (cap) before they were written
    size: int  # bytes in the file


class CaptureWriter:
    """Base class; subclasses implement ``_header``, ``_write_rows`` and ``_footer``."""

    format_name: ClassVar[str] = ""
    extensions: ClassVar[tuple[str, ...]] = ()

    def __init__(self, log: MessageLog, path: str | Path, rows: Iterable[int] | None = None,
                 options: ExportOptions | None = None) -> None:
        self.log = log
        self.path = Path(path)
        self.options = options or ExportOptions()
        self._generation = log.generation
        first = log.dropped + 1
        if rows is None:
            self._seqs: array[int] | range = range(first, log.total + 1)
        else:
            count = len(log)
            picked = sorted({r + count if r < 0 else r for r in rows})
            for r in picked:
                if not 0 <= r < count:
                    raise IndexError(f"row {r} out of range (0..{count - 1})")
            self._seqs = array("q", [first + r for r in picked])
        self.total = len(self._seqs)
        self.done = 0  # selected rows handled (written or skipped)
        self.skipped = 0
        self._file: AtomicFile | None = None
        self._size = 0
        self._finished = False
        self._cancelled = False

    # -- driving ----------------------------------------------------------------------------
    @property
    def finished(self) -> bool:
        return self._finished

    def write_some(self, n: int = SLICE_ROWS) -> bool:
        """Write up to ``n`` more rows; True once the whole file is in place.

        Raises CaptureError (the temporary file is then gone) for a failed write or when the
        log was cleared meanwhile."""
        if self._finished:
            return True
        if self._cancelled:
            raise CaptureError(f"{self.path}: the export was cancelled")
        try:
            if self._file is None:
                self._file = AtomicFile(self.path)
                self._emit(self._header())
            if self.log.generation != self._generation:
                raise CaptureError(f"{self.path}: the log was cleared during the export; "
                                   "nothing was written")
            rows = self._next_rows(max(1, n))
            if rows:
                self._write_rows(rows)
            if self.done >= self.total:
                self._emit(self._footer())
                self._file.commit()
                self._finished = True
        except OSError as exc:
            self._abandon()
            raise CaptureError(f"{self.path}: cannot write: {exc.strerror or exc}") from exc
        except BaseException:
            self._abandon()
            raise
        return self._finished

    def run(self) -> ExportResult:
        """Write the whole file now (headless use)."""
        while not self.write_some(SLICE_ROWS):
            pass
        return self.result()

    def cancel(self) -> None:
        """Stop and delete the partial file; the target name is untouched."""
        if not self._finished:
            self._cancelled = True
            self._abandon()

    def result(self) -> ExportResult:
        if not self._finished:
            raise CaptureError(f"{self.path}: the export has not finished")
        return ExportResult(self.path, self.done - self.skipped, self.skipped, self._size)

    # -- for subclasses -----------------------------------------------------------------------
    def _emit(self, data: bytes) -> None:
        if data:
            assert self._file is not None
            self._file.write(data)
            self._size += len(data)

    def _header(self) -> bytes:
        return b""

    def _write_rows(self, rows: list[int]) -> None:
        """Write ``rows`` (current row indices of ``self.log``, ascending) with ``_emit``."""
        raise NotImplementedError

    def _footer(self) -> bytes:
        return b""

    # -- internals ------------------------------------------------------------------------------
    def _next_rows(self, n: int) -> list[int]:
        log = self.log
        head, count = log.dropped, len(log)
        rows: list[int] = []
        budget = SLICE_BYTES
        seqs = self._seqs
        while self.done < self.total and len(rows) < n and budget > 0:
            row = seqs[self.done] - 1 - head
            self.done += 1
            if 0 <= row < count:
                rows.append(row)
                budget -= log.length(row)
            else:
                self.skipped += 1
        return rows

    def _abandon(self) -> None:
        if self._file is not None:
            self._file.discard()

"""The reader every capture format shares: slices, progress, one error type (Qt-free).

``read_some(n)`` reads at most ``n`` more rows into ``log`` and returns True when the file is
done, so a GUI can open a big capture on the event loop with a progress bar; ``run()`` reads it
all at once.  Errors are :class:`CaptureError` naming the file, the line or block, and what was
expected; the rows read before the error are not offered as a capture.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, ClassVar

from gui.capture.source import Capture, CaptureError, CaptureSource
from gui.store.log import DEFAULT_CAP, MessageLog
from transports.frames import Frame

SLICE_ROWS = 5_000


class CaptureReader:
    """Base class; subclasses implement ``_frames(handle)`` (may set ``self.source``)."""

    format_name: ClassVar[str] = ""

    def __init__(self, path: str | Path, cap: int = DEFAULT_CAP) -> None:
        self.path = Path(path)
        self.log = MessageLog(cap)
        self.source = CaptureSource()
        self._handle: BinaryIO | None = None
        self._frames_iter: Iterator[Frame] | None = None
        self._finished = False
        try:
            self.size = os.path.getsize(self.path)
        except OSError as exc:
            raise CaptureError(f"{self.path}: cannot read: {exc.strerror or exc}") from exc

    @property
    def finished(self) -> bool:
        return self._finished

    @property
    def position(self) -> int:
        """Bytes of the file read so far (for a progress bar against ``size``)."""
        if self._finished:
            return self.size
        try:
            return self._handle.tell() if self._handle is not None else 0
        except (OSError, ValueError):
            return 0

    def read_some(self, n: int = SLICE_ROWS) -> bool:
        """Read up to ``n`` more rows into ``log``; True once the whole file was read."""
        if self._finished:
            return True
        try:
            if self._frames_iter is None:
                self._handle = self.path.open("rb")
                self._frames_iter = self._frames(self._handle)
            batch = list(itertools.islice(self._frames_iter, max(1, n)))
            self.log.extend(batch)
            if len(batch) < max(1, n):  # the file is exhausted
                self._done()
        except OSError as exc:
            self.close()
            raise CaptureError(f"{self.path}: cannot read: {exc.strerror or exc}") from exc
        except BaseException:
            self.close()
            raise
        return self._finished

    def run(self) -> Capture:
        while not self.read_some(SLICE_ROWS):
            pass
        return self.capture()

    def capture(self) -> Capture:
        if not self._finished:
            raise CaptureError(f"{self.path}: the capture has not been read yet")
        return Capture(self.path, self.log, self.source, self.format_name)

    def close(self) -> None:
        handle, self._handle = self._handle, None
        if handle is not None:
            handle.close()

    def _done(self) -> None:
        self._finished = True
        self.close()

    def _frames(self, handle: BinaryIO) -> Iterator[Frame]:
        raise NotImplementedError

"""A file written in pieces that appears under its name only when complete (Qt-free).

The bytes go to a temporary file in the target's folder, created mode 0600 (``mkstemp``), so
nothing written is readable by others before ``commit()``.  ``commit()`` flushes, fsyncs, sets
the final mode and renames it over the target (then fsyncs the folder); ``discard()`` deletes
it.  A failed or cancelled write therefore never leaves a half file under the name the user
chose — the old file, if any, stays as it was.  The capture exporters, the JUnit report and
the workspace save (gui.workspace.io) all write through it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO


class AtomicFile:
    """Open with ``AtomicFile(path)``; ``write()`` bytes; then ``commit()`` or ``discard()``."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        folder = self.path.parent
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{self.path.name}.", suffix=".part")
        self.temp_path = Path(tmp)
        self._handle: BinaryIO | None = os.fdopen(fd, "wb")

    @property
    def closed(self) -> bool:
        return self._handle is None

    def write(self, data: bytes | bytearray | memoryview) -> None:
        if self._handle is None:
            raise ValueError(f"{self.path}: the file is already committed or discarded")
        self._handle.write(data)

    def commit(self, mode: int | None = None) -> None:
        """Make the file appear under its name (atomic rename); raises OSError on failure,
        after discarding the temporary file.  The file gets ``mode`` if given, else the
        existing target's permissions (a new file: the usual 0666 & ~umask)."""
        handle = self._handle
        if handle is None:
            raise ValueError(f"{self.path}: the file is already committed or discarded")
        try:
            handle.flush()
            os.fsync(handle.fileno())
            handle.close()
            self._handle = None
            os.chmod(self.temp_path, _mode_for(self.path) if mode is None else mode)
            os.replace(self.temp_path, self.path)
        except BaseException:
            self.discard()
            raise
        _fsync_dir(self.path.parent)

    def discard(self) -> None:
        """Forget everything written (idempotent; the target is untouched)."""
        handle, self._handle = self._handle, None
        if handle is not None:
            with contextlib.suppress(OSError):
                handle.close()
        with contextlib.suppress(FileNotFoundError):
            os.unlink(self.temp_path)


def _mode_for(path: Path) -> int:
    """Keep an existing file's permissions; a new file gets the usual 0666 & ~umask."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems cannot fsync a directory; the rename is still atomic
    finally:
        os.close(fd)

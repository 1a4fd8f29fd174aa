"""The capture writers' atomic output file: :class:`gui.atomic_file.AtomicFile` (Qt-free).

It lives one layer down, in gui.atomic_file, so that gui.workspace (a peer of gui.capture)
saves through the same code."""

from __future__ import annotations

from gui.atomic_file import AtomicFile

__all__ = ["AtomicFile"]

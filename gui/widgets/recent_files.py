"""File ▸ Open Recent: the recently opened or saved workspaces, kept in QSettings, newest
first, at most ``MAX_RECENT``."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QMenu

MAX_RECENT = 10
RECENT_KEY = "workspace/recent_files"


class RecentFiles:
    """The list in ``settings`` (a missing or malformed value reads as empty)."""

    def __init__(self, settings: QSettings) -> None:
        self.settings = settings

    def paths(self) -> list[Path]:
        value = self.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v][:MAX_RECENT]

    def set(self, paths: list[Path]) -> None:
        self.settings.setValue(RECENT_KEY, [str(p) for p in paths[:MAX_RECENT]])
        self.settings.sync()

    def add(self, path: Path) -> None:
        """Put ``path`` (resolved) first."""
        path = path.resolve()
        self.set([path, *(p for p in self.paths() if p != path)])

    def remove(self, path: Path) -> None:
        self.set([p for p in self.paths() if p != path])


def fill_recent_menu(menu: QMenu, paths: list[Path], open_path: Callable[[Path], None],
                     clear: Callable[[], None]) -> None:
    """``&1 name`` … one action per path (tooltip: the full path), then "Clear the list"."""
    menu.clear()
    for number, path in enumerate(paths, 1):
        action = menu.addAction(f"&{number % 10} {path.name}")
        action.setToolTip(str(path))
        action.setStatusTip(str(path))
        action.setData(str(path))
        action.triggered.connect(lambda _checked=False, p=path: open_path(p))
    if paths:
        menu.addSeparator()
        menu.addAction(QCoreApplication.translate("WorkspaceController", "Clear the list")
                       ).triggered.connect(clear)
    menu.setEnabled(bool(paths))

"""A window's layout as workspace text: geometry, dock state and splitter sizes, base64-encoded
(``WindowLayout``), and back."""

from __future__ import annotations

from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow, QSplitter

from gui.workspace.model import WindowLayout


def _b64(data: QByteArray) -> str:
    return bytes(data.toBase64().data()).decode("ascii")


def _data(text: str) -> QByteArray:
    return QByteArray.fromBase64(text.encode("ascii", "replace"))


def save_layout(window: QMainWindow, splitters: dict[str, QSplitter],
                selected: int = -1) -> WindowLayout:
    """Geometry, dock/toolbar state and the named splitters' sizes."""
    return WindowLayout(_b64(window.saveGeometry()), _b64(window.saveState()),
                        {name: _b64(s.saveState()) for name, s in splitters.items()}, selected)


def restore_layout(window: QMainWindow, splitters: dict[str, QSplitter],
                   layout: WindowLayout) -> bool:
    """Apply ``layout`` (parts left empty keep the current ones); True if it set sizes."""
    if layout.geometry:
        window.restoreGeometry(_data(layout.geometry))
    if layout.state:
        window.restoreState(_data(layout.state))
    for name, state in layout.splitters.items():
        if name in splitters and state:
            splitters[name].restoreState(_data(state))
    return bool(layout.geometry or layout.splitters)

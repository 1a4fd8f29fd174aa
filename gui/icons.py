"""State icons and colours, drawn with QPainter (no image files to ship or lose)."""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap

from transports.state import State

STATE_COLORS: dict[State, str] = {
    State.IDLE: "#8a8f98",
    State.CONNECTING: "#d69e00",
    State.RECONNECTING: "#d69e00",
    State.OPEN: "#1f9d55",
    State.CLOSING: "#d69e00",
    State.CLOSED: "#8a8f98",
    State.FAILED: "#d0312d",
}

STATE_LABELS: dict[State, str] = {
    State.IDLE: "idle",
    State.CONNECTING: "connecting…",
    State.RECONNECTING: "reconnecting…",
    State.OPEN: "open",
    State.CLOSING: "closing…",
    State.CLOSED: "closed",
    State.FAILED: "failed",
}


def state_color(state: State) -> QColor:
    return QColor(STATE_COLORS[state])


def state_label(state: State, server: bool = False) -> str:
    if server and state is State.OPEN:
        return "listening"
    return STATE_LABELS[state]


@cache
def state_icon(state: State) -> QIcon:
    """A filled dot in the state's colour (a ring while the state is transient)."""
    size = 16
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    color = state_color(state)
    transient = state in (State.CONNECTING, State.RECONNECTING, State.CLOSING)
    painter.setPen(QPen(color.darker(130), 1.5))
    painter.setBrush(QBrush(color.lighter(150) if transient else color))
    painter.drawEllipse(QRectF(3, 3, size - 6, size - 6))
    painter.end()
    return QIcon(pixmap)

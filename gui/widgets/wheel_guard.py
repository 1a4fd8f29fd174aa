"""Combo boxes and spin boxes in a scrolling form take the mouse wheel only once focused
(clicked or tabbed to): turning the wheel over them scrolls the form instead of silently
changing a value that is merely under the pointer."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtWidgets import QAbstractScrollArea, QAbstractSpinBox, QComboBox, QWidget


class WheelGuard(QObject):
    """An event filter that hands unfocused wheel turns to ``scroll``'s scroll bar."""

    def __init__(self, scroll: QAbstractScrollArea) -> None:
        super().__init__(scroll)
        self._scroll = scroll

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (event.type() == QEvent.Type.Wheel and isinstance(watched, QWidget)
                and not watched.hasFocus()):
            QCoreApplication.sendEvent(self._scroll.verticalScrollBar(), event)
            return True
        return False


def guard_wheel(form: QWidget, scroll: QAbstractScrollArea) -> WheelGuard:
    """Guard every combo box and spin box inside ``form`` (the widget ``scroll`` shows)."""
    guard = WheelGuard(scroll)
    for widget in (*form.findChildren(QComboBox), *form.findChildren(QAbstractSpinBox)):
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # no focus from the wheel itself
        widget.installEventFilter(guard)
    return guard

"""The composer's periodic-send row: interval, count, Start/Stop and the progress.

The row only asks (``start_requested`` / ``stop_requested``) and shows what it is told; the
sending itself is a :class:`gui.session.periodic.PeriodicSend` that the window owns.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSpinBox, QWidget


class PeriodicControls(QWidget):
    start_requested = Signal()
    stop_requested = Signal()
    changed = Signal()  # interval or count edited

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.interval_spin = QSpinBox()
        self.interval_spin.setRange(1, 3_600_000)
        self.interval_spin.setSuffix(self.tr(" ms"))
        self.interval_spin.setToolTip(self.tr("Interval between periodic sends"))
        self.interval_spin.setValue(1000)
        self.count_spin = QSpinBox()
        self.count_spin.setRange(0, 1_000_000_000)
        self.count_spin.setSpecialValueText(self.tr("forever"))
        self.count_spin.setToolTip(self.tr("How many periodic sends (0: until stopped)"))
        self.button = QPushButton(self.tr("Start periodic"))
        self.button.setCheckable(True)
        self.label = QLabel()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Every")))
        layout.addWidget(self.interval_spin)
        layout.addWidget(QLabel("×"))
        layout.addWidget(self.count_spin)
        layout.addWidget(self.button)
        layout.addWidget(self.label)
        self.button.toggled.connect(self._toggled)
        self.interval_spin.valueChanged.connect(self.changed)
        self.count_spin.valueChanged.connect(self.changed)

    @property
    def running(self) -> bool:
        return self.button.isChecked()

    def set_running(self, running: bool) -> None:
        """Show the button as Stop (running) or Start, without asking for anything."""
        self.button.blockSignals(True)
        self.button.setChecked(running)
        self.button.blockSignals(False)
        self.button.setText(self.tr("Stop periodic") if running else self.tr("Start periodic"))
        if running:
            self.label.setText("")

    def show_progress(self, sent: int, total: int) -> None:
        """``sent 3/10`` (``sent 3`` when it runs until stopped)."""
        count = f"{sent}/{total}" if total else f"{sent}"
        self.label.setText(self.tr("sent {count}").format(count=count))

    def _toggled(self, on: bool) -> None:
        if on:
            self.start_requested.emit()
        else:
            self.stop_requested.emit()

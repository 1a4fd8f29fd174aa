"""The relay fault panel: the faults of each direction of the selected relay, switched while
traffic flows.  Every change builds the direction's fault set and emits ``faults_changed``;
the window applies it to the running relay and the spec (gui.relay_link).  Rows hold their
values when unticked, so a fault can be switched off and on again unchanged."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from gui.widgets.payload_editor import ERROR_COLOR
from transports.relay import (
    Bandwidth,
    Drop,
    Fault,
    FaultError,
    FaultSet,
    Latency,
    LimitData,
    Reset,
    Slicer,
    SlowClose,
    Timeout,
    Way,
    describe_fault,
)


def _spin(low: float, high: float, value: float, suffix: str,
          decimals: int = 0) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setDecimals(decimals)
    spin.setRange(low, high)
    spin.setValue(value)
    spin.setSuffix(suffix)
    return spin


class DirectionFaults(QGroupBox):
    """One direction's rows: a check box per fault and its values."""

    changed = Signal()

    def __init__(self, title: str) -> None:
        super().__init__(title)
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 6, 6, 6)
        self._rows: list[tuple[QCheckBox, Callable[[], Fault]]] = []
        ms, s = self.tr(" ms"), self.tr(" s")
        self.latency = _spin(0, 600_000, 100, ms)
        self.jitter = _spin(0, 600_000, 0, ms)
        self._add(grid, self.tr("Latency"), [self.latency, QLabel("±"), self.jitter],
                  lambda: Latency(self.latency.value() / 1000, self.jitter.value() / 1000),
                  self.tr("Hold every frame this long (± a random jitter); order is kept"))
        self.rate = _spin(1, 10_000_000, 64, self.tr(" KiB/s"))
        self._add(grid, self.tr("Bandwidth"), [self.rate],
                  lambda: Bandwidth(self.rate.value() * 1024.0),
                  self.tr("Let frames through at this rate at most"))
        self.slice_size = _spin(1, 1 << 20, 16, self.tr(" B"))
        self.slice_interval = _spin(0, 60_000, 10, ms)
        self._add(grid, self.tr("Slicer"), [self.slice_size, self.slice_interval],
                  lambda: Slicer(int(self.slice_size.value()), 0,
                                 self.slice_interval.value() / 1000),
                  self.tr("Cut stream data into small writes with a delay between them"))
        self.drop = _spin(0, 100, 10, self.tr(" %"), 1)
        self.drop_check = self._add(grid, self.tr("Drop"), [self.drop],
                                    lambda: Drop(self.drop.value() / 100),
                                    self.tr("Drop each message with this probability "
                                            "(UDP and WebSocket)"))
        self.limit = _spin(0, 1 << 30, 1024, self.tr(" B"))
        self._add(grid, self.tr("Limit data"), [self.limit],
                  lambda: LimitData(int(self.limit.value())),
                  self.tr("Close the pair once this many bytes went this way"))
        self.timeout = _spin(0, 3600, 5, s, 1)
        self._add(grid, self.tr("Timeout"), [self.timeout],
                  lambda: Timeout(self.timeout.value()),
                  self.tr("Let nothing through, then close the pair after this long "
                          "(0: hold until switched off)"))
        self.slow_close = _spin(0, 3600, 2, s, 1)
        self._add(grid, self.tr("Slow close"), [self.slow_close],
                  lambda: SlowClose(self.slow_close.value()),
                  self.tr("When this side closes, close the other side this much later"))
        self.reset = _spin(0, 3600, 0, s, 1)
        self._add(grid, self.tr("Reset"), [self.reset], lambda: Reset(self.reset.value()),
                  self.tr("Reset both connections (TCP RST) this long after the next frame"))

    def _add(self, grid: QGridLayout, text: str, widgets: list[QWidget],
             make: Callable[[], Fault], tip: str) -> QCheckBox:
        row = grid.rowCount()
        check = QCheckBox(text)
        check.setToolTip(tip)
        grid.addWidget(check, row, 0)
        values = QHBoxLayout()
        for widget in widgets:
            values.addWidget(widget)
            if isinstance(widget, QDoubleSpinBox):
                widget.valueChanged.connect(lambda _=0.0, c=check: self._value_changed(c))
        values.addStretch(1)
        grid.addLayout(values, row, 1)
        check.toggled.connect(self.changed)
        self._rows.append((check, make))
        return check

    def _value_changed(self, check: QCheckBox) -> None:
        if check.isChecked():
            self.changed.emit()

    def faults(self) -> tuple[Fault, ...]:
        return tuple(make() for check, make in self._rows if check.isChecked())

    def load(self, faults: tuple[Fault, ...], stream: bool) -> None:
        """Show ``faults`` (without emitting ``changed``)."""
        self.blockSignals(True)
        try:
            by_type = {type(f): f for f in faults}
            for check, make in self._rows:
                fault = by_type.get(type(make()))
                check.setChecked(fault is not None)
                if fault is not None:
                    self._show(fault)
            self.drop_check.setEnabled(not stream or self.drop_check.isChecked())
        finally:
            self.blockSignals(False)

    def _show(self, fault: Fault) -> None:
        match fault:
            case Latency(delay, jitter):
                self.latency.setValue(round(delay * 1000))
                self.jitter.setValue(round(jitter * 1000))
            case Bandwidth(rate):
                self.rate.setValue(max(1, round(rate / 1024)))
            case Slicer(size, _, interval):
                self.slice_size.setValue(size)
                self.slice_interval.setValue(round(interval * 1000))
            case Drop(probability):
                self.drop.setValue(probability * 100)
            case LimitData(limit):
                self.limit.setValue(limit)
            case Timeout(after):
                self.timeout.setValue(after)
            case SlowClose(delay):
                self.slow_close.setValue(delay)
            case Reset(after):
                self.reset.setValue(after)


class FaultPanel(QWidget):
    """Both directions of one relay; ``faults_changed(way, faults)`` on every change."""

    faults_changed = Signal(object, object)  # Way, tuple[Fault, ...]

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("fault_panel")
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
        self.active = QLabel()
        self.active.setWordWrap(True)
        self.active.setObjectName("active_faults")
        layout.addWidget(self.active)
        self.directions = {
            Way.UPSTREAM: DirectionFaults(self.tr("Client → upstream")),
            Way.DOWNSTREAM: DirectionFaults(self.tr("Upstream → client")),
        }
        for way, box in self.directions.items():
            layout.addWidget(box)
            box.changed.connect(lambda w=way: self._changed(w))
        self.error = QLabel()
        self.error.setStyleSheet(f"color: {ERROR_COLOR};")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.set_relay("", None, False)

    def set_relay(self, name: str, faults: dict[Way, tuple[Fault, ...]] | None,
                  stream: bool) -> None:
        """Show a relay's faults (``faults`` None: no relay selected)."""
        enabled = faults is not None
        self.title.setText(self.tr("Faults of {name}, applied while traffic flows")
                           .format(name=name) if enabled
                           else self.tr("Select a relay to disturb its traffic"))
        for way, box in self.directions.items():
            box.setEnabled(enabled)
            box.load(faults.get(way, ()) if faults else (), stream)
        self.error.clear()
        self.show_active(faults or {})

    def show_active(self, faults: dict[Way, tuple[Fault, ...]]) -> None:
        parts = []
        for way, label in ((Way.UPSTREAM, self.tr("client → upstream")),
                           (Way.DOWNSTREAM, self.tr("upstream → client"))):
            active = faults.get(way, ())
            text = ", ".join(self._describe(f) for f in active) if active else self.tr("none")
            parts.append(f"{label}: {text}")
        self.active.setText(self.tr("Active: {faults}").format(faults="; ".join(parts)))

    def _describe(self, fault: Fault) -> str:
        """The fault in words, as the rows name it (``describe_fault`` is the log's English)."""
        match fault:
            case Latency(delay, jitter):
                text = self.tr("latency {ms} ms").format(ms=f"{delay * 1000:g}")
                return text + (f" ± {jitter * 1000:g}" if jitter else "")
            case Bandwidth(rate):
                return self.tr("bandwidth {rate} KiB/s").format(rate=f"{rate / 1024:g}")
            case Slicer(size, _, interval):
                return self.tr("slicer {size} B / {ms} ms").format(
                    size=size, ms=f"{interval * 1000:g}")
            case Drop(probability):
                return self.tr("drop {percent} %").format(percent=f"{probability * 100:g}")
            case LimitData(limit):
                return self.tr("limit {bytes} B").format(bytes=limit)
            case Timeout(after):
                return self.tr("timeout {s} s").format(s=f"{after:g}")
            case SlowClose(delay):
                return self.tr("slow close {s} s").format(s=f"{delay:g}")
            case Reset(after):
                return self.tr("reset after {s} s").format(s=f"{after:g}")
        return describe_fault(fault)

    def _changed(self, way: Way) -> None:
        faults = self.directions[way].faults()
        try:
            FaultSet(faults)
        except FaultError as exc:
            self.error.setText(str(exc))
            return
        self.error.clear()
        self.faults_changed.emit(way, faults)

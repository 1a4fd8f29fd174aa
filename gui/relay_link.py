"""The window's relay parts: the fault dock for the selected relay (applied live through the
Qt-free session helpers), labels for a relay's two sides in the composer, and the log's
client→upstream / upstream→client marks."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTableView

from gui.session import Entry, SessionManager
from gui.session.entry import PeerInfo
from gui.session.relay import RelaySides, set_relay_faults
from gui.widgets.fault_panel import FaultPanel
from transports.errors import TransportError
from transports.frames import Direction
from transports.relay import Fault, FaultError, Way
from transports.url import Scheme, parse_url

DIRECTION = 2  # the log's direction column


class RelayLink(QObject):
    """Owns the fault dock; ``show_entry`` follows the window's selection."""

    def __init__(self, window: QMainWindow, manager: SessionManager,
                 log_table: QTableView) -> None:
        super().__init__(window)
        self._log_table = log_table
        self.manager = manager
        self.sides = RelaySides(manager)
        self.panel = FaultPanel()
        self.dock = QDockWidget(self.tr("Relay faults"), window)
        self.dock.setObjectName("relay_dock")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        self.dock.hide()  # shown for a relay (View ▸ Relay faults)
        self._window = window
        self._entry: Entry | None = None
        self.panel.faults_changed.connect(self._apply)
        self._ways = {Way.UPSTREAM: self.tr("client→upstream"),
                      Way.DOWNSTREAM: self.tr("upstream→client")}
        self._sides = {"client": self.tr("client"), "upstream": self.tr("upstream"),
                       "socket": self.tr("socket")}

    def show_entry(self, entry: Entry | None) -> None:
        self._entry = entry
        relay = entry.spec.relay if entry is not None else None
        if entry is None or relay is None:
            self.panel.set_relay("", None, False)
            return
        try:
            stream = parse_url(entry.spec.url).scheme in (Scheme.TCP, Scheme.TLS)
        except ValueError:
            stream = True
        self.panel.set_relay(entry.name, {way: relay.faults(way) for way in Way}, stream)
        self.dock.show()
        table = self._log_table  # room for "→ upstream→client" in the direction column
        wide = table.fontMetrics().horizontalAdvance("→ " + self._ways[Way.DOWNSTREAM]) + 24
        if table.columnWidth(DIRECTION) < wide:
            table.setColumnWidth(DIRECTION, wide)

    def _apply(self, way: Way, faults: tuple[Fault, ...]) -> None:
        entry = self._entry
        if entry is None or self.manager.get(entry.id) is None or entry.spec.relay is None:
            return
        try:
            set_relay_faults(self.manager, entry, way, faults)
        except (FaultError, TransportError, ValueError) as exc:
            self.panel.error.setText(str(exc))
            return
        relay = entry.spec.relay
        self.panel.show_active({w: relay.faults(w) for w in Way})
        modified = getattr(self._window, "modified", None)
        if modified is not None:
            modified.emit()

    # -- labels -----------------------------------------------------------------------------
    def way_label(self, conn_id: int, direction: Direction) -> str:
        """``client→upstream`` / ``upstream→client`` for a relay frame ("" otherwise)."""
        way = self.sides.way(conn_id, direction)
        return self._ways[way] if way is not None else ""

    def peer_label(self, peer: PeerInfo) -> str:
        """``upstream 127.0.0.1:6379 (pair 2)`` for a relay side, the address otherwise."""
        side = peer.info.get("relay")
        if side is None:
            return peer.label
        pair = peer.info.get("pair")
        text = f"{self._sides.get(side, side)} {peer.label}"
        return text + (" " + self.tr("(pair {n})").format(n=pair) if pair else "")

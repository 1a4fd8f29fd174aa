"""Which accepted peer of a server a message goes to: all of them (broadcast) or one."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QWidget


class PeerCombo(QComboBox):
    """"All peers (broadcast)" first (data None), then one item per peer (data: its id)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumContentsLength(18)
        self.setToolTip(self.tr("Which accepted peer the message goes to"))
        self.set_peers(())

    def set_peers(self, peers: tuple[tuple[int, str], ...]) -> None:
        """Refill with ``(peer id, address)``; the chosen peer stays chosen while it is there,
        else the choice falls back to broadcast.  No signal is emitted."""
        previous = self.currentData()
        self.blockSignals(True)
        self.clear()
        self.addItem(self.tr("All peers (broadcast)"), None)
        for peer_id, address in peers:
            self.addItem(address, peer_id)
        index = self.findData(previous) if previous is not None else 0
        self.setCurrentIndex(max(index, 0))
        self.blockSignals(False)

    def peer(self) -> int | None:
        """The chosen peer's id; None for broadcast."""
        data = self.currentData()
        return data if isinstance(data, int) else None

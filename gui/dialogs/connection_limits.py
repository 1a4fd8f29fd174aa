"""The connection editor's limits (send queue bytes, slow and idle peers of servers) and
secrets ("Store secrets in the file") groups; views over a :class:`ConnectionDraft` like those
of :mod:`gui.dialogs.connection_groups`."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QSpinBox,
    QVBoxLayout,
)

from gui.dialogs.form_field import FormField
from gui.workspace.draft import ConnectionDraft
from transports.relay.udp_pairs import UDP_IDLE_TIMEOUT


class LimitsGroup(QGroupBox):
    """Send buffering and what a server does with slow or idle peers."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("Limits"))
        self.fields: dict[str, FormField] = {}
        self.form = form = QFormLayout(self)
        self.queue_bytes_spin = QSpinBox()
        self.queue_bytes_spin.setRange(1, 2**31 - 1)
        self.queue_bytes_spin.setSingleStep(1 << 20)
        self.queue_bytes_spin.setSuffix(self.tr(" B"))
        self.queue_bytes_spin.setToolTip(self.tr(
            "Payload bytes waiting to be written (per connection or peer) before sending "
            "waits; default 4 MiB"))
        form.addRow(self.tr("Send queue bytes:"), self.queue_bytes_spin)
        self.close_slow_check = QCheckBox(self.tr("Disconnect a peer too slow for a broadcast"))
        self.close_slow_check.setToolTip(self.tr(
            "Off: a peer whose send queue is full is skipped and reported; on: it is "
            "disconnected"))
        form.addRow(self.close_slow_check)
        self.idle_spin = QDoubleSpinBox()
        self.idle_spin.setRange(0, 86400)
        self.idle_spin.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Idle timeout:"), self.idle_spin)
        self.queue_bytes_spin.valueChanged.connect(self.changed)
        self.idle_spin.valueChanged.connect(self.changed)

    def load(self, d: ConnectionDraft) -> None:
        self.queue_bytes_spin.setValue(min(d.send_queue_bytes, 2**31 - 1))
        self.close_slow_check.setChecked(d.close_slow_peers)
        self.idle_spin.setValue(d.idle_timeout)

    def store(self, d: ConnectionDraft) -> None:
        d.send_queue_bytes = self.queue_bytes_spin.value()
        d.close_slow_peers = self.close_slow_check.isChecked()
        d.idle_timeout = self.idle_spin.value()

    def update_visibility(self, d: ConnectionDraft) -> None:
        self.form.setRowVisible(self.close_slow_check, d.uses_close_slow_peers)
        self.form.setRowVisible(self.idle_spin, d.uses_idle_timeout)
        if d.relay and d.kind == "udp":
            self.idle_spin.setSpecialValueText(
                self.tr("{seconds} s (default)").format(seconds=f"{UDP_IDLE_TIMEOUT:g}"))
            self.idle_spin.setToolTip(self.tr(
                "Close a client's pair (its upstream socket) after this long without a "
                "datagram either way"))
        else:
            self.idle_spin.setSpecialValueText(self.tr("never"))
            self.idle_spin.setToolTip(self.tr(
                "Close a peer after this long without traffic, so idle peers cannot hold "
                "every max-peers slot"))


class SecretsGroup(QGroupBox):
    """Whether secrets (key password, credential headers, token-like URL query values) are
    written to the workspace file."""

    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("Secrets"))
        self.fields: dict[str, FormField] = {}
        layout = QVBoxLayout(self)
        self.store_check = QCheckBox(self.tr("Store secrets in the file"))
        self.store_check.setToolTip(self.tr(
            "Secrets: the TLS key password, headers ticked Secret, Authorization, Cookie, "
            "X-Api-Key and other credential headers, and token-like URL query values "
            "(token, access_token, api_key…). Not stored: they are asked for on connect."))
        self.warning = QLabel(self.tr(
            "Anyone who can read the workspace file can read these secrets. The file is saved "
            "readable by you only (mode 0600); the autosave never holds them."))
        self.warning.setWordWrap(True)
        self.warning.setStyleSheet("color: #b35c00;")
        layout.addWidget(self.store_check)
        layout.addWidget(self.warning)
        self.store_check.toggled.connect(self.warning.setVisible)
        self.store_check.toggled.connect(self.changed)

    def load(self, d: ConnectionDraft) -> None:
        self.store_check.setChecked(d.store_secrets)
        self.warning.setVisible(d.store_secrets)

    def store(self, d: ConnectionDraft) -> None:
        d.store_secrets = self.store_check.isChecked()

    def update_visibility(self, d: ConnectionDraft) -> None:
        pass  # every kind can hold a secret (a query token, a TLS key password)

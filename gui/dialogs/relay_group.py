"""The connection editor's relay group: where each client's own connection goes, and that
side's TLS (the listening side's TLS is the TLS group above: it terminates, this originates)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QGroupBox, QLineEdit

from gui.dialogs.form_field import FormField, add_field, add_file_field, set_row_visible
from gui.workspace.draft import ConnectionDraft


class RelayGroup(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("Relay"))
        self.fields: dict[str, FormField] = {}
        form = QFormLayout(self)
        self.upstream_edit = QLineEdit()
        self.upstream_edit.setPlaceholderText("tcp://127.0.0.1:9000")
        add_field(form, self.fields, "upstream", self.tr("Upstream URL:"), self.upstream_edit,
                  tip=self.tr("Each client that connects gets its own connection to this URL "
                              "(tls:// or wss:// opens TLS on this side)"))
        self.ca_edit = add_file_field(
            form, self.fields, "upstream_ca_file", self.tr("Upstream CA file:"),
            self.tr("PEM bundle to trust for a tls:// or wss:// upstream (empty: the system "
                    "store)"), self.tr("(system trust store)"), self.tr("Choose a CA file"))
        self.insecure_check = QCheckBox(self.tr("Do not verify the upstream's certificate"))
        form.addRow(self.insecure_check)
        for edit in (self.upstream_edit, self.ca_edit):
            edit.textChanged.connect(self.changed)
        self.insecure_check.toggled.connect(self.changed)

    def load(self, d: ConnectionDraft) -> None:
        self.upstream_edit.setText(d.upstream)
        self.ca_edit.setText(d.upstream_ca_file)
        self.insecure_check.setChecked(d.upstream_insecure)

    def store(self, d: ConnectionDraft) -> None:
        d.upstream = self.upstream_edit.text()
        d.upstream_ca_file = self.ca_edit.text()
        d.upstream_insecure = self.insecure_check.isChecked()

    def update_visibility(self, d: ConnectionDraft) -> None:
        self.setVisible(d.relay)
        tls_possible = d.kind != "udp"  # the upstream side's TLS: tls:// or wss://
        set_row_visible(self.fields["upstream_ca_file"], tls_possible)
        self.insecure_check.setVisible(tls_possible)

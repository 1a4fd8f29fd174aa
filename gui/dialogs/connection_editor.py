"""The connection editor: one dialog for every kind, a view over a :class:`ConnectionDraft`.

Groups (relay, TLS, framing, WebSocket, reconnect, server) show and hide with the kind and role.
Every edit copies the widgets into a draft and validates it (the rules are the draft's and
``transports``'); what is wrong is shown next to the field and OK stays disabled until
nothing is.  Open it with ``open()`` and read ``spec()`` on ``accepted``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.connection_groups import FramingGroup, ReconnectGroup, TlsGroup, WebSocketGroup
from gui.dialogs.connection_limits import LimitsGroup, SecretsGroup
from gui.dialogs.form_field import ERROR_STYLE, FormField, add_field, set_row_visible
from gui.dialogs.relay_group import RelayGroup
from gui.widgets.encoding_combo import EncodingCombo
from gui.widgets.wheel_guard import guard_wheel
from gui.workspace.draft import KINDS, ConnectionDraft, FieldError
from gui.workspace.model import ConnectionSpec, Role


class ConnectionEditor(QDialog):
    """Edit (or create) one connection.  ``spec()`` is the result once accepted."""

    def __init__(self, spec: ConnectionSpec, parent: QWidget | None = None, *,
                 title: str | None = None, taken: frozenset[str] = frozenset()) -> None:
        super().__init__(parent)
        self.setWindowTitle(title if title is not None else self.tr("Edit connection"))
        self._base = spec
        self._taken = taken  # the other connections' names (a name must be unique)
        self._fields: dict[str, FormField] = {}
        self._errors: dict[str, str] = {}
        self._loading = False
        self._build()
        self.load(ConnectionDraft.from_spec(spec))

    # -- building -----------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        layout.addWidget(self._build_general())
        layout.addWidget(self._build_server())
        self.tls_group = TlsGroup()
        self.framing_group = FramingGroup()
        self.ws_group = WebSocketGroup()
        self.reconnect_group = ReconnectGroup()
        self.limits_group = LimitsGroup()
        self.secrets_group = SecretsGroup()
        self.relay_group = RelayGroup()
        self._groups = (self.relay_group, self.tls_group, self.framing_group, self.ws_group,
                        self.reconnect_group, self.limits_group, self.secrets_group)
        for group in self._groups:
            layout.addWidget(group)
            self._fields.update(group.fields)
            group.changed.connect(self._edited)
        self.framing_group.framing_combo.currentIndexChanged.connect(self._update_visibility)
        layout.addStretch(1)
        self.scroll_area = scroll
        self._wheel_guard = guard_wheel(body, scroll)

        self.summary = QLabel()
        self.summary.setStyleSheet(ERROR_STYLE)
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.resize(560, 640)

    def _build_general(self) -> QGroupBox:
        general = QGroupBox(self.tr("Connection"))
        form = QFormLayout(general)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("(the URL)"))
        add_field(form, self._fields, "name", self.tr("Name:"), self.name_edit,
                  tip=self.tr("A label for the connection list"))
        kind_row = QWidget()
        kind_layout = QHBoxLayout(kind_row)
        kind_layout.setContentsMargins(0, 0, 0, 0)
        self.kind_combo = QComboBox()
        for value, text in KINDS:
            self.kind_combo.addItem(text, value)
        self.role_combo = QComboBox()
        self.role_combo.addItem(self.tr("Client"), Role.CLIENT)
        self.role_combo.addItem(self.tr("Server"), Role.SERVER)
        self.role_combo.addItem(self.tr("Relay"), Role.RELAY)
        self.role_combo.setToolTip(self.tr("Client: connect to an address.  Server: listen on it "
                                   "(for UDP: bind to it).  Relay: listen on it and pass each "
                                   "client on to an upstream server, showing both ways."))
        kind_layout.addWidget(self.kind_combo)
        kind_layout.addWidget(self.role_combo)
        form.addRow(self.tr("Kind:"), kind_row)
        self.host_edit = QLineEdit()
        add_field(form, self._fields, "host", self.tr("Host:"), self.host_edit,
                  tip=self.tr("Host name or IP address (servers: the address to listen on)"))
        self.port_edit = QLineEdit()
        self.port_edit.setMaximumWidth(100)
        add_field(form, self._fields, "port", self.tr("Port:"), self.port_edit,
                  tip=self.tr("1–65535; servers may use 0 for any free port"))
        self.path_edit = QLineEdit()
        add_field(form, self._fields, "path", self.tr("Path:"), self.path_edit,
                  tip=self.tr("WebSocket request path and query, e.g. /chat?room=1"))
        self.bind_edit = QLineEdit()
        self.bind_edit.setPlaceholderText(self.tr("(any local port)"))
        add_field(form, self._fields, "bind", self.tr("Local bind:"), self.bind_edit,
                  tip=self.tr("UDP client: the local host:port to send from (optional)"))
        self.encoding_combo = EncodingCombo()
        self.encoding_combo.setToolTip(self.tr("How text typed in the composer becomes bytes"))
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        self.timeout_spin = QDoubleSpinBox()
        self.timeout_spin.setRange(0.1, 600)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setToolTip(self.tr("Give up connecting after this long"))
        form.addRow(self.tr("Connect timeout:"), self.timeout_spin)
        self._general_form = form
        self.queue_spin = QSpinBox()
        self.queue_spin.setRange(1, 1_000_000)
        self.queue_spin.setToolTip(self.tr("Frames waiting to be written before sending waits"))
        form.addRow(self.tr("Send queue:"), self.queue_spin)
        for edit in (self.name_edit, self.host_edit, self.port_edit, self.path_edit,
                     self.bind_edit):
            edit.textChanged.connect(self._edited)
        for combo in (self.kind_combo, self.role_combo):
            combo.currentIndexChanged.connect(self._update_visibility)
            combo.currentIndexChanged.connect(self._edited)
        return general

    def _build_server(self) -> QGroupBox:
        self.server_group = QGroupBox(self.tr("Server"))
        form = QFormLayout(self.server_group)
        self.echo_check = QCheckBox(self.tr("Echo every frame back to its sender"))
        form.addRow(self.echo_check)
        self.max_peers_spin = QSpinBox()
        self.max_peers_spin.setRange(1, 1_000_000)
        self.max_peers_spin.setToolTip(self.tr("Further peers are refused"))
        form.addRow(self.tr("Max peers:"), self.max_peers_spin)
        return self.server_group

    # -- the draft ------------------------------------------------------------------------
    def load(self, d: ConnectionDraft) -> None:
        """Show ``d`` in the widgets (and validate it)."""
        self._loading = True
        try:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(d.kind))
            self.role_combo.setCurrentIndex(self.role_combo.findData(d.role))
            self.name_edit.setText(d.name)
            self.host_edit.setText(d.host)
            self.port_edit.setText(d.port)
            self.path_edit.setText(d.path)
            self.bind_edit.setText(d.bind)
            self.encoding_combo.select(d.encoding)
            self.timeout_spin.setValue(d.connect_timeout)
            self.queue_spin.setValue(d.send_queue)
            self.echo_check.setChecked(d.echo)
            self.max_peers_spin.setValue(d.max_peers)
            for group in self._groups:
                group.load(d)
        finally:
            self._loading = False
        self._update_visibility()
        self.validate()

    def draft(self) -> ConnectionDraft:
        """The form as it is now."""
        role = self.role_combo.currentData()
        assert isinstance(role, Role)
        d = ConnectionDraft(
            base=self._base, name=self.name_edit.text(), kind=str(self.kind_combo.currentData()),
            role=role, host=self.host_edit.text(), port=self.port_edit.text(),
            path=self.path_edit.text(), bind=self.bind_edit.text(),
            encoding=self.encoding_combo.encoding(), connect_timeout=self.timeout_spin.value(),
            send_queue=self.queue_spin.value(), echo=self.echo_check.isChecked(),
            max_peers=self.max_peers_spin.value(), taken=self._taken)
        for group in self._groups:
            group.store(d)
        return d

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    @property
    def role(self) -> Role:
        role = self.role_combo.currentData()
        assert isinstance(role, Role)
        return role

    def _edited(self) -> None:
        if not self._loading:
            self.validate()

    def _update_visibility(self) -> None:
        if self._loading:
            return
        d = self.draft()
        # a WebSocket relay accepts every path and forwards it under the upstream URL's path:
        # a path of its own would mean nothing
        set_row_visible(self._fields["path"], d.kind == "ws" and not d.relay)
        set_row_visible(self._fields["bind"], d.kind == "udp" and not d.server)
        self.server_group.setVisible(d.server)
        # clients and relays (their upstream side) connect
        self._general_form.setRowVisible(self.timeout_spin, not d.server or d.relay)
        self.echo_check.setVisible(not d.relay)
        # a UDP relay limits its pairs (one per client address); a UDP socket has no peers
        self.max_peers_spin.setEnabled(d.kind != "udp" or d.relay)
        self.max_peers_spin.setToolTip(
            self.tr("Beyond this many client addresses, the least recently active pair is "
                    "closed") if d.kind == "udp" and d.relay
            else self.tr("Further peers are refused"))
        for group in self._groups:
            group.update_visibility(d)

    # -- validation -----------------------------------------------------------------------
    def validate(self) -> bool:
        """Check every field; show errors next to them; enable OK when all is well."""
        errors = {key: _translated(error) for key, error in self.draft().validate().items()}
        self._errors = errors
        for key, field in self._fields.items():
            field.set_error(errors.get(key, ""))
        self.ok_button.setEnabled(not errors)
        self.summary.setText("" if not errors else
                             self.tr("{n} field(s) need attention before saving")
                             .format(n=len(errors)))
        return not errors

    def errors(self) -> dict[str, str]:
        """Field key → what is wrong with it (empty when valid)."""
        return dict(self._errors)

    def is_valid(self) -> bool:
        return not self._errors

    # -- the result -----------------------------------------------------------------------
    def url(self) -> str:
        return self.draft().url()

    def spec(self) -> ConnectionSpec:
        """The edited spec (call once accepted; raises ValueError while invalid)."""
        return self.draft().to_spec()


def _translated(error: FieldError) -> str:
    return QCoreApplication.translate("ConnectionDraft", error.text).format(**error.args)

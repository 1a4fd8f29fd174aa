"""The connection editor: one dialog for every kind, building a ConnectionSpec.

Groups (TLS, framing, WebSocket, reconnect, server) show and hide with the kind and role.
Every field is validated as it is edited; what is wrong is shown next to the field and OK stays
disabled until nothing is.  Open it with ``open()`` and read ``spec()`` on ``accepted``.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.workspace.model import ConnectionSpec, Role
from transports.codec import ENCODINGS, ParseError, escape_bytes, parse_escaped
from transports.framing.base import FramingMode, FramingSpec
from transports.options import OptionError, Options, ReconnectPolicy, TlsOptions
from transports.url import Scheme, UrlError, parse_url

KINDS = (("tcp", "TCP"), ("udp", "UDP"), ("ws", "WebSocket"))  # protocol names: not translated
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")  # RFC 9110 §5.6.2 token


def default_spec(kind: str, role: Role) -> ConnectionSpec:
    """What New ▸ <kind> starts from."""
    path = "/" if kind == "ws" else ""
    echo = role is Role.SERVER
    return ConnectionSpec(f"{kind}://127.0.0.1:9000{path}", role, Options(echo=echo))


class _Field(QWidget):
    """A field with its error label under it (hidden while the field is fine)."""

    def __init__(self, widget: QWidget, extra: QWidget | None = None) -> None:
        super().__init__()
        self.widget = widget
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(1)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(widget, 1)
        if extra is not None:
            row.addWidget(extra)
        layout.addLayout(row)
        self.error = QLabel()
        self.error.setStyleSheet("color: #d0312d;")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)

    def set_error(self, message: str) -> None:
        self.error.setText(message)
        self.error.setVisible(bool(message))


class ConnectionEditor(QDialog):
    """Edit (or create) one connection.  ``spec()`` is the result once accepted."""

    def __init__(self, spec: ConnectionSpec, parent: QWidget | None = None, *,
                 title: str | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title if title is not None else self.tr("Edit connection"))
        self._base = spec
        self._fields: dict[str, _Field] = {}
        self._errors: dict[str, str] = {}
        self._build()
        self._load(spec)
        self._connect_signals()
        self._update_visibility()
        self.validate()

    # -- building -----------------------------------------------------------------------
    def _field(self, form: QFormLayout, key: str, label: str, widget: QWidget,
               extra: QWidget | None = None, tip: str = "") -> None:
        field = _Field(widget, extra)
        if tip:
            widget.setToolTip(tip)
        self._fields[key] = field
        form.addRow(label, field)

    def _file_field(self, form: QFormLayout, key: str, label: str, tip: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setPlaceholderText(self.tr("(none)"))
        browse = QPushButton("…")
        browse.setToolTip(self.tr("Choose the {what}").format(what=label.rstrip(":：").lower()))
        browse.setFixedWidth(32)
        browse.clicked.connect(lambda: self._browse(edit, label))
        self._field(form, key, label, edit, browse, tip)
        return edit

    def _browse(self, edit: QLineEdit, label: str) -> None:
        dialog = QFileDialog(self, label.rstrip(":："), str(Path(edit.text()).parent)
                             if edit.text() else "")
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(edit.setText)
        dialog.open()

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

        # General
        general = QGroupBox(self.tr("Connection"))
        form = QFormLayout(general)
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(self.tr("(the URL)"))
        self._field(form, "name", self.tr("Name:"), self.name_edit,
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
        self.role_combo.setToolTip(self.tr("Client: connect to an address.  Server: listen on it "
                                   "(for UDP: bind to it)."))
        kind_layout.addWidget(self.kind_combo)
        kind_layout.addWidget(self.role_combo)
        form.addRow(self.tr("Kind:"), kind_row)
        self.host_edit = QLineEdit()
        self._field(form, "host", self.tr("Host:"), self.host_edit,
                    tip=self.tr("Host name or IP address (servers: the address to listen on)"))
        self.port_edit = QLineEdit()
        self.port_edit.setMaximumWidth(100)
        self._field(form, "port", self.tr("Port:"), self.port_edit,
                    tip=self.tr("1–65535; servers may use 0 for any free port"))
        self.path_edit = QLineEdit()
        self._field(form, "path", self.tr("Path:"), self.path_edit,
                    tip=self.tr("WebSocket request path and query, e.g. /chat?room=1"))
        self.bind_edit = QLineEdit()
        self.bind_edit.setPlaceholderText(self.tr("(any local port)"))
        self._field(form, "bind", self.tr("Local bind:"), self.bind_edit,
                    tip=self.tr("UDP client: the local host:port to send from (optional)"))
        self.encoding_combo = QComboBox()
        for codec, label in ENCODINGS:
            self.encoding_combo.addItem(label, codec)
        self.encoding_combo.setToolTip(self.tr("How text typed in the composer becomes bytes"))
        form.addRow(self.tr("Encoding:"), self.encoding_combo)
        self.timeout_spin = QDoubleSpinBox()
        self.timeout_spin.setRange(0.1, 600)
        self.timeout_spin.setSuffix(self.tr(" s"))
        self.timeout_spin.setToolTip(self.tr("Give up connecting after this long"))
        form.addRow(self.tr("Connect timeout:"), self.timeout_spin)
        self.queue_spin = QSpinBox()
        self.queue_spin.setRange(1, 1_000_000)
        self.queue_spin.setToolTip(self.tr("Frames waiting to be written before sending waits"))
        form.addRow(self.tr("Send queue:"), self.queue_spin)
        layout.addWidget(general)

        # Server
        self.server_group = QGroupBox(self.tr("Server"))
        form = QFormLayout(self.server_group)
        self.echo_check = QCheckBox(self.tr("Echo every frame back to its sender"))
        form.addRow(self.echo_check)
        self.max_peers_spin = QSpinBox()
        self.max_peers_spin.setRange(1, 1_000_000)
        self.max_peers_spin.setToolTip(self.tr("Further peers are refused"))
        form.addRow(self.tr("Max peers:"), self.max_peers_spin)
        layout.addWidget(self.server_group)

        # TLS
        self.tls_group = QGroupBox(self.tr("TLS (tls:// or wss://)"))
        self.tls_group.setCheckable(True)
        form = QFormLayout(self.tls_group)
        self.ca_edit = self._file_field(form, "ca_file", self.tr("CA file:"),
                                        self.tr("PEM bundle to trust (servers: require client "
                                        "certificates signed by it)"))
        self.cert_edit = self._file_field(form, "cert_file", self.tr("Certificate:"),
                                          self.tr("PEM certificate (required for servers)"))
        self.key_edit = self._file_field(form, "key_file", self.tr("Key:"),
                                         self.tr("PEM private key"))
        self.key_password_edit = QLineEdit()
        self.key_password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(self.tr("Key password:"), self.key_password_edit)
        self.server_name_edit = QLineEdit()
        self.server_name_edit.setPlaceholderText(self.tr("(the host)"))
        self.server_name_edit.setToolTip(self.tr("SNI and the name to verify in the certificate"))
        form.addRow(self.tr("Server name:"), self.server_name_edit)
        self.insecure_check = QCheckBox(
            self.tr("Do not verify the server's certificate (insecure)"))
        form.addRow(self.insecure_check)
        layout.addWidget(self.tls_group)

        # Framing
        self.framing_group = QGroupBox(self.tr("Framing (TCP)"))
        form = QFormLayout(self.framing_group)
        self.framing_combo = QComboBox()
        for mode, text in ((FramingMode.RAW, self.tr("Raw: each read as it comes")),
                           (FramingMode.DELIMITER, self.tr("Delimiter")),
                           (FramingMode.FIXED, self.tr("Fixed length")),
                           (FramingMode.LENGTH, self.tr("Length header")),
                           (FramingMode.IDLE, self.tr("Idle gap"))):
            self.framing_combo.addItem(text, mode)
        self.framing_combo.setToolTip(self.tr("How the byte stream is cut into messages"))
        form.addRow(self.tr("Mode:"), self.framing_combo)
        self.delimiter_edit = QLineEdit()
        self.keep_delimiter_check = QCheckBox(self.tr("keep"))
        self.keep_delimiter_check.setToolTip(self.tr("Keep the delimiter in each frame"))
        self._field(form, "delimiter", self.tr("Delimiter:"), self.delimiter_edit,
                    self.keep_delimiter_check, tip=self.tr(r"Escaped text: \n, \r\n, \x00, …"))
        self.fixed_spin = QSpinBox()
        self.fixed_spin.setRange(1, 1 << 30)
        form.addRow(self.tr("Frame length:"), self.fixed_spin)
        header = QWidget()
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        self.header_size_combo = QComboBox()
        for size in (1, 2, 4, 8):
            label = self.tr("1 byte") if size == 1 else self.tr("{n} bytes").format(n=size)
            self.header_size_combo.addItem(label, size)
        self.byteorder_combo = QComboBox()
        self.byteorder_combo.addItem(self.tr("big-endian"), "big")
        self.byteorder_combo.addItem(self.tr("little-endian"), "little")
        header_layout.addWidget(self.header_size_combo)
        header_layout.addWidget(self.byteorder_combo)
        form.addRow(self.tr("Header:"), header)
        self.header_counted_check = QCheckBox(self.tr("the length counts the header too"))
        form.addRow("", self.header_counted_check)
        self.keep_header_check = QCheckBox(self.tr("keep the header in each frame"))
        form.addRow("", self.keep_header_check)
        self.length_offset_spin = QSpinBox()
        self.length_offset_spin.setRange(-65536, 65536)
        self.length_offset_spin.setToolTip(
            self.tr("Added to the header's value to get the body length"))
        form.addRow(self.tr("Length offset:"), self.length_offset_spin)
        self.idle_spin = QSpinBox()
        self.idle_spin.setRange(1, 600_000)
        self.idle_spin.setSuffix(self.tr(" ms"))
        form.addRow(self.tr("Idle gap:"), self.idle_spin)
        self.max_frame_spin = QSpinBox()
        self.max_frame_spin.setRange(1, 1 << 30)
        self.max_frame_spin.setSuffix(self.tr(" B"))
        form.addRow(self.tr("Max frame:"), self.max_frame_spin)
        self._framing_rows: dict[FramingMode, list[QWidget]] = {
            FramingMode.DELIMITER: [self._fields["delimiter"]],
            FramingMode.FIXED: [self.fixed_spin],
            FramingMode.LENGTH: [header, self.header_counted_check, self.keep_header_check,
                                 self.length_offset_spin],
            FramingMode.IDLE: [self.idle_spin],
        }
        self._framing_form = form
        layout.addWidget(self.framing_group)

        # WebSocket
        self.ws_group = QGroupBox(self.tr("WebSocket"))
        form = QFormLayout(self.ws_group)
        self.headers_table = QTableWidget(0, 3)
        self.headers_table.setHorizontalHeaderLabels(
            [self.tr("Header"), self.tr("Value"), self.tr("Secret")])
        self.headers_table.horizontalHeader().setSectionResizeMode(
            1, QHeaderView.ResizeMode.Stretch)
        self.headers_table.verticalHeader().hide()
        self.headers_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.headers_table.setMaximumHeight(110)
        buttons = QWidget()
        buttons_layout = QVBoxLayout(buttons)
        buttons_layout.setContentsMargins(0, 0, 0, 0)
        add = QPushButton("+")
        add.setToolTip(self.tr("Add a header"))
        add.clicked.connect(lambda: self._add_header("", "", False))
        remove = QPushButton("−")
        remove.setToolTip(self.tr("Remove the selected header"))
        remove.clicked.connect(self._remove_header)
        buttons_layout.addWidget(add)
        buttons_layout.addWidget(remove)
        buttons_layout.addStretch(1)
        self._field(form, "headers", self.tr("Headers:"), self.headers_table, buttons,
                    tip=self.tr("Extra handshake headers; secret values are not saved "
                                "unless asked"))
        self.subprotocols_edit = QLineEdit()
        self.subprotocols_edit.setPlaceholderText(self.tr("e.g. chat, superchat"))
        self._field(form, "subprotocols", self.tr("Subprotocols:"), self.subprotocols_edit,
                    tip=self.tr("Comma-separated, in order of preference"))
        self.origin_edit = QLineEdit()
        self.origin_edit.setPlaceholderText(self.tr("(none)"))
        form.addRow(self.tr("Origin:"), self.origin_edit)
        self.compression_check = QCheckBox(self.tr("permessage-deflate compression"))
        form.addRow(self.compression_check)
        self.ping_interval_spin = QDoubleSpinBox()
        self.ping_interval_spin.setRange(0, 3600)
        self.ping_interval_spin.setSuffix(self.tr(" s"))
        self.ping_interval_spin.setSpecialValueText(self.tr("off"))
        form.addRow(self.tr("Ping every:"), self.ping_interval_spin)
        self.ping_timeout_spin = QDoubleSpinBox()
        self.ping_timeout_spin.setRange(0, 3600)
        self.ping_timeout_spin.setSuffix(self.tr(" s"))
        self.ping_timeout_spin.setSpecialValueText(self.tr("off"))
        form.addRow(self.tr("Ping timeout:"), self.ping_timeout_spin)
        self.max_message_spin = QSpinBox()
        self.max_message_spin.setRange(1, 1 << 30)
        self.max_message_spin.setSuffix(self.tr(" B"))
        form.addRow(self.tr("Max message:"), self.max_message_spin)
        layout.addWidget(self.ws_group)

        # Reconnect
        self.reconnect_group = QGroupBox(self.tr("Reconnect automatically"))
        self.reconnect_group.setCheckable(True)
        form = QFormLayout(self.reconnect_group)
        self.initial_delay_spin = QDoubleSpinBox()
        self.initial_delay_spin.setRange(0.01, 3600)
        self.initial_delay_spin.setSuffix(self.tr(" s"))
        form.addRow(self.tr("First delay:"), self.initial_delay_spin)
        self.max_delay_spin = QDoubleSpinBox()
        self.max_delay_spin.setRange(0.01, 86400)
        self.max_delay_spin.setSuffix(self.tr(" s"))
        self._field(form, "max_delay", self.tr("Max delay:"), self.max_delay_spin)
        self.max_attempts_spin = QSpinBox()
        self.max_attempts_spin.setRange(0, 1_000_000)
        self.max_attempts_spin.setSpecialValueText(self.tr("no limit"))
        form.addRow(self.tr("Max attempts:"), self.max_attempts_spin)
        layout.addWidget(self.reconnect_group)
        layout.addStretch(1)

        self.summary = QLabel()
        self.summary.setStyleSheet("color: #d0312d;")
        self.summary.setWordWrap(True)
        outer.addWidget(self.summary)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.resize(560, 640)

    # -- loading --------------------------------------------------------------------------
    def _load(self, spec: ConnectionSpec) -> None:
        try:
            endpoint = parse_url(spec.url)
            scheme, host, port, path = endpoint.scheme, endpoint.host, endpoint.port, endpoint.path
        except UrlError:
            scheme, host, port, path = Scheme.TCP, "127.0.0.1", 9000, "/"
        opts = spec.options
        kind = {Scheme.TLS: "tcp", Scheme.WSS: "ws"}.get(scheme, scheme.value)
        self.kind_combo.setCurrentIndex(self.kind_combo.findData(kind))
        self.role_combo.setCurrentIndex(0 if spec.role is Role.CLIENT else 1)
        self.name_edit.setText(opts.name)
        self.host_edit.setText(host)
        self.port_edit.setText(str(port))
        self.path_edit.setText(path)
        self.bind_edit.setText(opts.bind or "")
        index = self.encoding_combo.findData(opts.encoding)
        if index < 0:
            self.encoding_combo.addItem(opts.encoding, opts.encoding)
            index = self.encoding_combo.count() - 1
        self.encoding_combo.setCurrentIndex(index)
        self.timeout_spin.setValue(opts.connect_timeout)
        self.queue_spin.setValue(opts.send_queue)
        self.echo_check.setChecked(opts.echo)
        self.max_peers_spin.setValue(opts.max_peers)
        tls = opts.tls
        self.tls_group.setChecked(scheme.secure)
        self.ca_edit.setText(tls.ca_file or "")
        self.cert_edit.setText(tls.cert_file or "")
        self.key_edit.setText(tls.key_file or "")
        self.key_password_edit.setText(tls.key_password or "")
        self.server_name_edit.setText(tls.server_name or "")
        self.insecure_check.setChecked(tls.insecure)
        framing = opts.framing
        self.framing_combo.setCurrentIndex(self.framing_combo.findData(framing.mode))
        self.delimiter_edit.setText(escape_bytes(framing.delimiter))
        self.keep_delimiter_check.setChecked(framing.keep_delimiter)
        self.fixed_spin.setValue(max(1, framing.length))
        self.header_size_combo.setCurrentIndex(
            max(0, self.header_size_combo.findData(framing.header_size)))
        self.byteorder_combo.setCurrentIndex(0 if framing.byteorder == "big" else 1)
        self.header_counted_check.setChecked(framing.header_counted)
        self.keep_header_check.setChecked(framing.keep_header)
        self.length_offset_spin.setValue(framing.length_offset)
        self.idle_spin.setValue(framing.idle_ms)
        self.max_frame_spin.setValue(framing.max_frame)
        secret = {name.lower() for name in spec.secret_headers}
        for name, value in opts.headers:
            self._add_header(name, value, name.lower() in secret)
        self.subprotocols_edit.setText(", ".join(opts.subprotocols))
        self.origin_edit.setText(opts.origin or "")
        self.compression_check.setChecked(opts.compression)
        self.ping_interval_spin.setValue(opts.ping_interval or 0)
        self.ping_timeout_spin.setValue(opts.ping_timeout or 0)
        self.max_message_spin.setValue(opts.max_message_size)
        rc = opts.reconnect
        self.reconnect_group.setChecked(rc.enabled)
        self.initial_delay_spin.setValue(rc.initial_delay)
        self.max_delay_spin.setValue(rc.max_delay)
        self.max_attempts_spin.setValue(rc.max_attempts)

    def _add_header(self, name: str, value: str, secret: bool) -> None:
        row = self.headers_table.rowCount()
        self.headers_table.insertRow(row)
        self.headers_table.setItem(row, 0, QTableWidgetItem(name))
        self.headers_table.setItem(row, 1, QTableWidgetItem(value))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if secret else Qt.CheckState.Unchecked)
        self.headers_table.setItem(row, 2, check)
        self.validate()

    def _remove_header(self) -> None:
        rows = sorted({i.row() for i in self.headers_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.headers_table.removeRow(row)
        self.validate()

    def _headers(self) -> list[tuple[str, str, bool]]:
        result = []
        for row in range(self.headers_table.rowCount()):
            name_item = self.headers_table.item(row, 0)
            value_item = self.headers_table.item(row, 1)
            check = self.headers_table.item(row, 2)
            result.append((name_item.text().strip() if name_item else "",
                           value_item.text() if value_item else "",
                           check is not None and check.checkState() == Qt.CheckState.Checked))
        return result

    # -- reacting -------------------------------------------------------------------------
    def _connect_signals(self) -> None:
        for edit in (self.name_edit, self.host_edit, self.port_edit, self.path_edit,
                     self.bind_edit, self.ca_edit, self.cert_edit, self.key_edit,
                     self.delimiter_edit, self.subprotocols_edit):
            edit.textChanged.connect(self.validate)
        for combo in (self.kind_combo, self.role_combo, self.framing_combo):
            combo.currentIndexChanged.connect(self._update_visibility)
            combo.currentIndexChanged.connect(self.validate)
        self.tls_group.toggled.connect(self.validate)
        self.reconnect_group.toggled.connect(self.validate)
        self.initial_delay_spin.valueChanged.connect(self.validate)
        self.max_delay_spin.valueChanged.connect(self.validate)
        self.headers_table.itemChanged.connect(self.validate)

    @property
    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    @property
    def role(self) -> Role:
        role = self.role_combo.currentData()
        assert isinstance(role, Role)
        return role

    def _update_visibility(self) -> None:
        kind, server = self.kind, self.role is Role.SERVER
        self._set_row_visible(self._fields["path"], kind == "ws")
        self._set_row_visible(self._fields["bind"], kind == "udp" and not server)
        self.server_group.setVisible(server)
        self.max_peers_spin.setEnabled(kind != "udp")
        self.tls_group.setVisible(kind != "udp")
        self.insecure_check.setVisible(not server)
        self.server_name_edit.setEnabled(not server)
        self.framing_group.setVisible(kind == "tcp")
        self.ws_group.setVisible(kind == "ws")
        self.reconnect_group.setVisible(not server and kind != "udp")
        mode = self.framing_combo.currentData()
        for row_mode, widgets in self._framing_rows.items():
            for widget in widgets:
                self._set_row_visible(widget, row_mode is mode)
        self._set_row_visible(self.max_frame_spin, mode is not FramingMode.RAW)

    @staticmethod
    def _set_row_visible(widget: QWidget, visible: bool) -> None:
        widget.setVisible(visible)
        parent = widget.parentWidget()
        form = parent.layout() if parent is not None else None
        if isinstance(form, QFormLayout):
            label = form.labelForField(widget)
            if label is not None:
                label.setVisible(visible)

    # -- validation -----------------------------------------------------------------------
    def validate(self) -> bool:
        """Check every field; show errors next to them; enable OK when all is well."""
        errors: dict[str, str] = {}
        kind, server = self.kind, self.role is Role.SERVER
        host = self.host_edit.text().strip()
        if not host:
            errors["host"] = self.tr("enter a host name or address")
        elif any(c.isspace() for c in host) or "/" in host:
            errors["host"] = self.tr("a host cannot contain spaces or slashes")
        port_text = self.port_edit.text().strip()
        lowest = 0 if server else 1
        if not port_text.isdigit() or not lowest <= int(port_text) <= 65535:
            errors["port"] = (self.tr("port must be a number from {lowest} to 65535")
                              .format(lowest=lowest)
                              + (self.tr(" (0: any free port)") if server else ""))
        if kind == "ws":
            path = self.path_edit.text().strip() or "/"
            if not path.startswith("/"):
                errors["path"] = self.tr("the path must start with /")
            elif any(c.isspace() for c in path):
                errors["path"] = self.tr("the path cannot contain spaces (use %20)")
        if kind == "udp" and not server and self.bind_edit.text().strip():
            from transports.aio.udp import parse_bind

            try:
                parse_bind(self.bind_edit.text().strip())
            except OptionError as exc:
                errors["bind"] = str(exc).removeprefix("bind: ")
        if kind != "udp" and self.tls_group.isChecked():
            for key, edit in (("ca_file", self.ca_edit), ("cert_file", self.cert_edit),
                              ("key_file", self.key_edit)):
                text = edit.text().strip()
                if text and not Path(text).is_file():
                    errors[key] = self.tr("no such file: {path}").format(path=text)
            if server and not self.cert_edit.text().strip():
                errors["cert_file"] = self.tr("a TLS server needs a certificate")
            if self.key_edit.text().strip() and not self.cert_edit.text().strip():
                errors.setdefault("cert_file",
                                  self.tr("a key was given without a certificate"))
        if kind == "tcp" and self.framing_combo.currentData() is FramingMode.DELIMITER:
            try:
                if not parse_escaped(self.delimiter_edit.text()):
                    errors["delimiter"] = self.tr("the delimiter cannot be empty")
            except ParseError as exc:
                errors["delimiter"] = self.tr("column {column}: {reason}").format(
                    column=exc.column, reason=exc.reason)
        if kind == "ws":
            for row, (name, _value, _secret) in enumerate(self._headers(), 1):
                if not _TOKEN.match(name):
                    errors["headers"] = self.tr(
                        "row {row}: a header name is letters, digits and "
                        "!#$%&'*+-.^_`|~ (no spaces or colons)").format(row=row)
                    break
            for proto in self._subprotocols():
                if not _TOKEN.match(proto):
                    errors["subprotocols"] = self.tr(
                        "{name} is not a valid subprotocol token").format(name=repr(proto))
                    break
        if (not server and kind != "udp" and self.reconnect_group.isChecked()
                and self.max_delay_spin.value() < self.initial_delay_spin.value()):
            errors["max_delay"] = self.tr("must be at least the first delay")
        if not errors:
            try:
                spec = self._build_spec()
                parse_url(spec.url)
                spec.options.validate()
            except (UrlError, OptionError) as exc:
                errors["host"] = str(exc)
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

    def _subprotocols(self) -> list[str]:
        return [p.strip() for p in self.subprotocols_edit.text().split(",") if p.strip()]

    # -- the result -----------------------------------------------------------------------
    def url(self) -> str:
        kind, host = self.kind, self.host_edit.text().strip()
        scheme = kind
        if kind != "udp" and self.tls_group.isChecked():
            scheme = {"tcp": "tls", "ws": "wss"}[kind]
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        url = f"{scheme}://{host}:{self.port_edit.text().strip()}"
        if kind == "ws":
            url += self.path_edit.text().strip() or "/"
        return url

    def _build_spec(self) -> ConnectionSpec:
        base = self._base.options
        kind, server = self.kind, self.role is Role.SERVER
        tls = TlsOptions(
            ca_file=self.ca_edit.text().strip() or None,
            cert_file=self.cert_edit.text().strip() or None,
            key_file=self.key_edit.text().strip() or None,
            key_password=self.key_password_edit.text() or None,
            server_name=self.server_name_edit.text().strip() or None,
            insecure=self.insecure_check.isChecked() and not server,
        ) if kind != "udp" and self.tls_group.isChecked() else base.tls
        mode = self.framing_combo.currentData()
        try:
            delimiter = parse_escaped(self.delimiter_edit.text()) or b"\n"
        except ParseError:
            delimiter = base.framing.delimiter
        framing = FramingSpec(
            mode=mode, delimiter=delimiter,
            keep_delimiter=self.keep_delimiter_check.isChecked(),
            length=self.fixed_spin.value() if mode is FramingMode.FIXED else base.framing.length,
            header_size=int(self.header_size_combo.currentData()),
            byteorder=str(self.byteorder_combo.currentData()),
            header_counted=self.header_counted_check.isChecked(),
            length_offset=self.length_offset_spin.value(),
            keep_header=self.keep_header_check.isChecked(),
            idle_ms=self.idle_spin.value(), max_frame=self.max_frame_spin.value(),
        ) if kind == "tcp" else base.framing
        reconnect = dataclasses.replace(
            base.reconnect, enabled=self.reconnect_group.isChecked(),
            initial_delay=self.initial_delay_spin.value(), max_delay=self.max_delay_spin.value(),
            max_attempts=self.max_attempts_spin.value(),
        ) if not server and kind != "udp" else ReconnectPolicy()
        headers = self._headers() if kind == "ws" else []
        options = dataclasses.replace(
            base,
            name=self.name_edit.text().strip(),
            encoding=str(self.encoding_combo.currentData()),
            echo=self.echo_check.isChecked() and server,
            framing=framing, tls=tls, reconnect=reconnect,
            connect_timeout=self.timeout_spin.value(),
            send_queue=self.queue_spin.value(),
            max_peers=self.max_peers_spin.value(),
            bind=(self.bind_edit.text().strip() or None) if kind == "udp" and not server
            else None,
            headers=tuple((n, v) for n, v, _ in headers) if kind == "ws" else base.headers,
            subprotocols=tuple(self._subprotocols()) if kind == "ws" else base.subprotocols,
            compression=self.compression_check.isChecked(),
            ping_interval=self.ping_interval_spin.value() or None,
            ping_timeout=self.ping_timeout_spin.value() or None,
            max_message_size=self.max_message_spin.value(),
            origin=self.origin_edit.text().strip() or None,
        )
        secret = tuple(n for n, _, s in headers if s) if kind == "ws" else self._base.secret_headers
        return dataclasses.replace(self._base, url=self.url(), role=self.role, options=options,
                                   secret_headers=secret)

    def spec(self) -> ConnectionSpec:
        """The edited spec (call once accepted; raises ValueError while invalid)."""
        if not self.validate():
            raise ValueError("the connection settings are not valid: "
                             + "; ".join(f"{k}: {v}" for k, v in self._errors.items()))
        return self._build_spec()

"""The connection editor's option groups: TLS, framing (TCP), WebSocket and reconnect.

Each group is a view over part of a :class:`ConnectionDraft`: ``load(draft)`` fills its
widgets, ``store(draft)`` copies them back, ``update_visibility(draft)`` shows the rows that
apply.  Fields that can be wrong are in ``fields`` (key → :class:`FormField`).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from gui.dialogs.form_field import FormField, add_field, add_file_field, set_row_visible
from gui.workspace.draft import ConnectionDraft, HeaderRow
from gui.workspace.secrets import is_credential_header
from transports.framing.base import FramingMode
from transports.framing.length import HEADER_SIZES


class TlsGroup(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("TLS (tls:// or wss://)"))
        self.setCheckable(True)
        self.fields: dict[str, FormField] = {}
        form = QFormLayout(self)

        def file_field(key: str, label: str, tip: str) -> QLineEdit:
            edit = add_file_field(
                form, self.fields, key, label, tip, self.tr("(none)"),
                self.tr("Choose the {what}").format(what=label.rstrip(":：").lower()))
            edit.textChanged.connect(self.changed)
            return edit

        self.ca_edit = file_field("ca_file", self.tr("CA file:"),
                                  self.tr("PEM bundle to trust (servers: require client "
                                          "certificates signed by it)"))
        self.cert_edit = file_field("cert_file", self.tr("Certificate:"),
                                    self.tr("PEM certificate (required for servers)"))
        self.key_edit = file_field("key_file", self.tr("Key:"), self.tr("PEM private key"))
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
        self.toggled.connect(self.changed)

    def load(self, d: ConnectionDraft) -> None:
        self.setChecked(d.tls)
        self.ca_edit.setText(d.ca_file)
        self.cert_edit.setText(d.cert_file)
        self.key_edit.setText(d.key_file)
        self.key_password_edit.setText(d.key_password)
        self.server_name_edit.setText(d.server_name)
        self.insecure_check.setChecked(d.insecure)

    def store(self, d: ConnectionDraft) -> None:
        d.tls = self.isChecked()
        d.ca_file = self.ca_edit.text()
        d.cert_file = self.cert_edit.text()
        d.key_file = self.key_edit.text()
        d.key_password = self.key_password_edit.text()
        d.server_name = self.server_name_edit.text()
        d.insecure = self.insecure_check.isChecked()

    def update_visibility(self, d: ConnectionDraft) -> None:
        self.setVisible(d.kind != "udp")
        self.insecure_check.setVisible(not d.server)
        self.server_name_edit.setEnabled(not d.server)


class FramingGroup(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("Framing (TCP)"))
        self.fields: dict[str, FormField] = {}
        form = QFormLayout(self)
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
        add_field(form, self.fields, "delimiter", self.tr("Delimiter:"), self.delimiter_edit,
                  self.keep_delimiter_check, tip=self.tr(r"Escaped text: \n, \r\n, \x00, …"))
        self.fixed_spin = QSpinBox()
        self.fixed_spin.setRange(1, 1 << 30)
        form.addRow(self.tr("Frame length:"), self.fixed_spin)
        header = QWidget()
        header_layout = QHBoxLayout(header)
        header_layout.setContentsMargins(0, 0, 0, 0)
        self.header_size_combo = QComboBox()
        for size in HEADER_SIZES:
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
        self._rows: dict[FramingMode, list[QWidget]] = {
            FramingMode.DELIMITER: [self.fields["delimiter"]],
            FramingMode.FIXED: [self.fixed_spin],
            FramingMode.LENGTH: [header, self.header_counted_check, self.keep_header_check,
                                 self.length_offset_spin],
            FramingMode.IDLE: [self.idle_spin],
        }
        self.framing_combo.currentIndexChanged.connect(self.changed)
        self.delimiter_edit.textChanged.connect(self.changed)

    def mode(self) -> FramingMode:
        mode = self.framing_combo.currentData()
        assert isinstance(mode, FramingMode)
        return mode

    def load(self, d: ConnectionDraft) -> None:
        self.framing_combo.setCurrentIndex(self.framing_combo.findData(d.framing_mode))
        self.delimiter_edit.setText(d.delimiter)
        self.keep_delimiter_check.setChecked(d.keep_delimiter)
        self.fixed_spin.setValue(d.fixed_length)
        self.header_size_combo.setCurrentIndex(
            max(0, self.header_size_combo.findData(d.header_size)))
        self.byteorder_combo.setCurrentIndex(0 if d.byteorder == "big" else 1)
        self.header_counted_check.setChecked(d.header_counted)
        self.keep_header_check.setChecked(d.keep_header)
        self.length_offset_spin.setValue(d.length_offset)
        self.idle_spin.setValue(d.idle_ms)
        self.max_frame_spin.setValue(d.max_frame)

    def store(self, d: ConnectionDraft) -> None:
        d.framing_mode = self.mode()
        d.delimiter = self.delimiter_edit.text()
        d.keep_delimiter = self.keep_delimiter_check.isChecked()
        d.fixed_length = self.fixed_spin.value()
        d.header_size = int(self.header_size_combo.currentData())
        d.byteorder = str(self.byteorder_combo.currentData())
        d.header_counted = self.header_counted_check.isChecked()
        d.keep_header = self.keep_header_check.isChecked()
        d.length_offset = self.length_offset_spin.value()
        d.idle_ms = self.idle_spin.value()
        d.max_frame = self.max_frame_spin.value()

    def update_visibility(self, d: ConnectionDraft) -> None:
        self.setVisible(d.kind == "tcp")
        mode = self.mode()
        for row_mode, widgets in self._rows.items():
            for widget in widgets:
                set_row_visible(widget, row_mode is mode)
        set_row_visible(self.max_frame_spin, mode is not FramingMode.RAW)


class WebSocketGroup(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("WebSocket"))
        self.fields: dict[str, FormField] = {}
        form = QFormLayout(self)
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
        add.clicked.connect(lambda: self.add_header(HeaderRow("", "")))
        remove = QPushButton("−")
        remove.setToolTip(self.tr("Remove the selected header"))
        remove.clicked.connect(self.remove_selected_headers)
        buttons_layout.addWidget(add)
        buttons_layout.addWidget(remove)
        buttons_layout.addStretch(1)
        self._headers_tip = self.tr("Extra handshake headers; secret values are not saved "
                                    "unless asked")
        add_field(form, self.fields, "headers", self.tr("Headers:"), self.headers_table, buttons,
                  tip=self._headers_tip)
        self.subprotocols_edit = QLineEdit()
        self.subprotocols_edit.setPlaceholderText(self.tr("e.g. chat, superchat"))
        add_field(form, self.fields, "subprotocols", self.tr("Subprotocols:"),
                  self.subprotocols_edit, tip=self.tr("Comma-separated, in order of preference"))
        self.origin_edit = QLineEdit()
        self.origin_edit.setPlaceholderText(self.tr("(none)"))
        form.addRow(self.tr("Origin:"), self.origin_edit)
        self.allowed_origins_edit = QLineEdit()
        self.allowed_origins_edit.setPlaceholderText(self.tr("(accept any)"))
        add_field(form, self.fields, "allowed_origins", self.tr("Allowed origins:"),
                  self.allowed_origins_edit,
                  tip=self.tr("Server: accept only handshakes whose Origin is one of these "
                              "(comma-separated, e.g. https://app.example); others are refused "
                              "with 403 and logged. Empty: accept any."))
        self.allowed_origins_edit.textChanged.connect(self.changed)
        self.compression_check = QCheckBox(self.tr("permessage-deflate compression"))
        form.addRow(self.compression_check)
        self.ping_interval_spin = self._seconds(3600, off=True)
        form.addRow(self.tr("Ping every:"), self.ping_interval_spin)
        self.ping_timeout_spin = self._seconds(3600, off=True)
        form.addRow(self.tr("Ping timeout:"), self.ping_timeout_spin)
        self.max_message_spin = QSpinBox()
        self.max_message_spin.setRange(1, 1 << 30)
        self.max_message_spin.setSuffix(self.tr(" B"))
        form.addRow(self.tr("Max message:"), self.max_message_spin)
        self.headers_table.itemChanged.connect(self._header_edited)
        self.subprotocols_edit.textChanged.connect(self.changed)

    def _seconds(self, maximum: float, *, off: bool) -> QDoubleSpinBox:
        spin = QDoubleSpinBox()
        spin.setRange(0, maximum)
        spin.setSuffix(self.tr(" s"))
        if off:
            spin.setSpecialValueText(self.tr("off"))
        return spin

    def add_header(self, header: HeaderRow) -> None:
        table = self.headers_table
        row = table.rowCount()
        table.blockSignals(True)
        table.insertRow(row)
        table.setItem(row, 0, QTableWidgetItem(header.name))
        table.setItem(row, 1, QTableWidgetItem(header.value))
        check = QTableWidgetItem()
        check.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        check.setCheckState(Qt.CheckState.Checked if header.secret else Qt.CheckState.Unchecked)
        table.setItem(row, 2, check)
        table.blockSignals(False)
        self._mark_credential(row)
        self.changed.emit()

    def _header_edited(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            self._mark_credential(item.row())
        self.changed.emit()

    def _mark_credential(self, row: int) -> None:
        """A credential header (Authorization, Cookie, …) is always secret: its tick is shown
        checked and cannot be cleared."""
        name, check = self.headers_table.item(row, 0), self.headers_table.item(row, 2)
        if name is None or check is None:
            return
        credential = is_credential_header(name.text())
        self.headers_table.blockSignals(True)
        flags = Qt.ItemFlag.ItemIsUserCheckable
        check.setFlags(flags if credential else flags | Qt.ItemFlag.ItemIsEnabled)
        if credential:
            check.setCheckState(Qt.CheckState.Checked)
        check.setToolTip(self.tr("Always secret: a credential header") if credential else "")
        self.headers_table.blockSignals(False)

    def remove_selected_headers(self) -> None:
        rows = sorted({i.row() for i in self.headers_table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.headers_table.removeRow(row)
        self.changed.emit()

    def headers(self) -> list[HeaderRow]:
        rows = []
        for row in range(self.headers_table.rowCount()):
            name, value, check = (self.headers_table.item(row, c) for c in range(3))
            rows.append(HeaderRow(name.text().strip() if name else "",
                                  value.text() if value else "",
                                  check is not None
                                  and check.checkState() == Qt.CheckState.Checked))
        return rows

    def load(self, d: ConnectionDraft) -> None:
        self.headers_table.setRowCount(0)
        for header in d.headers:
            self.add_header(header)
        self.subprotocols_edit.setText(d.subprotocols)
        self.origin_edit.setText(d.origin)
        self.allowed_origins_edit.setText(d.allowed_origins)
        self.compression_check.setChecked(d.compression)
        self.ping_interval_spin.setValue(d.ping_interval)
        self.ping_timeout_spin.setValue(d.ping_timeout)
        self.max_message_spin.setValue(d.max_message_size)

    def store(self, d: ConnectionDraft) -> None:
        d.headers = self.headers()
        d.subprotocols = self.subprotocols_edit.text()
        d.origin = self.origin_edit.text()
        d.allowed_origins = self.allowed_origins_edit.text()
        d.compression = self.compression_check.isChecked()
        d.ping_interval = self.ping_interval_spin.value()
        d.ping_timeout = self.ping_timeout_spin.value()
        d.max_message_size = self.max_message_spin.value()

    def update_visibility(self, d: ConnectionDraft) -> None:
        self.setVisible(d.kind == "ws")
        set_row_visible(self.fields["allowed_origins"], d.uses_allowed_origins)
        # a relay offers upstream what each client offers, and answers what the upstream chose
        set_row_visible(self.fields["subprotocols"], not d.relay)
        # a client sends it; a relay sends it upstream instead of each client's
        self.origin_edit.setEnabled(not d.server or d.relay)
        if d.relay:
            self.origin_edit.setToolTip(self.tr(
                "Sent upstream instead of each client's Origin. Empty: the client's is "
                "forwarded."))
            self.headers_table.setToolTip(self.tr(
                "Sent upstream with every client's own request headers (Authorization, "
                "Cookie, …), which the relay forwards; a header here replaces the client's "
                "of the same name. Secret values are not saved unless asked."))
        else:
            self.origin_edit.setToolTip("")
            self.headers_table.setToolTip(self._headers_tip)


class ReconnectGroup(QGroupBox):
    changed = Signal()

    def __init__(self) -> None:
        super().__init__(self.tr("Reconnect automatically"))
        self.setCheckable(True)
        self.fields: dict[str, FormField] = {}
        form = QFormLayout(self)
        self.initial_delay_spin = QDoubleSpinBox()
        self.initial_delay_spin.setRange(0.01, 3600)
        self.initial_delay_spin.setSuffix(self.tr(" s"))
        form.addRow(self.tr("First delay:"), self.initial_delay_spin)
        self.max_delay_spin = QDoubleSpinBox()
        self.max_delay_spin.setRange(0.01, 86400)
        self.max_delay_spin.setSuffix(self.tr(" s"))
        add_field(form, self.fields, "max_delay", self.tr("Max delay:"), self.max_delay_spin)
        self.max_attempts_spin = QSpinBox()
        self.max_attempts_spin.setRange(0, 1_000_000)
        self.max_attempts_spin.setSpecialValueText(self.tr("no limit"))
        form.addRow(self.tr("Max attempts:"), self.max_attempts_spin)
        self.toggled.connect(self.changed)
        self.initial_delay_spin.valueChanged.connect(self.changed)
        self.max_delay_spin.valueChanged.connect(self.changed)

    def load(self, d: ConnectionDraft) -> None:
        self.setChecked(d.reconnect)
        self.initial_delay_spin.setValue(d.initial_delay)
        self.max_delay_spin.setValue(d.max_delay)
        self.max_attempts_spin.setValue(d.max_attempts)

    def store(self, d: ConnectionDraft) -> None:
        d.reconnect = self.isChecked()
        d.initial_delay = self.initial_delay_spin.value()
        d.max_delay = self.max_delay_spin.value()
        d.max_attempts = self.max_attempts_spin.value()

    def update_visibility(self, d: ConnectionDraft) -> None:
        self.setVisible(d.uses_reconnect)


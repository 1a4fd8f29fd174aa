"""The connection editor: round trips, per-kind groups, inline validation and OK state."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dialogs.connection_editor import ConnectionEditor
from gui.workspace.draft import HeaderRow, default_spec
from gui.workspace.model import ConnectionSpec, Role, SavedMessage
from transports.framing.base import FramingMode, FramingSpec
from transports.options import Options, ReconnectPolicy, TlsOptions


def _editor(qtbot: QtBot, spec: ConnectionSpec) -> ConnectionEditor:
    editor = ConnectionEditor(spec)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def test_round_trip_keeps_every_option(qtbot: QtBot, tmp_path: Path) -> None:
    ca = tmp_path / "ca.pem"
    ca.write_text("x")
    spec = ConnectionSpec(
        "wss://example.test:8443/chat?room=1", Role.CLIENT,
        Options(name="chat", encoding="gbk", headers=(("Authorization", "Bearer t"),
                                                     ("X-Trace", "1")),
                subprotocols=("chat", "superchat"), compression=False, ping_interval=None,
                ping_timeout=5.0, max_message_size=4096, origin="https://o.test",
                tls=TlsOptions(ca_file=str(ca), server_name="srv.test"),
                reconnect=ReconnectPolicy(enabled=True, initial_delay=1.0, max_delay=8.0,
                                          max_attempts=3),
                send_queue=64, connect_timeout=3.0),
        saved_messages=(SavedMessage("hi", "hello"),),
        secret_headers=("Authorization",))
    editor = _editor(qtbot, spec)
    assert editor.is_valid(), editor.errors()
    assert editor.ws_group.isVisible() and not editor.framing_group.isVisible()
    assert editor.reconnect_group.isVisible() and not editor.server_group.isVisible()
    assert editor.spec() == spec


def test_tcp_server_framing_round_trip(qtbot: QtBot) -> None:
    framing = FramingSpec(mode=FramingMode.LENGTH, header_size=4, byteorder="little",
                          header_counted=True, length_offset=-2, keep_header=False,
                          max_frame=1000)
    spec = ConnectionSpec("tcp://0.0.0.0:0", Role.SERVER,
                          Options(echo=True, framing=framing, max_peers=5))
    editor = _editor(qtbot, spec)
    assert editor.is_valid(), editor.errors()
    assert editor.server_group.isVisible() and editor.framing_group.isVisible()
    assert not editor.reconnect_group.isVisible() and not editor.ws_group.isVisible()
    framing = editor.framing_group
    assert framing.header_size_combo.isVisible() and not framing.idle_spin.isVisible()
    assert editor.spec() == spec


def test_delimiter_is_escaped_text(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("tcp", Role.CLIENT))
    editor.framing_group.framing_combo.setCurrentIndex(editor.framing_group.framing_combo.findData(FramingMode.DELIMITER))
    assert editor.framing_group.delimiter_edit.isVisible()
    editor.framing_group.delimiter_edit.setText(r"\r\n")
    assert editor.spec().options.framing == FramingSpec(mode=FramingMode.DELIMITER,
                                                        delimiter=b"\r\n")
    editor.framing_group.delimiter_edit.setText(r"ab\q")
    assert not editor.ok_button.isEnabled()
    assert editor.errors()["delimiter"].startswith("column 3:")
    assert editor._fields["delimiter"].error.isVisible()


def test_bad_port_shows_error_next_to_field_and_disables_ok(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("tcp", Role.CLIENT))
    assert editor.ok_button.isEnabled()
    port_error = editor._fields["port"].error
    for bad in ("80a", "", "70000", "0"):  # 0 is for servers only
        editor.port_edit.setText(bad)
        assert not editor.ok_button.isEnabled(), bad
        assert port_error.isVisible() and "port must be a number from 1" in port_error.text()
    editor.port_edit.setText("8080")
    assert editor.ok_button.isEnabled() and not port_error.isVisible()
    editor.role_combo.setCurrentIndex(1)  # server: 0 means any free port
    editor.port_edit.setText("0")
    assert editor.ok_button.isEnabled()
    assert editor.spec().url == "tcp://127.0.0.1:0" and editor.spec().role is Role.SERVER


def test_missing_ca_file_disables_ok(qtbot: QtBot, tmp_path: Path) -> None:
    editor = _editor(qtbot, default_spec("ws", Role.CLIENT))
    editor.tls_group.setChecked(True)
    assert editor.url() == "wss://127.0.0.1:9000/"
    editor.tls_group.ca_edit.setText(str(tmp_path / "missing.pem"))
    assert not editor.ok_button.isEnabled()
    assert "no such file" in editor._fields["ca_file"].error.text()
    (tmp_path / "missing.pem").write_text("x")
    editor.validate()
    assert editor.ok_button.isEnabled()


def test_tls_server_needs_certificate(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("tcp", Role.SERVER))
    editor.tls_group.setChecked(True)
    assert "needs a certificate" in editor.errors()["cert_file"]
    assert not editor.tls_group.insecure_check.isVisible()


def test_websocket_fields_validate(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("ws", Role.CLIENT))
    editor.path_edit.setText("chat")
    assert "start with /" in editor.errors()["path"]
    editor.path_edit.setText("/chat")
    editor.ws_group.add_header(HeaderRow("Bad Header", "v"))
    assert "row 1" in editor.errors()["headers"]
    editor.ws_group.headers_table.item(0, 0).setText("X-Token")
    editor.ws_group.headers_table.item(0, 2).setCheckState(Qt.CheckState.Checked)
    editor.ws_group.subprotocols_edit.setText("chat, bad proto")
    assert "subprotocol" in editor.errors()["subprotocols"]
    editor.ws_group.subprotocols_edit.setText("chat, v2.chat")
    assert editor.ok_button.isEnabled(), editor.errors()
    spec = editor.spec()
    assert spec.url == "ws://127.0.0.1:9000/chat"
    assert spec.options.headers == (("X-Token", "v"),) and spec.secret_headers == ("X-Token",)
    assert spec.options.subprotocols == ("chat", "v2.chat")


def test_udp_hides_stream_groups_and_checks_bind(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("udp", Role.CLIENT))
    assert not editor.tls_group.isVisible() and not editor.framing_group.isVisible()
    assert not editor.reconnect_group.isVisible() and editor.bind_edit.isVisible()
    editor.bind_edit.setText("nonsense")
    assert "bind" in editor.errors()
    editor.bind_edit.setText("127.0.0.1:0")
    assert editor.spec().options.bind == "127.0.0.1:0"


def test_reconnect_delays_checked(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("tcp", Role.CLIENT))
    editor.reconnect_group.setChecked(True)
    editor.reconnect_group.initial_delay_spin.setValue(5)
    editor.reconnect_group.max_delay_spin.setValue(1)
    # the rule is ReconnectPolicy.validate()'s, shown on the field it names
    assert "max_delay must be ≥ reconnect.initial_delay" in editor.errors()["max_delay"]
    editor.reconnect_group.max_delay_spin.setValue(10)
    assert editor.spec().options.reconnect.enabled


def test_a_new_server_does_not_echo_and_has_no_connect_timeout(qtbot: QtBot) -> None:
    for kind in ("tcp", "ws"):
        editor = _editor(qtbot, default_spec(kind, Role.SERVER))
        assert not editor.echo_check.isChecked()
        assert not editor.spec().options.echo
        assert editor.timeout_spin.isHidden()  # a listening socket has nothing to time out
    client = _editor(qtbot, default_spec("tcp", Role.CLIENT))
    assert not client.timeout_spin.isHidden()
    client.role_combo.setCurrentIndex(1)  # switched to server in the dialog
    assert client.timeout_spin.isHidden()


def test_the_wheel_scrolls_the_form_not_an_unfocused_combo(qtbot: QtBot) -> None:
    from PySide6.QtCore import QPoint, QPointF
    from PySide6.QtGui import QWheelEvent
    from PySide6.QtWidgets import QApplication

    editor = _editor(qtbot, default_spec("ws", Role.CLIENT))
    editor.resize(520, 300)  # the form is taller than the dialog: it scrolls
    qtbot.waitExposed(editor)
    bar = editor.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    combo = editor.encoding_combo
    index = combo.currentIndex()

    def wheel() -> None:
        event = QWheelEvent(QPointF(5, 5), QPointF(combo.mapToGlobal(QPoint(5, 5))),
                            QPoint(0, 0), QPoint(0, -120), Qt.MouseButton.NoButton,
                            Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase,
                            False)
        QApplication.sendEvent(combo, event)

    wheel()
    assert combo.currentIndex() == index  # the value under the pointer is left alone
    assert bar.value() > 0  # the form scrolled instead
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel()
    assert combo.currentIndex() != index  # once focused, the wheel is the combo's

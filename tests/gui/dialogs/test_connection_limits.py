"""The editor's Limits group (send queue bytes; servers: slow and idle peers), the WebSocket
server's allowed origins and the "Store secrets in the file" checkbox with its warning."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from gui.dialogs.connection_editor import ConnectionEditor
from gui.workspace import Workspace, load, save
from gui.workspace.draft import HeaderRow, default_spec
from gui.workspace.model import ConnectionSpec, Role
from transports.options import Options


def _editor(qtbot: QtBot, spec: ConnectionSpec) -> ConnectionEditor:
    editor = ConnectionEditor(spec)
    qtbot.addWidget(editor)
    editor.show()
    return editor


def _choose(editor: ConnectionEditor, kind: str, role: Role) -> None:
    editor.kind_combo.setCurrentIndex(editor.kind_combo.findData(kind))
    editor.role_combo.setCurrentIndex(editor.role_combo.findData(role))


def test_fields_are_shown_only_for_the_kinds_they_apply_to(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("tcp", Role.CLIENT))
    limits, ws = editor.limits_group, editor.ws_group
    seen = {}
    for kind in ("tcp", "udp", "ws"):
        for role in (Role.CLIENT, Role.SERVER):
            _choose(editor, kind, role)
            seen[kind, role.value] = (
                limits.queue_bytes_spin.isVisible(), limits.close_slow_check.isVisible(),
                limits.idle_spin.isVisible(), ws.allowed_origins_edit.isVisible())
    assert seen == {
        ("tcp", "client"): (True, False, False, False),
        ("tcp", "server"): (True, True, True, False),
        ("udp", "client"): (True, False, False, False),
        ("udp", "server"): (True, False, False, False),
        ("ws", "client"): (True, False, False, False),
        ("ws", "server"): (True, True, False, True),
    }


def test_ws_server_limits_and_origins_are_edited_and_saved(qtbot: QtBot,
                                                           tmp_path: Path) -> None:
    editor = _editor(qtbot, default_spec("ws", Role.SERVER))
    assert editor.limits_group.queue_bytes_spin.value() == 4 << 20  # the transports default
    assert editor.ws_group.allowed_origins_edit.placeholderText()  # "(accept any)"
    editor.limits_group.queue_bytes_spin.setValue(65536)
    editor.limits_group.close_slow_check.setChecked(True)
    editor.ws_group.allowed_origins_edit.setText("https://app.example, not an origin")
    assert "not an origin" in editor.errors()["allowed_origins"]
    assert not editor.ok_button.isEnabled()
    editor.ws_group.allowed_origins_edit.setText("https://app.example, http://127.0.0.1:8000")
    assert editor.ok_button.isEnabled(), editor.errors()
    spec = editor.spec()
    o = spec.options
    assert (o.send_queue_bytes, o.close_slow_peers, o.idle_timeout) == (65536, True, None)
    assert o.allowed_origins == ("https://app.example", "http://127.0.0.1:8000")
    save(Workspace(connections=(spec,)), tmp_path / "w.sockscope")
    assert load(tmp_path / "w.sockscope").connections[0] == spec
    assert _editor(qtbot, spec).spec() == spec  # shown again as saved


def test_tcp_server_idle_timeout(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("tcp", Role.SERVER))
    assert editor.limits_group.idle_spin.text() == "never"
    assert editor.spec().options.idle_timeout is None
    editor.limits_group.idle_spin.setValue(30)
    assert editor.spec().options.idle_timeout == 30.0
    _choose(editor, "ws", Role.SERVER)  # not a TCP server: no idle timeout
    assert editor.spec().options.idle_timeout is None


def test_udp_relay_idle_timeout_expires_pairs(qtbot: QtBot, tmp_path: Path) -> None:
    """A UDP relay shows the idle timeout (its pairs expire; unset means 60 s), a UDP server
    and a WebSocket relay do not."""
    editor = _editor(qtbot, default_spec("udp", Role.RELAY))
    spin = editor.limits_group.idle_spin
    assert spin.isVisible() and spin.text() == "60 s (default)"
    assert "datagram" in spin.toolTip()
    assert editor.spec().options.idle_timeout is None
    spin.setValue(5)
    spec = editor.spec()
    assert spec.options.idle_timeout == 5.0
    save(Workspace(connections=(spec,)), tmp_path / "w.sockscope")
    assert load(tmp_path / "w.sockscope").connections[0].options.idle_timeout == 5.0
    assert editor.max_peers_spin.isEnabled()  # it limits the pairs
    assert not editor.relay_group.insecure_check.isVisible()  # no TLS upstream for UDP
    assert "least recently active" in editor.max_peers_spin.toolTip()
    _choose(editor, "udp", Role.SERVER)
    assert not spin.isVisible() and editor.spec().options.idle_timeout is None
    assert not editor.max_peers_spin.isEnabled()
    spin.setValue(0)
    _choose(editor, "tcp", Role.RELAY)  # a TCP relay closes idle clients, as a TCP server
    assert spin.isVisible() and spin.text() == "never"
    _choose(editor, "ws", Role.RELAY)
    assert not spin.isVisible() and editor.relay_group.insecure_check.isVisible()
    assert not editor.ws_group.subprotocols_edit.isVisible()  # the client's are forwarded
    # every path is accepted and forwarded: the relay's own path would mean nothing; its
    # Origin replaces the clients' upstream, and its headers say they win
    assert not editor.path_edit.isVisible()
    assert editor.ws_group.origin_edit.isEnabled()
    assert "replaces the client's" in editor.ws_group.headers_table.toolTip()
    _choose(editor, "ws", Role.SERVER)
    assert editor.path_edit.isVisible() and not editor.ws_group.origin_edit.isEnabled()
    assert "replaces" not in editor.ws_group.headers_table.toolTip()


def test_store_secrets_checkbox_shows_its_warning(qtbot: QtBot) -> None:
    spec = ConnectionSpec("ws://127.0.0.1:9000/?token=t0k", Role.CLIENT,
                          Options(headers=(("Authorization", "Bearer x"),)))
    editor = _editor(qtbot, spec)
    group = editor.secrets_group
    assert not group.store_check.isChecked() and not group.warning.isVisible()
    # A credential header shows ticked "secret" without the user ticking it.
    assert editor.ws_group.headers()[0].secret
    group.store_check.setChecked(True)
    assert group.warning.isVisible() and "0600" in group.warning.text()
    assert editor.spec().store_secrets
    group.store_check.setChecked(False)
    assert not group.warning.isVisible() and not editor.spec().store_secrets


def test_a_credential_header_is_always_secret(qtbot: QtBot) -> None:
    editor = _editor(qtbot, default_spec("ws", Role.CLIENT))
    table = editor.ws_group.headers_table
    editor.ws_group.add_header(HeaderRow("X-Trace", "1"))
    check = table.item(0, 2)
    assert check.flags() & Qt.ItemFlag.ItemIsEnabled and not editor.ws_group.headers()[0].secret
    table.item(0, 0).setText(" cookie ")  # typed in the table: now a credential header
    assert not check.flags() & Qt.ItemFlag.ItemIsEnabled and check.toolTip()
    assert editor.ws_group.headers()[0].secret
    assert editor.spec().secret_headers == ("cookie",)

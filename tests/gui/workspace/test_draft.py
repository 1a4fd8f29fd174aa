"""ConnectionDraft: the connection editor's form without Qt — from_spec/to_spec round trips,
the typed-text checks, and the option rules reported from transports on the right field."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gui.workspace.draft import (
    TRANSPORTS_MESSAGES,
    ConnectionDraft,
    DraftError,
    HeaderRow,
    default_spec,
)
from gui.workspace.model import ConnectionSpec, Role
from transports.framing.base import FramingMode, FramingSpec
from transports.options import Options, ReconnectPolicy, TlsOptions


def _draft(kind: str = "tcp", role: Role = Role.CLIENT, **changes: object) -> ConnectionDraft:
    return dataclasses.replace(ConnectionDraft.from_spec(default_spec(kind, role)), **changes)


@pytest.mark.parametrize("spec", [
    default_spec("tcp", Role.CLIENT),
    default_spec("udp", Role.SERVER),
    ConnectionSpec("tcp://0.0.0.0:0", Role.SERVER, Options(
        echo=True, max_peers=5, framing=FramingSpec(
            mode=FramingMode.LENGTH, header_size=4, byteorder="little", header_counted=True,
            length_offset=-2, keep_header=False, max_frame=1000))),
    ConnectionSpec("ws://[::1]:8080/chat?room=1", Role.CLIENT, Options(
        name="chat", encoding="gbk", headers=(("Authorization", "Bearer t"),),
        subprotocols=("chat", "superchat"), compression=False, ping_interval=None,
        reconnect=ReconnectPolicy(enabled=True, initial_delay=1.0, max_delay=8.0)),
        secret_headers=("Authorization",)),
    ConnectionSpec("udp://127.0.0.1:9000", Role.CLIENT, Options(bind="127.0.0.1:0")),
])
def test_round_trip(spec: ConnectionSpec) -> None:
    draft = ConnectionDraft.from_spec(spec)
    assert draft.validate() == {}
    assert draft.to_spec() == spec


def test_typed_text_checks() -> None:
    errors = _draft(host=" ", port="80a").validate()
    assert str(errors["host"]) == "enter a host name or address"
    assert str(errors["port"]) == "port must be a number from 1 to 65535"
    assert "0: any free port" in str(_draft(role=Role.SERVER, port="-1").validate()["port"])
    assert _draft(role=Role.SERVER, port="0").validate() == {}
    assert "row 2" in str(_draft("ws", headers=[HeaderRow("A", "1"), HeaderRow("B C", "")])
                          .validate()["headers"])
    assert "'bad proto'" in str(_draft("ws", subprotocols="chat, bad proto")
                                .validate()["subprotocols"])
    error = _draft(framing_mode=FramingMode.DELIMITER, delimiter=r"ab\q").validate()["delimiter"]
    assert error.text == "column {column}: {reason}" and error.args["column"] == 3
    assert "start with /" in str(_draft("ws", path="chat").validate()["path"])


def test_option_rules_come_from_transports(tmp_path: Path) -> None:
    # ReconnectPolicy.validate(): shown on the max delay field
    errors = _draft(reconnect=True, initial_delay=5, max_delay=1).validate()
    assert list(errors) == ["max_delay"]
    assert str(errors["max_delay"]) == "reconnect.max_delay must be ≥ reconnect.initial_delay"
    # ... but not for servers, which never reconnect
    assert _draft(role=Role.SERVER, reconnect=True, initial_delay=5, max_delay=1
                  ).validate() == {}
    # TlsOptions.check_files(): the field it names, without the option prefix
    missing = tmp_path / "missing.pem"
    errors = _draft(tls=True, ca_file=str(missing)).validate()
    assert str(errors["ca_file"]) == f"no such file: {missing}"
    assert "needs a certificate" in str(_draft(role=Role.SERVER, tls=True)
                                        .validate()["cert_file"])
    # parse_bind()
    assert str(_draft("udp", bind="nonsense").validate()["bind"]).startswith("expected host:port")


def test_url_and_tls_scheme() -> None:
    assert _draft("ws", tls=True, path="").url() == "wss://127.0.0.1:9000/"
    assert _draft(tls=True, host="::1", cert_file="").url() == "tls://[::1]:9000"
    assert _draft("udp", tls=True).url() == "udp://127.0.0.1:9000"  # no TLS for UDP


def test_to_spec_refuses_an_invalid_draft() -> None:
    with pytest.raises(DraftError, match="port: port must be a number"):
        _draft(port="x").to_spec()


def test_another_connections_name_is_refused_on_the_name_field() -> None:
    taken = frozenset({"PLC", "tcp://127.0.0.1:9000"})
    named = _draft(name=" PLC ", taken=taken)
    assert named.validate()["name"].text.startswith("another connection is already named")
    assert str(named.validate()["name"]) == (
        "another connection is already named PLC; scenario steps name connections, so enter "
        "a different name")
    with pytest.raises(DraftError, match="name: another connection is already named PLC"):
        named.to_spec()
    unnamed = _draft(taken=taken)  # named by its URL, which another connection is named
    assert str(unnamed.validate()["name"]).startswith(
        "another connection is already named tcp://127.0.0.1:9000;")
    assert "name" not in _draft(name="plc", taken=taken).validate()  # names are exact
    assert _draft(port="9001", taken=taken).validate() == {}


def test_unedited_options_of_other_kinds_are_kept() -> None:
    base = ConnectionSpec("tcp://127.0.0.1:1", Role.CLIENT, Options(
        headers=(("X", "1"),), tls=TlsOptions(server_name="keep.test")))
    spec = ConnectionDraft.from_spec(base).to_spec()
    assert spec.options.headers == (("X", "1"),) and spec.options.tls.server_name == "keep.test"


def test_the_translated_transports_messages_are_still_what_transports_says(
        tmp_path: Path) -> None:
    key = tmp_path / "key.pem"
    key.write_text("x")
    said = {
        str(_draft(role=Role.SERVER, tls=True).validate()["cert_file"]),
        str(_draft(tls=True, key_file=str(key)).validate()["cert_file"]),
        str(_draft(reconnect=True, initial_delay=5, max_delay=1).validate()["max_delay"]),
    }
    assert said == set(TRANSPORTS_MESSAGES)


def test_a_new_address_ends_following_a_server() -> None:
    spec = ConnectionSpec("tcp://127.0.0.1:4000", follows="srv", key="cli")
    draft = ConnectionDraft.from_spec(spec)
    assert draft.to_spec().follows == "srv"  # unchanged address: still follows
    draft.port = "4001"
    assert (draft.to_spec().follows, draft.to_spec().key) == ("", "cli")


def test_new_transport_options_round_trip_for_the_kinds_they_apply_to() -> None:
    ws_server = ConnectionSpec("ws://127.0.0.1:0/", Role.SERVER, Options(
        send_queue_bytes=12345, close_slow_peers=True,
        allowed_origins=("https://app.example",)), store_secrets=True)
    draft = ConnectionDraft.from_spec(ws_server)
    assert (draft.allowed_origins, draft.store_secrets) == ("https://app.example", True)
    assert draft.to_spec() == ws_server
    tcp_server = ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, Options(idle_timeout=2.5))
    assert ConnectionDraft.from_spec(tcp_server).to_spec() == tcp_server
    # Switched to a kind an option does not apply to, the option is dropped, not kept hidden.
    draft.kind, draft.role, draft.port = "ws", Role.CLIENT, "9000"
    options = draft.to_spec().options
    assert (options.allowed_origins, options.close_slow_peers) == ((), False)
    draft = ConnectionDraft.from_spec(tcp_server)
    draft.kind = "udp"
    assert draft.to_spec().options.idle_timeout is None


def test_allowed_origins_are_checked_on_their_field() -> None:
    draft = ConnectionDraft.from_spec(ConnectionSpec("ws://127.0.0.1:0/", Role.SERVER))
    draft.allowed_origins = "https://a.example,  example.com"
    assert draft.validate()["allowed_origins"].args == {"name": "'example.com'"}
    draft.allowed_origins = "https://a.example,  http://127.0.0.1:8080 ,"
    assert draft.validate() == {}
    assert draft.to_spec().options.allowed_origins == ("https://a.example",
                                                       "http://127.0.0.1:8080")

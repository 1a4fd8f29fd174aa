"""Workspace files: round trips, every shipped version, broken files, atomic saves."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from gui.workspace import (
    ConnectionSpec,
    HistoryEntry,
    PayloadMode,
    Role,
    SavedMessage,
    Workspace,
    WorkspaceError,
    discard_recovery,
    dumps,
    load,
    load_recovery,
    missing_secrets,
    save,
    save_recovery,
)
from gui.workspace.io import RESOURCES, parse
from transports.framing import FramingMode
from transports.options import Options, TlsOptions

FIXTURES = Path(__file__).parent / "fixtures"


def test_every_shipped_version_has_a_fixture_that_loads() -> None:
    from gui.workspace.migrations import CURRENT_VERSION

    for version in range(1, CURRENT_VERSION + 1):
        assert load(FIXTURES / f"v{version}.sockscope").connections


def test_v1_migrates_to_urls_roles_and_options() -> None:
    ws = load(FIXTURES / "v1.sockscope")
    plc, api, echo, sensor = ws.connections
    assert (plc.url, plc.role, plc.name) == ("tcp://127.0.0.1:502", Role.CLIENT, "PLC")
    assert plc.options.encoding == "gbk"
    assert plc.options.framing.mode is FramingMode.LENGTH
    assert plc.saved_messages == (SavedMessage("读取状态", "01 03 00 00 00 01", PayloadMode.HEX),)
    assert api.url == "wss://127.0.0.1:8443/v1/stream?x=1"
    assert api.options.headers == (("X-Token", "abc"),)
    assert api.options.subprotocols == ("json.v1",)
    assert api.options.compression is False
    assert (echo.role, echo.options.echo) == (Role.SERVER, True)
    assert sensor.url == "udp://127.0.0.1:9999"


def test_v6_keeps_history_modes_and_server_references() -> None:
    server, client = load(FIXTURES / "v6.sockscope").connections
    assert (server.key, server.role, client.follows) == ("echo-server", Role.SERVER,
                                                        "echo-server")
    assert client.composer.history == (HistoryEntry("48 65 6c 6c 6f", PayloadMode.HEX),
                                       HistoryEntry("hello\\n"))


def _v4(connections: list[dict[str, object]]) -> dict[str, object]:
    return {"format": "sockscope-workspace", "version": 4, "connections": connections}


def test_v4_history_takes_the_composer_mode(tmp_path: Path) -> None:
    path = tmp_path / "old.sockscope"
    path.write_text(json.dumps(_v4([{"url": "tcp://127.0.0.1:9", "role": "client",
                                      "composer": {"mode": "hex", "history": ["48 69"]}}])))
    (spec,) = load(path).connections
    assert spec.composer.history == (HistoryEntry("48 69", PayloadMode.HEX),)


def test_v4_demo_clients_follow_their_port0_servers(tmp_path: Path) -> None:
    """What the demo saved: servers on port 0, clients with the port of the last run."""
    path = tmp_path / "demo.sockscope"
    path.write_text(json.dumps(_v4([
        {"url": "ws://127.0.0.1:0/echo", "role": "server"},
        {"url": "ws://127.0.0.1:40001/echo", "role": "client"},
        {"url": "tcp://127.0.0.1:0", "role": "server"},
        {"url": "tcp://127.0.0.1:40002", "role": "client"},
        {"url": "tcp://127.0.0.1:7000", "role": "server"},
        {"url": "tcp://127.0.0.1:7000", "role": "client"},  # a fixed port: left alone
        {"url": "tcp://10.0.0.1:40003", "role": "client"},  # another host: left alone
    ])))
    ws_server, ws_client, tcp_server, tcp_client, fixed, fixed_client, other = (
        load(path).connections)
    assert ws_client.follows == ws_server.key != ""
    assert tcp_client.follows == tcp_server.key not in ("", ws_server.key)
    assert fixed_client.follows == other.follows == "" and fixed.key == ""


@pytest.mark.parametrize(("connections", "where", "words"), [
    ([{"url": "tcp://127.0.0.1:9", "role": "client", "follows": "nope"}],
     "connections[0].follows", "expected the id of a server of this workspace, found 'nope'"),
    ([{"url": "tcp://127.0.0.1:0", "role": "server", "id": "a"},
      {"url": "tcp://127.0.0.1:0", "role": "server", "id": "a"}],
     "connections[1].id", "the id 'a' is used twice"),
    ([{"url": "tcp://127.0.0.1:0", "role": "server", "id": "a", "follows": "a"}],
     "connections[0].follows", "only a client follows a server"),
])
def test_bad_references_name_the_json_path(tmp_path: Path, connections: list[object],
                                           where: str, words: str) -> None:
    path = tmp_path / "bad.sockscope"
    path.write_text(json.dumps({"format": "sockscope-workspace", "version": 6,
                                "connections": connections}))
    with pytest.raises(WorkspaceError) as info:
        load(path)
    assert where in str(info.value) and words in str(info.value), str(info.value)


def test_examples_load() -> None:
    names = sorted(p.name for p in RESOURCES.glob("*.sockscope"))
    assert names == ["api.sockscope", "demo.sockscope", "device-sim.sockscope",
                     "device.sockscope", "scenarios.sockscope"]
    for path in RESOURCES.glob("*.sockscope"):
        assert load(path).connections, path
    ws_server, ws_client, tcp_server, tcp_client = load(RESOURCES / "demo.sockscope").connections
    assert (ws_client.follows, tcp_client.follows) == (ws_server.key, tcp_server.key)
    device = load(RESOURCES / "device.sockscope").connections[0]
    assert device.options.framing.mode is FramingMode.LENGTH
    assert all(m.mode is PayloadMode.HEX for m in device.saved_messages)
    api = load(RESOURCES / "api.sockscope").connections[0]
    assert api.options.subprotocols == ("json.v1",)
    assert missing_secrets(api) == ["header Authorization"]


def test_examples_are_in_canonical_form() -> None:
    for path in RESOURCES.glob("*.sockscope"):
        assert dumps(load(path)) == path.read_text(encoding="utf-8"), path


def test_save_twice_is_byte_identical_and_sorted(tmp_path: Path) -> None:
    ws = load(FIXTURES / "v1.sockscope")
    a, b = tmp_path / "a.sockscope", tmp_path / "b.sockscope"
    save(ws, a)
    save(load(a), b)
    assert a.read_bytes() == b.read_bytes()
    text = a.read_text(encoding="utf-8")
    assert "读取状态" in text  # readable, not \u escapes
    assert text.endswith("}\n")
    doc = json.loads(text)
    assert list(doc) == sorted(doc)


def test_unknown_keys_survive_a_round_trip(tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "v2.sockscope").read_text(encoding="utf-8"))
    doc["future_top"] = {"a": 1}
    doc["connections"][0]["colour"] = "red"
    doc["connections"][0]["options"]["tls"]["pin"] = "sha256/abc"
    path = tmp_path / "future.sockscope"
    path.write_text(json.dumps(doc), encoding="utf-8")
    save(load(path), path)
    again = json.loads(path.read_text(encoding="utf-8"))
    assert again["future_top"] == {"a": 1}
    assert again["connections"][0]["colour"] == "red"
    assert again["connections"][0]["options"]["tls"]["pin"] == "sha256/abc"


def test_secrets_are_not_written_unless_asked(tmp_path: Path) -> None:
    options = Options(headers=(("Authorization", "Bearer s3cret"), ("X-Plain", "v")),
                      tls=TlsOptions(key_password="hunter2"))
    spec = ConnectionSpec("wss://127.0.0.1:9443/", options=options,
                          secret_headers=("authorization",))
    path = tmp_path / "s.sockscope"
    save(Workspace(connections=(spec,)), path)
    text = path.read_text(encoding="utf-8")
    assert "s3cret" not in text and "hunter2" not in text
    assert '"v"' in text
    assert missing_secrets(load(path).connections[0]) == ["tls.key_password",
                                                          "header Authorization"]
    stored = ConnectionSpec(spec.url, options=options, secret_headers=("Authorization",),
                            store_secrets=True)
    save(Workspace(connections=(stored,)), path)
    assert load(path).connections[0] == stored


BROKEN: list[tuple[str, bytes, str]] = [
    ("empty", b"", "the file is empty"),
    ("blank", b"  \n", "the file is empty"),
    ("garbage", bytes(range(256)) * 4, "not UTF-8 text: byte 0x80 at offset 128"),
    ("bad json", b'{"format": "sockscope-workspace",\n  "version": 2,,}', "line 2, column 16"),
    ("not an object", b"[1, 2]", "expected a JSON object, found a list"),
    ("wrong format", b'{"format": "other", "version": 1}', "format: expected"),
    ("no version", b'{"format": "sockscope-workspace"}', "version: expected a whole number"),
    ("newer version", b'{"format": "sockscope-workspace", "version": 99}',
     "written by a newer Sockscope (format version 99)"),
    ("connections not a list",
     b'{"format": "sockscope-workspace", "version": 2, "connections": {}}',
     "connections: expected a list"),
    ("missing url",
     b'{"format": "sockscope-workspace", "version": 2, "connections": [{"role": "client"}]}',
     "connections[0]: missing required key 'url'"),
    ("bad url",
     b'{"format": "sockscope-workspace", "version": 2, "connections": '
     b'[{"url": "tcp://127.0.0.1:99999", "role": "client"}]}',
     "connections[0].url"),
    ("wrong type deep",
     b'{"format": "sockscope-workspace", "version": 2, "connections": [{"url": "tcp://h:1",'
     b' "role": "client"}, {"url": "tcp://h:1", "role": "client", "options": {"tls": '
     b'{"ca_file": 42}}}]}',
     "connections[1].options.tls.ca_file: expected a string or null, found 42"),
    ("bad role",
     b'{"format": "sockscope-workspace", "version": 2, "connections": '
     b'[{"url": "tcp://h:1", "role": "boss"}]}',
     'connections[0].role: expected one of "client", "server"'),
    ("bad v1 kind",
     b'{"format": "sockscope-workspace", "version": 1, "connections": [{"kind": "serial"}]}',
     "connections[0].kind"),
    ("deep nesting", b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
    ("too many digits", b'{"format": "sockscope-workspace", "version": ' + b"1" * 5000 + b"}",
     "invalid JSON: Exceeds the limit"),
    ("NaN", b'{"format": "sockscope-workspace", "version": 2, "connections": [], "x": NaN}',
     "invalid JSON: NaN is not a JSON number"),
    ("huge number",
     b'{"format": "sockscope-workspace", "version": 2, "connections": [{"url": "tcp://h:1",'
     b' "role": "client", "options": {"connect_timeout": 1' + b"0" * 400 + b'}}]}',
     "connections[0].options.connect_timeout: expected a number, found 1000"),
    ("float for a choice",
     b'{"format": "sockscope-workspace", "version": 2, "connections": [{"url": "tcp://h:1",'
     b' "role": "client", "options": {"framing": {"header_size": 2.0}}}]}',
     "connections[0].options.framing.header_size: expected one of 1, 2, 4, 8, found 2.0"),
]


@pytest.mark.parametrize(("name", "data", "words"), BROKEN, ids=[b[0] for b in BROKEN])
def test_broken_files_explain_themselves(tmp_path: Path, name: str, data: bytes,
                                         words: str) -> None:
    path = tmp_path / "broken.sockscope"
    path.write_bytes(data)
    with pytest.raises(WorkspaceError) as info:
        load(path)
    message = str(info.value)
    assert message.startswith(str(path) + ": ")
    assert words in message


def test_huge_file_is_refused_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "huge.sockscope"
    with path.open("wb") as handle:
        handle.truncate(40 << 20)  # sparse: no disk used
    with pytest.raises(WorkspaceError, match="at most 32 MiB"):
        load(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(WorkspaceError, match="cannot read the file"):
        load(tmp_path / "nope.sockscope")


def test_crash_between_write_and_rename_keeps_the_old_file(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "w.sockscope"
    old = Workspace(connections=(ConnectionSpec("tcp://127.0.0.1:1"),))
    save(old, path)
    before = path.read_bytes()

    def crash(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    new = Workspace(connections=(ConnectionSpec("tcp://127.0.0.1:2"),))
    with pytest.raises(WorkspaceError, match="cannot save: No space left on device"):
        save(new, path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sockscope"]  # no temp file left


def test_save_keeps_permissions(tmp_path: Path) -> None:
    path = tmp_path / "p.sockscope"
    save(Workspace(), path)
    path.chmod(0o640)
    save(Workspace(), path)
    assert path.stat().st_mode & 0o777 == 0o640


def test_recovery_round_trip(tmp_path: Path) -> None:
    state = tmp_path / "state"
    assert load_recovery(state) is None
    ws = Workspace(connections=(ConnectionSpec("udp://127.0.0.1:9"),))
    save_recovery(ws, state, tmp_path / "mine.sockscope")
    recovered = load_recovery(state)
    assert recovered == (ws, tmp_path / "mine.sockscope")
    discard_recovery(state)
    assert load_recovery(state) is None


@pytest.mark.parametrize(("options", "words"), [
    (Options(send_queue=0), "connections[0].options.send_queue: expected a number ≥ 1"),
    (Options(ping_interval=float("nan")), "connections[0].options.websocket.ping_interval"),
])
def test_save_refuses_what_load_would_refuse(tmp_path: Path, options: Options,
                                             words: str) -> None:
    path = tmp_path / "w.sockscope"
    save(Workspace(), path)
    before = path.read_bytes()
    bad = Workspace(connections=(ConnectionSpec("tcp://127.0.0.1:1", options=options),))
    with pytest.raises(WorkspaceError) as info:
        save(bad, path)
    assert str(info.value).startswith(f"{path}: ")
    assert str(info.value).endswith("(not saved)") and words in str(info.value)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["w.sockscope"]


def test_v5_keeps_the_log_byte_cap_and_older_files_get_the_default() -> None:
    assert load(FIXTURES / "v5.sockscope").log_byte_cap == 64 * 1024 * 1024
    for old in ("v2", "v3", "v4"):
        assert load(FIXTURES / f"{old}.sockscope").log_byte_cap == 256 * 1024 * 1024
    assert Workspace().log_byte_cap == 256 * 1024 * 1024
    doc = json.loads((FIXTURES / "v5.sockscope").read_text(encoding="utf-8"))
    doc["log_byte_cap"] = 0
    with pytest.raises(WorkspaceError, match="log_byte_cap"):
        parse(json.dumps(doc).encode())

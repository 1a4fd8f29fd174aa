"""Workspace secrets by default (issue 11): credential headers and token-like query values are
withheld unless ``store_secrets``; the recovery file never holds a secret; a file holding one is
saved mode 0600."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.workspace import (
    ConnectionSpec,
    Role,
    Workspace,
    fill_secrets,
    load,
    load_recovery,
    missing_secrets,
    recovery_path,
    save,
    save_recovery,
)
from gui.workspace.secrets import has_secrets, is_secret_header, writes_secrets
from transports.options import Options, TlsOptions

SECRETS = ("Bearer s3cret-token", "sid=c00kie", "k3y-value", "chat.v1, tok3n", "q-t0ken",
           "key-pw")


def _spec(*, store: bool = False) -> ConnectionSpec:
    return ConnectionSpec(
        "wss://127.0.0.1:9443/feed?room=1&access_token=q-t0ken&Api_Key=",
        Role.CLIENT,
        Options(name="api", tls=TlsOptions(key_password="key-pw"), headers=(
            (" authorization ", "Bearer s3cret-token"), ("COOKIE", "sid=c00kie"),
            ("x-api-key", "k3y-value"), ("Sec-WebSocket-Protocol", "chat.v1, tok3n"),
            ("X-Trace", "visible-value"))),
        store_secrets=store)


@pytest.fixture
def umask_022() -> Iterator[None]:
    old = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_credential_headers_are_secret_by_name_case_insensitive_and_trimmed() -> None:
    spec = ConnectionSpec("ws://127.0.0.1:1/", secret_headers=("X-Mine",))
    for name in ("Authorization", " proxy-authorization", "COOKIE ", "X-API-KEY",
                 "sec-websocket-protocol", "x-mine"):
        assert is_secret_header(spec, name), name
    for name in ("X-Trace", "Accept", "Origin", "User-Agent"):
        assert not is_secret_header(spec, name), name


def test_secrets_are_withheld_by_default_and_asked_for_on_connect(tmp_path: Path,
                                                                   umask_022: None) -> None:
    path = tmp_path / "w.sockscope"
    save(Workspace(connections=(_spec(),)), path)
    text = path.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in text, secret
    assert "visible-value" in text and "room=1" in text
    assert _mode(path) == 0o644  # nothing secret in it
    loaded = load(path).connections[0]
    assert not has_secrets(loaded)
    missing = missing_secrets(loaded)
    assert missing == ["tls.key_password", "header  authorization ", "header COOKIE",
                       "header x-api-key", "header Sec-WebSocket-Protocol",
                       "query access_token", "query Api_Key"]
    filled = fill_secrets(loaded, {name: f"v{i}" for i, name in enumerate(missing)})
    assert missing_secrets(filled) == []
    assert filled.options.headers[1] == ("COOKIE", "v2")
    assert filled.url == "wss://127.0.0.1:9443/feed?room=1&access_token=v5&Api_Key=v6"
    assert filled.options.tls.key_password == "v0"


def test_stored_secrets_are_written_with_mode_0600(tmp_path: Path, umask_022: None) -> None:
    path = tmp_path / "w.sockscope"
    path.write_text("old")
    os.chmod(path, 0o644)  # an existing world-readable file is tightened, not kept as it was
    workspace = Workspace(connections=(_spec(store=True),))
    assert writes_secrets(workspace)
    save(workspace, path)
    assert _mode(path) == 0o600
    text = path.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret in text, secret
    assert load(path).connections[0] == _spec(store=True)
    # Every stored secret comes back; only the one that was blank to begin with is asked for.
    assert missing_secrets(load(path).connections[0]) == ["query Api_Key"]


def test_store_secrets_without_any_secret_keeps_the_usual_mode(tmp_path: Path,
                                                               umask_022: None) -> None:
    spec = ConnectionSpec("ws://127.0.0.1:1/?room=1", store_secrets=True,
                          options=Options(headers=(("X-Trace", "on"),)))
    assert not writes_secrets(Workspace(connections=(spec,)))
    save(Workspace(connections=(spec,)), tmp_path / "w.sockscope")
    assert _mode(tmp_path / "w.sockscope") == 0o644


def test_the_recovery_file_never_holds_a_secret(tmp_path: Path, umask_022: None) -> None:
    workspace = Workspace(connections=(_spec(store=True), _spec()))
    save_recovery(workspace, tmp_path, tmp_path / "mine.sockscope")
    path = recovery_path(tmp_path)
    text = path.read_text(encoding="utf-8")
    for secret in SECRETS:
        assert secret not in text, secret
    assert _mode(path) == 0o644
    recovered = load_recovery(tmp_path)
    assert recovered is not None
    stored, plain = recovered[0].connections
    assert stored.store_secrets  # the choice survives; the values are asked for again
    assert missing_secrets(stored) == missing_secrets(plain) != []
    assert "header COOKIE" in missing_secrets(plain)
    assert json.loads(text)["recovery_of"] == str(tmp_path / "mine.sockscope")


def test_url_without_a_secret_is_written_as_typed(tmp_path: Path) -> None:
    url = "ws://127.0.0.1:1/x?b=2&a=%20"
    save(Workspace(connections=(ConnectionSpec(url),)), tmp_path / "w.sockscope")
    assert load(tmp_path / "w.sockscope").connections[0].url == url

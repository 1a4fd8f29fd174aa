"""Secrets by default, in the window (issue 11): a credential header and a token in the URL
query, never ticked "secret", are kept for the session, left out of the saved file and of the
autosave, asked for on connect after reopening, and reach the server on loopback."""

from __future__ import annotations

import dataclasses
import os
import stat
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pytestqt.qtbot import QtBot

from gui.dialogs.secrets_dialog import SecretsDialog
from gui.workspace import ConnectionSpec, Role, recovery_path
from tests.gui.conftest import until
from tests.gui.test_workspace_controller import Doc, make_doc, settings  # noqa: F401
from transports.options import Options
from transports.state import State

Run = Callable[..., Any]


def test_default_secrets_are_asked_after_reopening_and_reach_the_server(
        make_doc: Callable[[], Doc], qtbot: QtBot, arun: Run,  # noqa: F811
        tmp_path: Path) -> None:
    doc = make_doc()
    server = doc.manager.add(ConnectionSpec("ws://127.0.0.1:0/feed", Role.SERVER,
                                            Options(name="ws server")))
    arun(doc.manager.connect(server))
    url = f"ws://127.0.0.1:{server.bound_port}/feed?room=7&access_token=t0ken-in-url"
    doc.manager.add(ConnectionSpec(url, Role.CLIENT, Options(
        name="ws client", headers=(("authorization", "Bearer hunter2"), ("X-Trace", "t1")))))
    path = tmp_path / "w.sockscope"
    doc.controller.save_to(path)
    text = path.read_text(encoding="utf-8")
    assert "hunter2" not in text and "t0ken-in-url" not in text
    assert "X-Trace" in text and "room=7" in text
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask  # the usual mode: no secret
    # Ticking "Store secrets in the file" writes them, readable by the owner only…
    client = doc.manager.entries[1]
    doc.manager.update(client, dataclasses.replace(client.spec, store_secrets=True))
    doc.controller.save_to(tmp_path / "stored.sockscope")
    assert "hunter2" in (tmp_path / "stored.sockscope").read_text(encoding="utf-8")
    assert stat.S_IMODE((tmp_path / "stored.sockscope").stat().st_mode) == 0o600
    # …but never the autosave (of unsaved work: a change after saving).
    doc.manager.add(ConnectionSpec("tcp://127.0.0.1:4242", Role.CLIENT))
    assert doc.controller.dirty
    doc.controller.autosave()
    recovery = recovery_path(tmp_path / "state").read_text(encoding="utf-8")
    assert "hunter2" not in recovery and "t0ken-in-url" not in recovery

    reopened = make_doc()

    async def reopen() -> None:
        reopened.controller.open_path(path)
        await until(lambda: len(reopened.manager.entries) == 2, message="the file to open")

    arun(reopen())
    (client,) = [e for e in reopened.manager.entries if e.name == "ws client"]
    reopened.window.connect_entry(client)
    (dialog,) = [d for d in reopened.window._dialogs if isinstance(d, SecretsDialog)]
    assert list(dialog.edits) == ["header authorization", "query access_token"]
    qtbot.keyClicks(dialog.edits["header authorization"], "Bearer hunter2")
    qtbot.keyClicks(dialog.edits["query access_token"], "t0ken-in-url")

    async def accept() -> None:
        dialog.accept()
        await until(lambda: client.state is State.OPEN, message="the client to connect")
        await until(lambda: len(server.peer_list()) == 1, message="the server's peer")

    arun(accept())
    (peer,) = server.peer_list()
    assert peer.info["path"] == "/feed?room=7&access_token=t0ken-in-url"
    # the header arrived (its value is masked in the peer's event: 14 characters)
    assert "authorization: •••• (14 characters withheld)" in peer.info["headers"].splitlines()

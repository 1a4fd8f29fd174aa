"""Start-up and shutdown of the real program: ``python -m gui`` in a subprocess, closed by
SIGTERM or SIGINT while its demo servers listen and a peer is connected; exit 0, stderr empty."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import psutil
import pytest
from websockets.sync.client import ClientConnection, connect

from gui.app import parse_args

ROOT = Path(__file__).resolve().parents[2]


def test_parse_args() -> None:
    assert parse_args([]).workspace is None
    assert parse_args(["work.sockscope.json"]).workspace == Path("work.sockscope.json")
    assert parse_args(["--no-demo"]).no_demo


def test_help_is_for_users(capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "120")  # argparse wraps to the terminal's width
    with pytest.raises(SystemExit) as exit_info:
        parse_args(["--help"])
    assert exit_info.value.code == 0
    text = capsys.readouterr().out
    assert text.startswith("usage: sockscope [-h] [--no-demo] [--lang {en,zh_CN}] [FILE]\n")
    assert "Without FILE it opens a demo" in text
    assert "Connect (F5), then Send (Ctrl+Enter)" in text
    assert "zh_CN (Simplified Chinese)" in text
    examples = ROOT / "resources" / "workspaces"
    assert f"example workspaces: {examples}" in text
    assert "Start-up and shutdown" not in text  # not the module's docstring


def _listening_ports(pid: int, timeout: float = 20.0) -> list[int]:
    deadline = time.monotonic() + timeout
    proc = psutil.Process(pid)
    while time.monotonic() < deadline:
        ports = sorted(c.laddr.port for c in proc.net_connections(kind="tcp")
                       if c.status == psutil.CONN_LISTEN)
        if len(ports) >= 2:
            return ports
        time.sleep(0.1)
    raise AssertionError("the demo servers did not start listening")


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_signal_closes_cleanly_with_live_connections(sig: signal.Signals) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    # -W default: ResourceWarnings (unclosed sockets/transports) would reach stderr.
    proc = subprocess.Popen([sys.executable, "-W", "default", "-m", "gui"], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peers: list[socket.socket] = []
    ws_clients: list[ClientConnection] = []
    stack = contextlib.ExitStack()
    try:
        ports = _listening_ports(proc.pid)
        for port in ports:  # a live peer on each demo server
            peer = socket.create_connection(("127.0.0.1", port), timeout=1)
            peer.sendall(b"ping")
            try:
                assert peer.recv(16) == b"ping"  # the TCP echo server answers
                peers.append(peer)
            except TimeoutError:  # the WebSocket server waits for a handshake: do one
                peer.close()
                ws = stack.enter_context(connect(f"ws://127.0.0.1:{port}/echo", open_timeout=5))
                ws.send("ping")
                assert ws.recv(timeout=5) == "ping"
                ws_clients.append(ws)
        assert len(peers) == 1 and len(ws_clients) == 1
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=30)
    finally:
        for peer in peers:
            peer.close()
        stack.close()
        if proc.poll() is None:
            proc.kill()
            proc.communicate()
    # The offscreen platform plugin says this about every top-level window (xcb does not).
    err = "\n".join(line for line in err.splitlines()
                    if line != "This plugin does not support propagateSizeHints()")
    assert err == ""
    assert proc.returncode == 0

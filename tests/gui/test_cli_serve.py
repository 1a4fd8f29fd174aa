"""``sockscope-cli serve``: the workspace's servers headless, against independent peers."""

from __future__ import annotations

import asyncio
import signal
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest

from gui.workspace import ConnectionSpec, Role, load
from gui.workspace.errors import WorkspaceError
from tests.gui.cli_process import REPO, CliProcess, run_cli, write_workspace
from tests.transports.conftest import need
from transports.options import Options

LISTENING = r"^(?P<name>.+): listening on (?P<url>\S+)$"


@pytest.fixture
def processes() -> Iterator[list[CliProcess]]:
    started: list[CliProcess] = []
    yield started
    for proc in started:
        proc.kill()


def server(url: str, name: str, **options: object) -> ConnectionSpec:
    return ConnectionSpec(url, Role.SERVER, Options(name=name, **options))  # type: ignore[arg-type]


def port_of(url: str) -> int:
    return int(url.rsplit(":", 1)[1].split("/", 1)[0])


@pytest.mark.peer
@pytest.mark.parametrize("tool", ["socat", "ncat"])
def test_serve_echoes_to_an_independent_client_until_sigterm(
        tmp_path: Path, processes: list[CliProcess], tool: str) -> None:
    exe = need(tool)
    path = write_workspace(tmp_path, server("tcp://127.0.0.1:0", "Echo", echo=True),
                           ConnectionSpec("tcp://127.0.0.1:9", Role.CLIENT, Options(name="c")))
    cli = CliProcess("serve", str(path))
    processes.append(cli)
    url = cli.expect(LISTENING)["url"]
    cli.expect(r"^serving 1 server\(s\) until Ctrl\+C or SIGTERM$")
    port = port_of(url)
    if tool == "socat":  # stdin's EOF half-closes; -t waits for the echo before exiting
        args = [exe, "-t", "2", "-", f"TCP:127.0.0.1:{port}"]
    else:
        args = [exe, "127.0.0.1", str(port)]
    reply = subprocess.run(args, input=b"ping 1\n", capture_output=True, timeout=20)
    assert reply.stdout == b"ping 1\n"
    cli.expect(r"^Echo: peer 127\.0\.0\.1:\d+ connected$")
    cli.expect(r"^Echo: peer 127\.0\.0\.1:\d+ left$")
    cli.signal(signal.SIGTERM)
    assert cli.wait() == 0
    assert cli.lines[-2:] == ["SIGTERM: stopping", "stopped"]


def test_serve_websocket_echo_to_aiohttp_and_stops_on_ctrl_c(
        tmp_path: Path, processes: list[CliProcess]) -> None:
    path = write_workspace(tmp_path, server("ws://127.0.0.1:0/echo", "WS echo", echo=True))
    cli = CliProcess("serve", str(path))
    processes.append(cli)
    url = cli.expect(LISTENING)["url"]
    assert url.startswith("ws://127.0.0.1:") and url.endswith("/echo")

    async def exchange() -> list[str]:
        async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
            got = []
            for text in ("hello", "你好"):
                await ws.send_str(text)
                got.append(await asyncio.wait_for(ws.receive_str(), 10))
            return got

    assert asyncio.run(exchange()) == ["hello", "你好"]
    cli.signal(signal.SIGINT)
    assert cli.wait() == 0
    assert "SIGINT: stopping" in cli.lines and cli.lines[-1] == "stopped"


def test_serve_stops_after_its_duration(tmp_path: Path) -> None:
    path = write_workspace(tmp_path, server("tcp://127.0.0.1:0", "A"),
                           server("udp://127.0.0.1:0", "B"))
    done = run_cli("serve", str(path), "--duration", "0.3")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[0].startswith("A: listening on tcp://127.0.0.1:")
    assert lines[1].startswith("B: listening on udp://127.0.0.1:")
    assert lines[2:] == ["serving 2 server(s) for 0.3 s", "stopped"]
    assert "PySide6" not in done.stderr


def test_bad_file_exits_2_with_the_windows_message(tmp_path: Path) -> None:
    path = tmp_path / "bad.sockscope"
    path.write_text('{"format": "sockscope-workspace", "version": 2, "connections": [{"url": 5}]}')
    with pytest.raises(WorkspaceError) as caught:
        load(path)
    done = run_cli("serve", str(path))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr == f"sockscope-cli: cannot open the workspace: {caught.value}\n"
    assert "connections[0].url" in done.stderr and str(path) in done.stderr

    missing = run_cli("serve", str(tmp_path / "absent.sockscope"))
    assert missing.returncode == 2
    assert "absent.sockscope: cannot read the file: No such file or directory" in missing.stderr


def test_a_server_that_cannot_listen_exits_2_and_closes_the_others(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        path = write_workspace(tmp_path, server("tcp://127.0.0.1:0", "First"),
                               server(f"tcp://127.0.0.1:{port}", "Second"))
        done = run_cli("serve", str(path), "--duration", "5")
    assert done.returncode == 2
    assert done.stdout.startswith("First: listening on tcp://127.0.0.1:")
    assert f"sockscope-cli: Second: cannot open tcp://127.0.0.1:{port}: " in done.stderr
    assert "address already in use" in done.stderr


def test_a_workspace_without_servers_exits_2(tmp_path: Path) -> None:
    path = write_workspace(tmp_path, ConnectionSpec("tcp://127.0.0.1:9", Role.CLIENT))
    done = run_cli("serve", str(path))
    assert done.returncode == 2
    assert "the workspace has no server connection to serve" in done.stderr


def test_bad_arguments_exit_2_with_usage() -> None:
    done = run_cli("serve", "x.sockscope", "--duration", "-1")
    assert done.returncode == 2
    assert "expected a number of seconds above 0, found -1" in done.stderr


def test_the_cli_never_imports_qt(tmp_path: Path) -> None:
    path = write_workspace(tmp_path, server("tcp://127.0.0.1:0", "A"))
    done = subprocess.run(
        [sys.executable, "-c",
         "import sys, runpy; sys.argv = ['sockscope-cli', 'serve', sys.argv[1], "
         "'--duration', '0.1']\n"
         "try:\n    runpy.run_module('gui.cli', run_name='__main__')\n"
         "except SystemExit as e:\n    assert e.code == 0, e.code\n"
         "qt = sorted(m for m in sys.modules if m.split('.')[0] in "
         "('PySide6', 'shiboken6', 'qasync'))\nprint('qt modules:', qt)", str(path)],
        cwd=REPO, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "qt modules: []"

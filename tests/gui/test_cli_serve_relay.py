"""``sockscope-cli serve`` runs relays like servers: redis-cli ↔ relay (headless, from a
workspace file, with a latency fault) ↔ redis-server."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.workspace import ConnectionSpec, Role
from tests.gui.cli_process import CliProcess, write_workspace
from tests.transports.conftest import Spawner, free_port, need
from tests.transports.conftest import spawn as spawn  # the fixture
from transports.options import Options
from transports.relay import Latency, RelayConfig

LISTENING = r"^(?P<name>.+): listening on (?P<url>\S+)$"


@pytest.fixture
def processes() -> Iterator[list[CliProcess]]:
    started: list[CliProcess] = []
    yield started
    for proc in started:
        proc.kill()


def test_serve_runs_a_relay_between_redis_cli_and_redis(
        tmp_path: Path, processes: list[CliProcess], spawn: Spawner) -> None:
    need("redis-server")
    need("redis-cli")
    redis = free_port()
    spawn("redis-server", "--bind", "127.0.0.1", "--port", str(redis), "--save", "",
          "--appendonly", "no", tcp_port=redis)
    relay = RelayConfig(f"tcp://127.0.0.1:{redis}", faults_up=(Latency(0.2),))
    path = write_workspace(tmp_path, ConnectionSpec("tcp://127.0.0.1:0", Role.RELAY,
                                                    Options(name="Redis relay"), relay=relay))
    cli = CliProcess("serve", str(path))
    processes.append(cli)
    url = cli.expect(LISTENING)["url"]
    port = url.rsplit(":", 1)[1]
    cli.expect(r"^serving 1 server\(s\) until Ctrl\+C or SIGTERM$")
    times = []
    for _ in range(2):
        start = time.perf_counter()
        done = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", port, "PING"],
                              capture_output=True, text=True, timeout=20)
        times.append(time.perf_counter() - start)
        assert done.stdout == "PONG\n", done
    assert min(times) >= 0.2  # the relay's latency fault held the command
    cli.expect(r"^Redis relay: peer 127\.0\.0\.1:\d+ connected$")
    cli.signal(signal.SIGTERM)
    assert cli.wait() == 0

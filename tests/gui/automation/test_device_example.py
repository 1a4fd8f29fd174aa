"""The example workspace resources/workspaces/device-sim.sockscope: a simulated binary device
(2-byte length-prefixed frames ending in a CRC-16/MODBUS) answered by rules, served headless by
``sockscope-cli serve`` and driven by socat, an independent client."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from gui.automation.checksum import algorithm
from gui.workspace import load
from tests.gui.cli_process import REPO, CliProcess
from tests.transports.conftest import need

EXAMPLE = REPO / "resources" / "workspaces" / "device-sim.sockscope"
CRC = algorithm("crc16-modbus")


def frame(body: bytes) -> bytes:
    return len(body).to_bytes(2, "big") + body


def with_crc(body: bytes) -> bytes:
    return body + CRC.to_bytes(body)


@pytest.fixture
def cli(tmp_path: Path) -> Iterator[CliProcess]:
    doc = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    doc["connections"][0]["url"] = "tcp://127.0.0.1:0"  # any free port
    path = tmp_path / "device.sockscope"
    path.write_text(json.dumps(doc), encoding="utf-8")
    process = CliProcess("serve", str(path))
    yield process
    process.kill()


def test_the_example_is_what_the_readme_says() -> None:
    server, tester = load(EXAMPLE).connections
    assert server.role.value == "server" and len(server.rules) == 4
    assert server.options.framing.mode.value == "length"
    saved = {m.name: bytes.fromhex(m.payload) for m in tester.saved_messages}
    assert saved["read status"] == with_crc(b"\x01")
    assert saved["read firmware"] == with_crc(b"\x02")


@pytest.mark.peer
def test_the_simulated_device_answers_two_commands_and_naks_a_bad_crc(
        cli: CliProcess) -> None:
    exe = need("socat")
    url = cli.expect(r"listening on (?P<url>\S+)$")["url"]
    port = url.rsplit(":", 1)[1].rstrip("/")
    requests = [with_crc(b"\x01"), with_crc(b"\x02"), with_crc(b"\x01"), with_crc(b"\x33"),
                b"\x01\x00\x00"]
    done = subprocess.run([exe, "-t", "2", "-", f"TCP:127.0.0.1:{port}"],
                          input=b"".join(frame(r) for r in requests), capture_output=True,
                          timeout=20)
    assert done.stdout == b"".join(frame(with_crc(body)) for body in [
        b"\x81\x00\x01\x04\xb0",  # status: a counter, then 1200 (0x04b0)
        b"\x82FW 1.4.2",  # firmware version
        b"\x81\x00\x02\x04\xb0",
        b"\x7f\x33",  # unknown command 0x33
        b"\x15",  # NAK: bad CRC
    ])
    cli.expect(r": unknown command 33$")
    cli.expect(r": bad CRC from the tester: 01 00 00$")

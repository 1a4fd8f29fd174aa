"""Capture test helpers: sample logs and reading files back with tshark."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from gui.store.log import MessageLog
from transports.frames import Address, Direction, Frame, FrameKind

T0 = 1_764_557_024.123456

LOCAL: Address = ("127.0.0.1", 50_000)
SERVER: Address = ("127.0.0.1", 9_000)
SERVER6: Address = ("::1", 9_001)


def make_log(frames: list[tuple[bytes, Direction, int, FrameKind, Address | None]],
             step: float = 0.25) -> MessageLog:
    log = MessageLog()
    for i, (payload, direction, conn, kind, peer) in enumerate(frames):
        log.append(Frame(payload, direction, conn, T0 + i * step + i * 1e-6, kind, peer))
    return log


def frames_of(log: MessageLog) -> list[Frame]:
    return [log.frame(r) for r in range(len(log))]


@pytest.fixture
def tshark() -> str:
    path = shutil.which("tshark")
    if path is None:
        pytest.skip("tshark is not installed (CI installs it: apt-get install tshark)")
    return path


def run_tshark(tshark: str, path: Path, *args: str) -> str:
    result = subprocess.run([tshark, "-r", str(path), *args], capture_output=True, text=True,
                            timeout=60, check=False)
    assert result.returncode == 0, result.stderr
    return result.stdout


def tshark_fields(tshark: str, path: Path, display_filter: str,
                  *fields: str) -> list[list[str]]:
    args = ["-Y", display_filter, "-T", "fields", "-E", "occurrence=a"]
    for field in fields:
        args += ["-e", field]
    out = run_tshark(tshark, path, *args)
    return [line.split("\t") for line in out.splitlines()]


def follow_tcp(tshark: str, path: Path, stream: int) -> tuple[bytes, bytes]:
    """tshark's "Follow TCP stream" (raw): the bytes node 0 sent and the bytes node 1 sent."""
    out = run_tshark(tshark, path, "-q", "-z", f"follow,tcp,raw,{stream}")
    sent: list[bytearray] = [bytearray(), bytearray()]
    body = out.split("=" * 67)[1]
    for line in body.splitlines():
        if not line or line.startswith(("Follow:", "Filter:", "Node ")):
            continue
        node = 1 if line.startswith("\t") else 0
        sent[node] += bytes.fromhex(line.strip())
    return bytes(sent[0]), bytes(sent[1])

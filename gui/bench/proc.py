"""Child processes: peers that report their port, and measurements that report one JSON line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

_ROOT = str(Path(__file__).resolve().parents[2])  # the directory that holds gui/ and transports/


def child_env(**extra: str) -> dict[str, str]:
    """The environment for children: offscreen Qt, and this checkout importable."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    env["PYTHONPATH"] = os.pathsep.join(p for p in (_ROOT, env.get("PYTHONPATH", "")) if p)
    env.update(extra)
    return env


class Peer:
    """A peer process (``python -m gui.bench.peers …``) listening on 127.0.0.1.

    It prints ``PORT <n>`` once it listens and exits when its stdin closes.
    """

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "gui.bench.peers", *args],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=child_env(), text=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if len(line) != 2 or line[0] != "PORT":
            self.close()
            raise RuntimeError(f"peer {args} did not start (said {line!r})")
        self.port = int(line[1])

    def cpu_seconds(self) -> float:
        """User + system CPU time the peer used so far."""
        return cpu_of(self.proc.pid)

    def close(self) -> None:
        if self.proc.stdin is not None and not self.proc.stdin.closed:
            self.proc.stdin.close()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        if self.proc.stdout is not None:
            self.proc.stdout.close()

    def __enter__(self) -> Peer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def run_child(module: str, args: list[str], timeout: float) -> dict[str, Any]:
    """Run ``python -m <module> <args>``; its last stdout line is a JSON object.

    Never raises for a failing child: the result then holds ``{"error": "..."}``.
    """
    cmd = [sys.executable, "-m", module, *args]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                              env=child_env())
    except subprocess.TimeoutExpired:
        return {"error": f"{module} {' '.join(args)}: timed out after {timeout:g} s"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"error": f"{module} {' '.join(args)}: exit {done.returncode}: {tail}"}
    try:
        result = json.loads(lines[-1])
    except json.JSONDecodeError:
        return {"error": f"{module}: last line is not JSON: {lines[-1][:200]}"}
    if not isinstance(result, dict):
        return {"error": f"{module}: last line is not a JSON object"}
    return result


def emit(result: dict[str, Any]) -> None:
    """A child's result: one JSON object on the last stdout line."""
    sys.stdout.write(json.dumps(result) + "\n")
    sys.stdout.flush()


def rss_bytes(pid: int | None = None) -> int:
    """Resident set size of this process (or of ``pid``)."""
    return int(psutil.Process(pid).memory_info().rss)


def cpu_of(pid: int) -> float:
    """User + system CPU seconds used so far by process ``pid``."""
    times = psutil.Process(pid).cpu_times()
    return float(times.user + times.system)


def total_memory() -> int:
    return int(psutil.virtual_memory().total)

"""Running ``python -m gui.cli`` as a subprocess from the checkout, and reading its output."""

from __future__ import annotations

import os
import queue
import re
import signal
import subprocess
import sys
import threading
from pathlib import Path

from gui.automation.scenario import Scenario
from gui.workspace import ConnectionSpec, Workspace, save

REPO = Path(__file__).resolve().parents[2]


def cli_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "gui.cli", *args]


def run_cli(*args: str, timeout: float = 60.0) -> subprocess.CompletedProcess[str]:
    """Run to the end (cwd = the checkout, so its code runs, not the installed one)."""
    return subprocess.run(cli_command(*args), cwd=REPO, capture_output=True, text=True,
                          timeout=timeout, env=_env())


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # the CLI must not need it
    env.pop("DISPLAY", None)
    env["PYTHONUNBUFFERED"] = "1"
    return env


class CliProcess:
    """A running ``sockscope-cli``: its stdout lines as they come, then its exit."""

    def __init__(self, *args: str) -> None:
        self.proc = subprocess.Popen(cli_command(*args), cwd=REPO, env=_env(), text=True,
                                     stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE)
        self.lines: list[str] = []
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def expect(self, pattern: str, timeout: float = 20.0) -> re.Match[str]:
        """The first new stdout line matching ``pattern`` (fails at EOF or after timeout)."""
        regex = re.compile(pattern)
        while True:
            try:
                line = self._queue.get(timeout=timeout)
            except queue.Empty:
                raise AssertionError(f"no line matching {pattern!r} within {timeout} s; "
                                     f"got {self.lines}") from None
            if line is None:
                raise AssertionError(f"the CLI ended before printing {pattern!r}; got "
                                     f"{self.lines}, stderr: {self.stderr()}")
            self.lines.append(line)
            found = regex.search(line)
            if found:
                return found

    def signal(self, sig: signal.Signals) -> None:
        self.proc.send_signal(sig)

    def wait(self, timeout: float = 20.0) -> int:
        code = self.proc.wait(timeout)
        self._reader.join(timeout)
        while True:
            line = self._queue.get_nowait() if not self._queue.empty() else None
            if line is None:
                break
            self.lines.append(line)
        return code

    def stderr(self) -> str:
        if self.proc.poll() is None or self.proc.stderr is None:
            return ""
        return self.proc.stderr.read()

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        for pipe in (self.proc.stdout, self.proc.stderr):
            if pipe is not None:
                pipe.close()


def write_workspace(folder: Path, *connections: ConnectionSpec, name: str = "work",
                    scenarios: tuple[Scenario, ...] = ()) -> Path:
    """A workspace file holding ``connections`` and ``scenarios``."""
    path = folder / f"{name}.sockscope"
    save(Workspace(connections=connections, scenarios=scenarios), path)
    return path

"""``sockscope-cli run FILE [--scenario NAME …] [--junit PATH] [--timeout S] [--capture PATH]``.

Starts the workspace's servers (with their echo and rules), runs the chosen scenarios (all by
default) in file order through the same Qt-free engine the window uses, prints one line per step
as it finishes, and exits **0** when every step passed, **1** when a step failed, **2** when
the file or a connection could not be used (the message the window gives for it), **130** when
interrupted (Ctrl+C, SIGTERM).  ``--junit`` and ``--capture`` are written in every case.
"""

from __future__ import annotations

import asyncio
import re
import signal
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TextIO

from gui.automation.scenario import Scenario
from gui.automation.scenario_result import ScenarioResult, Status, StepResult
from gui.automation.scenario_runner import ScenarioRunner
from gui.capture import CaptureError, CaptureSource, ExportOptions, Transport, write_capture
from gui.capture.formats import format_for_path
from gui.cli import junit
from gui.cli.headless import Headless, Unusable, load_workspace
from gui.session import Entry
from gui.workspace import Workspace
from gui.workspace.scenario_schema import unresolved
from transports.url import Scheme, UrlError, parse_url

EXIT_PASSED, EXIT_FAILED, EXIT_UNUSABLE, EXIT_INTERRUPTED = 0, 1, 2, 130
_MARKS = {Status.PASSED: "pass", Status.FAILED: "FAIL", Status.ERROR: "ERROR",
          Status.SKIPPED: "skip"}


@dataclass(frozen=True)
class RunOptions:
    scenarios: Sequence[str] = ()  # names; empty: all
    junit: Path | None = None
    capture: Path | None = None
    time_limit: float | None = None  # seconds per scenario


def choose(workspace: Workspace, path: Path, names: Sequence[str]) -> list[Scenario]:
    """The scenarios to run, in file order; Unusable when there are none or a name is wrong."""
    if not workspace.scenarios:
        raise Unusable(f"{path}: the workspace has no scenarios to run")
    known = {s.name for s in workspace.scenarios}
    for name in names:
        if name not in known:
            listed = ", ".join(repr(s.name) for s in workspace.scenarios)
            raise Unusable(f"{path}: no scenario is named {name!r} (the file has: {listed})")
    chosen = [s for s in workspace.scenarios if not names or s.name in names]
    indexes = {s.name: i for i, s in enumerate(workspace.scenarios)}
    problems = [p for p in unresolved(workspace)
                if any(p.where.startswith(f"scenarios[{indexes[s.name]}].") for s in chosen)]
    if problems:
        raise Unusable("\n".join(f"{path}: {p}" for p in problems))
    return chosen


class Printer:
    """One line per finished step; a heading and a verdict per scenario."""

    def __init__(self, out: TextIO) -> None:
        self.out = out

    def say(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def step(self, result: StepResult) -> None:
        if result.status in (Status.RUNNING, Status.PENDING):
            return
        timing = "" if result.status is Status.SKIPPED else f"  ({result.elapsed * 1000:.0f} ms)"
        reason = f" — {result.reason}" if result.status in (Status.FAILED, Status.ERROR) else ""
        self.say(f"  {_MARKS[result.status]:<5} {result.label:<6} {result.step.describe()}"
                 f"{timing}{reason}")

    def verdict(self, result: ScenarioResult) -> None:
        steps = result.steps
        bad = sum(1 for s in steps if s.status in (Status.FAILED, Status.ERROR))
        detail = (f"{len(steps)} steps" if not bad
                  else f"{bad} of {len(steps)} steps did not pass")
        self.say(f"scenario {result.scenario.name!r}: {result.status.value.upper()} "
                 f"({detail}, {result.elapsed:.2f} s)")


async def run(path: Path, options: RunOptions, out: TextIO = sys.stdout) -> int:
    workspace = load_workspace(path)
    chosen = choose(workspace, path, options.scenarios)
    if options.capture is not None:
        try:
            format_for_path(options.capture)
        except CaptureError as exc:
            raise Unusable(str(exc)) from None
    printer = Printer(out)
    session = Headless(workspace, out, show_peers=False)
    results: list[ScenarioResult] = []
    started = datetime.now(UTC)
    signals = _CancelOnSignals(asyncio.current_task())
    sources: dict[int, CaptureSource] = {}
    try:
        await session.start_servers()
        runner = ScenarioRunner(session.manager, on_step=printer.step)
        with signals:
            try:
                for scenario in chosen:
                    printer.say(f"scenario {scenario.name!r}")
                    result = await runner.run(scenario, time_limit=options.time_limit)
                    results.append(result)
                    printer.verdict(result)
            except asyncio.CancelledError:
                if signals.received is None:
                    raise
                signals.uncancel()
                printer.say(f"{signals.received}: interrupted")
                if runner.result is not None and all(r is not runner.result for r in results):
                    results.append(runner.result)
    finally:
        sources = {e.id: capture_source(e) for e in session.entries}  # bound ports, while open
        await session.close()
    _write_reports(results, options, session, started, sources)
    if signals.received is not None:
        return EXIT_INTERRUPTED
    return _summary(results, printer)


def _summary(results: list[ScenarioResult], printer: Printer) -> int:
    states = [r.status for r in results]
    counts = {s: states.count(s) for s in (Status.PASSED, Status.FAILED, Status.ERROR)}
    printer.say(f"{len(results)} scenario(s): {counts[Status.PASSED]} passed, "
                f"{counts[Status.FAILED]} failed, {counts[Status.ERROR]} could not run")
    if counts[Status.ERROR]:
        return EXIT_UNUSABLE
    return EXIT_FAILED if counts[Status.FAILED] else EXIT_PASSED


class _CancelOnSignals:
    """SIGINT/SIGTERM cancel ``task`` (the run), whose running step then reports "stopped"."""

    def __init__(self, task: asyncio.Task[object] | None) -> None:
        self.task = task
        self.installed: list[signal.Signals] = []
        self.received: str | None = None

    def __enter__(self) -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(sig, self._cancel, sig)
                self.installed.append(sig)
            except (NotImplementedError, RuntimeError, ValueError):
                pass

    def _cancel(self, sig: signal.Signals) -> None:
        if self.task is not None and self.received is None:
            self.received = sig.name
            self.task.cancel()

    def uncancel(self) -> None:
        if self.task is not None:
            self.task.uncancel()

    def __exit__(self, *exc: object) -> None:
        loop = asyncio.get_running_loop()
        for sig in self.installed:
            loop.remove_signal_handler(sig)


def _write_reports(results: list[ScenarioResult], options: RunOptions, session: Headless,
                   started: datetime, sources: dict[int, CaptureSource]) -> None:
    if options.junit is not None:
        try:
            junit.write(results, options.junit, started)
        except OSError as exc:
            raise Unusable(f"cannot write {options.junit}: {exc.strerror or exc}") from None
        session.say(f"JUnit report: {options.junit}")
    if options.capture is not None:
        for path, entry in capture_paths(options.capture, session.entries):
            try:
                done = write_capture(entry.log, path, options=ExportOptions(
                    encoding=entry.spec.options.encoding,
                    source=sources.get(entry.id) or capture_source(entry)))
            except (CaptureError, OSError) as exc:
                raise Unusable(f"cannot write the capture {path}: {exc}") from None
            dropped = f" ({done.skipped} dropped by the log's cap)" if done.skipped else ""
            session.say(f"capture of {entry.name}: {done.rows} rows in {path}{dropped}")


def capture_paths(path: Path, entries: Sequence[Entry]) -> list[tuple[Path, Entry]]:
    """``path`` for the one connection that carried traffic; with several, one file each:
    ``run.pcapng`` → ``run-tcp-echo-client.pcapng``, ``run-redis.pcapng``…"""
    busy = [e for e in entries if e.log.total]
    if len(busy) == 1:
        return [(path, busy[0])]
    out, used = [], set()
    for entry in busy:
        slug = re.sub(r"[^a-z0-9]+", "-", entry.name.lower()).strip("-") or f"c{entry.id}"
        while slug in used:
            slug += f"-{entry.id}"
        used.add(slug)
        out.append((path.with_name(f"{path.stem}-{slug}{path.suffix}"), entry))
    return out


def capture_source(entry: Entry) -> CaptureSource:
    try:
        endpoint = parse_url(entry.address)
    except UrlError:
        return CaptureSource(name=entry.name, url=entry.spec.url, server=entry.is_server)
    transport = {Scheme.UDP: Transport.UDP, Scheme.WS: Transport.WEBSOCKET,
                 Scheme.WSS: Transport.WEBSOCKET}.get(endpoint.scheme, Transport.TCP)
    local = None
    if entry.is_server:
        local = (endpoint.host, endpoint.port)
    elif entry.conn is not None:
        local = getattr(entry.conn, "local_address", None)
    return CaptureSource(transport, entry.is_server, local, entry.name, entry.spec.url)


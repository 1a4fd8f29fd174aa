"""Running a :class:`~gui.automation.scenario.Scenario` against a live session (Qt-free).

The runner drives the same :class:`~gui.session.SessionManager` the window uses (or the one
``sockscope-cli run`` fills from a file): it opens and closes entries, sends rendered payload
templates, and waits on :class:`~gui.automation.scenario_inbox.Inboxes` (one session tap) for
expected frames.  Each step's outcome is reported to ``on_step`` as it happens (RUNNING, then
PASSED / FAILED / ERROR), so a window can show it live and the CLI can print a line per step.

The first step that does not pass ends the scenario; the steps after it are reported SKIPPED.
FAILED means the peer did not answer as expected; ERROR means a connection could not be used
(it did not open, a secret is missing, a step names no connection), which ``sockscope-cli``
reports with exit status 2.  Connections the scenario opened are closed when it ends.

Steps find their connection by name.  A scenario with a step whose name matches no connection
(or several) does not start: those steps are reported ERROR with the name and the names the
workspace has, the others SKIPPED.  A connection renamed while the runner exists is still
found by its former name (an unnamed client that follows its server is named by its URL, which
changes to the server's address when it connects).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

from gui.automation import scenario_text as say
from gui.automation.connection_refs import Dangling, StepRef, step_refs
from gui.automation.match import MatchError
from gui.automation.scenario import (
    Close,
    Expect,
    ExpectMatch,
    ExpectNothing,
    FrameMatcher,
    Open,
    Repeat,
    Scenario,
    Send,
    Step,
    Wait,
    compile_match,
    match_text,
    variable_problem,
)
from gui.automation.scenario_inbox import Closed, Inboxes, Waiter
from gui.automation.scenario_result import ScenarioResult, Status, StepResult, preview
from gui.automation.scenario_text import Text, text
from gui.automation.template import Template, compile_template
from gui.session import Entry, SessionError, SessionEvent, SessionManager
from gui.workspace import missing_secrets
from transports.codec import ParseError
from transports.errors import TransportError
from transports.frames import FrameKind
from transports.options import OptionError
from transports.state import State, is_active
from transports.url import UrlError

_WS_KINDS = {"text": FrameKind.TEXT, "binary": FrameKind.BINARY}


class _Outcome(Exception):
    def __init__(self, status: Status, why: Text | str, frame: bytes | None = None) -> None:
        super().__init__(str(why))
        self.status, self.reason, self.frame = status, str(why), frame
        self.why = why if isinstance(why, Text) else None


class ScenarioRunner:
    """Runs scenarios one at a time on ``manager``'s entries (found by name)."""

    def __init__(self, manager: SessionManager, *,
                 on_step: Callable[[StepResult], None] | None = None) -> None:
        self.manager = manager
        self.on_step = on_step
        self._templates: dict[int, Template] = {}  # per Send step: {{counter}} counts on
        self.variables: dict[str, bytes] = {}
        self._captures: dict[str, bytes] = {}
        self._errors: dict[int, str] = {}
        self._opened: list[Entry] = []
        self._inboxes: Inboxes | None = None
        self._result: ScenarioResult | None = None
        self._limit: float | None = None
        self._deadline: float | None = None
        self._former: dict[int, set[str]] = {}  # entry id → every name it had since
        self._remember_names()

    @property
    def result(self) -> ScenarioResult | None:
        """The last (or the running) scenario's result so far — after a cancelled run too."""
        return self._result

    # -- the run ----------------------------------------------------------------------------
    async def run(self, scenario: Scenario, *, time_limit: float | None = None
                  ) -> ScenarioResult:
        """Run every step; ``time_limit`` (seconds) bounds the whole scenario."""
        self.variables, self._captures, self._opened, self._templates = {}, {}, [], {}
        result = self._result = ScenarioResult(scenario)
        started = time.monotonic()
        self._limit = time_limit
        self._deadline = None if time_limit is None else started + time_limit
        self.manager.add_listener(self._on_session)
        try:
            with Inboxes(self.manager) as inboxes:
                self._inboxes = inboxes
                if self._refuse_dangling(scenario):
                    return result
                for name in scenario.connections():  # frames count from the start
                    for entry in self._named(name):
                        inboxes.of(entry)
                await self._block(scenario.steps, "", "")
        finally:
            self.manager.remove_listener(self._on_session)
            self._inboxes = None
            await self._close_opened()
            result.elapsed = time.monotonic() - started
        return result

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, SessionError):
            self._errors[event.entry_id] = event.message

    # -- finding connections by name ---------------------------------------------------------
    def _remember_names(self) -> None:
        for entry in self.manager.entries:
            self._former.setdefault(entry.id, set()).add(entry.name)

    def _named(self, name: str) -> list[Entry]:
        """The entries named ``name`` now, else those that were so named before."""
        self._remember_names()
        entries = self.manager.entries
        found = [e for e in entries if e.name == name]
        return found or [e for e in entries if name in self._former.get(e.id, ())]

    def _dangling(self, ref: StepRef, count: int) -> Dangling:
        return Dangling(ref, count, tuple(dict.fromkeys(e.name for e in self.manager.entries)))

    def _refuse_dangling(self, scenario: Scenario) -> bool:
        """Report the steps naming no connection (ERROR) and the rest (SKIPPED) when there
        are such steps; True then (the scenario does not start)."""
        refs = step_refs((scenario,))
        counts = {ref.number: len(self._named(ref.connection)) for ref in refs
                  if ref.connection is not None}
        bad = {ref.number: self._dangling(ref, counts[ref.number]) for ref in refs
               if counts.get(ref.number, 1) != 1}
        if not bad:
            return False
        first = next(iter(bad.values()))
        for ref in refs:
            problem = bad.get(ref.number)
            why = problem.text if problem is not None else text(say.NOT_RUN,
                                                                  number=first.ref.number)
            self._report(StepResult(ref.number, ref.step, Status.ERROR if problem is not None
                                    else Status.SKIPPED, str(why), why=why))
        return True

    async def _close_opened(self) -> None:
        for entry in reversed(self._opened):
            if entry.id in {e.id for e in self.manager.entries} and entry.active:
                await self.manager.disconnect(entry)
        self._opened = []

    def _report(self, result: StepResult) -> None:
        if result.status not in (Status.RUNNING, Status.PENDING):
            assert self._result is not None
            self._result.steps.append(result)
        if self.on_step is not None:
            self.on_step(result)

    async def _block(self, steps: tuple[Step, ...], prefix: str, iteration: str) -> bool:
        """Run ``steps``; False once one did not pass (the rest are reported SKIPPED)."""
        for index, step in enumerate(steps, 1):
            number = f"{prefix}{index}"
            if isinstance(step, Repeat):
                ok = await self._repeat(step, number, iteration)
            else:
                ok = await self._one(step, number, iteration)
            if not ok:
                for later, rest in enumerate(steps[index:], index + 1):
                    self._report(StepResult(f"{prefix}{later}", rest, Status.SKIPPED,
                                            say.EARLIER, iteration=iteration,
                                            why=text(say.EARLIER)))
                return False
        return True

    async def _repeat(self, step: Repeat, number: str, iteration: str) -> bool:
        for i in range(1, step.count + 1):
            here = f"{i}/{step.count}"
            inner = f"{iteration}, {here}" if iteration else here
            if not await self._block(step.steps, f"{number}.", inner):
                return False
        return True

    async def _one(self, step: Step, number: str, iteration: str) -> bool:
        entry = self._entry_or_none(step)
        rows_before = entry.log.total if entry is not None else 0
        self._report(StepResult(number, step, Status.RUNNING, iteration=iteration,
                                entry_id=entry.id if entry else None))
        began = time.monotonic()
        status, reason, frame, why = Status.PASSED, "", None, None
        try:
            left = None if self._deadline is None else self._deadline - began
            if left is not None and left <= 0:
                raise TimeoutError
            async with asyncio.timeout(left):
                frame = await self._do(step, number)
        except _Outcome as outcome:
            status, reason, frame, why = (outcome.status, outcome.reason, outcome.frame,
                                          outcome.why)
        except TimeoutError:
            status = Status.FAILED
            why = text(say.TIME_LIMIT, seconds=f"{self._limit:g}")
            reason = str(why)
        except asyncio.CancelledError:
            self._report(StepResult(number, step, Status.FAILED, say.STOPPED,
                                    time.monotonic() - began, iteration=iteration,
                                    entry_id=entry.id if entry else None,
                                    why=text(say.STOPPED)))
            raise
        rows = (rows_before, entry.log.total if entry is not None else 0)
        self._report(StepResult(number, step, status, reason, time.monotonic() - began, frame,
                                iteration, entry.id if entry else None, rows, why))
        return status is Status.PASSED

    # -- steps ------------------------------------------------------------------------------
    def _entry_or_none(self, step: Step) -> Entry | None:
        name = getattr(step, "connection", None)
        if name is None:
            return None
        found = self._named(name)
        return found[0] if len(found) == 1 else None

    def _entry(self, step: Step, number: str) -> Entry:
        name = getattr(step, "connection", "")
        found = self._named(name)
        if len(found) != 1:  # deleted (or renamed twice) during the run
            scenario = self._result.scenario.name if self._result is not None else ""
            problem = self._dangling(StepRef(scenario, number, "", step), len(found))
            raise _Outcome(Status.ERROR, problem.text)
        return found[0]

    async def _do(self, step: Step, number: str) -> bytes | None:
        if isinstance(step, Wait):
            await asyncio.sleep(step.ms / 1000)
            return None
        entry = self._entry(step, number)
        if isinstance(step, Open):
            await self._open(entry, step)
        elif isinstance(step, Close):
            await self.manager.disconnect(entry)
        elif isinstance(step, Send):
            return await self._send(entry, step)
        elif isinstance(step, Expect):
            return await self._expect(entry, step)
        elif isinstance(step, ExpectNothing):
            await self._expect_nothing(entry, step)
        return None

    async def _open(self, entry: Entry, step: Open) -> None:
        if entry.active:
            return
        missing = missing_secrets(entry.spec)
        if missing:
            raise _Outcome(Status.ERROR, text(say.NEEDS_SECRETS, name=entry.name,
                                              secrets=", ".join(missing)))
        self._errors.pop(entry.id, None)
        self._opened.append(entry)
        try:
            async with asyncio.timeout(step.timeout_ms / 1000):
                await self.manager.connect(entry)
        except TimeoutError:
            await self.manager.disconnect(entry)
            raise _Outcome(Status.ERROR, text(say.OPEN_TIMEOUT, name=entry.name,
                                              ms=step.timeout_ms)) from None
        except (TransportError, OptionError, UrlError, ValueError, OSError) as exc:
            message = self._errors.get(entry.id) or f"{entry.name}: {exc}"
            raise _Outcome(Status.ERROR, message) from None

    def _render(self, entry: Entry, step: Send) -> bytes:
        try:
            template = self._templates.get(id(step))
            if template is None:
                template = compile_template(step.payload, step.mode,
                                            entry.spec.options.encoding)
                self._templates[id(step)] = template
            return template.render({**self._captures, **self.variables})
        except ParseError as exc:
            raise _Outcome(Status.ERROR, f"the payload is not valid: {exc}") from None
        except ValueError as exc:  # a capture or variable the template names is not there
            raise _Outcome(Status.FAILED, str(exc)) from None

    async def _send(self, entry: Entry, step: Send) -> bytes:
        payload = self._render(entry, step)
        if entry.state is not State.OPEN:
            raise _Outcome(Status.FAILED, text(say.NOT_OPEN, name=entry.name,
                                               state=entry.state.value))
        if entry.is_server and not entry.peers:
            raise _Outcome(Status.FAILED, text(say.NO_PEER, name=entry.name))
        try:
            await self.manager.send(entry, payload, _WS_KINDS.get(step.ws_kind))
        except TransportError as exc:
            raise _Outcome(Status.FAILED, str(exc)) from None
        return payload

    def _inbox_wait(self, entry: Entry, matcher: FrameMatcher | None) -> Waiter:
        assert self._inboxes is not None
        if not entry.is_server and not is_active(entry.state):
            raise _Outcome(Status.FAILED, text(say.NOT_OPEN, name=entry.name,
                                               state=entry.state.value))
        return self._inboxes.of(entry).wait(matcher)

    def _matcher(self, entry: Entry, match: ExpectMatch) -> FrameMatcher:
        try:
            return compile_match(match, entry.spec.options.encoding)
        except (MatchError, ValueError) as exc:
            raise _Outcome(Status.ERROR, f"the match is not valid: {exc}") from None

    async def _expect(self, entry: Entry, step: Expect) -> bytes:
        matcher = self._matcher(entry, step.match)
        waiter = self._inbox_wait(entry, matcher)
        try:
            async with asyncio.timeout(step.timeout_ms / 1000):
                matched = await waiter.future
        except TimeoutError:
            last, match = waiter.last, match_text(step.match)
            why = (text(say.NO_MATCH_OTHERS, match=match, ms=step.timeout_ms,
                        count=waiter.skipped, last=preview(last.payload))
                   if last is not None
                   else text(say.NO_MATCH_NOTHING, match=match, ms=step.timeout_ms))
            raise _Outcome(Status.FAILED, why, last.payload if last else None) from None
        except Closed as exc:
            raise _Outcome(Status.FAILED, text(say.CLOSED_WAITING, closed=str(exc),
                                               match=match_text(step.match))) from None
        finally:
            self._stop_waiting(entry)
        for variable, capture in step.store:
            problem = variable_problem(variable)
            if problem is not None:
                raise _Outcome(Status.ERROR, f"cannot store in {variable!r}: {problem}")
            if capture not in matched.captures:
                names = ", ".join(sorted(matched.captures))
                raise _Outcome(Status.FAILED, text(say.NO_CAPTURE, capture=repr(capture),
                                                   variable=variable, names=names),
                               matched.frame.payload)
            self.variables[variable] = matched.captures[capture]
        self._captures = dict(matched.captures)
        return matched.frame.payload

    async def _expect_nothing(self, entry: Entry, step: ExpectNothing) -> None:
        matcher = self._matcher(entry, step.match) if step.match is not None else None
        future = self._inbox_wait(entry, matcher).future
        try:
            await asyncio.wait([future], timeout=step.ms / 1000)
        finally:
            self._stop_waiting(entry)
        if future.done() and not future.cancelled() and future.exception() is None:
            frame = future.result().frame.payload
            raise _Outcome(Status.FAILED, text(say.RECEIVED, frame=preview(frame), ms=step.ms),
                           frame)

    def _stop_waiting(self, entry: Entry) -> None:
        if self._inboxes is not None:
            self._inboxes.of(entry).stop_waiting()

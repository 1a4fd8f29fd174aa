"""The scenario runner on a real SessionManager: our servers and clients on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import socket
from typing import Any

import pytest

from gui.automation.match import MatchKind, MatchSpec
from gui.automation.scenario import (
    Close,
    Expect,
    ExpectNothing,
    Open,
    Repeat,
    Scenario,
    Send,
    Step,
    Wait,
)
from gui.automation.scenario_inbox import Inboxes
from gui.automation.scenario_json import JsonEquals
from gui.automation.scenario_result import ScenarioResult, Status, StepResult
from gui.automation.scenario_runner import ScenarioRunner
from gui.session import Entry, SessionManager
from gui.workspace import ConnectionSpec, Role
from tests.gui.conftest import until
from transports.framing.base import FramingMode, FramingSpec
from transports.options import Options

LINES = FramingSpec(FramingMode.DELIMITER, b"\n")


async def session(echo: bool = True) -> tuple[SessionManager, Entry, Entry]:
    """A listening TCP server ("srv") and a client ("cli") pointed at it (not connected)."""
    manager = SessionManager()
    server = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                        Options(name="srv", echo=echo)))
    await manager.connect(server)
    client = manager.add(ConnectionSpec(server.address, Role.CLIENT,
                                        Options(name="cli", framing=LINES)))
    return manager, server, client


def run(steps: tuple[Step, ...], *, echo: bool = True, time_limit: float | None = None,
        seen: list[StepResult] | None = None) -> tuple[ScenarioResult, SessionManager]:
    async def main() -> tuple[ScenarioResult, SessionManager]:
        manager, _server, _client = await session(echo)
        runner = ScenarioRunner(manager, on_step=seen.append if seen is not None else None)
        try:
            result = await runner.run(Scenario("t", steps), time_limit=time_limit)
        finally:
            await manager.close_all()
        return result, manager

    return asyncio.run(main())


def line(obj: Any) -> str:
    return json.dumps(obj) + "\\n"


def states(result: ScenarioResult) -> list[tuple[str, Status]]:
    return [(s.label, s.status) for s in result.steps]


def test_send_and_expect_pass_and_report_running_then_passed() -> None:
    seen: list[StepResult] = []
    result, _ = run((Open("cli"), Send("cli", line({"id": 1, "v": "a"})),
                     Expect("cli", JsonEquals("/id", 1), 2000), Close("cli")), seen=seen)
    assert result.status is Status.PASSED
    assert states(result) == [("1", Status.PASSED), ("2", Status.PASSED), ("3", Status.PASSED),
                              ("4", Status.PASSED)]
    assert [s.status for s in seen] == [Status.RUNNING, Status.PASSED] * 4
    assert result.steps[1].frame == b'{"id": 1, "v": "a"}\n'  # what was sent
    assert result.steps[2].frame == b'{"id": 1, "v": "a"}'  # what matched (delimiter framing)
    before, after = result.steps[2].rows
    assert after > before  # the matched frame is in the entry's log, after the step began


def test_a_frame_that_arrived_before_the_expect_step_is_found() -> None:
    result, _ = run((Open("cli"), Send("cli", line({"id": 7})), Wait(200),
                     Expect("cli", JsonEquals("/id", 7), 100)))
    assert result.status is Status.PASSED


def test_expect_skips_frames_that_do_not_match_like_pexpect() -> None:
    result, _ = run((Open("cli"), Send("cli", line({"id": 1}) + line({"id": 2})),
                     Expect("cli", JsonEquals("/id", 2), 2000),
                     ExpectNothing("cli", 150)))  # id 1 was consumed with the match
    assert result.status is Status.PASSED


def test_a_wrong_answer_fails_with_the_frame_and_skips_the_rest() -> None:
    result, _ = run((Open("cli"), Send("cli", line({"id": 1})),
                     Expect("cli", JsonEquals("/id", 2), 300), Send("cli", "x\\n"),
                     Close("cli")))
    assert result.status is Status.FAILED
    assert states(result)[2:] == [("3", Status.FAILED), ("4", Status.SKIPPED),
                                  ("5", Status.SKIPPED)]
    failed = result.steps[2]
    assert failed.reason == ('no frame matched JSON /id = 2 within 300 ms; 1 other frame(s) '
                             'arrived, the last: "{"id": 1}"')
    assert failed.frame == b'{"id": 1}'
    assert 0.25 < failed.elapsed < 5


def test_expect_times_out_when_nothing_arrives() -> None:
    result, _ = run((Open("cli"), Expect("cli", JsonEquals("", {}), 200)), echo=False)
    assert result.steps[1].reason == "no frame matched JSON (document) = {} within 200 ms; " \
                                     "nothing arrived"


def test_expect_nothing_passes_in_silence_and_fails_on_a_frame() -> None:
    quiet, _ = run((Open("cli"), Send("cli", "hi\\n"), ExpectNothing("cli", 200)), echo=False)
    assert quiet.status is Status.PASSED
    assert quiet.steps[2].elapsed >= 0.19
    noisy, _ = run((Open("cli"), Send("cli", "hi\\n"), ExpectNothing("cli", 2000)))
    assert noisy.status is Status.FAILED
    assert noisy.steps[2].reason == 'received "hi" within 2000 ms'
    assert noisy.steps[2].elapsed < 1.5  # it fails at the frame, not at the end of the window
    filtered, _ = run((Open("cli"), Send("cli", line({"a": 1})),
                       ExpectNothing("cli", 200, JsonEquals("/a", 2))))
    assert filtered.status is Status.PASSED


def test_repeat_numbers_its_steps_with_the_iteration() -> None:
    block = (Send("cli", line({"n": 1})), Expect("cli", JsonEquals("/n", 1), 2000))
    result, _ = run((Open("cli"), Repeat(3, block), Close("cli")))
    assert result.status is Status.PASSED
    assert states(result) == [("1", Status.PASSED),
                              ("2.1 (1/3)", Status.PASSED), ("2.2 (1/3)", Status.PASSED),
                              ("2.1 (2/3)", Status.PASSED), ("2.2 (2/3)", Status.PASSED),
                              ("2.1 (3/3)", Status.PASSED), ("2.2 (3/3)", Status.PASSED),
                              ("3", Status.PASSED)]


def test_a_failure_inside_a_repeat_skips_the_rest_of_each_block() -> None:
    block = (Send("cli", line({"n": 1})), Expect("cli", JsonEquals("/n", 2), 200), Wait(1))
    result, _ = run((Open("cli"), Repeat(2, block), Close("cli")))
    assert states(result) == [("1", Status.PASSED), ("2.1 (1/2)", Status.PASSED),
                              ("2.2 (1/2)", Status.FAILED), ("2.3 (1/2)", Status.SKIPPED),
                              ("3", Status.SKIPPED)]


def test_the_time_limit_fails_the_running_step() -> None:
    result, _ = run((Wait(0), Wait(30_000), Wait(0)), time_limit=1.5)
    assert states(result) == [("1", Status.PASSED), ("2", Status.FAILED), ("3", Status.SKIPPED)]
    assert result.steps[1].reason == "the scenario ran over its time limit of 1.5 s"
    assert 1.0 < result.elapsed < 10


def test_a_connection_that_does_not_open_is_an_error_with_the_sessions_message() -> None:
    async def main() -> ScenarioResult:
        manager = SessionManager()
        with socket.socket() as taken:
            taken.bind(("127.0.0.1", 0))
            port = taken.getsockname()[1]  # bound, not listening: connections are refused
            manager.add(ConnectionSpec(f"tcp://127.0.0.1:{port}", Role.CLIENT,
                                       Options(name="cli")))
            result = await ScenarioRunner(manager).run(Scenario("t", (Open("cli"),
                                                                      Send("cli", "x"))))
        await manager.close_all()
        return result

    result = asyncio.run(main())
    assert result.status is Status.ERROR
    assert states(result) == [("1", Status.ERROR), ("2", Status.SKIPPED)]
    assert result.steps[0].reason.startswith("cli: cannot open tcp://127.0.0.1:")
    assert result.steps[0].reason.endswith("connection refused")


def test_a_step_naming_no_connection_stops_the_scenario_before_it_starts() -> None:
    seen: list[StepResult] = []
    result, manager = run((Open("cli"), Repeat(2, (Send("nobody", "x"), Wait(1))),
                           Close("cli")), seen=seen)
    assert states(result) == [("1", Status.SKIPPED), ("2", Status.SKIPPED),
                              ("2.1", Status.ERROR), ("2.2", Status.SKIPPED),
                              ("3", Status.SKIPPED)]
    assert result.steps[2].reason == ("no connection is named 'nobody' "
                                      "(the workspace has: 'srv', 'cli')")
    assert result.steps[0].reason == ("not run: step 2.1 names no connection of the "
                                      "workspace")
    assert Status.RUNNING not in {s.status for s in seen}  # nothing ran…
    client = next(e for e in manager.entries if e.name == "cli")
    assert client.log.total == 0  # …and the client never opened


def test_a_name_two_connections_share_is_an_error() -> None:
    async def main() -> ScenarioResult:
        manager, server, _client = await session()
        manager.add(ConnectionSpec(server.address, Role.CLIENT, Options(name="cli")))
        result = await ScenarioRunner(manager).run(Scenario("t", (Open("cli"),)))
        await manager.close_all()
        return result

    result = asyncio.run(main())
    assert states(result) == [("1", Status.ERROR)]
    assert result.steps[0].reason == ("2 connections are named 'cli'; rename one so that "
                                      "steps can tell them apart")


def test_a_connection_deleted_during_the_run_is_an_error_naming_it() -> None:
    async def main() -> ScenarioResult:
        manager, _server, client = await session()
        runner = ScenarioRunner(manager)
        task = asyncio.create_task(runner.run(Scenario("t", (
            Open("cli"), Wait(300), Send("cli", "x\n")))))
        await until(lambda: client.active, message="the client to open")
        await manager.remove(client)
        result = await asyncio.wait_for(task, 5)
        await manager.close_all()
        return result

    result = asyncio.run(main())
    assert states(result) == [("1", Status.PASSED), ("2", Status.PASSED), ("3", Status.ERROR)]
    assert result.steps[2].reason == "no connection is named 'cli' (the workspace has: 'srv')"


def test_an_unnamed_client_that_follows_its_server_is_found_by_its_former_name() -> None:
    """Its name is its URL, which becomes the server's address when it connects: the steps
    after Open still find it (the file's name for it), in this scenario and the next."""
    async def main() -> list[ScenarioResult]:
        manager, server, _client = await session()
        stale = "tcp://127.0.0.1:1"
        follower = manager.add(ConnectionSpec(stale, Role.CLIENT, Options(framing=LINES),
                                              follows=server.spec.key))
        runner = ScenarioRunner(manager)
        steps = (Open(stale), Send(stale, "hi\n"),
                 Expect(stale, MatchSpec(MatchKind.EXACT, "hi"), 2000), Close(stale))
        results = [await runner.run(Scenario("first", steps))]
        assert follower.name == server.address != stale  # renamed by following
        results.append(await runner.run(Scenario("second", steps)))
        await manager.close_all()
        return results

    for result in asyncio.run(main()):
        assert result.status is Status.PASSED, result.steps


def test_the_connection_closing_fails_a_waiting_expect_at_once() -> None:
    async def main() -> ScenarioResult:
        manager, server, _client = await session(echo=False)
        runner = ScenarioRunner(manager)
        task = asyncio.create_task(runner.run(Scenario("t", (
            Open("cli"), Expect("cli", JsonEquals("/x", 1), 10_000)))))
        await until(lambda: server.peers, message="the client's peer")
        await asyncio.sleep(0.05)
        await manager.disconnect(server)  # closes the peer: the client sees the close
        result = await asyncio.wait_for(task, 5)
        await manager.close_all()
        return result

    result = asyncio.run(main())
    failed = result.steps[1]
    assert failed.status is Status.FAILED and failed.elapsed < 5
    assert failed.reason.startswith("cli closed") and "while waiting for JSON /x = 1" in \
        failed.reason


def test_server_steps_wait_for_a_peer_and_answer_every_peer() -> None:
    async def main() -> ScenarioResult:
        manager, _server, _client = await session(echo=False)
        result = await ScenarioRunner(manager).run(Scenario("t", (
            Open("cli"), Send("cli", line({"q": 1})),
            Expect("srv", JsonEquals("/q", 1), 2000),
            Send("srv", line({"a": 1})), Expect("cli", JsonEquals("/a", 1), 2000))))
        await manager.close_all()
        return result

    result = asyncio.run(main())
    assert result.status is Status.PASSED, result.steps


def test_clients_the_scenario_opened_are_closed_at_its_end() -> None:
    _result, manager = run((Open("cli"), Wait(1)))
    assert all(not e.active for e in manager.entries)

    async def main() -> bool:
        manager, _server, client = await session()
        await ScenarioRunner(manager).run(Scenario("t", (Open("cli"),)))
        closed = not client.active
        await manager.close_all()
        return closed

    assert asyncio.run(main())


def test_the_inbox_is_bounded_in_bytes_and_counts_what_it_dropped() -> None:
    async def main() -> tuple[int, int]:
        manager, _server, client = await session()
        await manager.connect(client)
        with Inboxes(manager, max_bytes=1000) as inboxes:
            inbox = inboxes.of(client)
            for _ in range(50):
                await manager.send(client, b"x" * 99 + b"\n")
            await until(lambda: inbox.dropped + len(inbox.frames) == 50)
        await manager.close_all()
        return inbox.bytes, inbox.dropped

    held, dropped = asyncio.run(main())
    assert held <= 1000 and dropped == 40


@pytest.mark.parametrize("path", ["a", "/a/~2"])
def test_a_bad_json_pointer_is_refused(path: str) -> None:
    with pytest.raises(ValueError, match="not a JSON Pointer"):
        JsonEquals(path, 1)


def test_rule_matchers_captures_variables_and_templates() -> None:
    result, _ = run((
        Open("cli"), Send("cli", "token=ab12 id=42\\n"),
        Expect("cli", MatchSpec(MatchKind.REGEX, r"token=(?P<tok>\w+) id=(\d+)"), 2000,
               store=(("token", "tok"), ("ident", "2"))),
        Send("cli", "{{ident}}/{{token}}/{{1}}\\n"),  # {{1}}: the last match's group 1
        Expect("cli", MatchSpec(MatchKind.EXACT, "42/ab12/ab12"), 2000),
        Repeat(2, (Send("cli", "n{{counter}}\\n"),
                   Expect("cli", MatchSpec(MatchKind.REGEX, r"^n(\d+)$"), 2000,
                          (("last", "1"),)))),
        Send("cli", "{{last}}\\n"),  # {{counter}} went on across the iterations: 1, 2
        Expect("cli", MatchSpec(MatchKind.EXACT, "2"), 2000)))
    assert result.status is Status.PASSED, [s.reason for s in result.steps]


def test_template_and_capture_problems_are_reported() -> None:
    result, _ = run((Open("cli"), Send("cli", "{{nope}}")))
    assert result.steps[1].status is Status.FAILED
    assert "the match has no capture 'nope'" in result.steps[1].reason
    bad, _ = run((Open("cli"), Send("cli", "{{counter")))
    assert bad.steps[1].status is Status.ERROR
    assert bad.steps[1].reason.startswith("the payload is not valid: ")
    store, _ = run((Open("cli"), Send("cli", "x\\n"),
                    Expect("cli", MatchSpec(MatchKind.CONTAINS, "x"), 2000, (("v", "9"),))))
    assert store.steps[2].status is Status.FAILED
    assert store.steps[2].reason == "the match has no capture '9' to store in v (it has: 0)"
    regex, _ = run((Open("cli"), Expect("cli", MatchSpec(MatchKind.REGEX, "("), 2000)))
    assert regex.steps[1].status is Status.ERROR
    assert regex.steps[1].reason.startswith("the match is not valid: ")

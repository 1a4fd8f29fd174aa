"""``sockscope-cli run``: scenarios headless against independent peers — socat, ncat, aiohttp's
WebSocket server and a real redis-server — with exit codes and JUnit XML checked by parsing."""

from __future__ import annotations

import dataclasses
import signal
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest
from junitparser import Failure, JUnitXml

from gui.automation.match import MatchKind, MatchSpec
from gui.automation.scenario import (
    Close,
    Expect,
    ExpectNothing,
    Open,
    Repeat,
    Scenario,
    Send,
    Wait,
)
from gui.automation.scenario_json import JsonEquals
from gui.capture import read_capture
from gui.workspace import ConnectionSpec, Role, load, save
from gui.workspace.io import RESOURCES
from gui.workspace.scenario_schema import unresolved
from tests.gui.cli_process import CliProcess, run_cli, write_workspace
from tests.transports.conftest import Spawner, free_port, need, spawn  # noqa: F401
from transports.codec import Mode
from transports.frames import Direction, FrameKind
from transports.framing.base import FramingMode, FramingSpec
from transports.options import Options
from transports.url import parse_url

CRLF = FramingSpec(FramingMode.DELIMITER, b"\r\n")
LINES = FramingSpec(FramingMode.DELIMITER, b"\n")


def client(url: str, name: str, **options: object) -> ConnectionSpec:
    return ConnectionSpec(url, Role.CLIENT, Options(name=name, **options))  # type: ignore[arg-type]


def exact(text: str) -> MatchSpec:
    return MatchSpec(MatchKind.EXACT, text)


def suites(path: Path) -> dict[str, list[tuple[str, str, str]]]:
    """JUnit XML → {suite: [(case name, result kind, message)]} (parsed with junitparser)."""
    xml = JUnitXml.fromfile(str(path))
    out: dict[str, list[tuple[str, str, str]]] = {}
    for suite in xml:
        cases = []
        for case in suite:
            kinds = [(type(r).__name__.lower(), r.message or "") for r in case.result]
            kind, message = kinds[0] if kinds else ("passed", "")
            cases.append((case.name, kind, message))
        out[suite.name] = cases
    return out


# -- socat / ncat --------------------------------------------------------------------------------
@pytest.mark.peer
@pytest.mark.parametrize("tool", ["socat", "ncat"])
def test_scenarios_against_an_independent_line_echo_server(
        tmp_path: Path, spawn: Spawner, tool: str) -> None:  # noqa: F811
    exe = need(tool)
    port = free_port()
    if tool == "socat":
        spawn(exe, f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork", "EXEC:cat", tcp_port=port)
    else:
        spawn(exe, "-l", "127.0.0.1", str(port), "-k", "--sh-exec", "cat", tcp_port=port)
    peer = client(f"tcp://127.0.0.1:{port}", "echo", framing=LINES)
    good = Scenario("echo", (
        Open("echo"), Send("echo", "hello {{counter}}\\n"), Expect("echo", exact("hello 1"), 5000),
        Repeat(2, (Send("echo", '{"n": {{counter}}}\\n'),
                   Expect("echo", MatchSpec(MatchKind.REGEX, r'"n": (\d+)'), 5000,
                          (("n", "1"),)))),
        Send("echo", "last={{n}}\\n"), Expect("echo", exact("last=2"), 5000),  # own counter
        ExpectNothing("echo", 200), Close("echo")))
    wrong = Scenario("wrong answer", (
        Open("echo"), Send("echo", "ping\\n"), Expect("echo", exact("pong"), 500),
        Close("echo")))
    path = write_workspace(tmp_path, peer, scenarios=(good, wrong))
    report = tmp_path / "report.xml"

    passed = run_cli("run", str(path), "--scenario", "echo", "--junit", str(report))
    assert passed.returncode == 0, passed.stdout + passed.stderr
    lines = passed.stdout.splitlines()
    assert lines[0] == "scenario 'echo'"
    assert lines[1].startswith("  pass  1      open echo  (")
    assert lines[3].startswith('  pass  3      expect exact "hello 1" from echo within 5000 ms')
    assert lines[4].startswith('  pass  4.1 (1/2) send "{"n": {{counter}}}\\n" to echo')
    assert lines[-3].startswith("scenario 'echo': PASSED (11 steps, ")
    assert lines[-1] == "1 scenario(s): 1 passed, 0 failed, 0 could not run"
    cases = suites(report)["echo"]
    assert len(cases) == 11 and {kind for _, kind, _ in cases} == {"passed"}

    failed = run_cli("run", str(path), "--junit", str(report))
    assert failed.returncode == 1, failed.stdout + failed.stderr
    assert "  FAIL  3      expect exact \"pong\" from echo within 500 ms  (" in failed.stdout
    assert ('— no frame matched exact "pong" within 500 ms; 1 other frame(s) arrived, the '
            'last: "ping"') in failed.stdout
    assert "scenario 'wrong answer': FAILED (1 of 4 steps did not pass" in failed.stdout
    report_suites = suites(report)
    assert list(report_suites) == ["echo", "wrong answer"]
    assert report_suites["wrong answer"] == [
        ("1 open echo", "passed", ""),
        ('2 send "ping\\n" to echo', "passed", ""),
        ('3 expect exact "pong" from echo within 500 ms', "failure",
         'no frame matched exact "pong" within 500 ms; 1 other frame(s) arrived, the last: '
         '"ping"'),
        ("4 close echo", "skipped", "an earlier step did not pass")]
    xml = JUnitXml.fromfile(str(report))
    assert (xml.tests, xml.failures, xml.errors, xml.skipped) == (15, 1, 0, 1)
    failure = next(r for s in xml for c in s for r in c.result if isinstance(r, Failure))
    assert "70 69 6e 67" in (failure.text or "")  # the frame that did not match, as hex


# -- redis-server (a real third-party server speaking RESP) ---------------------------------------
@pytest.fixture
def redis_port(spawn: Spawner) -> Iterator[int]:  # noqa: F811
    exe = need("redis-server")
    port = free_port()
    spawn(exe, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
          tcp_port=port)
    yield port


@pytest.mark.peer
def test_redis_ping_set_get_pass_and_a_wrong_expectation_fails(
        tmp_path: Path, redis_port: int) -> None:
    redis = client(f"tcp://127.0.0.1:{redis_port}", "Redis", framing=CRLF)
    ping = Scenario("ping", (Open("Redis"), Send("Redis", "PING\\r\\n"),
                             Expect("Redis", exact("+PONG"), 3000), Close("Redis")))
    set_get = Scenario("set and get", (
        Open("Redis"),
        Send("Redis", "SET greeting 你好{{counter}}\\r\\n"), Expect("Redis", exact("+OK"), 3000),
        Send("Redis", "GET greeting\\r\\n"),
        Expect("Redis", MatchSpec(MatchKind.REGEX, r"^\$(?P<len>\d+)$"), 3000,
               (("length", "len"),)),
        Expect("Redis", exact("你好1"), 3000),
        Send("Redis", "INCRBY counter {{length}}\\r\\n"), Expect("Redis", exact(":7"), 3000),
        Close("Redis")))
    wrong = Scenario("wrong", (Open("Redis"), Send("Redis", "GET missing\\r\\n"),
                               Expect("Redis", exact("$3"), 1000)))
    path = write_workspace(tmp_path, redis, scenarios=(ping, set_get, wrong))
    report = tmp_path / "redis.xml"

    ok = run_cli("run", str(path), "--scenario", "ping", "--scenario", "set and get",
                 "--junit", str(report))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    assert "2 scenario(s): 2 passed, 0 failed, 0 could not run" in ok.stdout
    assert [len(cases) for cases in suites(report).values()] == [4, 9]

    bad = run_cli("run", str(path), "--scenario", "wrong", "--junit", str(report))
    assert bad.returncode == 1
    [(name, kind, message)] = [c for c in suites(report)["wrong"] if c[1] != "passed"]
    assert (name, kind) == ('3 expect exact "$3" from Redis within 1000 ms', "failure")
    assert message == ('no frame matched exact "$3" within 1000 ms; 1 other frame(s) arrived, '
                       'the last: "$-1"')  # RESP's null bulk string


# -- aiohttp's WebSocket server (an independent implementation) -----------------------------------
AIOHTTP_SERVER = textwrap.dedent("""
    import json, sys
    from aiohttp import web

    async def api(request):
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        async for msg in ws:
            query = json.loads(msg.data)
            await ws.send_str(json.dumps({"id": query["id"], "result": {"sum": sum(query["add"])}}))
        return ws

    app = web.Application()
    app.router.add_get("/api", api)
    web.run_app(app, host="127.0.0.1", port=int(sys.argv[1]), print=None)
""")


@pytest.mark.peer
def test_json_expectations_against_aiohttp(tmp_path: Path, spawn: Spawner) -> None:  # noqa: F811
    port = free_port()
    spawn(sys.executable, "-c", AIOHTTP_SERVER, str(port), tcp_port=port)
    api = client(f"ws://127.0.0.1:{port}/api", "api")
    sums = Scenario("sums", (
        Open("api"), Send("api", '{"id": {{counter}}, "add": [1, 2, 3]}'),
        Expect("api", JsonEquals("/result/sum", 6), 3000, (("total", "value"),)),
        Send("api", '{"id": 2, "add": [{{total}}, 4]}'),
        Expect("api", JsonEquals("/result", {"sum": 10}), 3000),
        Send("api", '{"id": 3, "add": [1]}'),
        Expect("api", JsonEquals("/result/sum", True), 500)))  # JSON: 1 is not true
    path = write_workspace(tmp_path, api, scenarios=(sums,))
    report = tmp_path / "ws.xml"
    done = run_cli("run", str(path), "--junit", str(report))
    assert done.returncode == 1, done.stdout + done.stderr
    cases = suites(report)["sums"]
    assert [kind for _, kind, _ in cases] == ["passed"] * 6 + ["failure"]
    assert cases[-1][2] == ('no frame matched JSON /result/sum = true within 500 ms; 1 other '
                            'frame(s) arrived, the last: "{"id": 3, "result": {"sum": 1}}"')


# -- our own servers, the time limit, captures, errors ---------------------------------------------
def test_workspace_servers_start_and_the_run_is_captured(tmp_path: Path) -> None:
    port = free_port()
    server = ConnectionSpec(f"tcp://127.0.0.1:{port}", Role.SERVER,
                            Options(name="device", echo=True))
    probe = client(f"tcp://127.0.0.1:{port}", "probe")
    scenario = Scenario("echo", (Open("probe"), Send("probe", "01 02 {{xor8}}", Mode.HEX),
                                 Expect("probe", MatchSpec(MatchKind.HEX, "01 02 03"), 3000),
                                 Close("probe")))
    path = write_workspace(tmp_path, server, probe, scenarios=(scenario,))
    capture = tmp_path / "run.jsonl"
    done = run_cli("run", str(path), "--capture", str(capture))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith(f"device: listening on tcp://127.0.0.1:{port}\n")
    probe_file = tmp_path / "run-probe.jsonl"
    assert f"capture of probe: 4 rows in {probe_file}" in done.stdout  # 2 frames, 2 events
    frames = read_capture(probe_file)
    rows = [(frames.log.direction(r), frames.log.payload(r)) for r in range(len(frames.log))
            if frames.log.kind(r) is not FrameKind.EVENT]
    assert rows == [(Direction.OUT, b"\x01\x02\x03"), (Direction.IN, b"\x01\x02\x03")]
    assert (tmp_path / "run-device.jsonl").exists()  # the server's side, in its own file


def test_the_time_limit_fails_the_scenario(tmp_path: Path) -> None:
    scenario = Scenario("slow", (Wait(10_000), Wait(1)))
    path = write_workspace(tmp_path, client("tcp://127.0.0.1:9", "c"), scenarios=(scenario,))
    report = tmp_path / "slow.xml"
    done = run_cli("run", str(path), "--timeout", "0.5", "--junit", str(report))
    assert done.returncode == 1
    assert "— the scenario ran over its time limit of 0.5 s" in done.stdout
    assert [kind for _, kind, _ in suites(report)["slow"]] == ["failure", "skipped"]


def test_a_connection_that_cannot_open_exits_2_with_an_error_case(tmp_path: Path) -> None:
    port = free_port()  # nobody listens
    scenario = Scenario("down", (Open("dev"), Send("dev", "x")))
    path = write_workspace(tmp_path, client(f"tcp://127.0.0.1:{port}", "dev"),
                           scenarios=(scenario,))
    report = tmp_path / "down.xml"
    done = run_cli("run", str(path), "--junit", str(report))
    assert done.returncode == 2
    message = f"dev: cannot open tcp://127.0.0.1:{port}: connection refused"
    assert "  ERROR 1      open dev  (" in done.stdout and message in done.stdout
    assert suites(report)["down"] == [("1 open dev", "error", message),
                                      ('2 send "x" to dev', "skipped",
                                       "an earlier step did not pass")]
    assert "1 scenario(s): 0 passed, 0 failed, 1 could not run" in done.stdout


def test_unusable_files_and_arguments_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.sockscope"
    bad.write_text('{"format": "sockscope-workspace", "version": 3, "connections": [], '
                   '"scenarios": [{"name": "s", "steps": [{"do": "wait"}]}]}')
    done = run_cli("run", str(bad))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr == (f"sockscope-cli: cannot open the workspace: {bad}: "
                           "scenarios[0].steps[0]: missing required key 'ms'\n")

    none = write_workspace(tmp_path, client("tcp://127.0.0.1:9", "c"), name="none")
    assert "the workspace has no scenarios to run" in run_cli("run", str(none)).stderr

    scenario = Scenario("s", (Open("c"), Close("gone")))
    path = write_workspace(tmp_path, client("tcp://127.0.0.1:9", "c"), scenarios=(scenario,))
    unknown = run_cli("run", str(path), "--scenario", "t")
    assert unknown.returncode == 2
    assert f"{path}: no scenario is named 't' (the file has: 's')" in unknown.stderr
    gone = run_cli("run", str(path))
    assert gone.returncode == 2 and gone.stdout == ""
    assert gone.stderr == (f"sockscope-cli: {path}: scenarios[0].steps[1].connection: "
                           "scenario 's', step 2: no connection is named 'gone' (the "
                           "workspace has: 'c')\n")
    fine = write_workspace(tmp_path, client("tcp://127.0.0.1:9", "c"), name="fine",
                           scenarios=(Scenario("s", (Wait(1),)),))
    capture = run_cli("run", str(fine), "--capture", str(tmp_path / "x.pdf"))
    assert capture.returncode == 2 and "unknown capture extension '.pdf'" in capture.stderr


def test_an_unnamed_client_following_a_server_on_port_0_keeps_its_steps(
        tmp_path: Path) -> None:
    """Named by its URL, which becomes the server's address at Open: the later steps, and the
    next scenario, still find it by the name the file gives it."""
    server = ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, Options(name="srv", echo=True),
                            key="srv")
    stale = "tcp://127.0.0.1:9"
    follower = ConnectionSpec(stale, Role.CLIENT, Options(framing=LINES), follows="srv")
    steps = (Open(stale), Send(stale, "hi\\n"), Expect(stale, exact("hi"), 3000), Close(stale))
    path = write_workspace(tmp_path, server, follower,
                           scenarios=(Scenario("one", steps), Scenario("two", steps)))
    done = run_cli("run", str(path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-1] == "2 scenario(s): 2 passed, 0 failed, 0 could not run"


def test_sigterm_stops_the_run_and_still_writes_the_report(tmp_path: Path) -> None:
    scenario = Scenario("long", (Wait(30_000),))
    path = write_workspace(tmp_path, client("tcp://127.0.0.1:9", "c"), scenarios=(scenario,))
    report = tmp_path / "long.xml"
    cli = CliProcess("run", str(path), "--junit", str(report))
    try:
        cli.expect(r"^scenario 'long'$")
        cli.signal(signal.SIGTERM)
        assert cli.wait() == 130
    finally:
        cli.kill()
    assert "SIGTERM: interrupted" in cli.lines
    assert suites(report)["long"] == [("1 wait 30000 ms", "failure", "stopped")]
    assert subprocess.run(["true"]).returncode == 0


def test_the_example_scenarios_pass_against_the_demo_servers(tmp_path: Path) -> None:
    """resources/workspaces/scenarios.sockscope, on free ports instead of its fixed ones."""
    example = load(RESOURCES / "scenarios.sockscope")
    assert unresolved(example) == []
    ports = {port: free_port() for port in {parse_url(c.url).port for c in example.connections}}
    moved = tuple(dataclasses.replace(c, url=c.url.replace(f":{old}", f":{new}"))
                  for c in example.connections for old, new in ports.items()
                  if f":{old}" in c.url)
    path = tmp_path / "scenarios.sockscope"
    save(dataclasses.replace(example, connections=moved), path)
    report = tmp_path / "example.xml"
    done = run_cli("run", str(path), "--junit", str(report))
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.splitlines()[-2:] == [f"JUnit report: {report}",
                                             "2 scenario(s): 2 passed, 0 failed, 0 could not run"]
    assert {kind for cases in suites(report).values() for _, kind, _ in cases} == {"passed"}

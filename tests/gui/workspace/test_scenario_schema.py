"""Scenarios in workspace files (format version 3): fixtures, round trip, errors with paths."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from gui.automation.match import MatchKind, MatchSpec, MessageKind
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
from gui.workspace import ConnectionSpec, Workspace, WorkspaceError, dumps, load, parse, save
from gui.workspace.scenario_schema import unresolved
from transports.codec import Mode
from transports.options import Options

FIXTURES = Path(__file__).parent / "fixtures"
PSU = "Bench PSU controller"


def test_the_v3_fixture_has_every_step_kind() -> None:
    ws = load(FIXTURES / "v3.sockscope")
    status, text = ws.scenarios
    assert status.name == "read status" and status.description.startswith("the PSU answers")
    assert status.steps[0] == Open(PSU, 3000)
    assert status.steps[1] == Send(PSU, "01 03 00 00 00 01 {{crc16-modbus:le}}", Mode.HEX)
    expect = status.steps[2]
    assert isinstance(expect, Expect)
    assert expect.match == MatchSpec(MatchKind.HEX, "01 03 ?? *")
    assert (expect.timeout_ms, expect.store) == (2000, (("count", "1"),))
    assert status.steps[4] == ExpectNothing(PSU, 200, None)
    assert status.steps[5] == Close(PSU)
    repeat = text.steps[1]
    assert isinstance(repeat, Repeat) and repeat.count == 3
    assert repeat.steps[1] == Expect(PSU, JsonEquals("/id", 1))
    assert repeat.steps[3] == Wait(10)
    nothing = text.steps[2]
    assert isinstance(nothing, ExpectNothing) and isinstance(nothing.match, MatchSpec)
    assert nothing.match.message_kind is MessageKind.TEXT


def test_a_v2_file_has_no_scenarios() -> None:
    assert load(FIXTURES / "v2.sockscope").scenarios == ()


def test_scenarios_round_trip(tmp_path: Path) -> None:
    ws = load(FIXTURES / "v3.sockscope")
    path = tmp_path / "again.sockscope"
    save(ws, path)
    again = load(path)
    assert again.scenarios == ws.scenarios
    assert dumps(again) == path.read_text(encoding="utf-8")


def test_scenarios_built_in_code_save_and_load(tmp_path: Path) -> None:
    spec = ConnectionSpec("tcp://127.0.0.1:7", options=Options(name="c", encoding="gbk"))
    scenario = Scenario("s", (Open("c"), Send("c", "你好{{counter}}"),
                              Expect("c", MatchSpec(MatchKind.STARTS, "好", ignore_case=True),
                                     100, (("v", "0"),)),
                              Repeat(2, (Wait(0), ExpectNothing("c", 5, JsonEquals("", [])))),
                              Close("c")))
    path = tmp_path / "s.sockscope"
    save(Workspace(connections=(spec,), scenarios=(scenario,)), path)
    assert load(path).scenarios == (scenario,)


def _doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads((FIXTURES / "v3.sockscope").read_text(encoding="utf-8"))
    return doc


def _error(change: Any) -> str:
    doc = copy.deepcopy(_doc())
    change(doc)
    with pytest.raises(WorkspaceError) as caught:
        parse(json.dumps(doc).encode())
    return str(caught.value)


def _step(doc: dict[str, Any], index: int = 1) -> dict[str, Any]:
    step: dict[str, Any] = doc["scenarios"][0]["steps"][index]
    return step


@pytest.mark.parametrize(("change", "message"), [
    (lambda d: _step(d).update(payload="01 {{counter"),
     "scenarios[0].steps[1].payload: line 1, column 4: "),
    (lambda d: _step(d, 2)["match"].update(kind="regex", pattern="(a"),
     "scenarios[0].steps[2].match.pattern: line 1, column 1: bad regular expression: "),
    (lambda d: _step(d, 2)["match"].update(kind="json", path="id", value=1),
     "scenarios[0].steps[2].match.path: not a JSON Pointer"),
    (lambda d: _step(d, 2)["match"].update(kind="like"),
     'scenarios[0].steps[2].match.kind: expected one of "any", '),
    (lambda d: _step(d, 2).update(store={"2x": "1"}),
     "scenarios[0].steps[2].store.2x: a variable name is letters, digits and _"),
    (lambda d: _step(d, 2).update(store={"sum": "1"}),
     "scenarios[0].steps[2].store.sum: {{sum}} is a template function or checksum; choose "
     "another name"),
    (lambda d: _step(d, 3)["match"].update(checksum="crc-99"),
     "scenarios[0].steps[3].match.checksum: "),
    (lambda d: _step(d).update(do="poke"),
     'scenarios[0].steps[1].do: expected one of "open", "close", "send", "expect", '
     '"expect_nothing", "wait", "repeat", found "poke"'),
    (lambda d: d["scenarios"][1]["steps"][1].update(count=0),
     "scenarios[1].steps[1].count: expected a number ≥ 1, found 0"),
    (lambda d: _step(d, 4).update(ms=-1),
     "scenarios[0].steps[4].ms: expected a number ≥ 1, found -1"),
    (lambda d: d["scenarios"][1].update(name="read status"),
     "scenarios[1].name: another scenario is already named 'read status'"),
    (lambda d: _step(d).update(timeout=5),
     "scenarios[0].steps[1].timeout: unknown key 'timeout'"),
    (lambda d: _step(d, 2)["match"].update(patern="x"),
     "scenarios[0].steps[2].match.patern: unknown key 'patern'"),
    (lambda d: d["scenarios"][0].update(steps={"do": "wait"}),
     "scenarios[0].steps: expected a list, found an object"),
])
def test_bad_scenarios_are_refused_with_the_json_path(change: Any, message: str) -> None:
    assert message in _error(change)


def test_repeats_nest_at_most_eight_deep() -> None:
    def nest(doc: dict[str, Any]) -> None:
        step: dict[str, Any] = {"do": "wait", "ms": 1}
        for _ in range(10):
            step = {"do": "repeat", "count": 1, "steps": [step]}
        doc["scenarios"][0]["steps"] = [step]

    assert "repeats are nested more than 8 deep" in _error(nest)


def test_steps_naming_no_connection_load_but_are_listed() -> None:
    doc = _doc()
    _step(doc).update(connection="PLC")
    doc["scenarios"][1]["steps"][1]["steps"][2]["connection"] = "PLC"
    ws = parse(json.dumps(doc).encode())
    has = "(the workspace has: 'Bench PSU controller', 'PSU simulator (echo)')"
    assert [str(p) for p in unresolved(ws)] == [
        f"scenarios[0].steps[1].connection: scenario 'read status', step 2: "
        f"no connection is named 'PLC' {has}",
        f"scenarios[1].steps[1].steps[2].connection: scenario 'text and JSON', step 2.3: "
        f"no connection is named 'PLC' {has}"]
    assert unresolved(load(FIXTURES / "v3.sockscope")) == []
    twice = ConnectionSpec("tcp://127.0.0.1:7", options=Options(name="c"))
    ambiguous = Workspace(connections=(twice, twice), scenarios=(Scenario("s", (Close("c"),)),))
    assert [str(p) for p in unresolved(ambiguous)] == [
        "scenarios[0].steps[0].connection: scenario 's', step 1: 2 connections are named "
        "'c'; rename one so that steps can tell them apart"]

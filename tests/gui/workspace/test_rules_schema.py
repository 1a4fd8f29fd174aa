"""Rules in the workspace file: the v4 fixture, v3 → v4, round trips and errors by JSON path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gui.automation.match import MatchKind, MessageKind
from gui.workspace import WorkspaceError, load
from gui.workspace.io import dumps
from gui.workspace.migrations import MIGRATIONS, migrate
from transports.codec import Mode

FIXTURES = Path(__file__).parent / "fixtures"


def test_v4_fixture_has_rules_of_every_kind() -> None:
    rules = load(FIXTURES / "v4.sockscope").connections[0].rules
    assert {r.match.kind for r in rules} == set(MatchKind)
    by_name = {r.name: r for r in rules}
    assert by_name["get"].delay_ms == 250 and by_name["get"].match.ignore_case
    assert not by_name["eol"].enabled and by_name["eol"].match.pattern_mode is Mode.HEX
    assert by_name["温度"].max_matches == 3 and by_name["温度"].continue_matching
    assert by_name["set"].reply_kind is MessageKind.TEXT
    assert by_name["bad crc"].close and by_name["bad crc"].match.checksum_start == 1
    assert by_name["bad crc"].match.checksum_order == "little"
    assert by_name["modbus"].reply_mode is Mode.HEX


def test_v3_connections_get_no_rules_and_round_trips_are_stable(tmp_path: Path) -> None:
    doc = json.loads((FIXTURES / "v3.sockscope").read_text(encoding="utf-8"))
    migrated = MIGRATIONS[3](doc)  # the v3 → v4 step
    assert migrated["version"] == 4 and migrated["connections"] == doc["connections"]
    assert all(c.rules == () for c in load(FIXTURES / "v3.sockscope").connections)
    ws = load(FIXTURES / "v4.sockscope")
    path = tmp_path / "again.sockscope"
    path.write_text(dumps(ws), encoding="utf-8")
    assert load(path) == ws
    v4 = json.loads((FIXTURES / "v4.sockscope").read_text(encoding="utf-8"))
    assert migrate(v4, 4) == json.loads(dumps(ws))  # canonical: only later steps differ


def _with_rule(tmp_path: Path, rule: dict[str, object]) -> Path:
    doc = json.loads((FIXTURES / "v4.sockscope").read_text(encoding="utf-8"))
    doc["connections"][0]["rules"] = [{"match": {"kind": "any"}}, rule]
    path = tmp_path / "bad.sockscope"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


@pytest.mark.parametrize(("rule", "where", "problem"), [
    ({"match": {"kind": "nearly"}}, "connections[0].rules[1].match.kind", "expected one of"),
    ({"match": {}}, "connections[0].rules[1].match", "missing required key 'kind'"),
    ({"match": {"kind": "regex", "pattern": "a("}}, "connections[0].rules[1].match.pattern",
     "line 1, column 2: bad regular expression"),
    ({"match": {"kind": "any"}, "reply": "ok {{nope}}"}, "connections[0].rules[1].reply",
     "line 1, column 6: unknown name 'nope'"),
    ({"match": {"kind": "checksum-valid", "checksum": "crc99"}},
     "connections[0].rules[1].match.checksum", "expected one of crc8"),
    ({"match": {"kind": "any"}, "delay_ms": -5}, "connections[0].rules[1].delay_ms", "-5"),
])
def test_bad_rules_name_the_json_path(tmp_path: Path, rule: dict[str, object], where: str,
                                      problem: str) -> None:
    with pytest.raises(WorkspaceError) as err:
        load(_with_rule(tmp_path, rule))
    assert err.value.where == where
    assert problem in err.value.problem

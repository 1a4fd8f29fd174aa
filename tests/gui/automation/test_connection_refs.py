"""Finding, renaming and checking the connection names that scenario steps use."""

from __future__ import annotations

from gui.automation.connection_refs import (
    dangling,
    group_by_scenario,
    references,
    rename_connection,
    step_refs,
)
from gui.automation.match import MatchSpec
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

READ = Scenario("read", (Open("plc"), Repeat(2, (Send("plc", "01"), Wait(5),
                                                 Expect("plc", MatchSpec()),
                                                 Repeat(1, (ExpectNothing("plc", 10),)))),
                         Close("plc"), Open("psu")), "reads")
OTHER = Scenario("other", (Wait(1), Open("psu"), Send("plc", "x")))


def test_every_step_is_numbered_as_the_runner_does_with_its_json_path() -> None:
    refs = step_refs((READ, OTHER))
    assert [(r.scenario, r.number, r.path, r.connection) for r in refs[:7]] == [
        ("read", "1", "scenarios[0].steps[0]", "plc"),
        ("read", "2", "scenarios[0].steps[1]", None),
        ("read", "2.1", "scenarios[0].steps[1].steps[0]", "plc"),
        ("read", "2.2", "scenarios[0].steps[1].steps[1]", None),
        ("read", "2.3", "scenarios[0].steps[1].steps[2]", "plc"),
        ("read", "2.4", "scenarios[0].steps[1].steps[3]", None),
        ("read", "2.4.1", "scenarios[0].steps[1].steps[3].steps[0]", "plc")]
    assert refs[-1].path == "scenarios[1].steps[2]" and refs[-1].number == "3"


def test_references_are_grouped_by_scenario() -> None:
    uses = references((READ, OTHER), "plc")
    assert group_by_scenario(uses) == {"read": ["1", "2.1", "2.3", "2.4.1", "3"],
                                       "other": ["3"]}
    assert references((READ, OTHER), "nobody") == []


def test_a_rename_rewrites_every_step_naming_it_and_nothing_else() -> None:
    renamed, count = rename_connection((READ, OTHER), "plc", "PLC 2")
    assert count == 6
    assert references(renamed, "plc") == []
    assert [r.number for r in references(renamed, "PLC 2")] == [
        r.number for r in references((READ, OTHER), "plc")]
    assert [r.number for r in references(renamed, "psu")] == ["4", "2"]
    assert renamed[0].description == "reads" and renamed[0].steps[1].count == 2
    assert renamed[0].steps[1].steps[1] == Wait(5)
    assert renamed[0].steps[1].steps[2] == Expect("PLC 2", MatchSpec())
    unchanged = (READ, OTHER)
    assert rename_connection(unchanged, "nobody", "x") == (unchanged, 0)
    assert rename_connection(unchanged, "plc", "plc") == (unchanged, 0)


def test_dangling_names_the_scenario_the_step_and_the_connection() -> None:
    problems = dangling((READ, OTHER), ["psu", "psu 2"])
    assert [str(p) for p in problems][:2] == [
        "scenario 'read', step 1: no connection is named 'plc' (the workspace has: "
        "'psu', 'psu 2')",
        "scenario 'read', step 2.1: no connection is named 'plc' (the workspace has: "
        "'psu', 'psu 2')"]
    assert len(problems) == 6 and {p.connection for p in problems} == {"plc"}
    assert dangling((READ, OTHER), ["plc", "psu"]) == []
    (twice,) = dangling((OTHER,), ["psu", "psu", "plc"])
    assert twice.count == 2 and str(twice) == (
        "scenario 'other', step 2: 2 connections are named 'psu'; rename one so that steps "
        "can tell them apart")
    assert str(dangling((OTHER,), [])[0]).endswith("(the workspace has: none)")

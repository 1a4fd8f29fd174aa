"""Rule sets without sockets: order, continue, disabled, limits, captures, dry runs, errors."""

from __future__ import annotations

import pytest

from gui.automation.match import MatchKind, MatchSpec, MessageKind
from gui.automation.rules import Rule, RuleError, RuleSet, compile_rules
from transports.codec import Mode
from transports.frames import FrameKind


def rule(kind: MatchKind, pattern: str = "", **kw: object) -> Rule:
    match_kw = {k: kw.pop(k) for k in ("pattern_mode", "message_kind", "checksum")
                if k in kw}
    return Rule(match=MatchSpec(kind, pattern, **match_kw), **kw)  # type: ignore[arg-type]


def test_first_match_wins_unless_continue_and_disabled_rules_are_skipped() -> None:
    rules = RuleSet([
        rule(MatchKind.CONTAINS, "a", note="saw an a: {{0}}", continue_matching=True),
        rule(MatchKind.EXACT, "abc", reply="never", enabled=False),
        rule(MatchKind.EXACT, "abc", reply="first {{counter}}"),
        rule(MatchKind.ANY, reply="fallback"),
    ])
    hits = rules.evaluate(b"abc")
    assert [h.index for h in hits] == [0, 2]
    assert hits[0].note == "saw an a: a" and hits[0].reply is None
    assert hits[1].reply == b"first 1"
    assert [h.index for h in rules.evaluate(b"xyz")] == [3]
    assert rules.evaluate(b"abc")[1].reply == b"first 2"


def test_stop_after_n_matches() -> None:
    rules = RuleSet([rule(MatchKind.EXACT, "go", reply="yes", max_matches=2),
                     rule(MatchKind.ANY, reply="no")])
    assert [h.reply for p in (b"go",) * 4 for h in rules.evaluate(p)] \
        == [b"yes", b"yes", b"no", b"no"]
    rules.reset()
    assert rules.evaluate(b"go")[0].reply == b"yes"


def test_dry_run_changes_nothing() -> None:
    rules = RuleSet([rule(MatchKind.ANY, reply="{{counter}}", max_matches=1)])
    for _ in range(3):
        assert rules.evaluate(b"x", dry_run=True)[0].reply == b"1"
    assert rules.evaluate(b"x")[0].reply == b"1"
    assert rules.evaluate(b"x") == []


def test_captures_in_replies_hex_and_checksums() -> None:
    rules = RuleSet([
        rule(MatchKind.HEX, "01 03 ?? ??", reply="01 03 02 {{1}} {{2}} {{crc16-modbus}}",
             reply_mode=Mode.HEX),
        rule(MatchKind.REGEX, r"(?P<cmd>\w+) (\d+)", reply="{{cmd}}={{2}}\\n"),
    ])
    assert rules.evaluate(b"\x01\x03\x00\x01")[0].reply == bytes.fromhex("0103020001 7984")
    assert rules.evaluate(b"get 42")[0].reply == b"get=42\n"


def test_reply_kind_follows_the_message_unless_set() -> None:
    rules = RuleSet([rule(MatchKind.ANY, reply="r", message_kind=MessageKind.TEXT),
                     rule(MatchKind.ANY, reply="b", reply_kind=MessageKind.TEXT)])
    assert rules.evaluate(b"x", FrameKind.TEXT)[0].reply_kind is FrameKind.TEXT
    hit = rules.evaluate(b"x", FrameKind.BINARY)[0]
    assert hit.index == 1 and hit.reply_kind is FrameKind.TEXT
    assert rules.evaluate(b"x", FrameKind.DATA)[0].reply_kind is FrameKind.TEXT
    plain = RuleSet([rule(MatchKind.ANY, reply="r")])
    assert plain.evaluate(b"x", FrameKind.DATA)[0].reply_kind is None
    assert plain.evaluate(b"x", FrameKind.BINARY)[0].reply_kind is FrameKind.BINARY


def test_a_capture_that_did_not_take_part_is_an_error_not_a_crash() -> None:
    rules = RuleSet([rule(MatchKind.REGEX, "a(b)?", reply="got {{1}}")])
    hit = rules.evaluate(b"a")[0]
    assert hit.reply is None and "no capture '1'" in hit.error


@pytest.mark.parametrize(("bad", "where", "text"), [
    (rule(MatchKind.REGEX, "(", name="broken"), "match", "rule 2 ('broken'), match:"),
    (rule(MatchKind.ANY, reply="{{2}}"), "reply", "unknown name '2'"),
    (rule(MatchKind.REGEX, "(x)", reply="ok", note="{{nope}}"), "note", "unknown name 'nope'"),
    (rule(MatchKind.ANY, delay_ms=-1), "delay", "must be 0 to"),
    (rule(MatchKind.ANY, max_matches=-1), "stop after", "0 (no limit)"),
    (rule(MatchKind.HEX, "zz"), "match", "'z' is not a hex digit"),
])
def test_errors_name_the_rule_and_the_field(bad: Rule, where: str, text: str) -> None:
    with pytest.raises(RuleError) as err:
        compile_rules([rule(MatchKind.ANY), bad])
    assert err.value.index == 1 and err.value.field == where
    assert text in str(err.value)


def test_the_engine_follows_each_entry_spec() -> None:
    import asyncio
    from dataclasses import replace

    from gui.automation.rules import RulesEngine
    from gui.session import SessionManager
    from gui.workspace.model import ConnectionSpec, Role

    async def main() -> None:
        manager = SessionManager()
        before = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                            rules=(rule(MatchKind.ANY, reply="a"),)))
        notes: list[str] = []
        engine = RulesEngine(manager, follow_specs=True,
                             note=lambda e, c, text: notes.append(text))
        after = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER))
        assert engine.rules(before.id) is not None and engine.rules(after.id) is None
        kept = engine.rules(before.id)
        manager.update(before, replace(before.spec))  # same rules: same compiled set
        assert engine.rules(before.id) is kept
        manager.update(after, replace(after.spec, rules=(rule(MatchKind.EXACT, "x"),)))
        ruleset = engine.rules(after.id)
        assert ruleset is not None and ruleset.evaluate(b"x")
        manager.update(after, replace(after.spec, rules=(rule(MatchKind.REGEX, "("),)))
        assert engine.rules(after.id) is None and "auto-reply rules off" in notes[0]
        await manager.remove(before)
        assert engine.rules(before.id) is None
        await engine.close()
        await manager.close_all()

    asyncio.run(main())

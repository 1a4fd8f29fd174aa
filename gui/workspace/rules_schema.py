"""Auto-reply rules in the workspace file (format version 3) ↔ :class:`~gui.automation.rules.Rule`.

A connection's ``rules`` is a list of objects, in order::

    {"name": "status", "enabled": true,
     "match": {"kind": "hex", "pattern": "01 03 ?? ??", "pattern_mode": "text",
               "escapes": true, "ignore_case": false, "message_kind": "any",
               "checksum": "crc16-modbus", "checksum_order": null, "checksum_start": 0},
     "reply": "01 03 02 {{1}} {{2}} {{crc16-modbus}}", "reply_mode": "hex",
     "reply_kind": "any", "delay_ms": 0, "note": "", "close": false,
     "max_matches": 0, "continue": false}

Every key but ``match.kind`` is optional.  Decoding compiles the rules with the connection's
encoding, so a bad pattern or template is reported with its JSON path and its line and column
(``connections[0].rules[1].reply: line 1, column 9: unknown name 'nope'…``).
"""

from __future__ import annotations

from typing import Any

from gui.automation.checksum import ALGORITHMS
from gui.automation.match import MatchKind, MatchSpec, MessageKind
from gui.automation.rule import Rule
from gui.automation.ruleset import MAX_DELAY_MS, RuleError, compile_rules
from gui.workspace.errors import WorkspaceError
from gui.workspace.fields import Fields, child_path
from transports.codec import Mode


def _decode_match(f: Fields) -> MatchSpec:
    d = MatchSpec()
    checksum = f.text("checksum", d.checksum)
    if checksum not in ALGORITHMS:
        raise f.fail("checksum", f"expected one of {', '.join(ALGORITHMS)}, found {checksum!r}")
    return MatchSpec(
        kind=f.enum("kind", MatchKind),
        pattern=f.text("pattern", d.pattern),
        pattern_mode=f.enum("pattern_mode", Mode, d.pattern_mode),
        escapes=f.flag("escapes", d.escapes),
        ignore_case=f.flag("ignore_case", d.ignore_case),
        message_kind=f.enum("message_kind", MessageKind, d.message_kind),
        checksum=checksum,
        checksum_order=f.choice("checksum_order", (None, "big", "little"), d.checksum_order),
        checksum_start=f.integer("checksum_start", d.checksum_start, minimum=0),
    )


def decode_rule(value: object, path: str) -> Rule:
    f = Fields(value, path)
    d = Rule()
    return Rule(
        name=f.text("name", d.name),
        enabled=f.flag("enabled", d.enabled),
        match=_decode_match(f.obj("match")),
        reply=f.text("reply", d.reply),
        reply_mode=f.enum("reply_mode", Mode, d.reply_mode),
        reply_kind=f.enum("reply_kind", MessageKind, d.reply_kind),
        delay_ms=f.integer("delay_ms", d.delay_ms, minimum=0, maximum=MAX_DELAY_MS),
        note=f.text("note", d.note),
        close=f.flag("close", d.close),
        max_matches=f.integer("max_matches", d.max_matches, minimum=0),
        continue_matching=f.flag("continue", d.continue_matching),
    )


def decode_rules(items: list[Any], path: str, encoding: str) -> tuple[Rule, ...]:
    """The rules at ``path`` (a JSON list already read), checked by compiling them."""
    rules = tuple(decode_rule(item, child_path(path, i)) for i, item in enumerate(items))
    try:
        compile_rules(rules, encoding)
    except RuleError as exc:
        key = {"match": "match.pattern", "stop after": "max_matches", "delay": "delay_ms"}.get(
            exc.field, exc.field)
        raise WorkspaceError(exc.problem, where=f"{child_path(path, exc.index)}.{key}") from None
    return rules


def encode_rule(rule: Rule) -> dict[str, Any]:
    m = rule.match
    return {
        "name": rule.name,
        "enabled": rule.enabled,
        "match": {"kind": MatchKind(m.kind).value, "pattern": m.pattern,
                  "pattern_mode": Mode(m.pattern_mode).value, "escapes": m.escapes,
                  "ignore_case": m.ignore_case,
                  "message_kind": MessageKind(m.message_kind).value, "checksum": m.checksum,
                  "checksum_order": m.checksum_order, "checksum_start": m.checksum_start},
        "reply": rule.reply,
        "reply_mode": Mode(rule.reply_mode).value,
        "reply_kind": MessageKind(rule.reply_kind).value,
        "delay_ms": rule.delay_ms,
        "note": rule.note,
        "close": rule.close,
        "max_matches": rule.max_matches,
        "continue": rule.continue_matching,
    }

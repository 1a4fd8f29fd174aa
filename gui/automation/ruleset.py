"""Compiling and evaluating a list of auto-reply rules (Qt-free, no I/O).

:func:`compile_rules` checks a list once (errors name the rule and the field, with the line and
column inside a pattern or template); :class:`RuleSet` evaluates received frames and says, per
frame, which rules hit and what they do (:class:`Hit`).  The engine that applies hits to live
connections is :mod:`gui.automation.rules`; the Rules panel's test box uses ``dry_run``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from gui.automation.match import Captures, Matcher, MatchError, MessageKind
from gui.automation.rule import Rule
from gui.automation.template import RenderError, Template, TemplateError, compile_template
from transports.codec import Mode
from transports.frames import FrameKind

MAX_DELAY_MS = 3_600_000
_REPLY_KINDS = {MessageKind.TEXT: FrameKind.TEXT, MessageKind.BINARY: FrameKind.BINARY}


class RuleError(ValueError):
    """A rule that cannot be compiled: ``index`` (0-based), ``field`` and where in it."""

    def __init__(self, index: int, name: str, field_name: str, message: str,
                 line: int = 0, column: int = 0) -> None:
        label = f"rule {index + 1}" + (f" ({name!r})" if name else "")
        super().__init__(f"{label}, {field_name}: {message}")
        self.problem = message
        self.index = index
        self.field = field_name
        self.line = line
        self.column = column


@dataclass
class CompiledRule:
    rule: Rule
    index: int
    matcher: Matcher
    reply: Template | None
    note: Template | None
    reply_kind: FrameKind | None
    matches: int = 0

    @property
    def exhausted(self) -> bool:
        return 0 < self.rule.max_matches <= self.matches


@dataclass(slots=True)
class Hit:
    """What one rule does for one frame: the reply bytes (None: no reply), the note text,
    whether to close, after how long.  ``error`` says why a reply could not be made.
    (Not frozen: one is made per matching frame, and a frozen dataclass costs a
    ``object.__setattr__`` call per field to build.)"""

    index: int
    rule: Rule
    captures: Captures
    reply: bytes | None
    reply_kind: FrameKind | None
    note: str
    close: bool
    delay: float
    error: str = ""
    last: bool = False  # the rule reached its "stop after N matches" with this one


def compile_rules(rules: Sequence[Rule], encoding: str = "utf-8",
                  escapes: bool = True) -> list[CompiledRule]:
    """Compile every rule (disabled ones too, so that errors show while editing)."""
    compiled = []
    for i, rule in enumerate(rules):
        def fail(field_name: str, exc: Exception, line: int = 0, column: int = 0,
                 rule: Rule = rule, i: int = i) -> RuleError:
            return RuleError(i, rule.name, field_name, str(exc), line, column)
        try:
            matcher = Matcher(rule.match, encoding)
        except MatchError as exc:
            raise fail("match", exc, exc.line, exc.column) from None
        if not 0 <= rule.delay_ms <= MAX_DELAY_MS:
            raise fail("delay", ValueError(f"must be 0 to {MAX_DELAY_MS} ms"))
        if rule.max_matches < 0:
            raise fail("stop after", ValueError("must be 0 (no limit) or more"))
        templates = []
        for field_name, text, mode in (("reply", rule.reply, rule.reply_mode),
                                       ("note", rule.note, Mode.TEXT)):
            try:
                templates.append(compile_template(text, mode, encoding, escapes,
                                                  captures=matcher.capture_names)
                                 if text else None)
            except TemplateError as exc:
                raise fail(field_name, exc, exc.line, exc.column) from None
        compiled.append(CompiledRule(rule, i, matcher, templates[0], templates[1],
                                     _REPLY_KINDS.get(MessageKind(rule.reply_kind))))
    return compiled


class RuleSet:
    """The compiled rules of one entry and their match counts."""

    def __init__(self, rules: Sequence[Rule], encoding: str = "utf-8") -> None:
        self.rules = tuple(rules)
        self.encoding = encoding
        self.compiled = compile_rules(rules, encoding)
        self._active = [c for c in self.compiled if c.rule.enabled]

    def evaluate(self, payload: bytes, kind: FrameKind = FrameKind.DATA,
                 *, dry_run: bool = False) -> list[Hit]:
        """The hits for one received frame, in rule order.  ``dry_run`` (the test box) leaves
        match counts and template counters as they were."""
        hits: list[Hit] = []
        for c in self._active:
            if c.exhausted:
                continue
            captures = c.matcher(payload, kind)
            if captures is None:
                continue
            if not dry_run:
                c.matches += 1
            hits.append(self._hit(c, captures, kind, dry_run))
            if not c.rule.continue_matching:
                break
        return hits

    def reset(self) -> None:
        for c in self.compiled:
            c.matches = 0
            for t in (c.reply, c.note):
                if t is not None:
                    t.reset()

    def _hit(self, c: CompiledRule, captures: Captures, kind: FrameKind, dry_run: bool) -> Hit:
        reply = None
        note = ""
        error = ""
        try:
            if c.reply is not None:
                counter = c.reply.counter
                reply = c.reply.render(captures)
                if dry_run:
                    c.reply.counter = counter
            if c.note is not None:
                note = c.note.render(captures).decode(self.encoding, "backslashreplace")
        except RenderError as exc:
            reply, error = None, str(exc)
        reply_kind = c.reply_kind
        if reply_kind is None and kind in (FrameKind.TEXT, FrameKind.BINARY):
            reply_kind = kind
        return Hit(c.index, c.rule, captures, reply, reply_kind, note, c.rule.close,
                   c.rule.delay_ms / 1000, error, c.exhausted and not dry_run)

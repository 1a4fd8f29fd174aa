"""Scenarios: ordered send/expect steps over a workspace's connections (Qt-free, immutable).

A :class:`Scenario` is a name and a tuple of steps.  Steps name connections by their workspace
name; the runner (:mod:`gui.automation.scenario_runner`) resolves them against a session.

Steps:
- :class:`Open` / :class:`Close` a connection (a server listens / stops listening).
- :class:`Send` a payload template (text or hex, ``{{…}}`` placeholders; scenario variables and
  the last expectation's captures are available as ``{{name}}``).
- :class:`Expect` a received frame that a matcher accepts, within ``timeout_ms``; frames that do
  not match are skipped (as ``expect`` in pexpect does).  ``store`` copies captures of the match
  into variables for later steps.
- :class:`ExpectNothing`: no frame (or none that the matcher accepts) for ``ms`` milliseconds.
- :class:`Wait` ``ms`` milliseconds.
- :class:`Repeat` a block ``count`` times.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from gui.automation import scenario_text as say
from gui.automation.checksum import algorithm
from gui.automation.match import Matcher, MatchKind, MatchSpec, MessageKind
from gui.automation.scenario_json import JsonEquals
from gui.automation.scenario_text import Text, text
from gui.automation.template import FUNCTION_NAMES
from transports.codec import Mode
from transports.frames import FrameKind

DEFAULT_EXPECT_MS = 5000
MAX_REPEAT = 1_000_000
MAX_MS = 24 * 3600 * 1000  # one day: anything longer is a typo
VARIABLE = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")


FrameMatcher = Callable[[bytes, FrameKind], dict[str, bytes] | None]
"""A compiled matcher: ``matcher(payload, kind)`` → the captures (``"0"`` = the match) or None."""

ExpectMatch = MatchSpec | JsonEquals
"""What an :class:`Expect` step matches with: the rules' matchers, or a JSON value at a path."""


def compile_match(match: ExpectMatch, encoding: str) -> FrameMatcher:
    """The matcher for a connection with ``encoding``; MatchError/PathError when it is bad."""
    if isinstance(match, JsonEquals):
        return match.compile(encoding)
    return Matcher(match, encoding)


def describe_match(match: ExpectMatch) -> str:
    """``contains "OK"``, ``regex /^\\+(\\w+)/``, ``JSON /id = 1``… for step lines and reasons."""
    return str(match_text(match))


def match_text(match: ExpectMatch) -> Text:
    """:func:`describe_match` as a :class:`Text` (the window translates it)."""
    if isinstance(match, JsonEquals):
        shown = json.dumps(match.value, ensure_ascii=False)
        return (text(say.JSON_AT, path=match.path, value=shown) if match.path
                else text(say.JSON_DOCUMENT, value=shown))
    kind = MatchKind(match.kind)
    if kind is MatchKind.ANY:
        out = text(say.ANY_FRAME)
    elif kind is MatchKind.REGEX:
        out = text(say.REGEX, pattern=match.pattern)
    elif kind is MatchKind.HEX:
        out = text(say.HEX_PATTERN, pattern=match.pattern)
    elif kind in (MatchKind.CHECKSUM_VALID, MatchKind.CHECKSUM_INVALID):
        out = text(say.CHECKSUMS[kind.value], checksum=match.checksum)
    elif match.pattern_mode is Mode.HEX:
        out = text(say.HEX_PATTERNS[kind.value], pattern=match.pattern)
    else:
        out = text(say.TEXT_PATTERNS[kind.value], pattern=match.pattern)
    if match.ignore_case:
        out = text(say.ANY_CASE, match=out)
    if MessageKind(match.message_kind) is not MessageKind.ANY:
        out = text(say.MESSAGES[MessageKind(match.message_kind).value], match=out)
    return out


def variable_problem(name: str) -> str | None:
    """Why ``name`` cannot be a scenario variable (None: it can).  A variable is used as
    ``{{name}}`` in templates, so it must not be a template function or a checksum name."""
    if not VARIABLE.match(name):
        return "a variable name is letters, digits and _, not starting with a digit"
    shadowed = name.lower() in FUNCTION_NAMES
    if not shadowed:
        try:
            algorithm(name)
            shadowed = True
        except ValueError:
            pass
    if shadowed:
        return f"{{{{{name}}}}} is a template function or checksum; choose another name"
    return None


@dataclass(frozen=True)
class Open:
    connection: str
    timeout_ms: int = 10_000  # give up opening after this (clients)

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        return text(say.OPEN, connection=self.connection)


@dataclass(frozen=True)
class Close:
    connection: str

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        return text(say.CLOSE, connection=self.connection)


@dataclass(frozen=True)
class Send:
    connection: str
    payload: str  # a template, as typed
    mode: Mode = Mode.TEXT
    ws_kind: str = ""  # WebSocket: "text", "binary" or "" (the connection's default)

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        return text(say.SEND, payload=_short(self.payload), connection=self.connection)


@dataclass(frozen=True)
class Expect:
    connection: str
    match: ExpectMatch
    timeout_ms: int = DEFAULT_EXPECT_MS
    store: tuple[tuple[str, str], ...] = ()  # (variable, capture name or number)

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        stored = "".join(f", {var} = {{{{{cap}}}}}" for var, cap in self.store)
        return text(say.EXPECT, match=match_text(self.match), connection=self.connection,
                    ms=self.timeout_ms, stored=stored)


@dataclass(frozen=True)
class ExpectNothing:
    connection: str
    ms: int
    match: ExpectMatch | None = None  # None: no frame at all

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        if self.match is None:
            return text(say.EXPECT_NOTHING, connection=self.connection, ms=self.ms)
        return text(say.EXPECT_NOTHING_MATCHING, match=match_text(self.match),
                    connection=self.connection, ms=self.ms)


@dataclass(frozen=True)
class Wait:
    ms: int

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        return text(say.WAIT, ms=self.ms)


@dataclass(frozen=True)
class Repeat:
    count: int
    steps: tuple[Step, ...] = ()

    def describe(self) -> str:
        return str(self.text())

    def text(self) -> Text:
        return text(say.REPEAT, count=self.count, n=len(self.steps))


Step = Open | Close | Send | Expect | ExpectNothing | Wait | Repeat
STEP_TYPES: tuple[type, ...] = (Open, Close, Send, Expect, ExpectNothing, Wait, Repeat)


@dataclass(frozen=True)
class Scenario:
    name: str
    steps: tuple[Step, ...] = ()
    description: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False)

    def connections(self) -> list[str]:
        """The connection names the steps use, in first-use order."""
        names: list[str] = []
        for step in walk(self.steps):
            name = getattr(step, "connection", None)
            if isinstance(name, str) and name not in names:
                names.append(name)
        return names


def walk(steps: tuple[Step, ...]) -> list[Step]:
    """Every step, depth first (a Repeat, then its block)."""
    out: list[Step] = []
    for step in steps:
        out.append(step)
        if isinstance(step, Repeat):
            out.extend(walk(step.steps))
    return out


def _short(payload: str, limit: int = 40) -> str:
    text = payload if len(payload) <= limit else payload[:limit - 1] + "…"
    return f'"{text}"'

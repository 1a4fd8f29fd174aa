"""The ``scenarios`` of a workspace document (format version 3) ↔ Scenario values, validated.

A document's ``scenarios`` is a list of ``{"name", "description", "steps"}``; a step is an
object whose ``do`` says what it is::

    {"do": "open", "connection": "PLC", "timeout_ms": 10000}
    {"do": "close", "connection": "PLC"}
    {"do": "send", "connection": "PLC", "payload": "01 03 {{crc16-modbus}}", "mode": "hex",
     "ws_kind": ""}
    {"do": "expect", "connection": "PLC", "match": {…}, "timeout_ms": 5000,
     "store": {"value": "1"}}
    {"do": "expect_nothing", "connection": "PLC", "ms": 500, "match": null}
    {"do": "wait", "ms": 100}
    {"do": "repeat", "count": 3, "steps": [ … ]}

A ``match`` is the rules' matcher (``{"kind": "regex", "pattern": "…", …}``, the fields of
:class:`~gui.automation.match.MatchSpec`) or ``{"kind": "json", "path": "/id", "value": 1}``.

What a run would trip on is checked when the file loads, with the JSON path: a template or
pattern that does not compile for its connection's encoding (line and column), a capture name
to store that is not a variable name, an unknown key in a step (a typo such as ``timeout``
must not pass unnoticed).  A step naming no connection (or a name two connections share) does
not stop the file from loading — the window must be able to save after a rename — but
:func:`unresolved` lists them with their paths, and ``sockscope-cli run`` refuses to start.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from gui.automation.connection_refs import dangling
from gui.automation.match import MatchError, MatchKind, MatchSpec, MessageKind
from gui.automation.scenario import (
    MAX_MS,
    MAX_REPEAT,
    Close,
    Expect,
    ExpectMatch,
    ExpectNothing,
    Open,
    Repeat,
    Scenario,
    Send,
    Step,
    Wait,
    compile_match,
    variable_problem,
)
from gui.automation.scenario_json import JsonEquals, PathError
from gui.automation.template import TemplateError, compile_template
from gui.workspace.errors import WorkspaceError
from gui.workspace.fields import MISSING, Fields, child_path
from gui.workspace.model import Workspace
from transports.codec import Mode

MAX_DEPTH = 8  # repeats inside repeats
DEFAULT_ENCODING = "utf-8"
JSON_KIND = "json"
_MATCH_KINDS = (*(k.value for k in MatchKind), JSON_KIND)
_WS_KINDS = ("", "text", "binary")
_ORDERS = (None, "big", "little")


class _Context:
    """The connections' encodings by name, to check templates and patterns."""

    def __init__(self, encodings: Mapping[str, list[str]]) -> None:
        self.encodings = encodings

    def encoding(self, f: Fields, key: str) -> tuple[str, str]:
        """The connection name, and the encoding of the one connection so named (else
        UTF-8: a name that resolves to no connection, or to two, is reported by
        :func:`unresolved`, not refused here, so that a window can always save)."""
        name = f.text(key)
        found = self.encodings.get(name, [])
        return name, found[0] if len(found) == 1 else DEFAULT_ENCODING


def unresolved(workspace: Workspace) -> list[WorkspaceError]:
    """Steps whose connection name matches no connection, or several (what a run refuses):
    each error names the scenario, the step number and the connection, ``where`` is the JSON
    path of the step's ``connection``."""
    names = [spec.name for spec in workspace.connections]
    return [WorkspaceError(str(problem), where=f"{problem.ref.path}.connection")
            for problem in dangling(workspace.scenarios, names)]


def decode_scenarios(items: list[Any], path: str,
                     encodings: Mapping[str, list[str]]) -> tuple[Scenario, ...]:
    """``encodings``: each connection name → the encodings of the connections so named."""
    scenarios = []
    names: set[str] = set()
    for i, item in enumerate(items):
        scenario = decode_scenario(item, child_path(path, i), encodings)
        if scenario.name in names:
            raise WorkspaceError(f"another scenario is already named {scenario.name!r}",
                                 where=child_path(child_path(path, i), "name"))
        names.add(scenario.name)
        scenarios.append(scenario)
    return tuple(scenarios)


def decode_scenario(item: object, path: str, encodings: Mapping[str, list[str]]) -> Scenario:
    """One scenario object (the window's editor uses this too)."""
    f = Fields(item, path)
    name = f.text("name")
    if not name.strip():
        raise f.fail("name", "expected a scenario name, found an empty string")
    steps = _decode_steps(f, "steps", _Context(encodings), 0)
    scenario = Scenario(name, steps, f.text("description", ""))
    _refuse_unknown(f.unknown(), path)
    return scenario


def encode_scenario(scenario: Scenario) -> dict[str, Any]:
    return {"name": scenario.name, "description": scenario.description,
            "steps": [encode_step(step) for step in scenario.steps]}


def _decode_steps(f: Fields, key: str, context: _Context, depth: int) -> tuple[Step, ...]:
    if depth > MAX_DEPTH:
        raise f.fail(key, f"repeats are nested more than {MAX_DEPTH} deep")
    path = f.at(key)
    return tuple(_decode_step(Fields(item, child_path(path, i)), context, depth)
                 for i, item in enumerate(f.items(key, ())))


def _decode_step(f: Fields, context: _Context, depth: int) -> Step:
    kind = f.choice("do", tuple(_STEP_DECODERS))
    step = _STEP_DECODERS[kind](f, context, depth)
    _refuse_unknown(f.unknown(), f.path)  # a typo ("timeout") must not pass unnoticed
    return step


def _refuse_unknown(unknown: Mapping[str, Any], path: str) -> None:
    for key, value in unknown.items():
        if key in ("match", "store") and isinstance(value, dict):  # unknown keys inside
            _refuse_unknown(value, child_path(path, key))
            continue
        raise WorkspaceError(f"unknown key {key!r}", where=child_path(path, key))


def _open(f: Fields, context: _Context, depth: int) -> Step:
    name, _ = context.encoding(f, "connection")
    return Open(name, f.integer("timeout_ms", 10_000, minimum=1, maximum=MAX_MS))


def _close(f: Fields, context: _Context, depth: int) -> Step:
    name, _ = context.encoding(f, "connection")
    return Close(name)


def _send(f: Fields, context: _Context, depth: int) -> Step:
    name, encoding = context.encoding(f, "connection")
    payload = f.text("payload")
    mode = f.enum("mode", Mode, Mode.TEXT)
    try:
        compile_template(payload, mode, encoding)
    except TemplateError as exc:
        raise f.fail("payload", str(exc)) from None
    return Send(name, payload, mode, f.choice("ws_kind", _WS_KINDS, ""))


def _store(f: Fields) -> tuple[tuple[str, str], ...]:
    g = f.obj("store")
    pairs = []
    for variable in list(g.data):
        problem = variable_problem(variable)
        if problem is not None:
            raise g.fail(variable, problem)
        pairs.append((variable, g.text(variable)))
    return tuple(pairs)


def _expect(f: Fields, context: _Context, depth: int) -> Step:
    name, encoding = context.encoding(f, "connection")
    match = decode_match(f.obj("match"), encoding, required=True)
    assert match is not None
    return Expect(name, match, f.integer("timeout_ms", 5000, minimum=1, maximum=MAX_MS),
                  _store(f))


def _expect_nothing(f: Fields, context: _Context, depth: int) -> Step:
    name, encoding = context.encoding(f, "connection")
    match = None if f.raw("match", None) is None else decode_match(f.obj("match"), encoding)
    return ExpectNothing(name, f.integer("ms", MISSING, minimum=1, maximum=MAX_MS), match)


def _wait(f: Fields, context: _Context, depth: int) -> Step:
    return Wait(f.integer("ms", MISSING, minimum=0, maximum=MAX_MS))


def _repeat(f: Fields, context: _Context, depth: int) -> Step:
    count = f.integer("count", MISSING, minimum=1, maximum=MAX_REPEAT)
    return Repeat(count, _decode_steps(f, "steps", context, depth + 1))


_STEP_DECODERS: dict[str, Callable[[Fields, _Context, int], Step]] = {
    "open": _open, "close": _close, "send": _send, "expect": _expect,
    "expect_nothing": _expect_nothing, "wait": _wait, "repeat": _repeat,
}


def decode_match(f: Fields, encoding: str, *, required: bool = False) -> ExpectMatch | None:
    """A matcher object, compiled once for ``encoding`` to report a bad pattern here."""
    kind = f.choice("kind", _MATCH_KINDS, MISSING if required else "any")
    match: ExpectMatch
    if kind == JSON_KIND:
        try:
            match = JsonEquals(f.text("path"), f.raw("value"))
        except PathError as exc:
            raise f.fail("path", str(exc)) from None
        return match
    d = MatchSpec()
    match = MatchSpec(
        kind=MatchKind(kind), pattern=f.text("pattern", d.pattern),
        pattern_mode=f.enum("pattern_mode", Mode, d.pattern_mode),
        escapes=f.flag("escapes", d.escapes), ignore_case=f.flag("ignore_case", d.ignore_case),
        message_kind=f.enum("message_kind", MessageKind, d.message_kind),
        checksum=f.text("checksum", d.checksum),
        checksum_order=f.choice("checksum_order", _ORDERS, d.checksum_order),
        checksum_start=f.integer("checksum_start", d.checksum_start, minimum=0))
    try:
        compile_match(match, encoding)
    except MatchError as exc:
        field = "checksum" if match.kind in (MatchKind.CHECKSUM_VALID,
                                             MatchKind.CHECKSUM_INVALID) else "pattern"
        raise f.fail(field, str(exc)) from None
    return match


# -- encoding ---------------------------------------------------------------------------------

def encode_match(match: ExpectMatch) -> dict[str, Any]:
    if isinstance(match, JsonEquals):
        return {"kind": JSON_KIND, "path": match.path, "value": match.value}
    return {"kind": MatchKind(match.kind).value, "pattern": match.pattern,
            "pattern_mode": Mode(match.pattern_mode).value, "escapes": match.escapes,
            "ignore_case": match.ignore_case,
            "message_kind": MessageKind(match.message_kind).value,
            "checksum": match.checksum, "checksum_order": match.checksum_order,
            "checksum_start": match.checksum_start}


def encode_step(step: Step) -> dict[str, Any]:
    if isinstance(step, Open):
        return {"do": "open", "connection": step.connection, "timeout_ms": step.timeout_ms}
    if isinstance(step, Close):
        return {"do": "close", "connection": step.connection}
    if isinstance(step, Send):
        return {"do": "send", "connection": step.connection, "payload": step.payload,
                "mode": step.mode.value, "ws_kind": step.ws_kind}
    if isinstance(step, Expect):
        return {"do": "expect", "connection": step.connection, "match": encode_match(step.match),
                "timeout_ms": step.timeout_ms, "store": dict(step.store)}
    if isinstance(step, ExpectNothing):
        return {"do": "expect_nothing", "connection": step.connection, "ms": step.ms,
                "match": None if step.match is None else encode_match(step.match)}
    if isinstance(step, Wait):
        return {"do": "wait", "ms": step.ms}
    return {"do": "repeat", "count": step.count, "steps": [encode_step(s) for s in step.steps]}


def encode_scenarios(scenarios: tuple[Scenario, ...]) -> list[dict[str, Any]]:
    return [encode_scenario(s) for s in scenarios]


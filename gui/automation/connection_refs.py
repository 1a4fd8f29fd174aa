"""Scenario steps name connections by their workspace name: find, rename and check those
references (Qt-free).

- :func:`references` lists the steps that name a connection (for "deleting X leaves these
  steps without a connection").
- :func:`rename_connection` rewrites every step naming ``old`` to name ``new`` (what a rename
  in the window does, in one change).
- :func:`dangling` lists the steps whose name matches no connection, or several (what a run
  refuses), each with the scenario, the step number and the name, so that the window, the CLI
  and the runner can all say "scenario 'x', step 4.2: no connection is named 'PLC'".
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from gui.automation import scenario_text as say
from gui.automation.scenario import Repeat, Scenario, Step, Wait
from gui.automation.scenario_text import Text


@dataclass(frozen=True)
class StepRef:
    """A step of a scenario: its number as the runner and the Scenarios panel show it
    (``"3"``, ``"4.2"`` for step 2 of the block of step 4) and its JSON path in a workspace
    document (``scenarios[1].steps[3].steps[1]``)."""

    scenario: str
    number: str
    path: str
    step: Step

    @property
    def connection(self) -> str | None:
        name = getattr(self.step, "connection", None)
        return name if isinstance(name, str) else None


def step_refs(scenarios: Sequence[Scenario]) -> list[StepRef]:
    """Every step of every scenario, depth first (a Repeat, then its block)."""
    out: list[StepRef] = []
    for i, scenario in enumerate(scenarios):
        _walk(scenario.name, scenario.steps, "", f"scenarios[{i}].steps", out)
    return out


def _walk(scenario: str, steps: tuple[Step, ...], prefix: str, path: str,
          out: list[StepRef]) -> None:
    for index, step in enumerate(steps):
        number, here = f"{prefix}{index + 1}", f"{path}[{index}]"
        out.append(StepRef(scenario, number, here, step))
        if isinstance(step, Repeat):
            _walk(scenario, step.steps, f"{number}.", f"{here}.steps", out)


def references(scenarios: Sequence[Scenario], name: str) -> list[StepRef]:
    """The steps that name the connection ``name``."""
    return [ref for ref in step_refs(scenarios) if ref.connection == name]


def group_by_scenario(refs: Iterable[StepRef]) -> dict[str, list[str]]:
    """Scenario name → its step numbers, in order (``{"read": ["1", "3", "4.2"]}``)."""
    out: dict[str, list[str]] = {}
    for ref in refs:
        out.setdefault(ref.scenario, []).append(ref.number)
    return out


def rename_connection(scenarios: tuple[Scenario, ...], old: str, new: str
                      ) -> tuple[tuple[Scenario, ...], int]:
    """``scenarios`` with every step naming ``old`` naming ``new``; and how many steps changed
    (0: the same tuple is returned)."""
    if old == new:
        return scenarios, 0
    changed = 0

    def steps_of(steps: tuple[Step, ...]) -> tuple[Step, ...]:
        nonlocal changed
        out: list[Step] = []
        for step in steps:
            if isinstance(step, Repeat):
                step = dataclasses.replace(step, steps=steps_of(step.steps))
            elif not isinstance(step, Wait) and step.connection == old:
                step = dataclasses.replace(step, connection=new)
                changed += 1
            out.append(step)
        return tuple(out)

    renamed = tuple(dataclasses.replace(s, steps=steps_of(s.steps)) for s in scenarios)
    return (renamed, changed) if changed else (scenarios, 0)


@dataclass(frozen=True)
class Dangling:
    """A step whose connection name matches ``count`` connections (0: none; 2 or more: it
    cannot tell which); ``known`` are the workspace's connection names."""

    ref: StepRef
    count: int
    known: tuple[str, ...]

    @property
    def connection(self) -> str:
        return self.ref.connection or ""

    @property
    def text(self) -> Text:
        """What is wrong (the window translates it)."""
        name = repr(self.connection)
        if self.count == 0:
            known = ", ".join(repr(n) for n in self.known) or "none"
            return Text(say.NO_CONNECTION, {"name": name, "known": known})
        return Text(say.SHARED_NAME, {"count": self.count, "name": name})

    @property
    def problem(self) -> str:
        """What is wrong, in English."""
        return str(self.text)

    def __str__(self) -> str:
        return f"scenario {self.ref.scenario!r}, step {self.ref.number}: {self.problem}"


def dangling(scenarios: Sequence[Scenario], names: Iterable[str]) -> list[Dangling]:
    """The steps of ``scenarios`` whose connection is not exactly one of ``names`` (the
    workspace's connection names, in order, duplicates included)."""
    refs = [ref for ref in step_refs(scenarios) if ref.connection is not None]
    if not refs:
        return []
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    known = tuple(counts)
    return [Dangling(ref, counts.get(ref.connection or "", 0), known)
            for ref in refs if counts.get(ref.connection or "") != 1]

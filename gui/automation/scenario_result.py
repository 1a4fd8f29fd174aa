"""What a scenario run reports (Qt-free): each step's :class:`StepResult` as it runs and ends,
and the :class:`ScenarioResult` of the whole run."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field

from gui.automation.scenario import Scenario, Step
from gui.automation.scenario_text import Text
from transports.codec import escape_bytes


class Status(enum.Enum):
    PENDING = "pending"
    RUNNING = "running"
    PASSED = "passed"
    FAILED = "failed"
    ERROR = "error"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class StepResult:
    number: str  # "3", "4.2" (step 2 of the block of step 4)
    step: Step
    status: Status
    reason: str = ""
    elapsed: float = 0.0
    frame: bytes | None = None  # the matching frame, or the last one that did not match
    iteration: str = ""  # inside a Repeat: "2/5" (nested: "2/5, 1/3")
    entry_id: int | None = None
    rows: tuple[int, int] = (0, 0)  # the entry's log.total before and after the step
    why: Text | None = None  # ``reason`` as a Text the window translates (None: English only)

    @property
    def label(self) -> str:
        return f"{self.number} ({self.iteration})" if self.iteration else self.number


@dataclass
class ScenarioResult:
    scenario: Scenario
    steps: list[StepResult] = field(default_factory=list)
    elapsed: float = 0.0

    @property
    def status(self) -> Status:
        states = {s.status for s in self.steps}
        for worst in (Status.ERROR, Status.FAILED):
            if worst in states:
                return worst
        return Status.PASSED


def preview(data: bytes, limit: int = 60) -> str:
    text = escape_bytes(data[:limit])
    return f'"{text}"' + (f"… ({len(data)} bytes)" if len(data) > limit else "")

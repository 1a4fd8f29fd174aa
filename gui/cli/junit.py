"""JUnit XML for a run: one ``<testsuite>`` per scenario, one ``<testcase>`` per step run.

The shape CI systems (Jenkins, GitLab, GitHub actions that publish test reports) and
junitparser read: ``<testsuites>`` with totals; in each case a ``<failure>`` (the peer did not
answer as expected), ``<error>`` (a connection could not be used) or ``<skipped>`` element
whose ``message`` is the reason; the frame that did not match goes in the element's text as a
hex dump.  Written atomically (gui.capture's AtomicFile: a temporary file renamed over the target).
"""

from __future__ import annotations

import socket
import xml.etree.ElementTree as ET
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path

from gui.atomic_file import AtomicFile
from gui.automation.scenario_result import ScenarioResult, Status, StepResult
from transports.codec import hexdump

_ELEMENTS = {Status.FAILED: "failure", Status.ERROR: "error", Status.SKIPPED: "skipped"}


def _counts(results: Sequence[StepResult]) -> Mapping[str, str]:
    def count(status: Status) -> str:
        return str(sum(1 for r in results if r.status is status))

    return {"tests": str(len(results)), "failures": count(Status.FAILED),
            "errors": count(Status.ERROR), "skipped": count(Status.SKIPPED),
            "time": f"{sum(r.elapsed for r in results):.3f}"}


def _case(suite: ET.Element, scenario: str, result: StepResult) -> None:
    case = ET.SubElement(suite, "testcase", classname=scenario,
                         name=f"{result.label} {result.step.describe()}",
                         time=f"{result.elapsed:.3f}")
    element = _ELEMENTS.get(result.status)
    if element is None:
        return
    detail = ET.SubElement(case, element, message=result.reason)
    if element != "skipped":
        detail.set("type", result.status.value)
        text = result.reason
        if result.frame is not None:
            label = "frame" if result.status is Status.FAILED else "payload"
            text += f"\n\n{label} ({len(result.frame)} bytes):\n{hexdump(result.frame[:4096])}"
        detail.text = text


def build(results: Sequence[ScenarioResult], started: datetime | None = None) -> ET.Element:
    started = started or datetime.now(UTC)
    every = [step for r in results for step in r.steps]
    root = ET.Element("testsuites", {"name": "sockscope", **_counts(every)})
    for result in results:
        suite = ET.SubElement(root, "testsuite", {
            "name": result.scenario.name, "timestamp": started.isoformat(timespec="seconds"),
            "hostname": socket.gethostname(), **_counts(result.steps)})
        suite.set("time", f"{result.elapsed:.3f}")
        for step in result.steps:
            _case(suite, result.scenario.name, step)
    return root


def write(results: Sequence[ScenarioResult], path: Path,
          started: datetime | None = None) -> None:
    """Write the report atomically; OSError when the folder cannot be written."""
    root = build(results, started)
    ET.indent(root)
    data = ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
    target = AtomicFile(path)
    try:
        target.write(data)
    except BaseException:
        target.discard()
        raise
    target.commit()

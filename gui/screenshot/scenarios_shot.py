"""``python -m gui.screenshot.scenarios_shot out.png [--lang zh_CN]``: the Scenarios panel.

Opens resources/workspaces/scenarios.sockscope (the demo's echo servers with two scenarios) on
free ports, starts the servers, adds a scenario that expects a wrong answer, runs "TCP echo"
and the wrong one, and shows the failed step's reason and its frame in the log.
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt

from gui.automation.match import MatchKind, MatchSpec
from gui.automation.scenario import Close, Expect, Open, Scenario, Send
from gui.main_window import MainWindow
from gui.screenshot.harness import run_shot
from gui.workspace import Role, load
from transports.url import parse_url

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "workspaces" / "scenarios.sockscope"
WRONG = Scenario("wrong answer", (
    Open("TCP echo client"), Send("TCP echo client", "ping\\n"),
    Send("TCP echo client", "status?\\n"),
    Expect("TCP echo client", MatchSpec(MatchKind.EXACT, "pong"), 500),
    Close("TCP echo client")), "expects an answer an echo server never gives")


async def stage(window: MainWindow) -> None:
    manager = window.manager
    example = load(EXAMPLE)
    bound: dict[str, str] = {}
    for spec in example.connections:  # servers on free ports, clients pointed at them
        if spec.role is Role.SERVER:
            url = spec.url.replace(f":{parse_url(spec.url).port}", ":0")
            entry = manager.add(dataclasses.replace(spec, url=url))
            await manager.connect(entry)
            bound[spec.url] = entry.address
        else:
            manager.add(dataclasses.replace(spec, url=bound[spec.url]))
    window.scenarios.set_scenarios((*example.scenarios, WRONG))
    window.resize(2000, 1000)
    await asyncio.sleep(0.1)
    window.resizeDocks([window.scenarios.dock], [720], Qt.Orientation.Horizontal)
    window.resizeDocks([window.dock], [330], Qt.Orientation.Horizontal)
    panel = window.scenarios.panel
    task = window.scenarios.run("TCP echo")
    if task is not None:
        await task
    panel.combo.setCurrentIndex(panel.combo.findData("wrong answer"))
    task = window.scenarios.run("wrong answer")
    if task is not None:
        await task
    await asyncio.sleep(0.3)  # a model flush
    failed = panel.tree.topLevelItem(3)
    if failed is not None:
        panel.tree.setCurrentItem(failed)
        panel.tree.itemClicked.emit(failed, 1)


def main(argv: list[str] | None = None) -> int:
    return run_shot(stage, "python -m gui.screenshot.scenarios_shot", __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())

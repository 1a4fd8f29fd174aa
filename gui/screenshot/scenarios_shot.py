"""``python -m gui.screenshot.scenarios_shot out.png [--lang zh_CN]``: the Scenarios panel.

Opens resources/workspaces/scenarios.sockscope (the demo's echo servers with two scenarios) on
free ports, starts the servers, adds a scenario that expects a wrong answer, runs "TCP echo"
and the wrong one, and shows the failed step's reason and its frame in the log.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import Qt

from gui.app import application, resolve
from gui.automation.match import MatchKind, MatchSpec
from gui.automation.scenario import Close, Expect, Open, Scenario, Send
from gui.i18n import ENGLISH, LANGUAGES, install_translator
from gui.main_window import MainWindow
from gui.session import SessionManager
from gui.workspace import Role, load
from transports.url import parse_url

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "workspaces" / "scenarios.sockscope"
WRONG = Scenario("wrong answer", (
    Open("TCP echo client"), Send("TCP echo client", "ping\\n"),
    Send("TCP echo client", "status?\\n"),
    Expect("TCP echo client", MatchSpec(MatchKind.EXACT, "pong"), 500),
    Close("TCP echo client")), "expects an answer an echo server never gives")


async def capture(out: Path, wait: float) -> None:
    manager = SessionManager()
    window = MainWindow(manager)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: resolve(done))
    window.show()
    try:
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
        await asyncio.sleep(wait)
        if not window.grab().save(str(out)):
            raise OSError(f"cannot write {out}")
    finally:
        window.close()
        await done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.screenshot.scenarios_shot",
                                     description=__doc__)
    parser.add_argument("out", type=Path, help="the PNG file to write")
    parser.add_argument("--wait", type=float, default=0.5)
    parser.add_argument("--lang", choices=LANGUAGES, default=ENGLISH)
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = application()
    install_translator(app, args.lang)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(capture(args.out, args.wait))
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

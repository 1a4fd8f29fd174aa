"""``python -m gui.screenshot.rules_shot out.png [--lang zh_CN]``: the Rules panel at work.

Opens resources/workspaces/device-sim.sockscope (a simulated binary device answered by
auto-reply rules, and a tester), on a free port; starts the device, connects the tester, sends
its saved messages (two commands, an unknown one, a bad CRC), shows the device's log with the
rules' replies and notes, selects the "read status" rule and tests a frame in the test box.
"""

from __future__ import annotations

import asyncio
import dataclasses
from pathlib import Path

from PySide6.QtCore import Qt

from gui.main_window import MainWindow
from gui.screenshot.harness import run_shot
from gui.workspace import load
from transports.codec import parse_hex

EXAMPLE = Path(__file__).resolve().parents[2] / "resources" / "workspaces" / "device-sim.sockscope"


async def stage(window: MainWindow) -> None:
    manager = window.manager
    server_spec, tester_spec = load(EXAMPLE).connections
    device = manager.add(dataclasses.replace(server_spec, url="tcp://127.0.0.1:0"))
    await manager.connect(device)
    tester = manager.add(dataclasses.replace(
        tester_spec, url=f"tcp://127.0.0.1:{device.bound_port}"))
    await manager.connect(tester)
    for message in tester_spec.saved_messages:
        await manager.send(tester, parse_hex(message.payload))
        await asyncio.sleep(0.05)
    window.select_entry(device)
    window.dock.tree.expandAll()
    window.resize(2000, 960)
    await asyncio.sleep(0.1)
    window.resizeDocks([window.rules.dock], [640], Qt.Orientation.Horizontal)
    window.resizeDocks([window.dock], [330], Qt.Orientation.Horizontal)
    await asyncio.sleep(0.3)  # a model flush
    panel = window.rules.panel
    panel.table.selectRow(1)
    panel.table.setCurrentCell(1, 0)
    panel.test_hex.setChecked(True)
    panel.test_input.setText("01 7e 80")
    window.refresh_status()


def main(argv: list[str] | None = None) -> int:
    return run_shot(stage, "python -m gui.screenshot.rules_shot", __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m gui.screenshot.relay_shot out.png [--lang zh_CN]``: a relay at work.

A device (a TCP echo server), a relay in front of it with a latency fault towards the device
and a bandwidth limit back, and a client that talks through the relay; the relay's log shows
both ways of the pair, its fault dock the active faults, the composer its two sides.
"""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt

from gui.main_window import MainWindow
from gui.screenshot.harness import run_shot
from gui.workspace.model import ConnectionSpec, Role
from transports.options import Options
from transports.relay import Bandwidth, Latency, RelayConfig


async def stage(window: MainWindow) -> None:
    manager = window.manager
    device = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                        Options(name="Device (echo)", echo=True)))
    await manager.connect(device)
    relay = manager.add(ConnectionSpec(
        "tcp://127.0.0.1:0", Role.RELAY, Options(name="Relay to the device"),
        relay=RelayConfig(f"tcp://127.0.0.1:{device.bound_port}",
                          faults_up=(Latency(0.12, 0.02),),
                          faults_down=(Bandwidth(64 * 1024),))))
    await manager.connect(relay)
    app = manager.add(ConnectionSpec(f"tcp://127.0.0.1:{relay.bound_port}", Role.CLIENT,
                                     Options(name="App")))
    await manager.connect(app)
    for text in ("GET /status\r\n", "SET led=on\r\n", "温度?\r\n"):
        await manager.send(app, text.encode())
        await asyncio.sleep(0.2)
    window.select_entry(relay)
    window.dock.tree.expandAll()
    window.resize(2000, 960)
    await asyncio.sleep(0.1)
    window.resizeDocks([window.relays.dock], [560], Qt.Orientation.Horizontal)
    window.resizeDocks([window.dock], [360], Qt.Orientation.Horizontal)
    window.log_panel.display_combo.setCurrentIndex(
        window.log_panel.display_combo.findData("text"))
    window.composer.editor.setPlainText("PING\\r\\n")
    await asyncio.sleep(0.5)  # the replies, a model flush
    window.refresh_status()


def main(argv: list[str] | None = None) -> int:
    return run_shot(stage, "python -m gui.screenshot.relay_shot", __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())

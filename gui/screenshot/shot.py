"""``python -m gui.screenshot out.png [--wait SECONDS] [--lang zh_CN]``: the demo window with
traffic, grabbed (in English unless ``--lang`` says otherwise).

Starts the demo, connects its clients, sends a few messages (text, hex bytes, JSON) so the log
shows both directions, selects an echoed row so the detail pane is filled, and saves
``QWidget.grab()`` of the window.  Works offscreen and under Xvfb.
"""

from __future__ import annotations

import asyncio

from gui.app import open_demo
from gui.main_window import MainWindow
from gui.screenshot.harness import run_shot
from gui.session import Entry
from transports.codec import parse_hex

MESSAGES: tuple[bytes, ...] = (
    b"hello",
    parse_hex("68 65 6c 6c 6f 0d 0a"),
    b'{"op": "subscribe", "channel": "ticker", "id": 42}',
)


async def _until(predicate: object, limit: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + limit
    while not predicate():  # type: ignore[operator]
        if loop.time() > deadline:
            raise TimeoutError("the demo traffic did not arrive")
        await asyncio.sleep(0.02)


async def _traffic(window: MainWindow, client: Entry) -> None:
    manager = window.manager
    await manager.connect(client)
    for payload in MESSAGES:
        before = len(client.log)
        await manager.send(client, payload)
        await _until(lambda b=before: len(client.log) >= b + 2)


async def stage(window: MainWindow) -> None:
    demo = await open_demo(window)
    if demo.ws_client is not None:
        await _traffic(window, demo.ws_client)
    await _traffic(window, demo.tcp_client)
    window.select_entry(demo.tcp_client)
    window.dock.tree.expandAll()
    await asyncio.sleep(0.2)  # a model flush
    window.log_panel.select_row(len(demo.tcp_client.log) - 1)  # the JSON echo
    window.refresh_status()


def main(argv: list[str] | None = None) -> int:
    return run_shot(stage, "python -m gui.screenshot", __doc__, argv)


if __name__ == "__main__":
    raise SystemExit(main())

"""``python -m gui.screenshot out.png [--wait SECONDS] [--lang zh_CN]``: the demo window with
traffic, grabbed (in English unless ``--lang`` says otherwise).

Starts the demo, connects its clients, sends a few messages (text, hex bytes, JSON) so the log
shows both directions, selects an echoed row so the detail pane is filled, and saves
``QWidget.grab()`` of the window.  Works offscreen and under Xvfb.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

import qasync

from gui.app import application, open_demo, resolve
from gui.i18n import ENGLISH, LANGUAGES, install_translator
from gui.main_window import MainWindow
from gui.session import Entry, SessionManager
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


async def capture(out: Path, wait: float) -> None:
    manager = SessionManager()
    window = MainWindow(manager)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: resolve(done))
    window.show()
    try:
        demo = await open_demo(window)
        if demo.ws_client is not None:
            await _traffic(window, demo.ws_client)
        await _traffic(window, demo.tcp_client)
        window.select_entry(demo.tcp_client)
        window.dock.tree.expandAll()
        await asyncio.sleep(0.2)  # a model flush
        window.log_panel.select_row(len(demo.tcp_client.log) - 1)  # the JSON echo
        window.refresh_status()
        await asyncio.sleep(wait)
        if not window.grab().save(str(out)):
            raise OSError(f"cannot write {out}")
    finally:
        window.close()
        await done


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.screenshot", description=__doc__)
    parser.add_argument("out", type=Path, help="the PNG file to write")
    parser.add_argument("--wait", type=float, default=0.5,
                        help="seconds to let the window settle before the grab")
    parser.add_argument("--lang", choices=LANGUAGES, default=ENGLISH,
                        help="UI language of the shot (default: English)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = application()
    install_translator(app, args.lang)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(capture(args.out, args.wait))
    print(args.out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

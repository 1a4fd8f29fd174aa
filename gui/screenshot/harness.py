"""What every screenshot script shares: the command line, the app and its event loop, and a
main window that a script's ``stage`` fills before the window is grabbed to a PNG.

A script writes ``async def stage(window: MainWindow) -> None`` (open connections, send, select
and resize; ``window.manager`` is its SessionManager) and ends with
``raise SystemExit(run_shot(stage, "python -m gui.screenshot.NAME", __doc__))``.  Works
offscreen and under Xvfb.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

import qasync

from gui.app import application, resolve
from gui.i18n import ENGLISH, LANGUAGES, install_translator
from gui.main_window import MainWindow
from gui.session import SessionManager

Stage = Callable[[MainWindow], Awaitable[None]]


async def grab_window(out: Path, wait: float, stage: Stage) -> None:
    """Show a fresh main window, let ``stage`` set it up, wait ``wait`` seconds for it to
    settle, save ``QWidget.grab()`` of it to ``out`` (OSError if that fails), close it."""
    window = MainWindow(SessionManager())
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: resolve(done))
    window.show()
    try:
        await stage(window)
        await asyncio.sleep(wait)
        if not window.grab().save(str(out)):
            raise OSError(f"cannot write {out}")
    finally:
        window.close()
        await done


def run_shot(stage: Stage, prog: str, description: str | None,
             argv: list[str] | None = None) -> int:
    """``prog out.png [--wait SECONDS] [--lang zh_CN]``: run ``stage`` and write the PNG (in
    English unless ``--lang`` says otherwise); prints the file's name."""
    parser = argparse.ArgumentParser(prog=prog, description=description)
    parser.add_argument("out", type=Path, help="the PNG file to write")
    parser.add_argument("--wait", type=float, default=0.5,
                        help="seconds to let the window settle before the grab")
    parser.add_argument("--lang", choices=LANGUAGES, default=ENGLISH,
                        help="UI language of the shot (default: English)")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    app = application()
    install_translator(app, args.lang)
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        runner.run(grab_window(args.out, args.wait, stage))
    print(args.out)
    return 0

"""Start-up and shutdown: QApplication + qasync loop, the window, the demo, signals.

``main()`` returns 0 after the window closed cleanly: every connection closed, no task pending.
Ctrl+C in the terminal and SIGTERM close the window exactly as its close button does.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import signal
import sys
from pathlib import Path

import qasync
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from gui import APP_NAME
from gui.demo import Demo, start_demo
from gui.i18n import LANGUAGES, choose_language, install_translator
from gui.main_window import MainWindow
from gui.resource_files import WORKSPACES, resource_dir
from gui.session import SessionManager
from gui.workspace_controller import WorkspaceController

log = logging.getLogger(__name__)


USAGE_TEXT = """\
Sockscope tests TCP, UDP and WebSocket peers: open a connection or listen for one, send text or
hex, and watch every frame in hex and text with timestamps.

Without FILE it opens a demo: a TCP and a WebSocket echo server on free local ports, each with
a client.  Select a client, press Connect (F5), then Send (Ctrl+Enter): the echo shows up in
the log.  File > Save keeps your connections and saved messages in a .sockscope file."""


def _epilog() -> str:
    return ("examples:\n"
            "  sockscope                      the demo\n"
            "  sockscope lab.sockscope        open a saved workspace\n"
            "  sockscope --lang zh_CN         the window in Simplified Chinese (简体中文)\n\n"
            f"example workspaces: {resource_dir(WORKSPACES)}")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="sockscope", description=USAGE_TEXT, epilog=_epilog(),
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("workspace", nargs="?", type=Path, metavar="FILE",
                        help="a workspace file (.sockscope) to open instead of the demo")
    parser.add_argument("--no-demo", action="store_true",
                        help="start with an empty window instead of the demo")
    parser.add_argument("--lang", choices=LANGUAGES, default=None,
                        help="language of the window: en (English) or zh_CN (Simplified "
                             "Chinese); default: the last View > Language choice, else the "
                             "system's language")
    return parser.parse_args(argv)


def application(argv: list[str] | None = None) -> QApplication:
    """The QApplication (created once)."""
    app = QApplication.instance()
    if app is None:
        app = QApplication([sys.argv[0], *(argv or [])])
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setQuitOnLastWindowClosed(False)  # the window quits when its connections are closed
    return app


def install_signal_handlers(window: MainWindow,
                            controller: WorkspaceController | None = None) -> None:
    """SIGINT and SIGTERM close the window (the loop's self-pipe wakes Qt up); unsaved work is
    not asked about but kept in the recovery file."""
    loop = asyncio.get_running_loop()
    close = controller.force_close if controller is not None else window.close
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, close)
        except (NotImplementedError, RuntimeError, ValueError):  # not the main thread
            log.debug("cannot handle %s here", sig)


def attach_workspace(window: MainWindow, controller: WorkspaceController) -> None:
    """Wire a window's File menu, drops, close guard and signals to its document controller."""
    for action, slot in ((window.new_workspace_action, controller.new_workspace),
                         (window.open_action, controller.open_dialog),
                         (window.save_action, controller.save),
                         (window.save_as_action, controller.save_as_dialog)):
        action.setEnabled(True)
        action.triggered.connect(slot)
    window.modified.connect(controller.mark_dirty)
    window.workspace_dropped.connect(controller.open_path)
    window.setAcceptDrops(True)
    window.close_guard = controller.close_guard
    window.closed.connect(controller.window_closed)


async def open_demo(window: MainWindow) -> Demo:
    """Start the demo servers and select the TCP client (its draft says hello)."""
    demo = await start_demo(window.manager)
    window.select_entry(demo.tcp_client)
    window.composer.editor.setFocus()
    return demo


async def run_window(args: argparse.Namespace, missing_language: str | None = None) -> int:
    """Show the window and run until it closed; ``missing_language`` is a UI language that
    was asked for but whose translation could not be loaded (the status bar says so)."""
    manager = SessionManager()
    window = MainWindow(manager, workspace_path=args.workspace)
    controller = WorkspaceController(window)
    attach_workspace(window, controller)
    done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
    window.closed.connect(lambda: resolve(done))
    install_signal_handlers(window, controller)
    window.show()
    if missing_language is not None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "The %1 translation is missing: the window stays in English")
            .replace("%1", missing_language), 30_000)
    if args.workspace is not None:
        controller.open_path(args.workspace)
    elif not args.no_demo:
        demo_task = window.tasks.start(open_demo(window), "demo")
        demo_task.add_done_callback(lambda t: _report_demo(window, controller, t))
    controller.offer_recovery()
    await done
    return 0


def resolve(future: asyncio.Future[None]) -> None:
    if not future.done():
        future.set_result(None)


def _report_demo(window: MainWindow, controller: WorkspaceController,
                 task: asyncio.Task[Demo]) -> None:
    if task.cancelled():
        return
    if task.exception() is not None:
        window.statusBar().showMessage(QCoreApplication.translate(
            "MainWindow", "the demo did not start: %1").replace("%1", str(task.exception())),
            15_000)
    controller.mark_clean()  # the demo is a fresh, untitled workspace


def main(argv: list[str] | None = None) -> int:
    """The ``sockscope`` command and ``python -m gui``."""
    args = parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    app = application()
    wanted = choose_language(args.lang)
    missing = None if install_translator(app, wanted) == wanted else wanted
    with asyncio.Runner(loop_factory=lambda: qasync.QEventLoop(app)) as runner:
        return runner.run(run_window(args, missing))


if __name__ == "__main__":
    raise SystemExit(main())

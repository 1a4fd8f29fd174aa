"""``sockscope-cli`` (also ``python -m gui.cli``): Sockscope without a window.

Never imports PySide6 (an import-linter contract says so), so it runs where there is no display
and no Qt: ``serve`` starts a workspace's servers as a device simulator.

Exit status: 0 done, 2 the workspace file or one of its connections cannot be used (the message
is the one the window shows for the same problem), 130 interrupted before it started.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from gui.cli.headless import Unusable
from gui.cli.serve import EXIT_UNUSABLE, serve

PROG = "sockscope-cli"


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, found {text!r}") \
            from None
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds above 0, found {text}")
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog=PROG, description=__doc__.splitlines()[0])
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    serve_cmd = commands.add_parser(
        "serve", help="start the workspace's servers until Ctrl+C, SIGTERM or --duration",
        description="Start every server connection of the workspace (with its echo and rules) "
                    "and keep them listening until Ctrl+C, SIGTERM or --duration.")
    serve_cmd.add_argument("workspace", type=Path, metavar="FILE.sockscope")
    serve_cmd.add_argument("--duration", type=_seconds, metavar="S",
                           help="stop after S seconds (default: run until stopped)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return asyncio.run(serve(args.workspace, args.duration))
    except Unusable as exc:
        print(f"{PROG}: {exc}", file=sys.stderr, flush=True)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return 130

"""``sockscope-cli`` (also ``python -m gui.cli``): Sockscope without a window.

Never imports PySide6 (an import-linter contract says so), so it runs where there is no display
and no Qt: ``serve`` starts a workspace's servers as a device simulator; ``run`` runs the
workspace's send/expect scenarios against them (or against anything the workspace connects to).

Exit status: 0 done (every step passed), 1 a scenario step failed, 2 the workspace file or one of
its connections cannot be used (the message is the one the window shows for the same problem),
130 interrupted.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import sys
from pathlib import Path

from gui.cli.headless import Unusable
from gui.cli.run import EXIT_INTERRUPTED, RunOptions, run
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
    run_cmd = commands.add_parser(
        "run", help="run the workspace's scenarios; exit 0 passed, 1 failed, 2 unusable",
        description="Start the workspace's servers (with their echo and rules), run its "
                    "scenarios in file order and print one line per step. Exit status: 0 every "
                    "step passed, 1 a step failed, 2 the file or a connection could not be "
                    "used, 130 interrupted.")
    run_cmd.add_argument("workspace", type=Path, metavar="FILE.sockscope")
    run_cmd.add_argument("--scenario", action="append", default=[], metavar="NAME",
                         help="run this scenario (repeat for several; default: all)")
    run_cmd.add_argument("--junit", type=Path, metavar="PATH",
                         help="write a JUnit XML report (one testsuite per scenario, one "
                              "testcase per step)")
    run_cmd.add_argument("--timeout", type=_seconds, metavar="S",
                         help="fail a scenario still running after S seconds")
    run_cmd.add_argument("--capture", type=Path, metavar="PATH",
                         help="write the traffic (.pcapng, .jsonl, .csv, .bin by extension; "
                              "one file per connection when several carried traffic)")
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        if args.command == "serve":
            return asyncio.run(serve(args.workspace, args.duration))
        options = RunOptions(tuple(args.scenario), args.junit, args.capture, args.timeout)
        return asyncio.run(run(args.workspace, options))
    except Unusable as exc:
        print(f"{PROG}: {exc}", file=sys.stderr, flush=True)
        return EXIT_UNUSABLE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED

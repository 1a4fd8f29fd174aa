"""``sockscope-cli serve FILE [--duration S]``: the workspace's servers, headless.

A device simulator for someone else's CI: every server connection of the workspace listens (with
its echo and, once the workspace has them, its rules) until Ctrl+C, SIGTERM or ``--duration``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from gui.cli.headless import Headless, Unusable, load_workspace, wait_for_stop

EXIT_OK = 0
EXIT_UNUSABLE = 2


async def serve(path: Path, duration: float | None, out: TextIO = sys.stdout) -> int:
    """Serve until stopped; 0 after a clean stop, 2 when the file or a server is unusable."""
    workspace = load_workspace(path)
    session = Headless(workspace, out)
    try:
        if not session.servers:
            raise Unusable(f"{path}: the workspace has no server connection to serve")
        await session.start_servers()
        until = f"for {duration:g} s" if duration is not None else "until Ctrl+C or SIGTERM"
        session.say(f"serving {len(session.servers)} server(s) {until}")
        await wait_for_stop(duration, lambda name: session.say(f"{name}: stopping"))
    finally:
        await session.close()
    session.say("stopped")
    return EXIT_OK

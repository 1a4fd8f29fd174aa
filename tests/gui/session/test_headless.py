"""The session runs headless: a script with only Qt-free modules, under plain asyncio.run,
opens a server and a client, taps their frames and answers with offer()."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_a_headless_script_taps_frames_and_answers_with_offer() -> None:
    done = subprocess.run([sys.executable, "-m", "tests.gui.session.headless_offer"],
                          cwd=ROOT, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    reply_hex, qt_imported = done.stdout.split()
    assert bytes.fromhex(reply_hex) == b"re: ONE|re: TWO|re: THREE"
    assert qt_imported == "False"

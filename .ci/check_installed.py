"""CI: check a Sockscope installed from its wheel (not editable) in a fresh venv.

Run with that venv's python from a folder outside the checkout:
    python /path/to/.ci/check_installed.py /path/to/checkout
It fails (with a message) unless the installed package has the checkout's translations and
example workspaces, ``--lang zh_CN`` really turns the window Chinese, and the installed
``sockscope --help`` works and names the installed example folder.
"""

from __future__ import annotations

import importlib.resources
import os
import subprocess
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def fail(message: str) -> None:
    print(f"check_installed: FAILED: {message}", file=sys.stderr)
    raise SystemExit(1)


def main(checkout: Path) -> None:
    import gui
    from gui.resource_files import PACKAGE, TRANSLATIONS, WORKSPACES, resource_dir, resource_root

    package = Path(gui.__file__).resolve().parent
    if package == (checkout / "gui").resolve() or "site-packages" not in package.parts:
        fail(f"gui was imported from {package}, not from an installed wheel")
    shipped_tools = [name for name in ("bench", "screenshot") if (package / name).exists()]
    if shipped_tools:
        fail(f"the wheel ships gui.{shipped_tools[0]}, which runs from a checkout only")
    installed = Path(str(importlib.resources.files(PACKAGE)))
    if resource_root() != installed or installed != package / "resources":
        fail(f"data files are read from {resource_root()}, expected {installed}")

    for kind, suffix in ((TRANSLATIONS, ".qm"), (WORKSPACES, ".sockscope")):
        wanted = sorted(p.name for p in (checkout / "resources" / kind).glob("*" + suffix))
        have = sorted(p.name for p in resource_dir(kind).glob("*" + suffix))
        if not wanted or have != wanted:
            fail(f"{kind}: the wheel has {have}, the checkout {wanted}")

    from gui.workspace.io import load

    for path in sorted(resource_dir(WORKSPACES).glob("*.sockscope")):
        workspace = load(path)  # raises WorkspaceError naming the file
        if not workspace.connections:
            fail(f"{path} has no connections")

    from gui.app import application, parse_args
    from gui.i18n import choose_language, install_translator
    from gui.main_window import MainWindow
    from gui.session import SessionManager

    args = parse_args(["--lang", "zh_CN"])  # as `sockscope --lang zh_CN` starts
    app = application()
    if install_translator(app, choose_language(args.lang)) != "zh_CN":
        fail("--lang zh_CN did not load the Chinese translation")
    window = MainWindow(SessionManager())
    titles = [action.text() for action in window.menuBar().actions()]
    window.close()
    if titles[:2] != ["文件(&F)", "连接(&C)"]:
        fail(f"--lang zh_CN shows the menus {titles}")

    script = Path(sys.executable).parent / "sockscope"
    done = subprocess.run([str(script), "--help"], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "COLUMNS": "200"}, check=False)
    if done.returncode != 0 or not done.stdout.startswith("usage: sockscope"):
        fail(f"`sockscope --help` exited {done.returncode}: {done.stdout}{done.stderr}")
    if f"example workspaces: {resource_dir(WORKSPACES)}" not in done.stdout:
        fail(f"`sockscope --help` does not name {resource_dir(WORKSPACES)}")
    print(f"check_installed: ok: {package} (translations, {len(have)} example workspaces, "
          f"Chinese menus {titles[:2]}, sockscope --help)")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        fail("usage: check_installed.py CHECKOUT")
    main(Path(sys.argv[1]))

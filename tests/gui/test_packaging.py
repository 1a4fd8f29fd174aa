"""What the wheel ships: the app and the library, not the benchmark or the screenshot tool
(they run from a checkout).  Checked on the packages setuptools finds with pyproject's rules."""

from __future__ import annotations

import tomllib
from pathlib import Path

from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[2]


def test_wheel_packages_leave_out_bench_and_screenshot() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    find = config["tool"]["setuptools"]["packages"]["find"]
    packages = set(find_packages(str(ROOT), include=find["include"], exclude=find["exclude"]))
    assert {"gui", "gui.session", "gui.widgets", "gui.automation", "gui.capture", "gui.cli",
            "transports", "transports.aio", "transports.codec"} <= packages
    assert not {p for p in packages if p.startswith(("gui.bench", "gui.screenshot"))}
    # and every package of the checkout is either shipped or deliberately left out
    everything = set(find_packages(str(ROOT), include=find["include"]))
    assert everything - packages == {p for p in everything
                                     if p.startswith(("gui.bench", "gui.screenshot"))}

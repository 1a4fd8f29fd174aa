"""What pyproject.toml declares matches the source tree: every package ships (but the benchmark
and the screenshot tool), the data files install as ``gui.resources``, and the declared
versions are the ones this run uses."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
SETUPTOOLS = PYPROJECT["tool"]["setuptools"]


def _packages(top: str) -> list[str]:
    """The packages under ROOT/top: folders holding an ``__init__.py``."""
    return [".".join(init.parent.relative_to(ROOT).parts)
            for init in (ROOT / top).rglob("__init__.py")]


# They run from a checkout (python -m gui.bench, python -m gui.screenshot); not shipped.
LEFT_OUT = ("gui.bench", "gui.screenshot")


def test_every_package_of_the_source_tree_is_listed() -> None:
    code = [p for p in _packages("gui") + _packages("transports")
            if not p.startswith(LEFT_OUT)]
    data = [f"gui.resources.{folder.name}" for folder in (ROOT / "resources").iterdir()
            if folder.is_dir() and not folder.name.startswith((".", "_"))]
    expected = sorted([*code, "gui.resources", *data])
    listed = sorted(SETUPTOOLS["packages"])
    missing, stale = sorted(set(expected) - set(listed)), sorted(set(listed) - set(expected))
    assert not missing, f"add {missing} to [tool.setuptools] packages in pyproject.toml"
    assert not stale, f"remove {stale} from [tool.setuptools] packages in pyproject.toml"
    assert {"gui.session", "gui.widgets", "transports.aio"} <= set(listed)
    assert all(_packages(top.replace(".", "/")) for top in LEFT_OUT)  # still there to leave out


def test_every_data_file_is_package_data() -> None:
    assert SETUPTOOLS["package-dir"] == {"gui.resources": "resources"}
    patterns = SETUPTOOLS["package-data"]
    shipped: set[Path] = set()
    for package, globs in patterns.items():
        if not package.startswith("gui.resources"):
            continue
        folder = ROOT / "resources" / Path(*package.split(".")[2:])
        for pattern in globs:
            matched = set(folder.glob(pattern))
            assert matched, f"{package}: {pattern!r} matches no file in {folder}"
            shipped |= matched
    runtime = {p for p in (ROOT / "resources").rglob("*")
               if p.suffix in (".qm", ".sockscope")}
    assert runtime == shipped, f"not shipped: {sorted(map(str, runtime - shipped))}"


def test_the_running_websockets_is_in_the_declared_range() -> None:
    requirements = [Requirement(r) for r in PYPROJECT["project"]["dependencies"]]
    (websockets,) = [r for r in requirements if r.name == "websockets"]
    assert websockets.specifier.contains(version("websockets")), (
        f"websockets {version('websockets')} runs, but pyproject.toml declares {websockets}")


def test_license_is_an_spdx_expression() -> None:
    assert PYPROJECT["project"]["license"] == "MIT"
    assert any(r.startswith("setuptools>=77") for r in PYPROJECT["build-system"]["requires"])

"""CI: print the lowest version of a dependency that pyproject.toml admits (its ``>=`` or
``==`` bound), e.g. ``python .ci/lowest_version.py websockets`` → ``17.4``."""

from __future__ import annotations

import sys
import tomllib
from pathlib import Path

from packaging.requirements import Requirement


def lowest(name: str, pyproject: Path) -> str:
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    requirements = [Requirement(r) for r in project["dependencies"]]
    bounds = [spec.version for r in requirements if r.name == name
              for spec in r.specifier if spec.operator in (">=", "==", "~=")]
    if len(set(bounds)) != 1:
        raise SystemExit(f"{name}: expected one lower bound in {pyproject}, found {bounds}")
    return bounds[0]


if __name__ == "__main__":
    print(lowest(sys.argv[1], Path(__file__).resolve().parents[1] / "pyproject.toml"))

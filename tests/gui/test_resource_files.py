"""The data files are found in a source checkout and, through importlib.resources, in an
installed package (the wheel itself is installed and checked by .ci/check_installed.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from gui import resource_files
from gui.resource_files import TRANSLATIONS, WORKSPACES, resource_dir, resource_root

ROOT = Path(__file__).resolve().parents[2]


def test_a_checkout_reads_its_own_resources_folder() -> None:
    assert resource_root() == ROOT / "resources"
    assert (resource_dir(TRANSLATIONS) / "sockscope_zh_CN.qm").is_file()
    assert (resource_dir(WORKSPACES) / "demo.sockscope").is_file()


def test_an_installed_package_is_read_through_importlib_resources(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "site" / "installed_resources"
    (package / WORKSPACES).mkdir(parents=True)
    (package / "__init__.py").write_text("")
    (package / WORKSPACES / "x.sockscope").write_text("{}")
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    monkeypatch.setattr(resource_files, "PACKAGE", "installed_resources")
    monkeypatch.setattr(resource_files, "_CHECKOUT", tmp_path / "not-a-checkout")
    assert resource_root() == package
    assert [p.name for p in resource_dir(WORKSPACES).iterdir()] == ["x.sockscope"]


def test_a_folder_named_resources_is_not_taken_for_a_checkout(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """site-packages may hold some other distribution's top-level ``resources`` package."""
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "__init__.py").write_text("")
    monkeypatch.setattr(resource_files, "_CHECKOUT", tmp_path)
    assert resource_files._checkout_root() is None
    (tmp_path / "pyproject.toml").write_text("")
    assert resource_files._checkout_root() == tmp_path / "resources"

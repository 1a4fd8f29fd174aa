"""Where Sockscope's data files are: translations and example workspaces.  Qt-free.

The repository keeps them in the top-level ``resources/`` folder; pyproject.toml installs that
folder as the package ``gui.resources``, so an installed wheel reads them with
``importlib.resources``.  A source checkout (and an editable install, which runs a checkout)
reads its own ``resources/`` folder instead, so that a checkout's tests and ``python -m gui``
never pick up the data files of another checkout or an older install.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

PACKAGE = "gui.resources"
TRANSLATIONS = "translations"
WORKSPACES = "workspaces"
_CHECKOUT = Path(__file__).resolve().parent.parent


def _checkout_root() -> Path | None:
    """The checkout's ``resources/`` when this ``gui`` runs from a source tree, else None."""
    folder = _CHECKOUT / "resources"
    if (_CHECKOUT / "pyproject.toml").is_file() and (folder / "__init__.py").is_file():
        return folder
    return None


def resource_root() -> Path:
    """The folder holding ``translations/`` and ``workspaces/``."""
    checkout = _checkout_root()
    if checkout is not None:
        return checkout
    root = importlib.resources.files(PACKAGE)
    if not isinstance(root, Path):  # e.g. imported from a zip file
        raise RuntimeError(f"Sockscope's data files ({PACKAGE}) must be installed as files, "
                           f"not inside {root!r}: reinstall with pip")
    return root


def resource_dir(kind: str) -> Path:
    """The folder of one kind of data file: ``TRANSLATIONS`` or ``WORKSPACES``."""
    return resource_root() / kind

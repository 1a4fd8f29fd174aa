"""Sockscope's data files (translations, example workspaces).  No code: this marker lets the
folder install as the package ``gui.resources`` (see ``[tool.setuptools]`` in pyproject.toml)."""

"""Workspace documents: the model (Qt-free dataclasses), file IO, validation and migrations."""

from gui.workspace.model import (
    ComposerSettings,
    ConnectionSpec,
    PayloadMode,
    Role,
    SavedMessage,
    ViewSettings,
    WindowLayout,
    Workspace,
)

__all__ = [
    "ComposerSettings",
    "ConnectionSpec",
    "PayloadMode",
    "Role",
    "SavedMessage",
    "ViewSettings",
    "WindowLayout",
    "Workspace",
]

"""Workspace documents: the model (Qt-free dataclasses), file IO, validation and migrations."""

from gui.workspace.errors import WorkspaceError
from gui.workspace.io import (
    EXTENSION,
    discard_recovery,
    dumps,
    load,
    load_recovery,
    parse,
    recovery_path,
    save,
    save_recovery,
)
from gui.workspace.model import (
    ComposerSettings,
    ConnectionSpec,
    HistoryEntry,
    PayloadMode,
    Role,
    SavedMessage,
    ViewSettings,
    WindowLayout,
    Workspace,
)
from gui.workspace.secrets import fill_secrets, missing_secrets, without_secrets

__all__ = [
    "EXTENSION",
    "ComposerSettings",
    "ConnectionSpec",
    "HistoryEntry",
    "PayloadMode",
    "Role",
    "SavedMessage",
    "ViewSettings",
    "WindowLayout",
    "Workspace",
    "WorkspaceError",
    "discard_recovery",
    "dumps",
    "fill_secrets",
    "load",
    "load_recovery",
    "missing_secrets",
    "parse",
    "recovery_path",
    "save",
    "save_recovery",
    "without_secrets",
]

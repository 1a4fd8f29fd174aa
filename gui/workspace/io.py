"""Reading and writing workspace files: validated, migrated, saved atomically."""

from __future__ import annotations

import contextlib
import dataclasses
import json
from pathlib import Path

from gui.atomic_file import AtomicFile
from gui.resource_files import WORKSPACES, resource_dir
from gui.workspace.errors import WorkspaceError
from gui.workspace.migrations import CURRENT_VERSION, migrate
from gui.workspace.model import Workspace
from gui.workspace.schema import FORMAT, VERSION, decode, encode
from gui.workspace.secrets import without_any_secrets, writes_secrets

EXTENSION = ".sockscope"
MAX_FILE_SIZE = 32 << 20  # a workspace is a few KiB; anything this big is not one
RESOURCES = resource_dir(WORKSPACES)  # the example workspaces shipped with Sockscope
_RECOVERY_NAME = "recovery" + EXTENSION
_RECOVERY_KEY = "recovery_of"  # top-level key naming the file the recovered work belongs to

assert VERSION == CURRENT_VERSION, "schema.VERSION and the migration chain disagree"


def load(path: str | Path) -> Workspace:
    """Read a workspace file of any shipped version.  Raises WorkspaceError only."""
    path = Path(path)
    try:
        return _load(path)
    except WorkspaceError as exc:
        raise exc.in_file(str(path)) from exc.__cause__


def _load(path: Path) -> Workspace:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_SIZE:
            raise WorkspaceError(f"the file is {size / (1 << 20):.0f} MiB; a workspace file is "
                                 f"at most {MAX_FILE_SIZE >> 20} MiB (is this a workspace?)")
        data = path.read_bytes()
    except OSError as exc:
        raise WorkspaceError(f"cannot read the file: {exc.strerror or exc}") from None
    return parse(data)


def parse(data: bytes) -> Workspace:
    """A workspace from the bytes of a file (no file name in errors)."""
    if not data.strip():
        raise WorkspaceError("the file is empty")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise WorkspaceError(f"not UTF-8 text: byte 0x{data[exc.start]:02x} at offset "
                             f"{exc.start} (is this a workspace file?)") from None
    try:
        document = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        raise WorkspaceError(f"invalid JSON: {exc.msg}",
                             where=f"line {exc.lineno}, column {exc.colno}") from None
    except ValueError as exc:  # NaN/Infinity, or an integer with too many digits
        raise WorkspaceError(f"invalid JSON: {exc}") from None
    except RecursionError:
        raise WorkspaceError("invalid JSON: nested too deeply") from None
    if not isinstance(document, dict):
        raise WorkspaceError(f"expected a JSON object, found {_kind(document)}")
    found = document.get("format")
    if found != FORMAT:
        raise WorkspaceError(f"expected {FORMAT!r}, found {found!r} (not a Sockscope workspace)",
                             where="format")
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise WorkspaceError(f"expected a whole number ≥ 1, found {version!r}",
                             where="version")
    if version > CURRENT_VERSION:
        raise WorkspaceError(f"the file was written by a newer Sockscope (format version "
                             f"{version}); this Sockscope reads versions up to "
                             f"{CURRENT_VERSION}. Update Sockscope to open it.", where="version")
    try:
        return decode(migrate(document, version))
    except RecursionError:
        raise WorkspaceError("the document is nested too deeply") from None


def _refuse_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def dumps(workspace: Workspace) -> str:
    """The file text: sorted keys, 2-space indent, readable non-ASCII, final newline."""
    return json.dumps(encode(workspace), sort_keys=True, indent=2, ensure_ascii=False,
                      allow_nan=False) + "\n"


def save(workspace: Workspace, path: str | Path) -> None:
    """Write atomically: a temporary file in the same folder, flushed and fsynced, renamed over
    the target.  A crash at any point leaves the old file or the new one, never a torn one.
    A file that holds a secret (a connection with ``store_secrets``) is made mode 0600 before
    any byte is written to it."""
    path = Path(path)
    text = _checked_text(workspace, path)
    try:
        target = AtomicFile(path)  # the temporary file is 0600 until commit() sets the mode
        try:
            target.write(text)
        except BaseException:
            target.discard()
            raise
        target.commit(mode=0o600 if writes_secrets(workspace) else None)
    except OSError as exc:
        raise WorkspaceError(f"cannot save: {exc.strerror or exc}", file=str(path)) from exc


def _checked_text(workspace: Workspace, path: Path) -> bytes:
    """The file's bytes, after checking that :func:`load` will accept them: we never write a
    file we would refuse to open (e.g. a send queue of 0 typed in the GUI)."""
    document = encode(workspace)
    try:
        decode(document)
        return (json.dumps(document, sort_keys=True, indent=2, ensure_ascii=False,
                           allow_nan=False) + "\n").encode("utf-8")
    except WorkspaceError as exc:
        raise WorkspaceError(f"{exc.problem} (not saved)", where=exc.where,
                             file=str(path)) from None
    except (TypeError, ValueError) as exc:  # unserialisable values in ``extra``
        raise WorkspaceError(f"{exc} (not saved)", file=str(path)) from None


def _kind(value: object) -> str:
    return {list: "a list", str: "a string", bool: "true/false", type(None): "null"}.get(
        type(value), f"a {type(value).__name__}")


# -- autosave / recovery ----------------------------------------------------------------------

def recovery_path(state_dir: Path) -> Path:
    return Path(state_dir) / _RECOVERY_NAME


def save_recovery(workspace: Workspace, state_dir: Path, source: Path | None) -> None:
    """Autosave unsaved work (and which file it belongs to, if any), never with a secret in it:
    every secret is withheld, as if no connection stored its secrets."""
    Path(state_dir).mkdir(parents=True, exist_ok=True)
    workspace = without_any_secrets(workspace)
    extra = {**workspace.extra, _RECOVERY_KEY: str(source) if source else None}
    save(dataclasses.replace(workspace, extra=extra), recovery_path(state_dir))


def load_recovery(state_dir: Path) -> tuple[Workspace, Path | None] | None:
    """The autosaved work and its file, or None when there is nothing (usable) to recover."""
    path = recovery_path(state_dir)
    if not path.exists():
        return None
    try:
        workspace = load(path)
    except WorkspaceError:
        return None
    extra = dict(workspace.extra)
    source = extra.pop(_RECOVERY_KEY, None)
    return (dataclasses.replace(workspace, extra=extra),
            Path(source) if isinstance(source, str) and source else None)


def discard_recovery(state_dir: Path) -> None:
    with contextlib.suppress(OSError):
        recovery_path(state_dir).unlink()

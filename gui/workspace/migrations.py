"""Workspace format migrations, one version at a time, in one place.

Versions ever shipped (each has a fixture in tests/gui/workspace/fixtures/):
- 1: the first prototype's format.  A connection was flat: ``kind`` ("tcp-client",
  "tcp-server", "udp", "ws-client", "ws-server"), ``host``, ``port``, ``path`` (WebSocket),
  ``tls`` (bool), its options at the top level of the connection, and ``messages`` instead of
  ``saved_messages``.
- 2: ``url`` + ``role`` + an ``options`` object in the transports vocabulary (see
  gui/workspace/schema.py).
- 3: adds ``scenarios`` (send/expect steps over the connections; see
  gui/workspace/scenario_schema.py).  A version-2 file has none.
- 4: a connection may have ``rules``, its auto-reply rules (see
  gui/workspace/rules_schema.py).  A version-3 connection has none, so the step only changes
  the version number.
- 5: the current format: adds ``log_byte_cap``, the payload bytes each connection's log
  holds before its oldest messages are dropped (older files get the default, 256 MiB).

A migration takes a version-N document (a plain dict, already checked to be an object) and
returns the version-N+1 document.  It never reads files and never validates more than it must:
the current-version decoder does the validation, with JSON paths.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from gui.store.log import DEFAULT_BYTE_CAP
from gui.workspace.errors import WorkspaceError

Document = dict[str, Any]

_V1_KINDS = {
    "tcp-client": ("tcp", "client"),
    "tcp-server": ("tcp", "server"),
    "udp": ("udp", "client"),
    "udp-bind": ("udp", "server"),
    "ws-client": ("ws", "client"),
    "ws-server": ("ws", "server"),
}
_V1_OPTION_KEYS = ("encoding", "echo", "connect_timeout", "send_queue", "framing", "reconnect")
_V1_WS_KEYS = ("headers", "subprotocols", "compression", "ping_interval", "ping_timeout",
               "max_message_size")


def _v1_to_v2(doc: Document) -> Document:
    out = {k: v for k, v in doc.items() if k != "connections"}
    connections = doc.get("connections", [])
    if not isinstance(connections, list):
        raise WorkspaceError(f"expected a list, found {type(connections).__name__}",
                             where="connections")
    out["connections"] = [_v1_connection(item, f"connections[{i}]")
                          for i, item in enumerate(connections)]
    out["version"] = 2
    return out


def _v1_connection(item: object, path: str) -> Document:
    if not isinstance(item, dict):
        raise WorkspaceError(f"expected an object, found {type(item).__name__}", where=path)
    c = dict(item)
    kind = c.pop("kind", None)
    if kind not in _V1_KINDS:
        raise WorkspaceError(f"expected one of {', '.join(sorted(_V1_KINDS))}, found {kind!r}",
                             where=f"{path}.kind")
    scheme, role = _V1_KINDS[kind]
    tls = bool(c.pop("tls", False))
    if tls and scheme in ("tcp", "ws"):
        scheme = {"tcp": "tls", "ws": "wss"}[scheme]
    host = c.pop("host", "127.0.0.1")
    port = c.pop("port", None)
    path_part = c.pop("path", "/") if scheme in ("ws", "wss") else ""
    if path_part and not str(path_part).startswith("/"):
        path_part = "/" + str(path_part)
    c["url"] = f"{scheme}://{host}:{port}{path_part}"
    c["role"] = role
    options: Document = c.pop("options", {}) if isinstance(c.get("options"), dict) else {}
    for key in _V1_OPTION_KEYS:
        if key in c:
            options[key] = c.pop(key)
    websocket = {key: c.pop(key) for key in _V1_WS_KEYS if key in c}
    if websocket:
        options["websocket"] = websocket
    c["options"] = options
    if "messages" in c:
        c["saved_messages"] = c.pop("messages")
    return c


def _v2_to_v3(doc: Document) -> Document:
    out = dict(doc)
    out.setdefault("scenarios", [])
    out["version"] = 3
    return out


def _v3_to_v4(doc: Document) -> Document:
    return {**doc, "version": 4}


def _v4_to_v5(doc: Document) -> Document:
    # v5 caps each connection's log by payload bytes too; older files had no such bound.
    out = dict(doc)
    out.setdefault("log_byte_cap", DEFAULT_BYTE_CAP)
    out["version"] = 5
    return out


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
}
CURRENT_VERSION = max(MIGRATIONS) + 1


def migrate(doc: Document, version: int) -> Document:
    """Bring a version-``version`` document to the current version, one step at a time."""
    doc = copy.deepcopy(doc)
    while version < CURRENT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc

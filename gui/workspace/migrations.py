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
- 5: adds ``log_byte_cap``, the payload bytes each connection's log holds before its oldest
  messages are dropped (older files get the default, 256 MiB).
- 6: ``composer.history`` items are ``{"text", "mode"}`` objects (v5 kept
  bare strings, so a recalled hex entry came back as text).  A connection may have an ``id``,
  and a client may ``follow`` a server of the workspace by that id: it connects wherever the
  server listens now (a server saved with port 0 gets a new port on every start).  The step
  gives each old history string the connection's composer mode, and links a v5 client to a
  port-0 server when that is the only port-0 server with its scheme, host and path (what the
  demo saved: the client kept the port of the last run, which nothing listens on any more).
- 7: Adds the options ``send_queue_bytes``, ``close_slow_peers``,
  ``idle_timeout`` and ``websocket.allowed_origins`` (older files get their defaults), and
  withholds more secrets unless ``store_secrets`` is on: the usual credential headers
  (Authorization, Cookie, X-Api-Key, … — ticked "secret" or not) and token-like query values of
  the URL (``?access_token=`` …); see gui/workspace/secrets.py.  A v6 file's values load as
  they are; the next save withholds them.
- 8: the current format: a connection's ``role`` may be ``"relay"``, with a ``relay`` object
  (upstream URL, upstream TLS, faults per direction; see gui/workspace/relay_schema.py).  A
  version-7 file has no relays, so the step only changes the version number.

A migration takes a version-N document (a plain dict, already checked to be an object) and
returns the version-N+1 document.  It never reads files and never validates more than it must:
the current-version decoder does the validation, with JSON paths.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from gui.store.log import DEFAULT_BYTE_CAP
from gui.workspace.errors import WorkspaceError
from transports.options import Options

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


def _v5_to_v6(doc: Document) -> Document:
    out = dict(doc)
    if not isinstance(doc.get("connections"), list):
        return {**out, "version": 6}  # the decoder says what is wrong with it
    connections = [dict(c) if isinstance(c, dict) else c for c in doc["connections"]]
    for c in connections:
        if isinstance(c, dict) and isinstance(c.get("composer"), dict):
            composer = dict(c["composer"])
            mode = composer.get("mode", "text")
            if isinstance(composer.get("history"), list):
                composer["history"] = [{"text": h, "mode": mode} if isinstance(h, str) else h
                                       for h in composer["history"]]
            c["composer"] = composer
    _link_clients_to_port0_servers(connections)
    out["connections"] = connections
    out["version"] = 6
    return out


def _v6_to_v7(doc: Document) -> Document:
    # v7 adds options with their defaults (send_queue_bytes, close_slow_peers, idle_timeout,
    # websocket.allowed_origins) and withholds credential headers and token-like query values
    # unless store_secrets is on: a v6 file keeps whatever values it holds; the next save
    # withholds them.
    defaults = Options()
    out = dict(doc)
    if isinstance(doc.get("connections"), list):
        connections = [dict(c) if isinstance(c, dict) else c for c in doc["connections"]]
        for c in connections:
            if isinstance(c, dict) and isinstance(c.get("options"), dict):
                options = dict(c["options"])
                options.setdefault("send_queue_bytes", defaults.send_queue_bytes)
                options.setdefault("close_slow_peers", defaults.close_slow_peers)
                options.setdefault("idle_timeout", defaults.idle_timeout)
                if isinstance(options.get("websocket"), dict):
                    options["websocket"] = {"allowed_origins": [], **options["websocket"]}
                c["options"] = options
        out["connections"] = connections
    out["version"] = 7
    return out


def _endpoint(c: Document) -> tuple[str, str, int | None, str] | None:
    """(scheme, host, port, path) of a connection's url, None when it cannot be read."""
    url = c.get("url")
    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url)
        return (parts.scheme.lower(), (parts.hostname or "").lower(), parts.port,
                parts.path.rstrip("/"))
    except ValueError:
        return None


def _link_clients_to_port0_servers(connections: list[Any]) -> None:
    items = [(c, _endpoint(c)) for c in connections if isinstance(c, dict)]
    servers = [(c, e) for c, e in items if e is not None and c.get("role") == "server"]
    fixed_ports = {e[2] for _, e in servers if e[2]}
    for client, e in items:
        if e is None or client.get("role") != "client" or e[2] in fixed_ports:
            continue
        matches = [s for s, se in servers
                   if se[2] == 0 and (se[0], se[1], se[3]) == (e[0], e[1], e[3])]
        if len(matches) != 1:
            continue
        server = matches[0]
        if not isinstance(server.get("id"), str) or not server["id"]:
            server["id"] = f"server-{connections.index(server) + 1}"
        client["follows"] = server["id"]


def _v7_to_v8(doc: Document) -> Document:
    return {**doc, "version": 8}


MIGRATIONS: dict[int, Callable[[Document], Document]] = {
    1: _v1_to_v2,
    2: _v2_to_v3,
    3: _v3_to_v4,
    4: _v4_to_v5,
    5: _v5_to_v6,
    6: _v6_to_v7,
    7: _v7_to_v8,
}
CURRENT_VERSION = max(MIGRATIONS) + 1


def migrate(doc: Document, version: int) -> Document:
    """Bring a version-``version`` document to the current version, one step at a time."""
    doc = copy.deepcopy(doc)
    while version < CURRENT_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc

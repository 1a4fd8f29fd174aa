"""Secrets of a connection, withheld from workspace files unless ``store_secrets`` is set, asked
for on connect, and filled back in for the session.

What is a secret: a TLS key password; the value of a header the user ticked "secret" and, by
default, of the usual credential headers (``CREDENTIAL_HEADERS`` of
:mod:`transports.credentials`, matched case-insensitively on the trimmed name); and the value
of a token-like query parameter of a WebSocket URL (``CREDENTIAL_QUERY_KEYS``, e.g.
``?access_token=…``).  URL userinfo (``user:pw@``) never
reaches a spec: ``transports.url.parse_url`` refuses it and asks for a header instead.
"""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

from gui.workspace.model import ConnectionSpec, Workspace
from transports.credentials import is_credential_header as is_credential_header
from transports.credentials import is_credential_query_key

# The lists (CREDENTIAL_HEADERS, CREDENTIAL_QUERY_KEYS) live in transports.credentials: events
# mask the same values the workspace withholds.


def is_secret_header(spec: ConnectionSpec, name: str) -> bool:
    """Whether the value of header ``name`` is a secret: a credential header by default, or
    one the user ticked "secret"."""
    wanted = name.strip().casefold()
    return is_credential_header(name) or any(
        secret.strip().casefold() == wanted for secret in spec.secret_headers)


def is_secret_query_key(key: str) -> bool:
    return is_credential_query_key(key)


def _query(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)


def _with_query(url: str, pairs: list[tuple[str, str]]) -> str:
    parts = urlsplit(url)
    query = "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs)
    return urlunsplit(parts._replace(query=query))


def _withhold_query(url: str) -> str:
    pairs = _query(url)
    if not any(is_secret_query_key(k) and v for k, v in pairs):
        return url  # leave the URL exactly as typed
    return _with_query(url, [(k, "" if is_secret_query_key(k) else v) for k, v in pairs])


def has_secrets(spec: ConnectionSpec) -> bool:
    """Whether ``spec`` holds a secret value (what :func:`without_secrets` would blank)."""
    if spec.options.tls.key_password:
        return True
    if any(value and is_secret_header(spec, name) for name, value in spec.options.headers):
        return True
    return any(v and is_secret_query_key(k) for k, v in _query(spec.url))


def writes_secrets(workspace: Workspace) -> bool:
    """Whether saving ``workspace`` writes a secret to the file (it is then saved mode 0600)."""
    return any(spec.store_secrets and has_secrets(spec) for spec in workspace.connections)


def without_secrets(spec: ConnectionSpec, *, force: bool = False) -> ConnectionSpec:
    """``spec`` as it is written and read back when its secrets are not stored (or ``force``,
    for the recovery file): a set TLS key password, secret header values and secret query
    values become ``""`` (asked for on connect)."""
    if spec.store_secrets and not force:
        return spec
    tls = spec.options.tls
    if tls.key_password is not None:
        tls = replace(tls, key_password="")
    headers = tuple((name, "" if is_secret_header(spec, name) else value)
                    for name, value in spec.options.headers)
    return replace(spec, url=_withhold_query(spec.url),
                   options=replace(spec.options, tls=tls, headers=headers))


def without_any_secrets(workspace: Workspace) -> Workspace:
    """``workspace`` with every secret withheld, ``store_secrets`` or not (the recovery file)."""
    return replace(workspace, connections=tuple(
        without_secrets(spec, force=True) for spec in workspace.connections))


def missing_secrets(spec: ConnectionSpec) -> list[str]:
    """The secrets to ask for before connecting: ``"tls.key_password"``, ``"header <Name>"``,
    ``"query <key>"``.

    A secret is missing when it is blank: withheld from the file, or from the recovery file,
    which never holds one even with ``store_secrets`` on.  A key password of ``None`` means the
    key has none and is never asked for.
    """
    missing = []
    if spec.options.tls.key_password == "":
        missing.append("tls.key_password")
    missing.extend(f"header {name}" for name, value in spec.options.headers
                   if value == "" and is_secret_header(spec, name))
    missing.extend(dict.fromkeys(f"query {k}" for k, v in _query(spec.url)
                                 if v == "" and is_secret_query_key(k)))
    return missing


def fill_secrets(spec: ConnectionSpec, values: dict[str, str]) -> ConnectionSpec:
    """``spec`` with the secrets named as :func:`missing_secrets` names them
    (``"tls.key_password"``, ``"header <Name>"``, ``"query <key>"``) set to ``values``."""
    options = spec.options
    if "tls.key_password" in values:
        tls = replace(options.tls, key_password=values["tls.key_password"])
        options = replace(options, tls=tls)
    headers = tuple((name, values.get(f"header {name}", value)) for name, value in options.headers)
    url = spec.url
    if any(name.startswith("query ") for name in values):
        pairs = _query(url)
        url = _with_query(url, [(k, values.get(f"query {k}", v)) for k, v in pairs])
    return replace(spec, url=url, options=replace(options, headers=headers))

"""Secrets of a connection (a TLS key password, secret header values): withheld from workspace
files unless ``store_secrets`` is set, asked for on connect, and filled back in for the session."""

from __future__ import annotations

from dataclasses import replace

from gui.workspace.model import ConnectionSpec


def _secret_header(spec: ConnectionSpec, name: str) -> bool:
    wanted = name.casefold()
    return any(secret.casefold() == wanted for secret in spec.secret_headers)


def without_secrets(spec: ConnectionSpec) -> ConnectionSpec:
    """``spec`` as it is written and read back when its secrets are not stored: a set TLS key
    password becomes ``""`` and secret header values become ``""`` (asked for on connect)."""
    if spec.store_secrets:
        return spec
    tls = spec.options.tls
    if tls.key_password is not None:
        tls = replace(tls, key_password="")
    headers = tuple((name, "" if _secret_header(spec, name) else value)
                    for name, value in spec.options.headers)
    return replace(spec, options=replace(spec.options, tls=tls, headers=headers))


def missing_secrets(spec: ConnectionSpec) -> list[str]:
    """The secrets to ask for before connecting: ``"tls.key_password"``, ``"header <Name>"``.

    A secret is missing when it was withheld from the file (blank) and ``store_secrets`` is off.
    A key password of ``None`` means the key has none and is never asked for.
    """
    if spec.store_secrets:
        return []
    missing = []
    if spec.options.tls.key_password == "":
        missing.append("tls.key_password")
    missing.extend(f"header {name}" for name, value in spec.options.headers
                   if value == "" and _secret_header(spec, name))
    return missing


def fill_secrets(spec: ConnectionSpec, values: dict[str, str]) -> ConnectionSpec:
    """``spec`` with the secrets named as :func:`missing_secrets` names them
    (``"tls.key_password"``, ``"header <Name>"``) set to ``values``."""
    options = spec.options
    if "tls.key_password" in values:
        tls = replace(options.tls, key_password=values["tls.key_password"])
        options = replace(options, tls=tls)
    headers = tuple((name, values.get(f"header {name}", value)) for name, value in options.headers)
    return replace(spec, options=replace(options, headers=headers))

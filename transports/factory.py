"""Build connections from URLs: the one place that maps a scheme to a connection kind."""

from __future__ import annotations

import dataclasses
from typing import Any

from transports.aio.base import Connection
from transports.aio.server import Server
from transports.framing import FramingMode, FramingSpec
from transports.options import OptionError, Options, ReconnectPolicy, TlsOptions
from transports.url import Endpoint, Scheme, parse_url

_NESTED: dict[str, type] = {"framing": FramingSpec, "tls": TlsOptions,
                            "reconnect": ReconnectPolicy}


def make_options(base: Options | None = None, **kwargs: Any) -> Options:
    """Options from keyword arguments; nested groups may be given as dataclasses or dicts
    (``tls={"ca_file": "ca.pem"}``, ``framing={"mode": "delimiter", "delimiter": b"\\n"}``)."""
    options = base or Options()
    fields = {f.name for f in dataclasses.fields(Options)}
    changes: dict[str, Any] = {}
    for key, value in kwargs.items():
        if key not in fields:
            raise OptionError(f"unknown option {key!r}; known options: {', '.join(sorted(fields))}")
        nested = _NESTED.get(key)
        if nested is not None and isinstance(value, dict):
            value = _nested(key, nested, getattr(options, key), value)
        elif key in ("headers",) and isinstance(value, dict):
            value = tuple((str(k), str(v)) for k, v in value.items())
        elif key in ("headers", "subprotocols", "allowed_origins") and isinstance(value, list):
            value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        changes[key] = value
    return dataclasses.replace(options, **changes)


def _nested(key: str, cls: type, current: Any, values: dict[str, Any]) -> Any:
    names = {f.name for f in dataclasses.fields(cls)}
    for name in values:
        if name not in names:
            raise OptionError(f"unknown option {key}.{name}; known: {', '.join(sorted(names))}")
    if cls is FramingSpec and isinstance(values.get("delimiter"), str):
        values = {**values, "delimiter": values["delimiter"].encode()}
    if cls is FramingSpec and isinstance(values.get("mode"), str):
        try:
            values = {**values, "mode": FramingMode(values["mode"])}
        except ValueError:
            modes = ", ".join(m.value for m in FramingMode)
            raise OptionError(f"framing.mode: unknown mode {values['mode']!r}; "
                              f"expected one of {modes}") from None
    return dataclasses.replace(current, **values)


def create_connection(url: str | Endpoint, options: Options | None = None,
                      **kwargs: Any) -> Connection:
    """A client for ``tcp://``, ``tls://``, ``udp://``, ``ws://`` or ``wss://`` (not opened)."""
    endpoint = parse_url(url) if isinstance(url, str) else url
    opts = make_options(options, **kwargs)
    if endpoint.scheme in (Scheme.TCP, Scheme.TLS):
        from transports.aio.tcp import TcpClient

        return TcpClient(endpoint, opts)
    if endpoint.scheme is Scheme.UDP:
        from transports.aio.udp import UdpConnection

        return UdpConnection(endpoint, opts)
    from transports.aio.websocket import WebSocketClient

    return WebSocketClient(endpoint, opts)


def create_server(url: str | Endpoint, options: Options | None = None,
                  **kwargs: Any) -> Server | Connection:
    """A server listening on the URL's address (port 0: any free port).  For ``udp://`` this
    is a UDP socket bound to that address."""
    endpoint = parse_url(url) if isinstance(url, str) else url
    opts = make_options(options, **kwargs)
    if endpoint.scheme in (Scheme.TCP, Scheme.TLS):
        from transports.aio.tcp import TcpServer

        return TcpServer(endpoint, opts)
    if endpoint.scheme is Scheme.UDP:
        from transports.aio.udp import UdpConnection

        return UdpConnection(endpoint, opts, listen=True)
    from transports.aio.websocket import WebSocketServer

    return WebSocketServer(endpoint, opts)

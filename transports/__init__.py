"""Sockscope transports: TCP, UDP and WebSocket connections on asyncio, with sans-I/O framers,
byte codecs and a blocking facade (:mod:`transports.sync`).  This package never imports Qt.

The names below are imported lazily (PEP 562), so ``import transports`` stays light: asyncio
connection classes load on first use and the websockets library only when a ws:// or wss://
connection is created.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS: dict[str, str] = {
    "create_connection": "transports.factory",
    "create_server": "transports.factory",
    "make_options": "transports.factory",
    "Options": "transports.options",
    "TlsOptions": "transports.options",
    "ReconnectPolicy": "transports.options",
    "OptionError": "transports.options",
    "FramingSpec": "transports.framing.base",
    "FramingMode": "transports.framing.base",
    "Connection": "transports.aio.base",
    "Server": "transports.aio.server",
    "State": "transports.state",
    "Frame": "transports.frames",
    "Direction": "transports.frames",
    "FrameKind": "transports.frames",
    "Address": "transports.frames",
    "Event": "transports.frames",
    "StateChanged": "transports.frames",
    "FrameReceived": "transports.frames",
    "FrameSent": "transports.frames",
    "ErrorEvent": "transports.frames",
    "PeerAdded": "transports.frames",
    "PeerRemoved": "transports.frames",
    "TransportError": "transports.errors",
    "ConnectError": "transports.errors",
    "NotOpen": "transports.errors",
    "QueueFull": "transports.errors",
    "parse_url": "transports.url",
    "Endpoint": "transports.url",
    "Scheme": "transports.url",
    "UrlError": "transports.url",
}

__all__ = [
    "Address",
    "ConnectError",
    "Connection",
    "Direction",
    "Endpoint",
    "ErrorEvent",
    "Event",
    "Frame",
    "FrameKind",
    "FrameReceived",
    "FrameSent",
    "FramingMode",
    "FramingSpec",
    "NotOpen",
    "OptionError",
    "Options",
    "PeerAdded",
    "PeerRemoved",
    "QueueFull",
    "ReconnectPolicy",
    "Scheme",
    "Server",
    "State",
    "StateChanged",
    "TlsOptions",
    "TransportError",
    "UrlError",
    "create_connection",
    "create_server",
    "make_options",
    "parse_url",
]

if TYPE_CHECKING:
    from transports.aio.base import Connection
    from transports.aio.server import Server
    from transports.errors import ConnectError, NotOpen, QueueFull, TransportError
    from transports.factory import create_connection, create_server, make_options
    from transports.frames import (
        Address,
        Direction,
        ErrorEvent,
        Event,
        Frame,
        FrameKind,
        FrameReceived,
        FrameSent,
        PeerAdded,
        PeerRemoved,
        StateChanged,
    )
    from transports.framing.base import FramingMode, FramingSpec
    from transports.options import OptionError, Options, ReconnectPolicy, TlsOptions
    from transports.state import State
    from transports.url import Endpoint, Scheme, UrlError, parse_url


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'transports' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))

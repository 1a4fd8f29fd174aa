"""Connection URLs: ``tcp://``, ``tls://``, ``udp://``, ``ws://``, ``wss://``."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from urllib.parse import urlsplit


class Scheme(enum.Enum):
    TCP = "tcp"
    TLS = "tls"
    UDP = "udp"
    WS = "ws"
    WSS = "wss"

    @property
    def secure(self) -> bool:
        return self in (Scheme.TLS, Scheme.WSS)

    @property
    def websocket(self) -> bool:
        return self in (Scheme.WS, Scheme.WSS)


DEFAULT_PORTS = {Scheme.WS: 80, Scheme.WSS: 443}


class UrlError(ValueError):
    """A URL could not be understood; the message says which part is wrong."""


@dataclass(frozen=True, slots=True)
class Endpoint:
    scheme: Scheme
    host: str
    port: int
    path: str = "/"  # WebSocket: path plus "?query"

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        base = f"{self.scheme.value}://{host}:{self.port}"
        return base + self.path if self.scheme.websocket else base

    def with_port(self, port: int) -> Endpoint:
        return Endpoint(self.scheme, self.host, port, self.path)


def parse_url(url: str) -> Endpoint:
    """Parse a connection URL.  Raises :class:`UrlError` naming the bad part."""
    text = url.strip()
    if "://" not in text:
        raise UrlError(f"{url!r}: missing scheme; expected one of "
                       + ", ".join(f"{s.value}://" for s in Scheme))
    try:
        parts = urlsplit(text)
    except ValueError as exc:
        raise UrlError(f"{url!r}: {exc}") from None
    try:
        scheme = Scheme(parts.scheme.lower())
    except ValueError:
        raise UrlError(f"{url!r}: unknown scheme {parts.scheme!r}; expected one of "
                       + ", ".join(s.value for s in Scheme)) from None
    host = parts.hostname
    if not host:
        raise UrlError(f"{url!r}: missing host")
    try:
        port = parts.port
    except ValueError:
        raise UrlError(f"{url!r}: port must be a number from 0 to 65535") from None
    if port is None:
        if scheme not in DEFAULT_PORTS:
            raise UrlError(f"{url!r}: missing port (e.g. {scheme.value}://{host}:9000)")
        port = DEFAULT_PORTS[scheme]
    if parts.username or parts.password:
        raise UrlError(f"{url!r}: user:password@ is not supported; use a header")
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    if not scheme.websocket and (parts.path not in ("", "/") or parts.query):
        raise UrlError(f"{url!r}: a {scheme.value}:// URL has no path")
    return Endpoint(scheme, host, port, path)

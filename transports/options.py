"""Connection options: one vocabulary shared by URLs, keyword arguments, the GUI and workspaces."""

from __future__ import annotations

import random
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from transports.framing.base import FramingSpec


class OptionError(ValueError):
    """An option is invalid; the message names the option (e.g. ``tls.ca_file``)."""


@dataclass(frozen=True, slots=True)
class TlsOptions:
    """TLS for tls:// and wss://.  Verification is on unless ``insecure`` is set explicitly."""

    ca_file: str | None = None  # PEM bundle to trust instead of the system store
    cert_file: str | None = None  # our certificate (client cert, or the server's cert)
    key_file: str | None = None
    key_password: str | None = None
    server_name: str | None = None  # SNI and hostname to verify (clients)
    insecure: bool = False  # clients: skip verification (explicit, never the default)

    def check_files(self, *, server: bool) -> None:
        for name in ("ca_file", "cert_file", "key_file"):
            value = getattr(self, name)
            if value and not Path(value).is_file():
                raise OptionError(f"tls.{name}: no such file: {value}")
        if server and not self.cert_file:
            raise OptionError("tls.cert_file: a TLS server needs a certificate")
        if self.key_file and not self.cert_file:
            raise OptionError("tls.cert_file: a key file was given without a certificate")

    def client_context(self) -> ssl.SSLContext:
        self.check_files(server=False)
        ctx = ssl.create_default_context(cafile=self.ca_file)
        if self.insecure:
            ctx.check_hostname = False
            ctx.verify_mode = ssl.CERT_NONE
        if self.cert_file:
            ctx.load_cert_chain(self.cert_file, self.key_file, self.key_password)
        return ctx

    def server_context(self) -> ssl.SSLContext:
        self.check_files(server=True)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        assert self.cert_file is not None
        ctx.load_cert_chain(self.cert_file, self.key_file, self.key_password)
        if self.ca_file:  # ask clients for a certificate signed by this CA
            ctx.load_verify_locations(self.ca_file)
            ctx.verify_mode = ssl.CERT_REQUIRED
        return ctx


@dataclass(frozen=True, slots=True)
class ReconnectPolicy:
    """Exponential backoff with jitter for clients.  ``max_attempts`` 0 means no limit."""

    enabled: bool = False
    initial_delay: float = 0.5
    max_delay: float = 30.0
    factor: float = 2.0
    jitter: float = 0.2  # ± fraction of each delay
    max_attempts: int = 0

    def delays(self, rng: random.Random | None = None) -> Iterator[float]:
        """The wait before each retry, in order; ends after ``max_attempts`` retries."""
        rng = rng or random.Random()
        attempt = 0
        while self.max_attempts == 0 or attempt < self.max_attempts:
            base = min(self.max_delay, self.initial_delay * self.factor**attempt)
            # jitter spreads clients that lost the same server; the cap still holds after it
            yield min(self.max_delay, base * (1 + rng.uniform(-self.jitter, self.jitter)))
            attempt += 1

    def validate(self) -> None:
        if self.initial_delay <= 0:
            raise OptionError("reconnect.initial_delay must be > 0")
        if self.max_delay < self.initial_delay:
            raise OptionError("reconnect.max_delay must be ≥ reconnect.initial_delay")
        if self.factor < 1:
            raise OptionError("reconnect.factor must be ≥ 1")
        if not 0 <= self.jitter < 1:
            raise OptionError("reconnect.jitter must be in [0, 1)")
        if self.max_attempts < 0:
            raise OptionError("reconnect.max_attempts must be ≥ 0 (0 = no limit)")


@dataclass(frozen=True, slots=True)
class Options:
    """Every option of every kind; each kind reads the ones that concern it."""

    name: str = ""
    encoding: str = "utf-8"  # how str payloads passed to send() become bytes
    echo: bool = False  # servers (and UDP): send back each frame received
    framing: FramingSpec = field(default_factory=FramingSpec)  # TCP / TLS streams
    tls: TlsOptions = field(default_factory=TlsOptions)
    reconnect: ReconnectPolicy = field(default_factory=ReconnectPolicy)
    connect_timeout: float = 10.0
    send_queue: int = 256  # frames waiting to be written before send() waits
    send_queue_bytes: int = 4 << 20  # …or payload bytes waiting/being written (per connection)
    max_peers: int = 10_000  # servers: further peers are refused with an error event
    close_slow_peers: bool = False  # servers: disconnect a peer too slow for a broadcast
    # TCP servers: close a peer after this long without traffic (None: never); UDP relays:
    # close a pair after this long without a datagram either way (None: 60 s)
    idle_timeout: float | None = None
    bind: str | None = None  # UDP: local "host:port" (clients: optional; default any port)
    # WebSocket
    headers: tuple[tuple[str, str], ...] = ()
    subprotocols: tuple[str, ...] = ()
    compression: bool = True  # permessage-deflate
    ping_interval: float | None = 20.0
    ping_timeout: float | None = 20.0
    max_message_size: int = 1 << 20
    origin: str | None = None
    # WebSocket servers: accept only these Origin values ("" = a request without Origin);
    # empty: accept any, as websockets does.  Browsers always send Origin; other clients rarely.
    allowed_origins: tuple[str, ...] = ()

    def validate(self) -> None:
        if self.send_queue < 1:
            raise OptionError("send_queue must be ≥ 1")
        if self.send_queue_bytes < 1:
            raise OptionError("send_queue_bytes must be ≥ 1 (limits are never unbounded)")
        if self.idle_timeout is not None and self.idle_timeout <= 0:
            raise OptionError("idle_timeout must be > 0, or None to keep idle peers")
        if self.connect_timeout <= 0:
            raise OptionError("connect_timeout must be > 0")
        if self.max_message_size < 1:
            raise OptionError("max_message_size must be ≥ 1 (limits are never unbounded)")
        for label, value in (("ping_interval", self.ping_interval),
                             ("ping_timeout", self.ping_timeout)):
            if value is not None and value <= 0:
                raise OptionError(f"{label} must be > 0, or None to disable")
        if self.reconnect.enabled:
            self.reconnect.validate()
        try:
            "".encode(self.encoding)
        except LookupError:
            raise OptionError(f"encoding: unknown encoding {self.encoding!r}") from None

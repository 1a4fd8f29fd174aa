"""The connection editor's form as plain data (Qt-free): what the user typed, checked, and
turned into a :class:`ConnectionSpec`.

``ConnectionDraft.from_spec(spec)`` fills the form, the editor (a view) copies its widgets into
a draft, ``validate()`` says what is wrong per field and ``to_spec()`` builds the result.
The rules about the *options* are those of ``transports`` — ``parse_url``, ``parse_bind``,
``Options.validate()`` and ``TlsOptions.check_files()`` — reported on the field they name;
the draft itself only checks what exists as typed text (a port that is not a number, an
escape that does not parse, a header name that is not an RFC 9110 token).

Messages are English source texts marked for translation under the ``ConnectionDraft`` context
(``FieldError.text`` with its ``args``), the fixed ones of ``transports`` included.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field
from typing import Any

from gui.workspace.model import ConnectionSpec, Role
from gui.workspace.secrets import is_secret_header
from transports.aio.udp import parse_bind
from transports.codec import ParseError, escape_bytes, parse_escaped
from transports.framing.base import FramingMode, FramingSpec
from transports.options import OptionError, Options, ReconnectPolicy, TlsOptions
from transports.relay.config import RelayConfig
from transports.url import Scheme, UrlError, parse_url

KINDS = (("tcp", "TCP"), ("udp", "UDP"), ("ws", "WebSocket"))  # protocol names: not translated
_TOKEN = re.compile(r"^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$")  # RFC 9110 §5.6.2 token
_SECURE = {"tcp": "tls", "ws": "wss"}


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for pyside6-lupdate (the view translates it); returns it unchanged."""
    return text


# The fixed messages of the transports rules the draft reports, marked so that the editor shows
# them translated (tests/gui/workspace/test_draft.py checks transports still words them so);
# messages with values in them (a file name) are shown as transports words them.
TRANSPORTS_MESSAGES = (
    QT_TRANSLATE_NOOP("ConnectionDraft", "a TLS server needs a certificate"),
    QT_TRANSLATE_NOOP("ConnectionDraft", "a key file was given without a certificate"),
    QT_TRANSLATE_NOOP("ConnectionDraft", "reconnect.max_delay must be ≥ reconnect.initial_delay"),
)

# Where an option named by a transports error is edited: the longest matching prefix wins.
_OPTION_FIELDS = {
    "tls.ca_file": "ca_file", "tls.cert_file": "cert_file", "tls.key_file": "key_file",
    "tls": "cert_file", "reconnect": "max_delay", "bind": "bind", "encoding": "host",
    "upstream": "upstream", "bound": "upstream",
}


@dataclass(frozen=True)
class FieldError:
    """What is wrong with one field: an English source text (translatable under the
    ``ConnectionDraft`` context) and the values of its ``{placeholders}``."""

    text: str
    args: dict[str, Any] = field(default_factory=dict)

    def __str__(self) -> str:
        return self.text.format(**self.args)


class DraftError(ValueError):
    """``to_spec()`` of an invalid draft; the message lists every field error."""


@dataclass(frozen=True)
class HeaderRow:
    name: str
    value: str
    secret: bool = False


@dataclass
class ConnectionDraft:
    """Every field of the editor, as the user typed it."""

    base: ConnectionSpec = field(default_factory=lambda: ConnectionSpec("tcp://127.0.0.1:9000"))
    name: str = ""
    kind: str = "tcp"  # "tcp", "udp" or "ws"
    role: Role = Role.CLIENT
    host: str = "127.0.0.1"
    port: str = "9000"
    path: str = "/"
    bind: str = ""
    encoding: str = "utf-8"
    connect_timeout: float = 10.0
    send_queue: int = 256
    send_queue_bytes: int = 4 << 20
    echo: bool = False
    max_peers: int = 10_000
    close_slow_peers: bool = False  # servers (TCP, WebSocket)
    idle_timeout: float = 0.0  # TCP servers (0: keep idle peers), UDP relays (0: 60 s)
    allowed_origins: str = ""  # WebSocket servers, comma-separated; empty: accept any
    store_secrets: bool = False  # write secrets (key password, credential headers…) to the file
    tls: bool = False
    ca_file: str = ""
    cert_file: str = ""
    key_file: str = ""
    key_password: str = ""
    server_name: str = ""
    insecure: bool = False
    framing_mode: FramingMode = FramingMode.RAW
    delimiter: str = r"\n"  # escaped text
    keep_delimiter: bool = False
    fixed_length: int = 1
    header_size: int = 2
    byteorder: str = "big"
    header_counted: bool = False
    length_offset: int = 0
    keep_header: bool = True
    idle_ms: int = 20
    max_frame: int = 1 << 20
    headers: list[HeaderRow] = field(default_factory=list)
    subprotocols: str = ""  # comma-separated
    origin: str = ""
    compression: bool = True
    ping_interval: float = 20.0  # 0: off
    ping_timeout: float = 20.0  # 0: off
    max_message_size: int = 1 << 20
    reconnect: bool = False
    initial_delay: float = 0.5
    max_delay: float = 30.0
    max_attempts: int = 0
    # relays: where each client's own connection goes, and that side's TLS
    upstream: str = ""
    upstream_ca_file: str = ""
    upstream_insecure: bool = False
    # the names of the workspace's other connections: names are unique (scenario steps name
    # connections), and a connection without a name is named by its URL
    taken: frozenset[str] = frozenset()

    @property
    def server(self) -> bool:
        """Listens (a server, a bound UDP socket, or a relay's client side)."""
        return self.role in (Role.SERVER, Role.RELAY)

    @property
    def relay(self) -> bool:
        return self.role is Role.RELAY

    @property
    def uses_tls(self) -> bool:
        return self.tls and self.kind != "udp"

    @property
    def uses_reconnect(self) -> bool:
        return not self.server and self.kind != "udp"

    @property
    def uses_close_slow_peers(self) -> bool:
        """Servers that broadcast over streams (TCP, WebSocket)."""
        return self.server and self.kind != "udp"

    @property
    def uses_idle_timeout(self) -> bool:
        """TCP servers close idle peers; UDP relays expire idle pairs (60 s when unset)."""
        return (self.server and self.kind == "tcp") or (self.relay and self.kind == "udp")

    @property
    def uses_allowed_origins(self) -> bool:
        return self.server and self.kind == "ws"

    # -- from a spec ----------------------------------------------------------------------
    @classmethod
    def from_spec(cls, spec: ConnectionSpec) -> ConnectionDraft:
        try:
            endpoint = parse_url(spec.url)
            scheme, host, port, path = endpoint.scheme, endpoint.host, endpoint.port, endpoint.path
        except UrlError:
            scheme, host, port, path = Scheme.TCP, "127.0.0.1", 9000, "/"
        o = spec.options
        fr, tls, rc = o.framing, o.tls, o.reconnect
        return cls(
            base=spec, name=o.name, kind={Scheme.TLS: "tcp", Scheme.WSS: "ws"}.get(
                scheme, scheme.value),
            role=spec.role, host=host, port=str(port), path=path, bind=o.bind or "",
            encoding=o.encoding, connect_timeout=o.connect_timeout, send_queue=o.send_queue,
            send_queue_bytes=o.send_queue_bytes, echo=o.echo, max_peers=o.max_peers,
            close_slow_peers=o.close_slow_peers, idle_timeout=o.idle_timeout or 0.0,
            allowed_origins=", ".join(o.allowed_origins), store_secrets=spec.store_secrets,
            tls=scheme.secure, ca_file=tls.ca_file or "", cert_file=tls.cert_file or "",
            key_file=tls.key_file or "", key_password=tls.key_password or "",
            server_name=tls.server_name or "", insecure=tls.insecure,
            framing_mode=fr.mode, delimiter=escape_bytes(fr.delimiter),
            keep_delimiter=fr.keep_delimiter, fixed_length=max(1, fr.length),
            header_size=fr.header_size, byteorder=fr.byteorder,
            header_counted=fr.header_counted, length_offset=fr.length_offset,
            keep_header=fr.keep_header, idle_ms=fr.idle_ms, max_frame=fr.max_frame,
            headers=[HeaderRow(n, v, is_secret_header(spec, n)) for n, v in o.headers],
            subprotocols=", ".join(o.subprotocols), origin=o.origin or "",
            compression=o.compression, ping_interval=o.ping_interval or 0,
            ping_timeout=o.ping_timeout or 0, max_message_size=o.max_message_size,
            reconnect=rc.enabled, initial_delay=rc.initial_delay, max_delay=rc.max_delay,
            max_attempts=rc.max_attempts,
            upstream=spec.relay.upstream if spec.relay else "",
            upstream_ca_file=(spec.relay.upstream_tls.ca_file or "") if spec.relay else "",
            upstream_insecure=spec.relay.upstream_tls.insecure if spec.relay else False,
        )

    # -- checking -------------------------------------------------------------------------
    def subprotocol_list(self) -> list[str]:
        return [p.strip() for p in self.subprotocols.split(",") if p.strip()]

    def origin_list(self) -> list[str]:
        return [o.strip() for o in self.allowed_origins.split(",") if o.strip()]

    def validate(self) -> dict[str, FieldError]:
        """Field key → what is wrong with it; empty when ``to_spec()`` will succeed."""
        errors: dict[str, FieldError] = {}
        self._check_typed(errors)
        if errors:
            return errors
        try:
            spec = self._build()
            parse_url(spec.url)
            if self.kind == "udp" and not self.server and self.bind.strip():
                parse_bind(self.bind.strip())
            spec.options.validate()
            if self.uses_tls:
                spec.options.tls.check_files(server=self.server)
            if spec.relay is not None:
                spec.relay.check(spec.url)
                spec.relay.upstream_tls.check_files(server=False)
        except UrlError as exc:
            errors["host"] = FieldError(str(exc))
        except OptionError as exc:
            key, text = _option_field(str(exc))
            errors[key] = FieldError(text)
        name = self.name.strip() or self.url()
        if name in self.taken:
            errors["name"] = FieldError(QT_TRANSLATE_NOOP(
                "ConnectionDraft", "another connection is already named {name}; scenario steps "
                "name connections, so enter a different name"), {"name": name})
        return errors

    def _check_typed(self, errors: dict[str, FieldError]) -> None:
        host = self.host.strip()
        if not host:
            errors["host"] = FieldError(
                QT_TRANSLATE_NOOP("ConnectionDraft", "enter a host name or address"))
        elif any(c.isspace() for c in host) or "/" in host:
            errors["host"] = FieldError(
                QT_TRANSLATE_NOOP("ConnectionDraft", "a host cannot contain spaces or slashes"))
        port, lowest = self.port.strip(), 0 if self.server else 1
        if not port.isdigit() or not lowest <= int(port) <= 65535:
            errors["port"] = FieldError(
                QT_TRANSLATE_NOOP("ConnectionDraft", "port must be a number from {lowest} to "
                                  "65535 (0: any free port)") if self.server
                else QT_TRANSLATE_NOOP("ConnectionDraft",
                                       "port must be a number from {lowest} to 65535"),
                {"lowest": lowest})
        if self.kind == "ws":
            path = self.path.strip() or "/"
            if not path.startswith("/"):
                errors["path"] = FieldError(
                    QT_TRANSLATE_NOOP("ConnectionDraft", "the path must start with /"))
            elif any(c.isspace() for c in path):
                errors["path"] = FieldError(QT_TRANSLATE_NOOP(
                    "ConnectionDraft", "the path cannot contain spaces (use %20)"))
            for row, header in enumerate(self.headers, 1):
                if not _TOKEN.match(header.name.strip()):
                    errors["headers"] = FieldError(QT_TRANSLATE_NOOP(
                        "ConnectionDraft", "row {row}: a header name is letters, digits and "
                        "!#$%&'*+-.^_`|~ (no spaces or colons)"), {"row": row})
                    break
            for origin in self.origin_list() if self.uses_allowed_origins else ():
                if any(c.isspace() for c in origin) or "://" not in origin:
                    errors["allowed_origins"] = FieldError(QT_TRANSLATE_NOOP(
                        "ConnectionDraft", "{name} is not an origin (scheme://host[:port], "
                        "e.g. https://example.com)"), {"name": repr(origin)})
                    break
            for proto in self.subprotocol_list():
                if not _TOKEN.match(proto):
                    errors["subprotocols"] = FieldError(QT_TRANSLATE_NOOP(
                        "ConnectionDraft", "{name} is not a valid subprotocol token"),
                        {"name": repr(proto)})
                    break
        if self.relay and not self.upstream.strip():
            errors["upstream"] = FieldError(QT_TRANSLATE_NOOP(
                "ConnectionDraft", "enter the upstream URL each client is relayed to"))
        elif self.relay:
            try:
                parse_url(self.upstream.strip())
            except UrlError as exc:
                errors["upstream"] = FieldError(str(exc))
        if self.kind == "tcp" and self.framing_mode is FramingMode.DELIMITER:
            try:
                if not parse_escaped(self.delimiter):
                    errors["delimiter"] = FieldError(
                        QT_TRANSLATE_NOOP("ConnectionDraft", "the delimiter cannot be empty"))
            except ParseError as exc:
                errors["delimiter"] = FieldError(
                    QT_TRANSLATE_NOOP("ConnectionDraft", "column {column}: {reason}"),
                    {"column": exc.column, "reason": exc.reason})

    # -- the result -----------------------------------------------------------------------
    def url(self) -> str:
        host = self.host.strip()
        scheme = _SECURE[self.kind] if self.uses_tls else self.kind
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        url = f"{scheme}://{host}:{self.port.strip()}"
        return url + (self.path.strip() or "/") if self.kind == "ws" else url

    def to_spec(self) -> ConnectionSpec:
        """The spec the form describes; :class:`DraftError` while it is not valid."""
        errors = self.validate()
        if errors:
            raise DraftError("the connection settings are not valid: "
                             + "; ".join(f"{k}: {v}" for k, v in errors.items()))
        return self._build()

    def _build(self) -> ConnectionSpec:
        base = self.base.options
        kind, server = self.kind, self.server
        tls = TlsOptions(
            ca_file=self.ca_file.strip() or None, cert_file=self.cert_file.strip() or None,
            key_file=self.key_file.strip() or None, key_password=self.key_password or None,
            server_name=self.server_name.strip() or None,
            insecure=self.insecure and not server,
        ) if self.uses_tls else base.tls
        try:
            delimiter = parse_escaped(self.delimiter) or b"\n"
        except ParseError:
            delimiter = base.framing.delimiter
        mode = self.framing_mode
        framing = FramingSpec(
            mode=mode, delimiter=delimiter, keep_delimiter=self.keep_delimiter,
            length=self.fixed_length if mode is FramingMode.FIXED else base.framing.length,
            header_size=self.header_size, byteorder=self.byteorder,
            header_counted=self.header_counted, length_offset=self.length_offset,
            keep_header=self.keep_header, idle_ms=self.idle_ms, max_frame=self.max_frame,
        ) if kind == "tcp" else base.framing
        reconnect = dataclasses.replace(
            base.reconnect, enabled=self.reconnect, initial_delay=self.initial_delay,
            max_delay=self.max_delay, max_attempts=self.max_attempts,
        ) if self.uses_reconnect else ReconnectPolicy()
        ws = kind == "ws"
        headers = [HeaderRow(h.name.strip(), h.value, h.secret) for h in self.headers]
        options = dataclasses.replace(
            base, name=self.name.strip(), encoding=self.encoding,
            echo=self.echo and self.role is Role.SERVER,
            framing=framing, tls=tls, reconnect=reconnect,
            connect_timeout=self.connect_timeout, send_queue=self.send_queue,
            send_queue_bytes=self.send_queue_bytes, max_peers=self.max_peers,
            close_slow_peers=self.close_slow_peers and self.uses_close_slow_peers,
            idle_timeout=(self.idle_timeout or None) if self.uses_idle_timeout else None,
            allowed_origins=tuple(self.origin_list()) if self.uses_allowed_origins else (),
            bind=(self.bind.strip() or None) if kind == "udp" and not server else None,
            headers=tuple((h.name, h.value) for h in headers) if ws else base.headers,
            subprotocols=tuple(self.subprotocol_list()) if ws else base.subprotocols,
            compression=self.compression, ping_interval=self.ping_interval or None,
            ping_timeout=self.ping_timeout or None, max_message_size=self.max_message_size,
            origin=self.origin.strip() or None,
        )
        secret = (tuple(h.name for h in headers if h.secret) if ws
                  else self.base.secret_headers)
        relay = None
        if self.relay:
            base_relay = self.base.relay or RelayConfig()
            relay = dataclasses.replace(
                base_relay, upstream=self.upstream.strip(),
                upstream_tls=dataclasses.replace(
                    base_relay.upstream_tls, ca_file=self.upstream_ca_file.strip() or None,
                    insecure=self.upstream_insecure))
        url = self.url()
        follows = self.base.follows if url == self.base.url else ""  # a new address: its own
        return dataclasses.replace(self.base, url=url, role=self.role, options=options,
                                   secret_headers=secret, follows=follows,
                                   store_secrets=self.store_secrets, relay=relay)


def _option_field(message: str) -> tuple[str, str]:
    """The field that edits the option a transports error names (its messages start with the
    option: ``tls.ca_file: no such file: …``, ``reconnect.max_delay must be …``), and the
    message without a ``name:`` prefix."""
    name = re.match(r"[a-z_.]+", message)
    option = name.group(0) if name else ""
    key = "host"
    for prefix in sorted(_OPTION_FIELDS, key=len, reverse=True):
        if option == prefix or option.startswith(prefix + "."):
            key = _OPTION_FIELDS[prefix]
            break
    if option and message.startswith(option + ": "):
        message = message[len(option) + 2:]
    return key, message


def default_spec(kind: str, role: Role) -> ConnectionSpec:
    """What New ▸ <kind> starts from (a relay: listen on 9001, relay to 9000)."""
    path = "/" if kind == "ws" else ""
    if role is Role.RELAY:
        return ConnectionSpec(f"{kind}://127.0.0.1:9001{path}", role, Options(),
                              relay=RelayConfig(f"{kind}://127.0.0.1:9000{path}"))
    return ConnectionSpec(f"{kind}://127.0.0.1:9000{path}", role, Options())  # echo off

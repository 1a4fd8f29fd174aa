"""Entry and PeerInfo: one configured connection of the session and its accepted peers (Qt-free)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gui.store.log import MessageLog
from gui.workspace.model import ConnectionSpec, Role
from transports.aio.base import Connection
from transports.aio.server import Server
from transports.frames import Address, format_address
from transports.state import State, is_active
from transports.url import Scheme, UrlError, parse_url

_KIND_NAMES = {Scheme.TCP: "TCP", Scheme.TLS: "TLS", Scheme.UDP: "UDP", Scheme.WS: "WS",
               Scheme.WSS: "WSS"}


def kind_label(spec: ConnectionSpec) -> str:
    """``"TCP client"``, ``"WS server"``, ``"UDP"`` (bound UDP: ``"UDP bound"``)."""
    try:
        scheme = parse_url(spec.url).scheme
    except UrlError:
        return "?"
    name = _KIND_NAMES[scheme]
    if spec.role is Role.RELAY:
        return f"{name} relay"
    if scheme is Scheme.UDP:
        return "UDP bound" if spec.role is Role.SERVER else "UDP"
    return f"{name} {spec.role.value}"


@dataclass(eq=False)
class PeerInfo:
    """An accepted peer of a server entry."""

    id: int
    address: Address
    info: dict[str, str] = field(default_factory=dict)
    state: State = State.OPEN

    @property
    def label(self) -> str:
        return format_address(self.address)


@dataclass(eq=False)
class Entry:
    """One configured connection: its spec, its live connection (if any) and its log."""

    id: int
    spec: ConnectionSpec
    log: MessageLog
    conn: Connection | None = None
    peers: dict[int, PeerInfo] = field(default_factory=dict)  # insertion-ordered
    error: str = ""  # the last error message
    echoing: bool = False  # the live connection echoes (the spec's echo when it connected)
    _unsubscribe: Callable[[], None] | None = None

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def is_server(self) -> bool:
        """Listens (servers, bound UDP sockets and relays: a relay's peers are both sides of
        its pairs)."""
        return self.spec.role in (Role.SERVER, Role.RELAY)

    @property
    def websocket(self) -> bool:
        return self.spec.url.split("://", 1)[0].lower() in ("ws", "wss")

    @property
    def kind(self) -> str:
        return kind_label(self.spec)

    @property
    def state(self) -> State:
        return self.conn.state if self.conn is not None else State.IDLE

    @property
    def connected(self) -> bool:
        return self.state is State.OPEN

    @property
    def active(self) -> bool:
        return is_active(self.state)

    @property
    def reason(self) -> str:
        return self.conn.reason if self.conn is not None else ""

    @property
    def address(self) -> str:
        """The URL, with the port actually bound for a listening server."""
        if self.conn is not None and self.conn.state is State.OPEN:
            return self.conn.url
        return self.spec.url

    @property
    def bound_port(self) -> int | None:
        """The port a listening server got (useful with port 0)."""
        if self.conn is not None and self.is_server and self.conn.state is State.OPEN:
            return self.conn.endpoint.port
        return None

    def peer_list(self) -> list[PeerInfo]:
        return list(self.peers.values())

    def connection(self, conn_id: int) -> Connection | None:
        """The live connection an event's ``conn_id`` names: the entry's own connection, or
        (servers) the accepted peer's child connection; None once it has gone."""
        conn = self.conn
        if conn is None:
            return None
        if conn.id == conn_id:
            return conn
        return conn.peers.get(conn_id) if isinstance(conn, Server) else None

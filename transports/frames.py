"""Frames and events: what a connection reports.  Frozen dataclasses holding ``bytes``."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from transports.state import State

Address = tuple[str, int]


def format_address(address: Address | None) -> str:
    """``127.0.0.1:5000``, ``[::1]:5000`` (IPv6 in brackets, RFC 3986 §3.2.2); ``""`` for None.

    The one formatting of a remote address for the log, the peer list and messages."""
    if address is None:
        return ""
    host, port = address[0], address[1]
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class Direction(enum.IntEnum):
    """Which way a frame travelled, seen from Sockscope."""

    IN = 0
    OUT = 1


class FrameKind(enum.IntEnum):
    """What a frame is on the wire.  Stream and datagram data are ``DATA``."""

    DATA = 0
    TEXT = 1  # WebSocket text message
    BINARY = 2  # WebSocket binary message
    PING = 3
    PONG = 4
    CLOSE = 5  # WebSocket close frame (payload: code + reason, RFC 6455 §5.5.1)
    EVENT = 6  # never on the wire: a connection event stored as a log row (gui.store.events)


@dataclass(frozen=True, slots=True)
class Frame:
    """One unit of traffic, stored once as bytes; renderings are computed on demand."""

    payload: bytes
    direction: Direction
    conn_id: int
    timestamp: float
    kind: FrameKind = FrameKind.DATA
    peer: Address | None = None
    auto: bool = False  # sent by Sockscope on its own (see Traffic.offer), not asked for


@dataclass(frozen=True, slots=True)
class StateChanged:
    conn_id: int
    old: State
    new: State
    reason: str = ""


@dataclass(frozen=True, slots=True)
class FrameReceived:
    frame: Frame


@dataclass(frozen=True, slots=True)
class FrameSent:
    frame: Frame


@dataclass(frozen=True, slots=True)
class ErrorEvent:
    """Something went wrong; ``message`` says what and where, ready to show a user."""

    conn_id: int
    message: str
    fatal: bool = False


@dataclass(frozen=True, slots=True)
class PeerAdded:
    """A server accepted a peer; ``peer_id`` is the child connection's id."""

    server_id: int
    peer_id: int
    address: Address
    info: dict[str, str] = field(default_factory=dict)  # e.g. WebSocket path, headers


@dataclass(frozen=True, slots=True)
class PeerRemoved:
    server_id: int
    peer_id: int
    reason: str = ""


@dataclass(frozen=True, slots=True)
class FrameBatch:
    """Frames that share all but their payload — what one socket read (or one write) carried.

    Only subscribers that ask for batches (``subscribe(cb, batches=True)``) get these; every
    other subscriber gets the same frames as one FrameReceived/FrameSent each.  A flood is then
    one Python call per read instead of several objects per frame.
    """

    conn_id: int
    direction: Direction
    timestamp: float
    kind: FrameKind
    peer: Address | None
    payloads: tuple[bytes, ...]
    auto: bool = False  # as Frame.auto

    def frames(self) -> list[Frame]:
        return [Frame(p, self.direction, self.conn_id, self.timestamp, self.kind, self.peer,
                      self.auto) for p in self.payloads]

    def events(self) -> list[FrameReceived] | list[FrameSent]:
        if self.direction is Direction.IN:
            return [FrameReceived(f) for f in self.frames()]
        return [FrameSent(f) for f in self.frames()]


Event = StateChanged | FrameReceived | FrameSent | ErrorEvent | PeerAdded | PeerRemoved
BatchEvent = Event | FrameBatch  # what a batch subscriber gets

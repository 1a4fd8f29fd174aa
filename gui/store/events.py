"""Connection events as rows of a MessageLog (Qt-free).

Connected, disconnected (who closed, and for WebSocket the close code and reason), peer joined
and left, errors and reconnect attempts are stored in the same log as the frames, in order,
as rows of kind :attr:`FrameKind.EVENT`.  The payload is a small UTF-8 JSON object::

    {"event": "disconnected", "text": "closed by peer: 1000 (Normal Closure): bye",
     "by": "peer", "code": 1000, "reason": "bye"}

``event`` is one of :class:`EventType`; ``text`` is the message shown to the user; ``by``
(``"us"``/``"peer"``), ``code`` and ``reason`` are present when known.  Being bytes like any
payload, event rows are found by the log filter (e.g. the substring ``disconnected``), counted
by the cap, and exported by every capture writer.
"""

from __future__ import annotations

import dataclasses
import enum
import json
import re
import time
from dataclasses import dataclass

from gui.store.log import MessageLog
from transports.frames import (
    Address,
    Direction,
    ErrorEvent,
    Frame,
    FrameKind,
    PeerAdded,
    PeerRemoved,
    StateChanged,
    format_address,
)
from transports.state import State


class EventType(enum.StrEnum):
    CONNECTED = "connected"  # a client connected, a server listens
    DISCONNECTED = "disconnected"
    PEER_JOINED = "peer joined"
    PEER_LEFT = "peer left"
    ERROR = "error"
    RECONNECTING = "reconnecting"
    NOTE = "note"  # written by automation: an auto-reply rule's note, a reply not sent


@dataclass(frozen=True, slots=True)
class LogEvent:
    type: EventType
    text: str = ""
    by: str = ""  # "us" or "peer" for a disconnect, when known
    code: int | None = None  # WebSocket close code
    reason: str = ""  # WebSocket close reason

    def encode(self) -> bytes:
        obj: dict[str, object] = {"event": self.type.value, "text": self.text}
        if self.by:
            obj["by"] = self.by
        if self.code is not None:
            obj["code"] = self.code
        if self.reason:
            obj["reason"] = self.reason
        return json.dumps(obj, ensure_ascii=False, separators=(",", ":")).encode("utf-8")

    @classmethod
    def decode(cls, payload: bytes) -> LogEvent:
        """The event in an EVENT row's payload; a malformed one comes back as an ERROR event
        holding the raw text (nothing is lost)."""
        try:
            obj = json.loads(payload)
            code = obj.get("code")
            return cls(EventType(obj["event"]), str(obj.get("text", "")), str(obj.get("by", "")),
                       code if isinstance(code, int) else None, str(obj.get("reason", "")))
        except (ValueError, KeyError, TypeError, AttributeError):
            return cls(EventType.ERROR, payload.decode("utf-8", "replace"))

    def summary(self) -> str:
        """``disconnected: closed by peer: 1000 (Normal Closure): bye``."""
        return f"{self.type.value}: {self.text}" if self.text else self.type.value


# "closed by peer: 1000 (Normal Closure): bye" / "…; closed with 1001: going away"
_PEER_CLOSE = re.compile(r"closed by peer: (\d+)(?: \([^)]*\))?(?:: (.*))?$")
_OUR_CLOSE = re.compile(r"closed with (\d+)(?:: (.*))?$")


def disconnect_event(reason: str) -> LogEvent:
    """A DISCONNECTED event from a StateChanged reason: who closed and the close code."""
    match = _PEER_CLOSE.search(reason)
    if match:
        return LogEvent(EventType.DISCONNECTED, reason, "peer", int(match.group(1)),
                        match.group(2) or "")
    match = _OUR_CLOSE.search(reason)
    if match:
        return LogEvent(EventType.DISCONNECTED, reason, "us", int(match.group(1)),
                        match.group(2) or "")
    if "by user" in reason or "closing the session" in reason:
        return LogEvent(EventType.DISCONNECTED, reason, "us")
    if "peer closed" in reason or "by peer" in reason:
        return LogEvent(EventType.DISCONNECTED, reason, "peer")
    return LogEvent(EventType.DISCONNECTED, reason)


def with_close_frame(event: LogEvent, log: MessageLog, conn_id: int,
                     look_back: int = 8) -> LogEvent:
    """A DISCONNECTED event without a close code takes it from the connection's last
    WebSocket close frame among the log's newest rows (RFC 6455 §5.5.1: code + reason)."""
    if event.type is not EventType.DISCONNECTED or event.code is not None:
        return event
    for row in range(len(log) - 1, max(len(log) - 1 - look_back, -1), -1):
        if log.kind(row) is FrameKind.CLOSE and log.conn_id(row) == conn_id:
            payload = log.payload(row)
            if len(payload) >= 2:
                code = int.from_bytes(payload[:2], "big")
                reason = payload[2:].decode("utf-8", "replace")
                return dataclasses.replace(event, code=code, reason=reason)
            return event
    return event


def event_for(event: object) -> tuple[int, Address | None, LogEvent] | None:
    """(conn_id, peer, LogEvent) for a transports event worth a log row, else None.

    ``StateChanged`` of peers of a server are left out: their PeerAdded/PeerRemoved say it."""
    if isinstance(event, StateChanged):
        if event.new is State.OPEN:
            return event.conn_id, None, LogEvent(EventType.CONNECTED, event.reason)
        if event.new is State.RECONNECTING:
            return event.conn_id, None, LogEvent(EventType.RECONNECTING, event.reason)
        if event.new in (State.CLOSED, State.FAILED) and event.old is not State.IDLE:
            return event.conn_id, None, disconnect_event(event.reason)
        return None
    if isinstance(event, PeerAdded):
        info = " ".join(f"{k}={v}" for k, v in event.info.items() if k == "path")
        if "origin" in event.info:  # WebSocket peers: which page (if any) opened them
            info += f" origin={event.info['origin'] or '(none)'}"
        return event.peer_id, event.address, LogEvent(
            EventType.PEER_JOINED, f"{format_address(event.address)} {info}".strip())
    if isinstance(event, PeerRemoved):
        return event.peer_id, None, LogEvent(EventType.PEER_LEFT, event.reason)
    if isinstance(event, ErrorEvent):
        return event.conn_id, None, LogEvent(EventType.ERROR, event.message)
    return None


def event_frame(conn_id: int, peer: Address | None, event: LogEvent,
                timestamp: float | None = None) -> Frame:
    """The log row for ``event`` (direction IN: it is something Sockscope observed)."""
    return Frame(event.encode(), Direction.IN, conn_id,
                 time.time() if timestamp is None else timestamp, FrameKind.EVENT, peer)

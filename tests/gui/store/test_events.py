"""Connection events as log rows: what each transports event becomes, who closed, close codes."""

from __future__ import annotations

import pytest

from gui.store.events import (
    EventType,
    LogEvent,
    disconnect_event,
    event_for,
    event_frame,
    with_close_frame,
)
from gui.store.log import MessageLog
from transports.frames import (
    Direction,
    ErrorEvent,
    Frame,
    FrameKind,
    PeerAdded,
    PeerRemoved,
    StateChanged,
)
from transports.state import State


@pytest.mark.parametrize(("reason", "by", "code", "close_reason"), [
    ("closed by peer: 1000 (Normal Closure): bye", "peer", 1000, "bye"),
    ("closed by peer: 4001 (application)", "peer", 4001, ""),
    ("going away; closed with 1001: server restart", "us", 1001, "server restart"),
    ("closed by user", "us", None, ""),
    ("peer closed the connection", "peer", None, ""),
    ("connection reset by peer", "peer", None, ""),
    ("timed out", "", None, ""),
])
def test_who_closed_and_the_close_code(reason: str, by: str, code: int | None,
                                       close_reason: str) -> None:
    assert disconnect_event(reason) == LogEvent(EventType.DISCONNECTED, reason, by, code,
                                                close_reason)


def test_transport_events_to_rows() -> None:
    peer = ("127.0.0.1", 5000)
    assert event_for(StateChanged(3, State.CONNECTING, State.OPEN)) == (
        3, None, LogEvent(EventType.CONNECTED))
    assert event_for(StateChanged(3, State.OPEN, State.RECONNECTING, "attempt 1 in 0.50 s")) \
        == (3, None, LogEvent(EventType.RECONNECTING, "attempt 1 in 0.50 s"))
    assert event_for(StateChanged(3, State.OPEN, State.CLOSED, "closed by user"))[2].by == "us"
    assert event_for(StateChanged(3, State.IDLE, State.CLOSED)) is None  # never opened
    assert event_for(StateChanged(3, State.OPEN, State.CLOSING)) is None
    assert event_for(PeerAdded(1, 7, peer, {"path": "/chat"})) == (
        7, peer, LogEvent(EventType.PEER_JOINED, "127.0.0.1:5000 path=/chat"))
    assert event_for(PeerAdded(1, 7, peer, {"path": "/", "origin": "https://app.example"}))[2] \
        == LogEvent(EventType.PEER_JOINED, "127.0.0.1:5000 path=/ origin=https://app.example")
    assert event_for(PeerAdded(1, 7, peer, {"path": "/", "origin": ""}))[2].text == \
        "127.0.0.1:5000 path=/ origin=(none)"
    assert event_for(PeerRemoved(1, 7, "peer closed")) == (
        7, None, LogEvent(EventType.PEER_LEFT, "peer closed"))
    assert event_for(ErrorEvent(3, "tcp://x: refused")) == (
        3, None, LogEvent(EventType.ERROR, "tcp://x: refused"))
    assert event_for(object()) is None


def test_encoding_round_trips_and_bad_payloads_lose_nothing() -> None:
    event = LogEvent(EventType.DISCONNECTED, "关闭", "peer", 1000, "再见")
    assert LogEvent.decode(event.encode()) == event
    assert event.summary() == "disconnected: 关闭"
    assert LogEvent.decode(b"\xffnot json") == LogEvent(EventType.ERROR, "\ufffdnot json")
    frame = event_frame(2, None, event, 5.0)
    assert (frame.kind, frame.direction, frame.timestamp) == (FrameKind.EVENT, Direction.IN, 5.0)


def test_a_websocket_disconnect_takes_the_code_from_the_close_frame() -> None:
    log = MessageLog()
    log.append(Frame(b"\x03\xe8", Direction.OUT, 4, 1.0, FrameKind.CLOSE))
    log.append(Frame(b"\x03\xe9going", Direction.IN, 4, 1.1, FrameKind.CLOSE))
    log.append(Frame(b"\x0f\xa0", Direction.IN, 5, 1.2, FrameKind.CLOSE))  # another connection
    event = with_close_frame(disconnect_event("closed by user"), log, 4)
    assert (event.by, event.code, event.reason) == ("us", 1001, "going")
    assert with_close_frame(disconnect_event("x"), MessageLog(), 4).code is None

"""The echo responder: the session's first built-in tap (Qt-free).

An entry whose spec has ``options.echo`` sends every data message it receives back to its
sender.  The session opens its connections with the transport's own echo switched off and
answers here instead, on the tap path that auto-reply rules and relays use too: each frame
goes back through :meth:`Connection.echo <transports.aio.base.Connection.echo>`, which is
``offer()`` with the receiving connection as the source, so a peer that sends faster than it
reads has its reading paused instead of growing the send queue.
"""

from __future__ import annotations

from gui.session.entry import Entry
from transports.frames import BatchEvent, Direction, FrameBatch, FrameKind, FrameReceived

ECHOED_KINDS = frozenset({FrameKind.DATA, FrameKind.TEXT, FrameKind.BINARY})
"""Control frames (ping, pong, close) are answered by the protocol, never echoed."""


def echo_tap(entry: Entry, event: BatchEvent) -> None:
    """Send each data frame an echoing entry received back to its sender (a tap)."""
    if not entry.echoing:
        return
    kind = type(event)
    if kind is FrameBatch:
        assert isinstance(event, FrameBatch)
        if event.direction is not Direction.IN or event.kind not in ECHOED_KINDS:
            return
        conn = entry.connection(event.conn_id)
        if conn is None:
            return
        frame_kind, peer = event.kind, event.peer
        for payload in event.payloads:
            conn.echo(payload, frame_kind, peer)
    elif kind is FrameReceived:
        assert isinstance(event, FrameReceived)
        frame = event.frame
        if frame.kind not in ECHOED_KINDS:
            return
        conn = entry.connection(frame.conn_id)
        if conn is not None:
            conn.echo(frame.payload, frame.kind, frame.peer)

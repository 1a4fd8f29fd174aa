"""Session taps: synchronous observers of every event of every connection (Qt-free).

A *tap* is a plain callable ``tap(entry, event)`` registered with
:meth:`SessionManager.add_tap <gui.session.manager.SessionManager.add_tap>`, which returns a
function that removes it.  The contract:

What a tap receives
    Every event of every connection the manager opens, for as long as the tap is registered,
    across reconnects and new entries: ``entry`` is the :class:`~gui.session.entry.Entry`
    (``entry.id`` is the entry id), ``event`` one of the transports events
    (:data:`transports.frames.BatchEvent`):

    - frames, batch-aware: a :class:`~transports.frames.FrameBatch` carries the frames of one
      socket read (or one write) that share all but their payload; a single frame comes as
      :class:`~transports.frames.FrameReceived` / :class:`~transports.frames.FrameSent`.
      :func:`as_batch` turns either shape into one ``FrameBatch``;
    - :class:`~transports.frames.StateChanged`, :class:`~transports.frames.PeerAdded`,
      :class:`~transports.frames.PeerRemoved`, :class:`~transports.frames.ErrorEvent`.

Which connection, which peer
    ``event.conn_id`` is the id of the connection that carried the frame: the entry's own
    connection, or for a server the accepted peer's child connection.
    ``entry.connection(event.conn_id)`` returns that live connection (to ``offer()`` a reply
    to it), or None once it has gone.  ``peer`` on a frame or batch is the remote address
    (for a bound UDP socket: the datagram's sender).

Order
    Taps run on the event loop, synchronously, in the order the connection reported the
    events and in the order the taps were added, *after* the manager has updated its own
    state (the entry's log holds the frames, ``entry.peers`` holds a new peer).  No task,
    callback or signal is scheduled per frame.

Must not block
    A tap runs inside the socket's read callback: it must return quickly and never wait.
    To reply, use ``Connection.offer()`` (never awaits: a full send queue pauses reading on
    the source instead).  Slow work belongs in an owned task fed in batches.  An exception
    in a tap is logged and does not reach the connection or the other taps.

A tap added or removed while events are being delivered takes effect from the next event.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from transports.frames import BatchEvent, FrameBatch, FrameReceived, FrameSent

if TYPE_CHECKING:
    from gui.session.entry import Entry

Tap = Callable[["Entry", BatchEvent], None]
"""``tap(entry, event)``; see the module docstring for the contract."""

def as_batch(event: BatchEvent) -> FrameBatch | None:
    """A frame event of either shape as one :class:`FrameBatch` (a single frame: a batch of
    one payload); None for every other event.  One object per read, none per frame."""
    kind = type(event)
    if kind is FrameBatch:
        assert isinstance(event, FrameBatch)
        return event
    if kind is FrameReceived or kind is FrameSent:
        assert isinstance(event, FrameReceived | FrameSent)
        f = event.frame
        return FrameBatch(f.conn_id, f.direction, f.timestamp, f.kind, f.peer, (f.payload,))
    return None

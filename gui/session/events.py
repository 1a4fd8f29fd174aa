"""What the session manager tells its listeners (plain callbacks; no Qt).

Listeners are called synchronously, on the loop, *after* the manager's data changed.  Frames are
never announced here: they go straight into each entry's MessageLog, which views poll.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class EntryAdded:
    entry_id: int
    index: int


@dataclass(frozen=True, slots=True)
class EntryRemoved:
    entry_id: int
    index: int


@dataclass(frozen=True, slots=True)
class EntryChanged:
    """The entry's spec, state, bound address or last error changed."""

    entry_id: int


@dataclass(frozen=True, slots=True)
class PeerJoined:
    entry_id: int
    peer_id: int


@dataclass(frozen=True, slots=True)
class PeerLeft:
    entry_id: int
    peer_id: int


@dataclass(frozen=True, slots=True)
class SessionError:
    """Something went wrong with an entry; ``message`` is ready to show a user."""

    entry_id: int
    message: str


SessionEvent = EntryAdded | EntryRemoved | EntryChanged | PeerJoined | PeerLeft | SessionError
Listener = Callable[[SessionEvent], None]

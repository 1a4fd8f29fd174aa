"""The running session: configured connections, live connections, logs and tasks (Qt-free)."""

from gui.session.entry import Entry, PeerInfo, kind_label
from gui.session.events import (
    EntryAdded,
    EntryChanged,
    EntryRemoved,
    Listener,
    PeerJoined,
    PeerLeft,
    SessionError,
    SessionEvent,
)
from gui.session.manager import SessionManager
from gui.session.taps import Tap, as_batch

__all__ = [
    "Entry",
    "EntryAdded",
    "EntryChanged",
    "EntryRemoved",
    "Listener",
    "PeerInfo",
    "PeerJoined",
    "PeerLeft",
    "SessionError",
    "SessionEvent",
    "SessionManager",
    "Tap",
    "as_batch",
    "kind_label",
]

"""The running session: configured connections, live connections, logs and tasks (Qt-free)."""

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
from gui.session.manager import Entry, PeerInfo, SessionManager, format_address, kind_label

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
    "format_address",
    "kind_label",
]

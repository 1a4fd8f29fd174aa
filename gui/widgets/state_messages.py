"""The status bar's word on each connection's state: connected to / listening on once open,
reconnecting, and who closed it — so "connecting…" never outlives the connect, and a peer
that hangs up (a redis after QUIT) is said, not just drawn as a grey icon."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from gui.session import Entry, EntryChanged, EntryRemoved, SessionEvent, SessionManager
from transports.state import State


class StateMessages(QObject):
    """Tells ``show`` (a status bar's ``showMessage``) each state a connection enters."""

    def __init__(self, manager: SessionManager, show: Callable[[str], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        self._show = show
        self._states: dict[int, State] = {}
        manager.add_listener(self._on_session)

    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, EntryRemoved):
            self._states.pop(event.entry_id, None)
        elif isinstance(event, EntryChanged):
            entry = self._manager.get(event.entry_id)
            if entry is not None:
                self._changed(entry)

    def _changed(self, entry: Entry) -> None:
        state, old = entry.state, self._states.get(entry.id)
        if state is old:
            return
        self._states[entry.id] = state
        text = self.message(entry, state, old)
        if text:
            self._show(text)

    def message(self, entry: Entry, state: State, old: State | None) -> str:
        """What to say when ``entry`` went from ``old`` to ``state`` ("" for nothing)."""
        if state is State.OPEN:
            if entry.is_server:
                return self.tr("{name}: listening on {address}").format(
                    name=entry.name, address=entry.address)
            return self.tr("{name}: connected to {address}").format(
                name=entry.name, address=entry.address)
        if state is State.RECONNECTING:
            return self.tr("{name}: reconnecting…").format(name=entry.name)
        if state is State.CLOSED and old in (State.OPEN, State.CLOSING, State.RECONNECTING):
            if entry.reason:
                return self.tr("{name}: closed ({reason})").format(name=entry.name,
                                                                    reason=entry.reason)
            return self.tr("{name}: closed").format(name=entry.name)
        return ""  # CONNECTING is said by Connect; FAILED by the session's error message

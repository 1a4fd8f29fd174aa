"""ConnectionsModel: a tree over the SessionManager — entries, and the live peers of servers.

A thin adapter: it mirrors only the *structure* (entry ids in order, peer ids per entry) so that
it can announce each insertion and removal to views with the proper begin/end calls after the
manager already changed; every cell is read from the manager when a view asks.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from gui.i18n import QT_TRANSLATE_NOOP
from gui.icons import state_color, state_icon, state_label
from gui.session import (
    Entry,
    EntryAdded,
    EntryChanged,
    EntryRemoved,
    PeerInfo,
    PeerJoined,
    PeerLeft,
    SessionEvent,
    SessionManager,
)

Index = QModelIndex | QPersistentModelIndex

COLUMNS = (
    QT_TRANSLATE_NOOP("ConnectionsModel", "Name"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "Kind"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "Address"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "State"),
)
# Words made by gui.icons.state_label and gui.session's kind_label, translated when shown.
SHOWN_WORDS = (
    QT_TRANSLATE_NOOP("ConnectionsModel", "idle"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "connecting…"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "reconnecting…"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "open"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "closing…"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "closed"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "failed"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "listening"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "TCP client"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "TCP server"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "TLS client"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "TLS server"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "WS client"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "WS server"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "WSS client"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "WSS server"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "UDP"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "UDP bound"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "TCP relay"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "TLS relay"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "UDP relay"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "WS relay"),
    QT_TRANSLATE_NOOP("ConnectionsModel", "WSS relay"),
)


def _shown(word: str) -> str:
    """A state or kind word in the UI language (unknown words stay as they are)."""
    return QCoreApplication.translate("ConnectionsModel", word)
NAME, KIND, ADDRESS, STATE = range(4)
ENTRY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
PEER_ID_ROLE = Qt.ItemDataRole.UserRole + 2


class ConnectionsModel(QAbstractItemModel):
    """Top-level rows are entries (internal id 0); a peer row's internal id is its entry's id."""

    def __init__(self, manager: SessionManager, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.manager = manager
        self._rows: list[int] = [e.id for e in manager]
        self._children: dict[int, list[int]] = {e.id: list(e.peers) for e in manager}
        manager.add_listener(self._on_session)

    def detach(self) -> None:
        """Stop following the manager (call before dropping the model)."""
        self.manager.remove_listener(self._on_session)

    # -- lookups ------------------------------------------------------------------------------
    def entry_at(self, index: Index) -> Entry | None:
        """The entry of a top-level row, or the server entry of a peer row."""
        if not index.isValid():
            return None
        parent_id = index.internalId()
        entry_id = parent_id if parent_id else self._rows[index.row()]
        return self.manager.get(entry_id)

    def peer_at(self, index: Index) -> PeerInfo | None:
        if not index.isValid() or not index.internalId():
            return None
        entry = self.manager.get(index.internalId())
        children = self._children.get(index.internalId(), [])
        if entry is None or index.row() >= len(children):
            return None
        return entry.peers.get(children[index.row()])

    def index_of(self, entry: Entry, column: int = 0) -> QModelIndex:
        try:
            return self.index(self._rows.index(entry.id), column)
        except ValueError:
            return QModelIndex()

    # -- QAbstractItemModel -------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row >= len(self._rows):
                return QModelIndex()
            return self.createIndex(row, column, 0)
        if parent.internalId() or parent.column() != 0:
            return QModelIndex()  # peers have no children
        entry_id = self._rows[parent.row()]
        if row >= len(self._children.get(entry_id, ())):
            return QModelIndex()
        return self.createIndex(row, column, entry_id)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        if not child.isValid() or not child.internalId():
            return QModelIndex()
        try:
            return self.createIndex(self._rows.index(child.internalId()), 0, 0)
        except ValueError:
            return QModelIndex()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self._rows)
        if parent.internalId() or parent.column() != 0:
            return 0
        return len(self._children.get(self._rows[parent.row()], ()))

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < len(COLUMNS)):
            return _shown(COLUMNS[section])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self.entry_at(index)
        if entry is None:
            return None
        column = index.column()
        if index.internalId():
            peer = self.peer_at(index)
            return None if peer is None else self._peer_data(entry, peer, column, role)
        return self._entry_data(entry, column, role)

    def _entry_data(self, entry: Entry, column: int, role: int) -> Any:
        state = entry.state
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return entry.name
            if column == KIND:
                return _shown(entry.kind)
            if column == ADDRESS:  # the kind column names the scheme
                return entry.address.split("://", 1)[-1]
            if column == STATE:
                text = _shown(state_label(state, entry.is_server))
                if entry.is_server and entry.peers:
                    text += f" ({len(entry.peers)})"
                return text
        elif role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return state_icon(state)
        elif role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return state_color(state)
        elif role == Qt.ItemDataRole.ToolTipRole:
            tip = self.tr("{kind}: {address}\nstate: {state}").format(
                kind=_shown(entry.kind), address=entry.address,
                state=_shown(state_label(state, entry.is_server)))
            if entry.reason:
                tip += f" ({entry.reason})"
            if entry.error:
                tip += "\n" + self.tr("last error: {error}").format(error=entry.error)
            return tip
        elif role == ENTRY_ID_ROLE:
            return entry.id
        return None

    def _peer_data(self, entry: Entry, peer: PeerInfo, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == NAME:
                return peer.label
            if column == KIND:
                side = peer.info.get("relay")
                if side == "client":
                    return self.tr("client, pair {n}").format(n=peer.info.get("pair", ""))
                if side == "upstream":
                    return self.tr("upstream, pair {n}").format(n=peer.info.get("pair", ""))
                return self.tr("peer")
            if column == ADDRESS:  # the name column holds the peer's address
                return peer.info.get("path", peer.info.get("url", ""))
            if column == STATE:
                return _shown(state_label(peer.state))
        elif role == Qt.ItemDataRole.DecorationRole and column == NAME:
            return state_icon(peer.state)
        elif role == Qt.ItemDataRole.ForegroundRole and column == STATE:
            return state_color(peer.state)
        elif role == Qt.ItemDataRole.ToolTipRole:
            details = "".join(f"\n{k}: {v}" for k, v in peer.info.items())
            return self.tr("peer #{id} of {server}: {address}").format(
                id=peer.id, server=entry.name, address=peer.label) + details
        elif role == ENTRY_ID_ROLE:
            return entry.id
        elif role == PEER_ID_ROLE:
            return peer.id
        return None

    # -- following the manager --------------------------------------------------------------
    def _on_session(self, event: SessionEvent) -> None:
        if isinstance(event, EntryChanged):
            self._entry_changed(event.entry_id)
        elif isinstance(event, PeerJoined):
            self._peer_joined(event.entry_id, event.peer_id)
        elif isinstance(event, PeerLeft):
            self._peer_left(event.entry_id, event.peer_id)
        elif isinstance(event, EntryAdded):
            at = min(event.index, len(self._rows))
            self.beginInsertRows(QModelIndex(), at, at)
            self._rows.insert(at, event.entry_id)
            entry = self.manager.get(event.entry_id)
            self._children[event.entry_id] = list(entry.peers) if entry is not None else []
            self.endInsertRows()
        elif isinstance(event, EntryRemoved):
            if event.entry_id not in self._rows:
                return
            at = self._rows.index(event.entry_id)
            self.beginRemoveRows(QModelIndex(), at, at)
            del self._rows[at]
            self._children.pop(event.entry_id, None)
            self.endRemoveRows()

    def _entry_changed(self, entry_id: int) -> None:
        if entry_id not in self._rows:
            return
        row = self._rows.index(entry_id)
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _peer_joined(self, entry_id: int, peer_id: int) -> None:
        if entry_id not in self._rows:
            return
        children = self._children.setdefault(entry_id, [])
        if peer_id in children:
            return
        parent = self.index(self._rows.index(entry_id), 0)
        self.beginInsertRows(parent, len(children), len(children))
        children.append(peer_id)
        self.endInsertRows()
        self._entry_changed(entry_id)  # the peer count in the state column

    def _peer_left(self, entry_id: int, peer_id: int) -> None:
        children = self._children.get(entry_id)
        if children is None or peer_id not in children:
            return
        at = children.index(peer_id)
        parent = self.index(self._rows.index(entry_id), 0)
        self.beginRemoveRows(parent, at, at)
        del children[at]
        self.endRemoveRows()
        self._entry_changed(entry_id)

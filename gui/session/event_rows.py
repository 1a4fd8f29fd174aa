"""Connection events as rows of an entry's log (Qt-free): connected / disconnected / peer
joined, left / error / reconnecting, with the peer address filled in from the entry
(the rows themselves are :mod:`gui.store.events`'s).  ``SessionManager`` writes one for each
control event it receives.
"""

from __future__ import annotations

from gui.session.entry import Entry
from gui.store.events import event_for, event_frame, with_close_frame
from transports.frames import BatchEvent, StateChanged


def log_event_row(entry: Entry, event: BatchEvent) -> None:
    """Connected / disconnected / peer joined, left / error / reconnecting as a log row
    (gui.store.events); a server's peers' own state changes are left to PeerAdded/Removed."""
    found = event_for(event)
    if found is None:
        return
    conn_id, peer, log_event = found
    conn = entry.conn
    if isinstance(event, StateChanged) and (conn is None or event.conn_id != conn.id):
        return
    if peer is None:
        if conn is not None and conn.id == conn_id:
            peer = conn.peer_address
        elif conn_id in entry.peers:
            peer = entry.peers[conn_id].address
    log_event = with_close_frame(log_event, entry.log, conn_id)
    entry.log.append(event_frame(conn_id, peer, log_event))

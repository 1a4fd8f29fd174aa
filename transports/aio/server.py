"""Servers: a listening connection whose accepted peers are child connections.

The listening itself is the subclass's (:mod:`transports.aio.tcp`,
:mod:`transports.aio.websocket_server`); this module routes sends to peers, re-emits their
events, and closes them with the server.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from transports.aio.base import Connection
from transports.aio.flow import Source
from transports.aio.sendqueue import Outgoing
from transports.errors import NotOpen, QueueFull
from transports.frames import (
    Address,
    BatchEvent,
    FrameKind,
    PeerAdded,
    PeerRemoved,
    StateChanged,
    format_address,
)
from transports.options import Options
from transports.state import State
from transports.url import Endpoint


class Server(Connection):
    """A listening connection whose accepted peers are child connections.

    Child events are re-emitted to the server's subscribers, so one subscription sees all.
    ``send(..., peer=None)`` broadcasts to every open peer; ``peer=<child id>`` picks one.
    """

    is_server = True

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        super().__init__(endpoint, options, conn_id=conn_id)
        self.peers: dict[int, Connection] = {}
        self._lagging: dict[int, int] = {}  # peers a broadcast skipped: id → frames missed

    def _add_peer(self, peer: Connection) -> bool:
        """Adopt an accepted peer; False (and an error event) when max_peers is reached."""
        if self.state is not State.OPEN:
            return False  # closing: the caller drops the connection
        if len(self.peers) >= self.options.max_peers:
            self._error(f"refused {format_address(peer.peer_address)}: max_peers "
                        f"({self.options.max_peers}) reached")
            return False
        peer.parent = self
        self.peers[peer.id] = peer
        peer.subscribe(self._on_peer_event, batches=True)
        if self._pause_reasons:
            peer.pause_reading(self)
        self._emit(PeerAdded(self.id, peer.id, peer.peer_address or ("", 0), self._peer_info(peer)))
        return True

    def _peer_info(self, peer: Connection) -> dict[str, str]:
        return {}

    def _on_peer_event(self, event: BatchEvent) -> None:
        self._emit(event)
        if (isinstance(event, StateChanged) and event.new in (State.CLOSED, State.FAILED)
                and self.peers.pop(event.conn_id, None) is not None):
            self._lagging.pop(event.conn_id, None)
            self._emit(PeerRemoved(self.id, event.conn_id, event.reason))

    def _set_reading(self, on: bool) -> None:
        for peer in self.peers.values():
            if on:
                peer.resume_reading(self)
            else:
                peer.pause_reading(self)

    def open_peers(self) -> list[Connection]:
        return [p for p in self.peers.values() if p.state is State.OPEN]

    def _peer(self, peer: Address | int) -> Connection:
        """The peer with this id or address; NotOpen when there is none."""
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        if isinstance(peer, int):
            target = self.peers.get(peer)
            if target is None:
                raise NotOpen(f"{self.name}: no peer #{peer} (it may have disconnected)")
            return target
        for p in self.open_peers():
            if p.peer_address == peer:
                return p
        raise NotOpen(f"{self.name}: no peer at {format_address(peer)}")

    def _check_frame(self, data: bytes | bytearray | memoryview | str,
                     kind: FrameKind | None) -> FrameKind | None:
        """Validate a frame before it goes to the peers (so that a bad one raises instead of
        vanishing in a broadcast); returns the kind to send it as."""
        return kind

    async def send(self, data: bytes | bytearray | memoryview | str, *,
                   kind: FrameKind | None = None, peer: Address | int | None = None) -> None:
        kind = self._check_frame(data, kind)
        if peer is not None:
            await self._peer(peer).send(data, kind=kind)
            return
        await self.broadcast(data, kind=kind)

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Source | None = None, auto: bool | None = None) -> bool:
        """:meth:`Connection.offer` to one peer (its id or address), or with ``peer=None`` to
        every open peer (see :meth:`broadcast` for a peer whose queue is full when there is
        no ``source`` to pause): True when every peer still has room."""
        kind = self._check_frame(data, kind)
        if peer is not None:
            return self._peer(peer).offer(data, kind=kind, source=source, auto=auto)
        return self._broadcast(data, kind, source, auto)[1]

    async def broadcast(self, data: bytes | bytearray | memoryview | str, *,
                        kind: FrameKind | None = None) -> int:
        """Send to every open peer without waiting on any of them; returns how many took
        the frame.

        Each peer has its own bounded send queue, so a slow peer (one that does not read)
        never delays the others.  A peer whose queue is full does not get the frame: an
        error event naming it says so once, and another one how many frames it missed when
        it has caught up; with ``options.close_slow_peers`` it is disconnected instead."""
        kind = self._check_frame(data, kind)
        return self._broadcast(data, kind, None)[0]

    def _broadcast(self, data: bytes | bytearray | memoryview | str, kind: FrameKind | None,
                   source: Source | None, auto: bool | None = None) -> tuple[int, bool]:
        """Offer to every open peer: (how many took it, whether all still have room)."""
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        taken, room = 0, True
        for p in self.open_peers():
            missed = self._lagging.get(p.id)
            if missed is not None and p._queue.drained:
                del self._lagging[p.id]
                p._error(f"caught up: {missed} broadcast frame(s) were not sent to it")
            try:
                room = p.offer(data, kind=kind, source=source, auto=auto) and room
                taken += 1
            except QueueFull:
                room = False
                self._lagging_peer(p)
        return taken, room

    def _lagging_peer(self, peer: Connection) -> None:
        """``peer``'s send queue is full and a broadcast has nobody to pause."""
        queue = peer._queue
        if self.options.close_slow_peers:
            self._lagging.pop(peer.id, None)
            peer._lost(None, f"disconnected: it does not read ({queue.nbytes} bytes waiting "
                       "to be sent; close_slow_peers)", failed=True)
            return
        missed = self._lagging.get(peer.id)
        if missed is None:
            peer._error(f"not keeping up: {len(queue)} frame(s), {queue.nbytes} bytes wait to "
                        "be sent; broadcast frames to it are dropped until it catches up")
            missed = 0
        self._lagging[peer.id] = missed + 1

    async def close(self, reason: str = "closed by user") -> None:
        self._user_closing = True
        if self.state is State.OPEN:
            self._set_state(State.CLOSING, reason)
            await self._stop_listening()
            await self._close_peers(self.peers.values(), "server closed")
            self._abort()
            await self._finish(State.CLOSED, reason)
            return
        await super().close(reason)

    @staticmethod
    async def _close_peers(peers: Iterable[Connection], reason: str) -> None:
        await asyncio.gather(*(p.close(reason) for p in list(peers)), return_exceptions=True)

    async def _stop_listening(self) -> None:
        raise NotImplementedError

    async def _write(self, batch: list[Outgoing]) -> None:
        raise NotImplementedError("servers send through their peers")

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
        raise NotOpen(f"{self.name}: no peer at {peer[0]}:{peer[1]}")

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
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        await self.broadcast(data, kind=kind)

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Source | None = None) -> bool:
        """:meth:`Connection.offer` to one peer (its id or address), or with ``peer=None`` to
        every open peer: True when every peer still has room.  Without a ``source``, a peer
        whose queue is full does not get the frame and gets an error event instead (one slow
        peer never holds up the others, nor makes the frame vanish silently)."""
        kind = self._check_frame(data, kind)
        if peer is not None:
            return self._peer(peer).offer(data, kind=kind, source=source)
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        room = True
        for p in self.open_peers():
            try:
                room = p.offer(data, kind=kind, source=source) and room
            except QueueFull as exc:
                p._error(f"broadcast not sent: {exc}")
                room = False
        return room

    async def broadcast(self, data: bytes | bytearray | memoryview | str, *,
                        kind: FrameKind | None = None) -> int:
        """Send to every open peer; returns how many peers took the frame.  A peer that fails
        (it left meanwhile, or rejects the frame) gets an error event; the others still send."""
        peers = self.open_peers()
        results = await asyncio.gather(*(p.send(data, kind=kind) for p in peers),
                                       return_exceptions=True)
        sent = 0
        for peer, result in zip(peers, results, strict=True):
            if isinstance(result, BaseException):
                peer._error(f"broadcast not sent: {result}")
            else:
                sent += 1
        return sent

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

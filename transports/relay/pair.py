"""A relay pair: one client and the upstream connection opened for it, with a pipe each way."""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from transports.frames import Address
from transports.relay.faults import SlowClose, Way
from transports.relay.pipe import Pipe
from transports.state import State

if TYPE_CHECKING:
    from transports.aio.base import Connection
    from transports.relay.relay import Relay

ENDED = (State.CLOSED, State.FAILED)


class Pair:
    """``client`` (an accepted peer; for UDP the relay's socket, with ``client_peer`` the
    client's address) and ``upstream`` (a client connection to the relay's upstream URL)."""

    def __init__(self, relay: Relay, pair_id: int, client: Connection, upstream: Connection,
                 client_peer: Address | None = None, *, stream: bool, bound: int) -> None:
        self.relay = relay
        self.id = pair_id
        self.client = client
        self.upstream = upstream
        self.client_peer = client_peer  # UDP: the client's address on the shared socket
        self.up = Pipe(self, Way.UPSTREAM, client, upstream, None, bound=bound, stream=stream)
        self.down = Pipe(self, Way.DOWNSTREAM, upstream, client, client_peer, bound=bound,
                         stream=stream)
        self.closing = False
        self.active_at = 0.0  # UDP: loop time of the last datagram either way

    def __repr__(self) -> str:
        return f"<Pair {self.id} #{self.client.id} ⇄ #{self.upstream.id}>"

    @property
    def shared_client(self) -> bool:
        """The client side is the relay's UDP socket, shared with other pairs."""
        return self.client_peer is not None

    def pipe(self, way: Way) -> Pipe:
        return self.up if way is Way.UPSTREAM else self.down

    def target(self, way: Way) -> Connection:
        return self.upstream if way is Way.UPSTREAM else self.client

    @property
    def held_bytes(self) -> int:
        return self.up.held_bytes + self.down.held_bytes

    # -- lifecycle --------------------------------------------------------------------------
    def side_ended(self, conn: Connection) -> None:
        """``conn`` (one side) closed or failed: flush what it sent, then close the other."""
        if conn is self.client and not self.shared_client:
            self.up.finish()
        elif conn is self.upstream:
            self.down.finish()
        if self.done:
            self.relay._forget(self)

    def flushed(self, way: Way) -> None:
        """Everything the ended side sent has left: close the other side (after slow_close)."""
        fault: SlowClose | None = self.relay.faults[way].get(SlowClose)
        delay = fault.delay if fault is not None else 0.0
        self._close_side(self.target(way), "the other side of the relay closed", delay)

    def close(self, reason: str) -> None:
        """Close both sides (a fault's timeout or limit, an unreachable upstream)."""
        if self.closing:
            return
        self.closing = True
        self.relay._note(f"pair {self.id}: closing ({reason})")
        self.up.stop()
        self.down.stop()
        self._close_side(self.upstream, reason)
        self._close_side(self.client, reason)

    def reset(self, reason: str) -> None:
        """Reset both sides at once (TCP RST); a UDP pair is just forgotten."""
        self.relay._note(f"pair {self.id}: reset ({reason})")
        self.closing = True
        self.up.stop()
        self.down.stop()
        for conn in (self.client, self.upstream):
            if conn is self.client and self.shared_client:
                continue
            if not conn.reset(f"reset: {reason}"):
                self._close_side(conn, reason)
        if self.shared_client:
            self._close_side(self.upstream, reason)

    def _close_side(self, conn: Connection, reason: str, delay: float = 0.0) -> None:
        if conn is self.client and self.shared_client:
            self.up.stop()
            self.down.stop()
            self.relay._forget(self)
            return
        if conn.state in ENDED or conn.state is State.CLOSING:
            return
        self.relay._start(_close_later(conn, reason, delay), f"close#{conn.id}")

    def stop(self) -> None:
        self.up.stop()
        self.down.stop()

    @property
    def done(self) -> bool:
        """Both sides have ended (the client side of a UDP pair never does by itself)."""
        client_done = self.shared_client or self.client.state in ENDED
        return client_done and self.upstream.state in ENDED


async def _close_later(conn: Connection, reason: str, delay: float) -> None:
    if delay:
        await asyncio.sleep(delay)
    await conn.close(reason)

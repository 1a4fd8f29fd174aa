"""Helpers for relay tests: what each side of each pair carried, from the relay's events."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from transports.frames import (
    Direction,
    Event,
    FrameKind,
    FrameReceived,
    FrameSent,
    PeerAdded,
)
from transports.relay import Relay, Way, way_of


class Sides:
    """Subscribes to a relay; keeps the bytes (and kinds) of every side, per way."""

    def __init__(self, relay: Relay) -> None:
        self.side: dict[int, str] = {}
        self.frames: dict[tuple[str, Direction], list[tuple[FrameKind, bytes]]] = defaultdict(list)
        self.ways: dict[Way, int] = defaultdict(int)
        self.events: list[Event] = []
        self.unsubscribe = relay.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        self.events.append(event)
        if isinstance(event, PeerAdded):
            self.side[event.peer_id] = event.info["relay"]
        elif isinstance(event, FrameReceived | FrameSent):
            frame = event.frame
            side = self.side[frame.conn_id]
            self.frames[(side, frame.direction)].append((frame.kind, frame.payload))
            self.ways[way_of(side, frame.direction)] += len(frame.payload)

    def data(self, side: str, direction: Direction) -> bytes:
        return b"".join(p for _, p in self.frames[(side, direction)])

    def kinds(self, side: str, direction: Direction) -> list[tuple[FrameKind, bytes]]:
        return list(self.frames[(side, direction)])


def both_ways(sides: Sides, client_sent: bytes, client_got: bytes) -> dict[str, Any]:
    """The four views of one exchange, for assertions."""
    return {
        "client_in": sides.data("client", Direction.IN),
        "upstream_out": sides.data("upstream", Direction.OUT),
        "upstream_in": sides.data("upstream", Direction.IN),
        "client_out": sides.data("client", Direction.OUT),
        "sent": client_sent,
        "got": client_got,
    }


async def eventually(condition: Callable[[], object], within: float = 5.0) -> None:
    """Wait until ``condition()`` holds (it changes inside socket callbacks, not on events)."""
    async with asyncio.timeout(within):
        while not condition():  # noqa: ASYNC110 - no event tells when it changes
            await asyncio.sleep(0.005)

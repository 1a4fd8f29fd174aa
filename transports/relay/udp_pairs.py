"""A UDP relay's pairs, by client address: the least recently active first, and idle expiry.

UDP has no connection to end, so a relay would keep a client's upstream socket for as long as
it runs.  Like conntrack's UDP timeouts (or socat's ``-T``), a pair with no datagram in either
direction for ``idle_timeout`` seconds is closed, and the reason says so.  A datagram only
stamps its pair with the loop time and moves it to the end of the order; one timer per relay,
armed for the oldest pair, checks when that pair could first expire and re-arms itself from
the activity it finds — nothing is scheduled per datagram.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import TYPE_CHECKING

from transports.frames import Address

if TYPE_CHECKING:
    from transports.relay.pair import Pair

UDP_IDLE_TIMEOUT = 60.0  # seconds, when the relay's options.idle_timeout is None


class UdpPairs:
    """Pairs by client address in order of last activity (either way), oldest first."""

    def __init__(self, idle_timeout: float) -> None:
        self.idle_timeout = idle_timeout
        self._pairs: OrderedDict[Address, Pair] = OrderedDict()
        self._timer: asyncio.TimerHandle | None = None

    def __len__(self) -> int:
        return len(self._pairs)

    def get(self, address: Address) -> Pair | None:
        return self._pairs.get(address)

    def add(self, address: Address, pair: Pair) -> None:
        pair.active_at = asyncio.get_running_loop().time()
        self._pairs[address] = pair
        self._arm()

    def heard(self, pair: Pair, address: Address) -> None:
        """A datagram went through ``pair`` (either way): it is the most recently active."""
        pair.active_at = asyncio.get_running_loop().time()
        if self._pairs.get(address) is pair:  # not yet taken out (closing)
            self._pairs.move_to_end(address)

    def pop_oldest(self) -> Pair:
        """Take out the least recently active pair (to make room for a new one)."""
        return self._pairs.popitem(last=False)[1]

    def remove(self, pair: Pair) -> None:
        address = pair.client_peer
        if address is not None and self._pairs.get(address) is pair:
            del self._pairs[address]

    def clear(self) -> None:
        self._pairs.clear()
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None

    # -- idle expiry ------------------------------------------------------------------------
    def _arm(self) -> None:
        if self._timer is not None:
            return
        for pair in self._pairs.values():
            if not pair.closing:
                loop = asyncio.get_running_loop()
                self._timer = loop.call_at(pair.active_at + self.idle_timeout, self._expire)
                return

    def _expire(self) -> None:
        self._timer = None
        now = asyncio.get_running_loop().time()
        idle = []
        for pair in self._pairs.values():
            if pair.active_at + self.idle_timeout > now:
                break  # the rest were active later
            if not pair.closing:
                idle.append(pair)
        for pair in idle:
            pair.close(f"expired after {self.idle_timeout:g} s idle (no datagram either way)")
        self._arm()

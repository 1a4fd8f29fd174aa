"""Helpers for framer tests: feed a stream in chunks, and the ways to cut a stream."""

from __future__ import annotations

import itertools

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from transports.framing import Framer, FramingSpec, make_framer

# The checks are cheap; a loaded CI machine must not turn them into health-check failures.
relaxed = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])

cuts = st.lists(st.integers(0, 1000), max_size=8)


def feed(spec: FramingSpec | Framer, chunks: list[bytes], now: float = 0.0) -> list[bytes]:
    """The frames that ``chunks`` give, fed one by one at time ``now``."""
    framer = make_framer(spec) if isinstance(spec, FramingSpec) else spec
    out: list[bytes] = []
    for chunk in chunks:
        framer.receive_data(chunk, now)
        out += framer.events_received()
    return out


def split_at(data: bytes, points: list[int]) -> list[bytes]:
    """``data`` cut at ``points`` (taken modulo its length + 1)."""
    edges = [0, *sorted({p % (len(data) + 1) for p in points}), len(data)]
    return [data[a:b] for a, b in itertools.pairwise(edges)]


def every_split(data: bytes) -> list[list[bytes]]:
    """The stream whole, byte by byte, and cut at every one and every two boundaries."""
    n = len(data)
    ways = [[data], [data[i:i + 1] for i in range(n)]]
    ways += [split_at(data, [i]) for i in range(1, n)]
    ways += [split_at(data, [i, j]) for i in range(1, n) for j in range(i + 1, n)]
    return ways

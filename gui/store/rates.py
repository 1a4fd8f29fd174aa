"""RateMeter: per-second traffic rates from cumulative counter samples (Qt-free).

The GUI samples ``MessageLog.stats`` on its flush timer and feeds the counters here; rates
are the counter growth over a sliding window (``window`` seconds), so they fall to zero
about one window after traffic stops, as long as samples keep coming.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

from gui.store.log import Stats


@dataclass(frozen=True, slots=True)
class Rates:
    """Per-second rates."""

    frames_in: float = 0.0
    frames_out: float = 0.0
    bytes_in: float = 0.0
    bytes_out: float = 0.0


_Sample = tuple[float, int, int, int, int]  # time, frames_in, bytes_in, frames_out, bytes_out


class RateMeter:
    """Sliding-window rates over cumulative samples.  Times are seconds (monotonic clock)."""

    def __init__(self, window: float = 1.5) -> None:
        if window <= 0:
            raise ValueError(f"rate window must be positive, got {window!r}")
        self.window = window
        self._samples: deque[_Sample] = deque()

    def feed(
        self, t: float, frames_in: int, bytes_in: int, frames_out: int, bytes_out: int
    ) -> None:
        """Add a sample of the cumulative counters taken at time ``t``."""
        samples = self._samples
        if samples:
            last = samples[-1]
            counters = (frames_in, bytes_in, frames_out, bytes_out)
            if t < last[0] or any(now < then for now, then in zip(counters, last[1:], strict=True)):
                samples.clear()  # counters were reset (log cleared) or the clock went back
        samples.append((t, frames_in, bytes_in, frames_out, bytes_out))
        # Keep the newest sample at or before the window start as the baseline.
        while len(samples) > 2 and samples[1][0] <= t - self.window:
            samples.popleft()

    def feed_stats(self, t: float, stats: Stats) -> None:
        """``feed`` from a ``MessageLog.stats`` snapshot."""
        self.feed(t, stats.frames_in, stats.bytes_in, stats.frames_out, stats.bytes_out)

    def rates(self) -> Rates:
        """Rates over the current window; zero until two samples span some time."""
        if len(self._samples) < 2:
            return Rates()
        t0, fi0, bi0, fo0, bo0 = self._samples[0]
        t1, fi1, bi1, fo1, bo1 = self._samples[-1]
        span = t1 - t0
        if span <= 0:
            return Rates()
        return Rates((fi1 - fi0) / span, (fo1 - fo0) / span, (bi1 - bi0) / span, (bo1 - bo0) / span)

    def reset(self) -> None:
        self._samples.clear()

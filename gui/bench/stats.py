"""Pure helpers: percentiles and medians (no I/O, no Qt)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) with linear interpolation between closest ranks.

    Raises ValueError for an empty sequence or a ``q`` outside 0..100.
    """
    if not values:
        raise ValueError("percentile of an empty sequence")
    if not 0 <= q <= 100:
        raise ValueError(f"percentile must be within 0..100, got {q}")
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q / 100
    lo = math.floor(pos)
    hi = math.ceil(pos)
    if lo == hi:
        return float(ordered[lo])
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (pos - lo)


def median(values: Iterable[float]) -> float:
    """The median of ``values`` (ValueError when empty)."""
    return percentile(list(values), 50)


def summarize(values: Sequence[float]) -> dict[str, float]:
    """``{"n", "p50", "p99", "max"}`` of ``values``; NaNs when there are none."""
    if not values:
        nan = float("nan")
        return {"n": 0, "p50": nan, "p99": nan, "max": nan}
    return {"n": len(values), "p50": percentile(values, 50), "p99": percentile(values, 99),
            "max": float(max(values))}

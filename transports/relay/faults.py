"""Faults a relay injects into one direction of its pairs: Toxiproxy's toxics, as plain data.

Each fault is a frozen dataclass; a :class:`FaultSet` is the (immutable) set active in one
direction of one relay.  The relay swaps sets while traffic flows (``Relay.set_faults``): the
next frame of every pair sees the new set; frames already held keep the release time they got.

What each fault does (Toxiproxy's names in brackets):

- :class:`Latency` [latency]: every frame is held ``delay`` ± ``jitter`` seconds (order kept).
- :class:`Bandwidth` [bandwidth]: frames leave at ``rate`` bytes per second at most.
- :class:`Slicer` [slicer]: stream data is cut into pieces of ``size`` ± ``variation`` bytes,
  each written ``interval`` seconds after the previous one (streams only; a WebSocket or UDP
  message is never cut).
- :class:`Drop`: each message is dropped with ``probability`` (UDP datagrams, WebSocket
  messages; refused for byte streams, where dropping a read would corrupt the stream).
- :class:`LimitData` [limit_data]: after ``limit`` bytes the pair is closed (the frame that
  crosses the limit is cut at it).
- :class:`Timeout` [timeout]: data stops getting through (it is discarded, and the log says
  how much); the pair is closed ``after`` seconds later (0: held open until the fault is
  removed).
- :class:`SlowClose` [slow_close]: when the sending side closes, the other side is closed
  ``delay`` seconds later.
- :class:`Reset` [reset_peer]: ``after`` seconds after the first frame, both sides of the pair
  are reset (TCP RST via SO_LINGER 0, which the client sees as "connection reset by peer").
"""

from __future__ import annotations

import enum
import random
from dataclasses import dataclass, field
from typing import Any


class Way(enum.Enum):
    """A direction through a relay pair."""

    UPSTREAM = "client→upstream"
    DOWNSTREAM = "upstream→client"

    @property
    def other(self) -> Way:
        return Way.DOWNSTREAM if self is Way.UPSTREAM else Way.UPSTREAM


class FaultError(ValueError):
    """A fault's parameters are invalid; the message names the fault and the field."""


def _positive(name: str, value: float, *, zero: bool = False) -> None:
    if value < 0 or (value == 0 and not zero):
        raise FaultError(f"{name} must be {'≥' if zero else '>'} 0, not {value!r}")


@dataclass(frozen=True, slots=True)
class Latency:
    delay: float  # seconds
    jitter: float = 0.0  # ± seconds, uniform

    def check(self) -> None:
        _positive("latency.delay", self.delay, zero=True)
        _positive("latency.jitter", self.jitter, zero=True)
        if self.jitter > self.delay:
            raise FaultError("latency.jitter must be ≤ latency.delay (no negative delays)")


@dataclass(frozen=True, slots=True)
class Bandwidth:
    rate: float  # bytes per second

    def check(self) -> None:
        _positive("bandwidth.rate", self.rate)


@dataclass(frozen=True, slots=True)
class Slicer:
    size: int  # average piece size in bytes
    variation: int = 0  # ± bytes
    interval: float = 0.0  # seconds between pieces

    def check(self) -> None:
        _positive("slicer.size", self.size)
        _positive("slicer.variation", self.variation, zero=True)
        _positive("slicer.interval", self.interval, zero=True)
        if self.variation >= self.size:
            raise FaultError("slicer.variation must be < slicer.size")


@dataclass(frozen=True, slots=True)
class Drop:
    probability: float  # 0..1

    def check(self) -> None:
        if not 0 <= self.probability <= 1:
            raise FaultError(f"drop.probability must be in [0, 1], not {self.probability!r}")


@dataclass(frozen=True, slots=True)
class LimitData:
    limit: int  # bytes

    def check(self) -> None:
        _positive("limit_data.limit", self.limit, zero=True)


@dataclass(frozen=True, slots=True)
class Timeout:
    after: float = 0.0  # seconds; 0 = hold until the fault is removed

    def check(self) -> None:
        _positive("timeout.after", self.after, zero=True)


@dataclass(frozen=True, slots=True)
class SlowClose:
    delay: float

    def check(self) -> None:
        _positive("slow_close.delay", self.delay, zero=True)


@dataclass(frozen=True, slots=True)
class Reset:
    after: float = 0.0  # seconds after the first frame

    def check(self) -> None:
        _positive("reset.after", self.after, zero=True)


Fault = Latency | Bandwidth | Slicer | Drop | LimitData | Timeout | SlowClose | Reset
FAULT_TYPES: dict[str, type[Any]] = {
    "latency": Latency, "bandwidth": Bandwidth, "slicer": Slicer, "drop": Drop,
    "limit_data": LimitData, "timeout": Timeout, "slow_close": SlowClose, "reset": Reset,
}
_NAMES = {cls: name for name, cls in FAULT_TYPES.items()}


def fault_name(fault: Fault) -> str:
    return _NAMES[type(fault)]


def describe_fault(fault: Fault) -> str:
    """``latency 100 ms ± 10 ms`` — how the UI and the log name an active fault."""
    match fault:
        case Latency(delay, jitter):
            return f"latency {delay * 1000:g} ms" + (f" ± {jitter * 1000:g} ms" if jitter else "")
        case Bandwidth(rate):
            return f"bandwidth {rate / 1024:g} KiB/s"
        case Slicer(size, variation, interval):
            spread = f" ± {variation}" if variation else ""
            return f"slicer {size}{spread} B every {interval * 1000:g} ms"
        case Drop(probability):
            return f"drop {probability * 100:g} %"
        case LimitData(limit):
            return f"limit data {limit} B"
        case Timeout(after):
            return f"timeout {after:g} s" if after else "timeout (hold)"
        case SlowClose(delay):
            return f"slow close {delay:g} s"
        case Reset(after):
            return f"reset after {after:g} s"
    raise AssertionError(fault)  # pragma: no cover


def fault_from_dict(data: dict[str, Any], where: str = "fault") -> Fault:
    """``{"type": "latency", "delay": 0.1}`` → Latency(0.1); FaultError names what is wrong."""
    kind = data.get("type")
    cls = FAULT_TYPES.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise FaultError(f"{where}.type: expected one of {', '.join(FAULT_TYPES)}, got {kind!r}")
    params = {k: v for k, v in data.items() if k != "type"}
    try:
        fault: Fault = cls(**params)
    except TypeError as exc:
        raise FaultError(f"{where}: {exc}") from None
    for name, value in params.items():
        if not isinstance(value, int | float) or isinstance(value, bool):
            raise FaultError(f"{where}.{name}: expected a number, got {value!r}")
    fault.check()
    return fault


def fault_to_dict(fault: Fault) -> dict[str, Any]:
    out: dict[str, Any] = {"type": fault_name(fault)}
    for name in type(fault).__slots__:
        out[name] = getattr(fault, name)
    return out


@dataclass(frozen=True, slots=True)
class FaultSet:
    """The faults active in one direction; at most one of each type (a new one replaces)."""

    faults: tuple[Fault, ...] = ()
    seed: int | None = None  # for Drop, Latency jitter and Slicer variation (tests)
    rng: random.Random = field(default_factory=random.Random, compare=False, repr=False)

    def __post_init__(self) -> None:
        seen: set[type[Any]] = set()
        for fault in self.faults:
            if type(fault) in seen:
                raise FaultError(f"{fault_name(fault)} is given twice; one per direction")
            seen.add(type(fault))
            fault.check()
        if self.seed is not None:
            self.rng.seed(self.seed)

    def __bool__(self) -> bool:
        return bool(self.faults)

    def get(self, cls: type[Any]) -> Any:
        for fault in self.faults:
            if type(fault) is cls:
                return fault
        return None

    def describe(self) -> list[str]:
        return [describe_fault(f) for f in self.faults]

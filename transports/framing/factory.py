"""Build a framer from a spec (it frames incoming bytes and outgoing payloads alike)."""

from __future__ import annotations

from transports.framing.base import Framer, FramingMode, FramingSpec
from transports.framing.delimiter import DelimiterFramer
from transports.framing.fixed import FixedFramer
from transports.framing.idle import IdleFramer
from transports.framing.length import LengthFramer
from transports.framing.raw import RawFramer

_FRAMERS: dict[FramingMode, type] = {
    FramingMode.RAW: RawFramer,
    FramingMode.DELIMITER: DelimiterFramer,
    FramingMode.FIXED: FixedFramer,
    FramingMode.LENGTH: LengthFramer,
    FramingMode.IDLE: IdleFramer,
}


def make_framer(spec: FramingSpec) -> Framer:
    """A framer for ``spec``; ValueError naming the field when the spec is invalid."""
    try:
        mode = FramingMode(spec.mode)
    except ValueError:
        modes = ", ".join(m.value for m in FramingMode)
        raise ValueError(f"framing.mode must be one of {modes}, got {spec.mode!r}") from None
    if spec.max_frame < 1:
        raise ValueError(f"framing.max_frame must be ≥ 1, got {spec.max_frame}")
    framer: Framer = _FRAMERS[mode](spec)
    return framer

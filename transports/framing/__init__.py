"""Sans-I/O framers for TCP byte streams."""

from transports.framing.base import (
    DEFAULT_MAX_FRAME,
    Framer,
    FramingError,
    FramingMode,
    FramingSpec,
)
from transports.framing.delimiter import DelimiterFramer
from transports.framing.factory import make_framer
from transports.framing.fixed import FixedFramer
from transports.framing.idle import IdleFramer
from transports.framing.length import LengthFramer
from transports.framing.raw import RawFramer

__all__ = [
    "DEFAULT_MAX_FRAME",
    "DelimiterFramer",
    "FixedFramer",
    "Framer",
    "FramingError",
    "FramingMode",
    "FramingSpec",
    "IdleFramer",
    "LengthFramer",
    "RawFramer",
    "make_framer",
]

"""Sans-I/O framers for TCP byte streams."""

from transports.framing.base import (
    DEFAULT_MAX_FRAME,
    Framer,
    FramingError,
    FramingMode,
    FramingSpec,
)

__all__ = ["DEFAULT_MAX_FRAME", "Framer", "FramingError", "FramingMode", "FramingSpec"]

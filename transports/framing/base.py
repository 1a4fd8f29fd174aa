"""The framer contract: sans-I/O, bytes in → frames out (the shape of websockets' Protocol).

A framer never touches a socket, a loop or a clock of its own: the caller passes ``now``
(seconds, any monotonic origin) so that time-based framing is testable without sleeping.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Protocol

DEFAULT_MAX_FRAME = 1 << 20  # 1 MiB


class FramingMode(enum.Enum):
    RAW = "raw"  # each chunk as read from the socket
    DELIMITER = "delimiter"  # frames end with a byte string (LF, CRLF, …)
    FIXED = "fixed"  # every frame has the same length
    LENGTH = "length"  # a length header precedes each frame
    IDLE = "idle"  # a frame ends after ``idle_ms`` of silence


@dataclass(frozen=True, slots=True)
class FramingSpec:
    """Everything that describes how a byte stream is cut into frames."""

    mode: FramingMode = FramingMode.RAW
    delimiter: bytes = b"\n"
    keep_delimiter: bool = False
    length: int = 0  # FIXED: the frame length
    header_size: int = 2  # LENGTH: 1, 2, 4 or 8 bytes
    byteorder: str = "big"  # LENGTH: "big" or "little"
    header_counted: bool = False  # LENGTH: the header's value includes the header itself
    length_offset: int = 0  # LENGTH: added to the header's value to get the body length
    keep_header: bool = True  # LENGTH: the frame includes its header bytes
    idle_ms: int = 20  # IDLE: silence that ends a frame
    max_frame: int = DEFAULT_MAX_FRAME


class FramingError(Exception):
    """The stream broke the framing rules.

    ``fatal`` means the stream cannot be resynchronised (e.g. a length header that is too big):
    the connection should be closed.  A non-fatal error discarded some bytes and went on.
    """

    def __init__(self, message: str, *, fatal: bool) -> None:
        super().__init__(message)
        self.fatal = fatal


class Framer(Protocol):
    """Cuts a byte stream into frames, and frames outgoing payloads the same way."""

    def check(self, payload: bytes) -> None:
        """Raise ValueError (saying why) when ``payload`` cannot be sent as one frame."""

    def encode(self, payload: bytes) -> bytes:
        """The bytes that put ``payload`` on the wire as one frame (stateless: the receiving
        side's state is not touched).  Never fails for a payload :meth:`check` accepted."""

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        """Feed bytes.  Raises :class:`FramingError`; frames completed before it stay queued."""

    def events_received(self) -> list[bytes]:
        """Return and forget the frames completed so far."""

    def deadline(self) -> float | None:
        """When :meth:`timeout` should next be called (IDLE framing), or None."""

    def timeout(self, now: float) -> None:
        """Tell the framer that time ``now`` has come; may complete a frame."""

    def receive_eof(self) -> int:
        """The stream ended.  Completes what can be completed; returns the number of bytes
        left over in an incomplete frame (0 when the stream ended on a frame boundary)."""

"""Length-prefixed framing: a 1/2/4/8-byte header (big or little endian) gives the length."""

from __future__ import annotations

from transports.framing.base import FramingError, FramingSpec

HEADER_SIZES = (1, 2, 4, 8)


def check_length_spec(spec: FramingSpec) -> None:
    if spec.header_size not in HEADER_SIZES:
        raise ValueError(f"framing.header_size must be 1, 2, 4 or 8, got {spec.header_size}")
    if spec.byteorder not in ("big", "little"):
        raise ValueError(f"framing.byteorder must be 'big' or 'little', got {spec.byteorder!r}")


def body_length(value: int, spec: FramingSpec) -> int:
    """The body length that a header ``value`` announces."""
    n = value + spec.length_offset
    return n - spec.header_size if spec.header_counted else n


def encode_length_prefixed(payload: bytes, spec: FramingSpec) -> bytes:
    """The header plus ``payload``: the inverse of :class:`LengthFramer`."""
    check_length_spec(spec)
    value = len(payload) - spec.length_offset
    if spec.header_counted:
        value += spec.header_size
    limit = 1 << (8 * spec.header_size)
    if not 0 <= value < limit:
        raise ValueError(f"a {len(payload)}-byte payload does not fit a "
                         f"{spec.header_size}-byte length header")
    return value.to_bytes(spec.header_size, spec.byteorder) + payload  # type: ignore[arg-type]


class LengthFramer:
    """A header announcing the body length precedes each frame.  A length that is negative
    or above ``max_frame`` is fatal: the stream cannot be resynchronised."""

    def __init__(self, spec: FramingSpec) -> None:
        check_length_spec(spec)
        self.spec = spec
        self._buffer = bytearray()
        self._pos = 0  # start of the next frame in the buffer
        self._frames: list[bytes] = []
        self._broken = False

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        if self._broken:
            return
        spec = self.spec
        hsize = spec.header_size
        order = spec.byteorder
        buf = self._buffer
        buf += data
        pos = self._pos
        try:
            while len(buf) - pos >= hsize:
                value = int.from_bytes(buf[pos:pos + hsize], order)  # type: ignore[arg-type]
                n = body_length(value, spec)
                if n < 0 or n > spec.max_frame:
                    self._broken = True
                    raise FramingError(
                        f"length header {buf[pos:pos + hsize].hex(' ')} (= {value}) announces "
                        f"a {n}-byte body; expected 0 to max_frame ({spec.max_frame})",
                        fatal=True)
                end = pos + hsize + n
                if len(buf) < end:
                    break
                self._frames.append(bytes(buf[pos if spec.keep_header else pos + hsize:end]))
                pos = end
        finally:
            if pos > 65536 or pos == len(buf):
                del buf[:pos]
                pos = 0
            self._pos = pos

    def events_received(self) -> list[bytes]:
        frames, self._frames = self._frames, []
        return frames

    def deadline(self) -> float | None:
        return None

    def timeout(self, now: float) -> None:
        pass

    def receive_eof(self) -> int:
        left = len(self._buffer) - self._pos
        self._buffer.clear()
        self._pos = 0
        return 0 if self._broken else left

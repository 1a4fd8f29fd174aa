"""Length-prefixed framing: a 1/2/4/8-byte header (big or little endian) gives the length."""

from __future__ import annotations

import struct

from transports.framing.base import FramingError, FramingSpec

HEADER_SIZES = (1, 2, 4, 8)


def check_length_spec(spec: FramingSpec) -> None:
    if spec.header_size not in HEADER_SIZES:
        raise ValueError(f"framing.header_size must be 1, 2, 4 or 8, got {spec.header_size}")
    if spec.byteorder not in ("big", "little"):
        raise ValueError(f"framing.byteorder must be 'big' or 'little', got {spec.byteorder!r}")


_STRUCT_CODES = {1: "B", 2: "H", 4: "I", 8: "Q"}


class LengthFramer:
    """A header announcing the body length precedes each frame.  A length that is negative
    or above ``max_frame`` is fatal: the stream cannot be resynchronised.

    Hot path: headers are read with ``struct.unpack_from`` and each frame is one slice of the
    chunk (one copy).  An incomplete frame's bytes accumulate in one buffer (a bytearray,
    amortised growth) and are framed once the frame is complete: a large frame arriving in many
    reads costs O(size), not O(size²), and a peer trickling 2 bytes per read holds one buffer
    of at most ``max_frame`` plus a header — not an object per read.
    """

    def __init__(self, spec: FramingSpec) -> None:
        check_length_spec(spec)
        self.spec = spec
        order = "<" if spec.byteorder == "little" else ">"
        header = struct.Struct(order + _STRUCT_CODES[spec.header_size])
        self._unpack = header.unpack_from
        self._pack = header.pack
        self._limit = 1 << (8 * spec.header_size)
        self._adjust = spec.length_offset - (spec.header_size if spec.header_counted else 0)
        self._partial = bytearray()  # the bytes of an incomplete frame
        self._need = 0  # bytes the incomplete frame needs in all (header or header + body)
        self._frames: list[bytes] = []
        self._broken = False

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        if self._broken or not data:
            return
        partial = self._partial
        if partial:
            partial += data
            if len(partial) < self._need:
                return
            buf = bytes(partial)
            partial.clear()
        elif type(data) is not bytes:
            buf = bytes(data)
        else:
            buf = data
        spec = self.spec
        hsize = spec.header_size
        unpack, adjust, max_frame = self._unpack, self._adjust, spec.max_frame
        skip = 0 if spec.keep_header else hsize
        frames = self._frames
        size = len(buf)
        pos = 0
        need = hsize
        while pos + hsize <= size:
            value = unpack(buf, pos)[0]
            n = value + adjust
            if n < 0 or n > max_frame:
                self._broken = True
                raise FramingError(
                    f"length header {buf[pos:pos + hsize].hex(' ')} (= {value}) announces "
                    f"a {n}-byte body; expected 0 to max_frame ({max_frame})", fatal=True)
            end = pos + hsize + n
            if end > size:
                need = hsize + n
                break
            frames.append(buf[pos + skip:end])
            pos = end
        if pos < size:
            partial += memoryview(buf)[pos:]
            self._need = need

    def check(self, payload: bytes) -> None:
        if not 0 <= len(payload) - self._adjust < self._limit:
            raise ValueError(f"a {len(payload)}-byte payload does not fit a "
                             f"{self.spec.header_size}-byte length header")

    def encode(self, payload: bytes) -> bytes:
        """The header announcing ``payload``, then ``payload``: the inverse of receiving."""
        try:  # struct refuses a length the header cannot hold: check() only says why
            return self._pack(len(payload) - self._adjust) + payload
        except struct.error:
            self.check(payload)
            raise

    def events_received(self) -> list[bytes]:
        frames, self._frames = self._frames, []
        return frames

    def deadline(self) -> float | None:
        return None

    def timeout(self, now: float) -> None:
        pass

    def receive_eof(self) -> int:
        left = len(self._partial)
        self._partial.clear()
        self._need = 0
        return 0 if self._broken else left

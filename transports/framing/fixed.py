"""Fixed-length framing: every frame has ``spec.length`` bytes."""

from __future__ import annotations

from transports.framing.base import FramingSpec


class FixedFramer:
    """Frames of exactly ``spec.length`` bytes; a shorter tail is left over at EOF."""

    def __init__(self, spec: FramingSpec) -> None:
        if spec.length < 1:
            raise ValueError(f"framing.length must be ≥ 1, got {spec.length}")
        if spec.length > spec.max_frame:
            raise ValueError(f"framing.length ({spec.length}) exceeds framing.max_frame "
                             f"({spec.max_frame})")
        self.length = spec.length
        self._buffer = bytearray()
        self._frames: list[bytes] = []

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        buf = self._buffer
        buf += data
        n = self.length
        whole = len(buf) - len(buf) % n
        if whole:
            self._frames.extend(bytes(buf[i:i + n]) for i in range(0, whole, n))
            del buf[:whole]

    def check(self, payload: bytes) -> None:
        pass  # any payload can be sent

    def encode(self, payload: bytes) -> bytes:
        """Sent as is: the peer frames it by its own rule."""
        return payload

    def events_received(self) -> list[bytes]:
        frames, self._frames = self._frames, []
        return frames

    def deadline(self) -> float | None:
        return None

    def timeout(self, now: float) -> None:
        pass

    def receive_eof(self) -> int:
        left = len(self._buffer)
        self._buffer.clear()
        return left

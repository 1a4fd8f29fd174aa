"""Raw framing: each chunk as read is a frame (split at ``max_frame``)."""

from __future__ import annotations

from transports.framing.base import FramingSpec


class RawFramer:
    """Every chunk fed is one frame; a chunk over ``max_frame`` becomes several frames."""

    def __init__(self, spec: FramingSpec) -> None:
        self.max_frame = spec.max_frame
        self._frames: list[bytes] = []

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        if not data:
            return
        if len(data) <= self.max_frame:
            self._frames.append(bytes(data))
            return
        step = self.max_frame
        self._frames.extend(bytes(data[i:i + step]) for i in range(0, len(data), step))

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
        return 0

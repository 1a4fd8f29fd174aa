"""Idle-gap framing: a frame ends after ``idle_ms`` of silence (or at ``max_frame``)."""

from __future__ import annotations

from transports.framing.base import FramingSpec


class IdleFramer:
    """A frame is what arrived until ``idle_ms`` passed without data; ``deadline()`` says when
    to call ``timeout()``.  A frame also ends when it reaches ``max_frame``, and at EOF."""

    def __init__(self, spec: FramingSpec) -> None:
        if spec.idle_ms < 1:
            raise ValueError(f"framing.idle_ms must be ≥ 1, got {spec.idle_ms}")
        self.gap = spec.idle_ms / 1000
        self.max_frame = spec.max_frame
        self._buffer = bytearray()
        self._last = 0.0
        self._frames: list[bytes] = []

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        if not data:
            return
        if self._buffer and now >= self._last + self.gap:
            self._flush()
        self._last = now
        buf = self._buffer
        buf += data
        m = self.max_frame
        if len(buf) >= m:
            whole = len(buf) - len(buf) % m
            self._frames.extend(bytes(buf[i:i + m]) for i in range(0, whole, m))
            del buf[:whole]

    def _flush(self) -> None:
        self._frames.append(bytes(self._buffer))
        self._buffer.clear()

    def check(self, payload: bytes) -> None:
        pass  # any payload can be sent

    def encode(self, payload: bytes) -> bytes:
        """Sent as is: the peer frames it by its own rule."""
        return payload

    def events_received(self) -> list[bytes]:
        frames, self._frames = self._frames, []
        return frames

    def deadline(self) -> float | None:
        return self._last + self.gap if self._buffer else None

    def timeout(self, now: float) -> None:
        if self._buffer and now >= self._last + self.gap:
            self._flush()

    def receive_eof(self) -> int:
        if self._buffer:
            self._flush()  # silence after the last byte: the stream's end ends the frame
        return 0

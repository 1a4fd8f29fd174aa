"""Delimiter framing: a frame ends with a byte string (LF, CRLF, ETX, …)."""

from __future__ import annotations

from transports.framing.base import FramingError, FramingSpec


class DelimiterFramer:
    """Frames end at ``spec.delimiter``.  A frame longer than ``max_frame`` is an error: its
    bytes are discarded up to and including the next delimiter, then framing goes on."""

    def __init__(self, spec: FramingSpec) -> None:
        if not isinstance(spec.delimiter, bytes | bytearray):
            raise ValueError(f"framing.delimiter must be bytes, got {spec.delimiter!r}")
        if not spec.delimiter:
            raise ValueError("framing.delimiter must not be empty")
        self.delimiter = bytes(spec.delimiter)
        self.keep = spec.keep_delimiter
        self.max_frame = spec.max_frame
        self._buffer = bytearray()
        self._scan_from = 0  # where the next delimiter search starts
        self._discarding = False
        self._frames: list[bytes] = []

    def receive_data(self, data: bytes, now: float = 0.0) -> None:
        buf = self._buffer
        buf += data
        delim = self.delimiter
        dlen = len(delim)
        start = 0
        error: FramingError | None = None
        while True:
            end = buf.find(delim, max(start, self._scan_from))
            if end < 0:
                break
            if self._discarding:
                self._discarding = False
            else:
                stop = end + dlen if self.keep else end
                if end - start > self.max_frame:
                    error = error or self._too_long(end - start)
                else:
                    self._frames.append(bytes(buf[start:stop]))
            start = end + dlen
            self._scan_from = start
        if start:
            del buf[:start]
        # No delimiter starts before ``tail``: the next search resumes there (a delimiter may
        # straddle two chunks), and the bytes before it are body (or being discarded).
        tail = max(0, len(buf) - dlen + 1)
        self._scan_from = tail
        if tail and (self._discarding or tail > self.max_frame):
            if not self._discarding:
                error = error or self._too_long(tail)
                self._discarding = True
            del buf[:tail]
            self._scan_from = 0
        if error is not None:
            raise error

    def _too_long(self, size: int) -> FramingError:
        return FramingError(
            f"no delimiter {self.delimiter!r} within max_frame ({self.max_frame} bytes, "
            f"saw {size}); bytes discarded up to the next delimiter", fatal=False)

    def check(self, payload: bytes) -> None:
        pass  # any payload can be sent

    def encode(self, payload: bytes) -> bytes:
        """``payload`` with the delimiter appended, unless it already ends with it."""
        return payload if payload.endswith(self.delimiter) else payload + self.delimiter

    def events_received(self) -> list[bytes]:
        frames, self._frames = self._frames, []
        return frames

    def deadline(self) -> float | None:
        return None

    def timeout(self, now: float) -> None:
        pass

    def receive_eof(self) -> int:
        left = 0 if self._discarding else len(self._buffer)
        self._buffer.clear()
        self._scan_from = 0
        self._discarding = False
        return left

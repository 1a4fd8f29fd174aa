"""Read-side flow control for consumers that buffer a connection's frames.

A consumer that takes frames later than they arrive (an event iterator, the blocking facade's
queue) holds them in a buffer; :class:`ReadGate` keeps that buffer bounded without dropping
anything: reading from the socket pauses when ``limit`` frames wait and resumes once the
consumer has taken half of them (TCP and WebSocket flow control then push back on the peer).

It only needs the connection's ``pause_reading``/``resume_reading``, so this module does not
import the connection classes (no import cycle with :mod:`transports.aio.base`).
"""

from __future__ import annotations

from typing import Protocol


class Pausable(Protocol):
    def pause_reading(self, reason: object) -> None: ...

    def resume_reading(self, reason: object) -> None: ...


class Source(Pausable, Protocol):
    """A connection whose reading another one may pause (``Connection.offer(source=…)``)."""

    id: int


class ReadGate:
    """Pauses ``conn`` for ``reason`` while a buffer holds ``limit`` frames or more; resumes it
    at ``limit // 2`` or fewer (hysteresis: no pause/resume per frame)."""

    def __init__(self, conn: Pausable, limit: int, reason: object) -> None:
        self.limit = max(2, limit)
        self.paused = False
        self._conn = conn
        self._reason = reason

    def filled(self, count: int) -> None:
        """The buffer now holds ``count`` frames (after adding)."""
        if not self.paused and count >= self.limit:
            self.paused = True
            self._conn.pause_reading(self._reason)

    def drained(self, count: int) -> None:
        """The buffer now holds ``count`` frames (after taking)."""
        if self.paused and count <= self.limit // 2:
            self.release()

    def release(self) -> None:
        """Resume reading if this gate paused it (the consumer is going away)."""
        if self.paused:
            self.paused = False
            self._conn.resume_reading(self._reason)

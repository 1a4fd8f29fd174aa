"""What the window is asked to send to a connection (Qt-free values the composer emits)."""

from __future__ import annotations

from dataclasses import dataclass

from transports.frames import FrameKind


@dataclass(frozen=True)
class SendRequest:
    payload: bytes
    kind: FrameKind | None  # None = default for the connection; PING; TEXT/BINARY for ws
    peer: int | None  # None = broadcast / the only peer


@dataclass(frozen=True)
class PeriodicRequest:
    """Send ``send`` every ``interval_ms``, ``count`` times (0: until stopped)."""

    send: SendRequest
    interval_ms: int
    count: int

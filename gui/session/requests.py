"""What the window is asked to send to a connection (Qt-free values the composer emits)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from transports.frames import FrameKind


@dataclass(frozen=True)
class SendRequest:
    payload: bytes
    kind: FrameKind | None  # None = default for the connection; PING; TEXT/BINARY for ws
    peer: int | None  # None = broadcast / the only peer


@dataclass(frozen=True)
class PeriodicRequest:
    """Send ``send`` every ``interval_ms``, ``count`` times (0: until stopped).

    ``render``, when set, gives the payload of each send (a template rendered again each
    time: ``{{counter}}`` counts, time moves on); ``send.payload`` is then only the preview.
    """

    send: SendRequest
    interval_ms: int
    count: int
    render: Callable[[], bytes] | None = None

    def payload(self) -> bytes:
        """The bytes of the next send."""
        return self.send.payload if self.render is None else self.render()

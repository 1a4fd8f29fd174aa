"""Subscribers and the in-order delivery of a connection's events."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any, Literal, overload

from transports.frames import (
    BatchEvent,
    ErrorEvent,
    Event,
    FrameBatch,
    FrameReceived,
    FrameSent,
)

log = logging.getLogger(__name__)

Subscriber = Callable[[Event], None]
BatchSubscriber = Callable[[BatchEvent], None]


class Emitter:
    """Calls every subscriber with every event, on the loop, in order, with no scheduling in
    between; a subscriber that raises is logged and the others still get the event."""

    id: int

    def __init__(self) -> None:
        self._subscribers: list[tuple[Callable[[Any], None], bool]] = []  # (callback, batches)
        self._batchers = 0  # subscribers that take FrameBatch events

    @property
    def name(self) -> str:
        raise NotImplementedError

    @overload
    def subscribe(self, callback: Subscriber) -> Callable[[], None]: ...
    @overload
    def subscribe(self, callback: BatchSubscriber, *,
                  batches: Literal[True]) -> Callable[[], None]: ...

    def subscribe(self, callback: Callable[[Any], None], *,
                  batches: bool = False) -> Callable[[], None]:
        """Call ``callback(event)`` for every event, on the loop; returns an unsubscriber.

        With ``batches=True`` the callback also gets :class:`FrameBatch` events (frames of one
        read or write together) instead of one FrameReceived/FrameSent per frame."""
        entry = (callback, batches)
        self._subscribers.append(entry)
        self._batchers += batches

        def unsubscribe() -> None:
            if entry in self._subscribers:
                self._subscribers.remove(entry)
                self._batchers -= batches

        return unsubscribe

    def _emit(self, event: BatchEvent) -> None:
        if type(event) is not FrameBatch:  # the common case: every subscriber gets it as is
            for callback, _ in tuple(self._subscribers):
                try:
                    callback(event)
                except Exception:
                    log.exception("subscriber %r of %r failed", callback, self)
            return
        expanded: list[FrameReceived] | list[FrameSent] | None = None
        for callback, batches in tuple(self._subscribers):
            try:
                if batches:
                    callback(event)
                    continue
                if expanded is None:
                    expanded = event.events()
                for single in expanded:
                    callback(single)
            except Exception:
                log.exception("subscriber %r of %r failed", callback, self)

    def _error(self, message: str, *, fatal: bool = False) -> None:
        self._emit(ErrorEvent(self.id, f"{self.name}: {message}", fatal))

"""Connection states and their transitions, in one table (h11 style)."""

from __future__ import annotations

import enum


class State(enum.Enum):
    IDLE = "idle"
    CONNECTING = "connecting"  # also: binding/listening for servers
    OPEN = "open"  # connected, or listening for servers
    CLOSING = "closing"
    CLOSED = "closed"
    FAILED = "failed"  # ended with an error; the reason is in the StateChanged event
    RECONNECTING = "reconnecting"  # waiting out a backoff delay before the next attempt


S = State
TRANSITIONS: dict[State, frozenset[State]] = {
    S.IDLE: frozenset({S.CONNECTING, S.CLOSED}),
    S.CONNECTING: frozenset({S.OPEN, S.FAILED, S.CLOSING, S.CLOSED, S.RECONNECTING}),
    S.OPEN: frozenset({S.CLOSING, S.CLOSED, S.FAILED, S.RECONNECTING}),
    S.CLOSING: frozenset({S.CLOSED, S.FAILED}),
    S.RECONNECTING: frozenset({S.CONNECTING, S.CLOSED, S.FAILED}),
    # A finished connection may be opened again (Connect after Disconnect).
    S.CLOSED: frozenset({S.CONNECTING}),
    S.FAILED: frozenset({S.CONNECTING, S.CLOSED}),
}


class InvalidTransition(RuntimeError):
    """A programming error: the connection tried a transition the table does not allow."""


def check_transition(old: State, new: State) -> None:
    if new not in TRANSITIONS[old]:
        raise InvalidTransition(f"cannot go from {old.value} to {new.value}")


def is_active(state: State) -> bool:
    """True while the connection holds or is acquiring resources."""
    return state in (S.CONNECTING, S.OPEN, S.CLOSING, S.RECONNECTING)

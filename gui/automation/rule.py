"""One auto-reply rule as the user configured it: plain data, stored in the workspace.

Kept apart from the engine (:mod:`gui.automation.rules`) so that the workspace model can hold
rules without importing the session.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from gui.automation.match import MatchSpec, MessageKind
from transports.codec import Mode


@dataclass(frozen=True)
class Rule:
    """One rule as the user configured it (stored in the workspace)."""

    name: str = ""
    enabled: bool = True
    match: MatchSpec = field(default_factory=MatchSpec)
    reply: str = ""  # a template; "" sends nothing
    reply_mode: Mode = Mode.TEXT
    reply_kind: MessageKind = MessageKind.ANY  # WebSocket: ANY answers in the received kind
    delay_ms: int = 0
    note: str = ""  # a template too; "" adds no note
    close: bool = False
    max_matches: int = 0  # 0: no limit
    continue_matching: bool = False

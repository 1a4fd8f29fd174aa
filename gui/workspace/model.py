"""The workspace document as plain dataclasses (Qt-free; shared by the window and the file IO).

Connections are described with the transports vocabulary: a URL, a role (client or server) and
an ``Options`` value.  Everything here is immutable; the window builds new values on change.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from gui.automation.rule import Rule
from gui.automation.scenario import Scenario
from gui.store.log import DEFAULT_BYTE_CAP
from transports.options import Options
from transports.relay.config import RelayConfig


class Role(enum.Enum):
    CLIENT = "client"
    SERVER = "server"  # for udp://, a bound socket
    RELAY = "relay"  # listens on the URL; each client gets its own connection upstream


class PayloadMode(enum.Enum):
    TEXT = "text"
    HEX = "hex"


@dataclass(frozen=True)
class SavedMessage:
    name: str
    payload: str  # as typed: text (with escapes) or a hex string
    mode: PayloadMode = PayloadMode.TEXT


@dataclass(frozen=True)
class HistoryEntry:
    """A sent payload as typed, with the mode it was typed in (hex ``48 65`` is not text)."""

    text: str
    mode: PayloadMode = PayloadMode.TEXT


@dataclass(frozen=True)
class ComposerSettings:
    mode: PayloadMode = PayloadMode.TEXT
    encoding: str = "utf-8"
    escapes: bool = True
    line_ending: str = ""  # "", "\n", "\r", "\r\n"
    ws_kind: str = "text"  # WebSocket: "text" or "binary"
    interval_ms: int = 1000  # periodic send
    repeat_count: int = 0  # 0 = until stopped
    draft: str = ""
    history: tuple[HistoryEntry, ...] = ()


@dataclass(frozen=True)
class ViewSettings:
    display: str = "hex"  # "hex" or "text" preview
    encoding: str = "utf-8"
    time_format: str = "absolute"  # "absolute" or "relative"
    filter_mode: str = "substring"  # "substring", "hex" or "regex"
    filter_text: str = ""


@dataclass(frozen=True)
class ConnectionSpec:
    """One connection of the workspace, as the user configured it."""

    url: str
    role: Role = Role.CLIENT
    options: Options = field(default_factory=Options)
    saved_messages: tuple[SavedMessage, ...] = ()
    composer: ComposerSettings = field(default_factory=ComposerSettings)
    view: ViewSettings = field(default_factory=ViewSettings)
    secret_headers: tuple[str, ...] = ()  # header names whose values are secrets
    store_secrets: bool = False  # write secrets (key password, secret headers) to the file
    rules: tuple[Rule, ...] = ()  # auto-reply rules, in order (format version 4)
    relay: RelayConfig | None = None  # role RELAY: upstream, its TLS, faults (version 5)
    extra: dict[str, Any] = field(default_factory=dict)  # unknown keys, kept on save
    # A stable name within the workspace ("id" in the file; the session gives every entry
    # one), and for a client the key of a server of the same workspace that it connects to,
    # wherever that server listens now ("follows"; its own url is then only the last one seen).
    key: str = ""
    follows: str = ""

    @property
    def name(self) -> str:
        return self.options.name or self.url


@dataclass(frozen=True)
class WindowLayout:
    geometry: str = ""  # base64 of QWidget.saveGeometry()
    state: str = ""  # base64 of QMainWindow.saveState()
    splitters: dict[str, str] = field(default_factory=dict)  # name -> base64 saveState()
    selected: int = -1  # index of the selected connection


@dataclass(frozen=True)
class Workspace:
    connections: tuple[ConnectionSpec, ...] = ()
    layout: WindowLayout = field(default_factory=WindowLayout)
    message_cap: int = 1_000_000
    scenarios: tuple[Scenario, ...] = ()  # send/expect scenarios over the connections
    extra: dict[str, Any] = field(default_factory=dict)  # unknown top-level keys, kept on save
    log_byte_cap: int = DEFAULT_BYTE_CAP  # payload bytes each connection's log holds

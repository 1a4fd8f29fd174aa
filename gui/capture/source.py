"""What a capture's rows came from, and the errors capture files report (Qt-free).

A :class:`MessageLog` row knows its connection id and peer address but not the protocol or
our own address; the pcapng writer needs both to synthesise packets, and every format records
them in its header so that a capture opened later says what it was.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gui.store.log import MessageLog
from transports.frames import Address

FORMAT = "sockscope-capture"  # the format name in every capture header
VERSION = 1


class Transport(enum.StrEnum):
    TCP = "tcp"  # TLS too: the log holds the decrypted bytes, written as plain TCP
    UDP = "udp"
    WEBSOCKET = "websocket"  # ws and wss


@dataclass(frozen=True, slots=True)
class CaptureSource:
    """The connection a log belongs to.

    ``server`` is True when Sockscope listened (its peers connected to it); ``local`` is our
    address — the listening address of a server, the socket's own address of a client — or
    None when unknown (pcapng then invents one, see docs/capture-format.md).
    """

    transport: Transport = Transport.TCP
    server: bool = False
    local: Address | None = None
    name: str = ""
    url: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "transport": self.transport.value,
            "server": self.server,
            "local": list(self.local) if self.local is not None else None,
            "name": self.name,
            "url": self.url,
        }

    @classmethod
    def from_json(cls, value: object, where: str) -> CaptureSource:
        """Parse ``to_json()``'s output; CaptureError naming ``where`` if it is malformed."""
        if not isinstance(value, dict):
            raise CaptureError(f"{where}: expected an object for \"source\"")
        try:
            transport = Transport(value.get("transport", "tcp"))
        except ValueError:
            choices = ", ".join(t.value for t in Transport)
            raise CaptureError(f"{where}: \"source.transport\" must be one of {choices}, "
                               f"got {value.get('transport')!r}") from None
        server = value.get("server", False)
        name = value.get("name", "")
        url = value.get("url", "")
        if not isinstance(server, bool) or not isinstance(name, str) or not isinstance(url, str):
            raise CaptureError(f"{where}: \"source\" expects server true/false and name/url "
                               "strings")
        local = parse_address(value.get("local"), f"{where}: \"source.local\"")
        return cls(transport, server, local, name, url)


def parse_address(value: object, where: str) -> Address | None:
    """``[host, port]`` or null → an Address; CaptureError naming ``where`` otherwise."""
    if value is None:
        return None
    if (isinstance(value, list) and len(value) == 2 and isinstance(value[0], str)
            and isinstance(value[1], int) and not isinstance(value[1], bool)
            and 0 <= value[1] <= 65535):
        return (value[0], value[1])
    raise CaptureError(f"{where}: expected [host, port] or null, got {value!r}")


class CaptureError(Exception):
    """A capture could not be written or read; the message names the file and the place."""



@dataclass(frozen=True, slots=True)
class Capture:
    """A capture file read back: its rows in a MessageLog, plus what its header said."""

    path: Path
    log: MessageLog
    source: CaptureSource
    format: str  # "jsonl" or "pcapng"

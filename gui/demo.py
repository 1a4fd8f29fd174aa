"""The first-run demo: a TCP and a WebSocket echo server on free local ports, each with a
client pointed at it, so that Connect then Send shows traffic at once.  Qt-free."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from gui.session import Entry, SessionManager
from gui.workspace.model import ComposerSettings, ConnectionSpec, Role
from transports.errors import TransportError
from transports.options import Options

log = logging.getLogger(__name__)

DEMO_DRAFT = "hello"
HOST = "127.0.0.1"


@dataclass(frozen=True)
class Demo:
    """The demo's entries (the WebSocket pair is None if its server could not start)."""

    tcp_server: Entry
    tcp_client: Entry
    ws_server: Entry | None
    ws_client: Entry | None

    @property
    def entries(self) -> tuple[Entry, ...]:
        return tuple(e for e in (self.tcp_server, self.tcp_client, self.ws_server,
                                 self.ws_client) if e is not None)


def _server_spec(scheme: str, name: str) -> ConnectionSpec:
    path = "/echo" if scheme == "ws" else ""
    return ConnectionSpec(f"{scheme}://{HOST}:0{path}", Role.SERVER,
                          Options(name=name, echo=True))


def _client_spec(server: Entry, name: str) -> ConnectionSpec:
    """A client of ``server`` that follows it (saved and reopened, it finds the new port)."""
    return ConnectionSpec(server.address, Role.CLIENT, Options(name=name),
                          composer=ComposerSettings(draft=DEMO_DRAFT), follows=server.spec.key)


async def start_demo(manager: SessionManager) -> Demo:
    """Add and start the demo servers, then add (not connect) their clients."""
    tcp_server = manager.add(_server_spec("tcp", "TCP echo server"))
    await manager.connect(tcp_server)
    ws_server: Entry | None = manager.add(_server_spec("ws", "WebSocket echo server"))
    assert ws_server is not None
    try:
        await manager.connect(ws_server)
    except (TransportError, OSError, ImportError) as exc:
        log.warning("the WebSocket demo server did not start: %s", exc)
        await manager.remove(ws_server)
        ws_server = None
    tcp_client = manager.add(_client_spec(tcp_server, "TCP echo client"),
                             manager.index(tcp_server) + 1)
    ws_client = None
    if ws_server is not None:
        ws_client = manager.add(_client_spec(ws_server, "WebSocket echo client"))
    return Demo(tcp_server, tcp_client, ws_server, ws_client)

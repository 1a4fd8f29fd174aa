"""The demo session: two echo servers on free ports, a client aimed at each, echo works."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from gui.demo import DEMO_DRAFT, start_demo
from gui.session import SessionManager
from gui.workspace import Workspace, load, save
from tests.gui.conftest import traffic, until
from transports.frames import Direction, FrameKind
from transports.state import State

Run = Callable[..., Any]


def test_demo_servers_listen_and_clients_echo(arun: Run) -> None:
    manager = SessionManager()

    async def scenario() -> None:
        demo = await start_demo(manager)
        assert demo.ws_server is not None and demo.ws_client is not None
        assert [e.name for e in manager] == ["TCP echo server", "TCP echo client",
                                             "WebSocket echo server", "WebSocket echo client"]
        for server, client in ((demo.tcp_server, demo.tcp_client),
                               (demo.ws_server, demo.ws_client)):
            assert server.state is State.OPEN and server.bound_port
            assert server.spec.url.startswith(("tcp://127.0.0.1:0", "ws://127.0.0.1:0"))
            assert client.spec.url == server.address and client.state is State.IDLE
            assert client.spec.composer.draft == DEMO_DRAFT
            await manager.connect(client)
            await manager.send(client, DEMO_DRAFT.encode())
            await until(lambda c=client: len(traffic(c.log)) == 2,  # type: ignore[misc]
                        message=f"echo on {client.name}")
            echo = traffic(client.log)[1]
            assert client.log.direction(echo) is Direction.IN
            assert client.log.payload(echo) == b"hello"
            assert len(server.peers) == 1
        echo = traffic(demo.ws_client.log)[1]
        assert demo.ws_client.log.kind(echo) in (FrameKind.TEXT, FrameKind.BINARY)
        await manager.close_all()

    arun(scenario())


def test_the_demo_saved_and_reopened_still_works(arun: Run, tmp_path: Path) -> None:
    """Its clients follow their servers: reopened, the servers get new ports and the clients
    find them (they used to keep the last run's port: "connection refused")."""
    first = SessionManager()
    path = tmp_path / "demo.sockscope"

    async def run_demo_and_save() -> None:
        await start_demo(first)
        save(Workspace(connections=tuple(e.spec for e in first)), path)
        await first.close_all()

    arun(run_demo_and_save())
    again = SessionManager()
    entries = [again.add(spec) for spec in load(path).connections]

    async def reopen() -> None:
        for client in (e for e in entries if not e.is_server):
            await again.connect(client)  # starts the server it follows, then connects
            assert client.state is State.OPEN
            server = again.followed(client)
            assert server is not None and server.state is State.OPEN
            await again.send(client, b"again")
            await until(lambda c=client: len(traffic(c.log)) == 2,  # type: ignore[misc]
                        message=f"echo on {client.name}")
        await again.close_all()

    arun(reopen())

"""SessionManager over real 127.0.0.1 sockets, on the qasync loop."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest

from gui.session import (
    EntryAdded,
    EntryChanged,
    EntryRemoved,
    PeerJoined,
    PeerLeft,
    SessionError,
    SessionEvent,
    SessionManager,
)
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import events, traffic, until
from transports.errors import ConnectError, NotOpen
from transports.frames import Direction, FrameKind
from transports.options import Options, TlsOptions
from transports.state import State

Run = Callable[[Coroutine[Any, Any, Any]], Any]


def _server(echo: bool = True) -> ConnectionSpec:
    return ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER, Options(name="srv", echo=echo))


@pytest.fixture
def manager(arun: Run) -> Iterator[SessionManager]:
    """A manager whose connections are closed after the test, even when it fails."""
    manager = SessionManager()
    yield manager
    arun(manager.close_all())


def test_entries_add_duplicate_update_remove(arun: Run, manager: SessionManager) -> None:
    seen: list[SessionEvent] = []
    manager.add_listener(seen.append)
    a = manager.add(_server())
    b = manager.add(ConnectionSpec("tcp://127.0.0.1:9", options=Options(name="cli")))
    c = manager.duplicate(a)
    assert [e.name for e in manager] == ["srv", "srv copy", "cli"]
    assert c.id not in (a.id, b.id) and manager.get(c.id) is c
    again = manager.duplicate(a)  # names stay unique: scenario steps name connections
    assert [e.name for e in manager] == ["srv", "srv copy 2", "srv copy", "cli"]
    arun(manager.remove(again))
    assert a.kind == "TCP server" and b.kind == "TCP client"
    manager.update(b, ConnectionSpec("udp://127.0.0.1:9"))
    assert b.kind == "UDP" and b.name == "udp://127.0.0.1:9"
    arun(manager.remove(a))
    assert [e.id for e in manager] == [c.id, b.id]
    assert seen == [EntryAdded(a.id, 0), EntryAdded(b.id, 1), EntryAdded(c.id, 1),
                    EntryAdded(again.id, 1), EntryRemoved(again.id, 1),
                    EntryChanged(b.id), EntryRemoved(a.id, 0)]


def test_tcp_echo_logs_both_directions_and_peers(arun: Run, manager: SessionManager) -> None:
    seen: list[SessionEvent] = []
    manager.add_listener(seen.append)
    server = manager.add(_server())
    client_spec = ConnectionSpec("tcp://127.0.0.1:0", options=Options(name="cli"))

    async def scenario() -> None:
        await manager.connect(server)
        assert server.state is State.OPEN and server.bound_port
        assert server.address == f"tcp://127.0.0.1:{server.bound_port}"
        client = manager.add(
            ConnectionSpec(f"tcp://127.0.0.1:{server.bound_port}", options=client_spec.options))
        await manager.connect(client)
        await until(lambda: len(server.peers) == 1, message="peer")
        peer = server.peer_list()[0]
        assert peer.label.startswith("127.0.0.1:")
        await manager.send(client, b"hello")
        await until(lambda: len(traffic(client.log)) == 2, message="echo")
        rows = traffic(client.log)
        assert [client.log.direction(r) for r in rows] == [Direction.OUT, Direction.IN]
        assert client.log.payload(rows[1]) == b"hello"
        # The server's log holds its peer's frames, with the peer's connection id.
        await until(lambda: len(traffic(server.log)) == 2)
        assert server.log.conn_id(traffic(server.log)[0]) == peer.id
        assert events(server.log) == ["connected", "peer joined"]
        assert events(client.log) == ["connected"]
        # Send to the one peer by id, then broadcast.
        await manager.send(server, b"to-one", peer=peer.id)
        await manager.send(server, b"to-all")
        await until(lambda: client.log.stats.bytes_in == 5 + 12, message="server sends")
        received = b"".join(client.log.payload(r) for r in traffic(client.log)[2:])
        assert received == b"to-oneto-all"  # raw TCP: one or two chunks
        await manager.close_all()
        assert server.state is State.CLOSED and client.state is State.CLOSED
        assert not server.peers
        assert not any(e.active for e in manager) and len(manager.tasks) == 0

    arun(scenario())
    assert PeerJoined(server.id, seen[[type(e) for e in seen].index(PeerJoined)].peer_id) in seen
    assert any(isinstance(e, PeerLeft) for e in seen)


def test_connect_failure_is_reported(arun: Run, manager: SessionManager) -> None:
    errors: list[str] = []
    manager.add_listener(lambda e: errors.append(e.message) if isinstance(e, SessionError)
                         else None)

    async def scenario() -> None:
        server = manager.add(_server())
        await manager.connect(server)
        port = server.bound_port
        await manager.disconnect(server)  # nobody listens on that port any more
        client = manager.add(ConnectionSpec(f"tcp://127.0.0.1:{port}"))
        with pytest.raises(ConnectError):
            await manager.connect(client)
        assert client.state is State.FAILED and "refused" in client.error
        errors.clear()
        await manager.request_connect(client)  # no exception: reported to listeners
        assert errors and "refused" in errors[0]
        with pytest.raises(NotOpen):
            await manager.send(client, b"x")

    arun(scenario())


def test_bad_spec_is_reported(arun: Run, manager: SessionManager) -> None:
    entry = manager.add(ConnectionSpec("tcp://127.0.0.1:1", options=Options(send_queue=0)))

    async def scenario() -> None:
        await manager.request_connect(entry)

    arun(scenario())
    assert "send_queue" in entry.error


def test_close_all_cancels_pending_connects(arun: Run, manager: SessionManager) -> None:
    """A TLS connect stuck in its handshake (the peer never answers) is cancelled by
    close_all, leaving nothing pending."""

    async def scenario() -> None:
        writers: list[asyncio.StreamWriter] = []
        silent = await asyncio.start_server(lambda r, w: writers.append(w), "127.0.0.1", 0)
        port = silent.sockets[0].getsockname()[1]
        entry = manager.add(ConnectionSpec(
            f"tls://127.0.0.1:{port}",
            options=Options(connect_timeout=30, tls=TlsOptions(insecure=True))))
        task = manager.request_connect(entry)
        await until(lambda: entry.state is State.CONNECTING)
        await asyncio.sleep(0.05)
        await manager.close_all()
        assert task.done()
        assert entry.state is State.CLOSED
        assert len(manager.tasks) == 0
        for writer in writers:
            writer.close()
        silent.close()
        await silent.wait_closed()

    arun(scenario())


def test_log_byte_cap_applies_to_new_and_existing_logs() -> None:
    manager = SessionManager(log_byte_cap=1000)
    a = manager.add(_server())
    assert a.log.byte_cap == 1000
    for i in range(20):
        a.log.extend_payloads([b"x" * 100], float(i), Direction.IN, FrameKind.DATA, 1, None)
    assert a.log.nbytes == 1000 and a.log.dropped == 10
    manager.log_byte_cap = 250  # lowering drops now
    assert a.log.nbytes == 200 and a.log.dropped == 18
    assert manager.add(_server()).log.byte_cap == 250
    with pytest.raises(ValueError, match="byte cap"):
        manager.log_byte_cap = 0
    with pytest.raises(ValueError, match="byte cap"):
        SessionManager(log_byte_cap=-1)


def test_every_entry_gets_a_key_of_its_own(manager: SessionManager) -> None:
    a = manager.add(_server())
    b = manager.add(dataclasses.replace(_server(), key=a.spec.key))  # taken: a new one
    c = manager.duplicate(a)
    keys = [e.spec.key for e in (a, b, c)]
    assert all(keys) and len(set(keys)) == 3
    kept = manager.add(dataclasses.replace(_server(), key="mine"))
    assert kept.spec.key == "mine"
    manager.update(kept, _server(echo=False))
    assert kept.spec.key == "mine"


def test_a_client_follows_its_server_wherever_it_listens(arun: Run,
                                                         manager: SessionManager) -> None:
    server = manager.add(_server())
    client = manager.add(ConnectionSpec("tcp://127.0.0.1:9", options=Options(name="cli"),
                                        follows=server.spec.key))

    async def scenario() -> None:
        await manager.connect(client)  # the server is not listening yet: started first
        assert server.state is State.OPEN and client.state is State.OPEN
        port = server.bound_port
        assert client.spec.url == f"tcp://127.0.0.1:{port}"  # the address it used, shown
        await manager.send(client, b"ping")
        await until(lambda: len(traffic(client.log)) == 2, message="the echo")
        await manager.disconnect(client)
        await manager.disconnect(server)
        await manager.connect(server)  # port 0 again: another port
        await manager.connect(client)
        assert client.state is State.OPEN
        assert client.spec.url == f"tcp://127.0.0.1:{server.bound_port}"

    arun(scenario())
    arun(manager.remove(server))
    with pytest.raises(ConnectError, match="no longer in the workspace"):
        arun(manager.connect(client))
    assert "no longer in the workspace" in client.error

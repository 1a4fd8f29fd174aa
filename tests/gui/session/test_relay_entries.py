"""Relay entries in the session, on the qasync loop: started like servers, both ways in the log
(marked client→upstream / upstream→client), faults switched while traffic flows, injection
into either side through the session's send."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine, Iterator
from typing import Any

import pytest

from gui.session import SessionManager
from gui.session.relay import RelaySides, set_relay_faults
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import traffic, until
from transports.frames import Direction
from transports.options import Options
from transports.relay import Latency, Relay, RelayConfig, Way

Run = Callable[[Coroutine[Any, Any, Any]], Any]


@pytest.fixture
def manager(arun: Run) -> Iterator[SessionManager]:
    manager = SessionManager()
    yield manager
    arun(manager.close_all())


def test_relay_entry_in_the_session(arun: Run, manager: SessionManager) -> None:
    sides = RelaySides(manager)
    upstream = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                          Options(name="echo", echo=True)))
    arun(manager.connect(upstream))
    spec = ConnectionSpec("tcp://127.0.0.1:0", Role.RELAY, Options(name="relay"),
                          relay=RelayConfig(f"tcp://127.0.0.1:{upstream.bound_port}"))
    relay = manager.add(spec)
    assert relay.is_server and relay.kind == "TCP relay"
    arun(manager.connect(relay))
    assert isinstance(relay.conn, Relay) and relay.bound_port

    async def scenario() -> None:
        reader, writer = await asyncio.open_connection("127.0.0.1", relay.bound_port)

        async def rtt() -> float:
            start = time.perf_counter()
            writer.write(b"ping")
            assert await reader.readexactly(4) == b"ping"
            return time.perf_counter() - start

        base = min([await rtt() for _ in range(3)])
        set_relay_faults(manager, relay, Way.UPSTREAM, (Latency(0.1),))
        assert relay.spec.relay is not None and relay.spec.relay.faults_up == (Latency(0.1),)
        slow = min([await rtt() for _ in range(3)])
        assert slow - base == pytest.approx(0.1, rel=0.1)
        set_relay_faults(manager, relay, Way.UPSTREAM, ())
        # inject into either side: the composer sends to one peer of the relay entry
        client_side = next(p.id for p in relay.peer_list() if p.info["relay"] == "client")
        await manager.send(relay, b"hello client", peer=client_side)
        assert await reader.readexactly(12) == b"hello client"
        writer.close()
        await until(lambda: not relay.peers)

    arun(scenario())
    log = relay.log
    rows = traffic(log)
    ways = [sides.way(log.conn_id(r), log.direction(r)) for r in rows]
    assert None not in ways
    up = b"".join(log.payload(r) for r, w in zip(rows, ways, strict=True)
                  if w is Way.UPSTREAM and log.direction(r) is Direction.IN)
    down = b"".join(log.payload(r) for r, w in zip(rows, ways, strict=True)
                    if w is Way.DOWNSTREAM and log.direction(r) is Direction.OUT)
    assert up == b"ping" * 6
    assert down == b"ping" * 6 + b"hello client"
    assert {sides.pair(log.conn_id(r)) for r in rows} == {"1"}
    assert not relay.peers  # the marks outlive the pair
    assert sides.way(upstream.id, Direction.IN) is None  # not a relay connection
    sides.close()

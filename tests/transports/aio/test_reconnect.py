"""Auto-reconnect: backoff attempts are visible as state events; giving up is a failure."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.transports.conftest import Recorder, Runner, free_port
from transports.factory import create_connection, create_server
from transports.frames import StateChanged
from transports.state import State

FAST = {"enabled": True, "initial_delay": 0.05, "max_delay": 0.1, "jitter": 0.1}


def test_client_reconnects_when_the_server_comes_back(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True)
        await server.open()
        port = server.endpoint.port
        client = create_connection(server.url, reconnect=FAST | {"max_attempts": 100})
        rec = Recorder(client)
        await client.open()
        await server.close()
        await rec.wait_for(lambda e: isinstance(e, StateChanged)
                           and e.new is State.RECONNECTING and "attempt 3 " in e.reason)
        server = create_server(f"tcp://127.0.0.1:{port}", echo=True)
        await server.open()
        await rec.wait_for(lambda e: isinstance(e, StateChanged) and e.new is State.OPEN
                           and e.old is State.CONNECTING and rec.states().count(State.OPEN) == 2)
        await client.send(b"back")
        assert await rec.wait_bytes(4) == b"back"

        states = rec.states()
        first_open = states.index(State.OPEN)
        assert states[first_open + 1] is State.RECONNECTING  # straight from OPEN
        reasons = [e.reason for e in rec.events
                   if isinstance(e, StateChanged) and e.new is State.RECONNECTING]
        assert reasons[0].startswith("attempt 1 in ") and "peer closed the connection" in reasons[0]
        assert reasons[1].startswith("attempt 2 in ") and "connection refused" in reasons[1]
        between = states[first_open + 1:-1]
        assert set(between) == {State.RECONNECTING, State.CONNECTING}
        await client.close()
        await server.close()
        assert client.state is State.CLOSED

    run(main())


def test_gives_up_after_max_attempts(run: Runner[Any]) -> None:
    async def main() -> None:
        client = create_connection(f"tcp://127.0.0.1:{free_port()}",
                                   reconnect=FAST | {"max_attempts": 3})
        rec = Recorder(client)
        await client.open()  # with reconnect, a first failure is retried in the background
        failed = await rec.wait_state(State.FAILED)
        assert failed.reason == "gave up after 3 reconnect attempts: connection refused"
        assert rec.states() == [State.CONNECTING] + [State.RECONNECTING, State.CONNECTING] * 3 \
            + [State.FAILED]
        assert len(rec.errors) == 4  # one per failed attempt

    run(main())


def test_close_while_reconnecting_stops_the_backoff(run: Runner[Any]) -> None:
    async def main() -> None:
        client = create_connection(f"tcp://127.0.0.1:{free_port()}",
                                   reconnect=FAST | {"initial_delay": 5, "max_delay": 5})
        rec = Recorder(client)
        await client.open()
        await rec.wait_state(State.RECONNECTING)
        await client.close()
        assert client.state is State.CLOSED and client.reason == "closed by user"
        await asyncio.sleep(0.1)
        assert rec.states()[-1] is State.CLOSED

    run(main())

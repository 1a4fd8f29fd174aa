"""The connection base: state table, close while connecting, connect timeout, re-open, the
event stream and its read-side backpressure, and the bounded send queue."""

from __future__ import annotations

import asyncio
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner
from transports.aio.sendqueue import Outgoing, SendQueue
from transports.aio.server import Server
from transports.errors import ConnectError, NotOpen
from transports.factory import create_connection, create_server
from transports.frames import Event, FrameReceived, StateChanged
from transports.state import TRANSITIONS, InvalidTransition, State, check_transition


def test_transition_table() -> None:
    assert set(TRANSITIONS) == set(State)
    check_transition(State.IDLE, State.CONNECTING)
    check_transition(State.OPEN, State.RECONNECTING)
    for old, new in [(State.IDLE, State.OPEN), (State.CLOSED, State.OPEN),
                     (State.CLOSING, State.OPEN), (State.RECONNECTING, State.OPEN)]:
        with pytest.raises(InvalidTransition, match=f"from {old.value} to {new.value}"):
            check_transition(old, new)


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A port whose kernel accepts connections that nobody ever reads or answers: a TLS
    handshake against it hangs."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


def test_connect_timeout(run: Runner[Any], silent_port: int) -> None:
    async def main() -> None:
        client = create_connection(f"tls://127.0.0.1:{silent_port}", connect_timeout=0.2)
        with pytest.raises(ConnectError, match=r"timed out after 0\.2 s"):
            await client.open()
        assert client.state is State.FAILED

    run(main())


def test_close_while_connecting(run: Runner[Any], silent_port: int) -> None:
    async def main() -> None:
        client = create_connection(f"tls://127.0.0.1:{silent_port}")
        rec = Recorder(client)
        opening = asyncio.create_task(client.open(), name="test:open")
        await rec.wait_state(State.CONNECTING)
        await asyncio.sleep(0.05)
        await client.close()
        with pytest.raises(ConnectError, match="closed while connecting"):
            await opening
        assert client.state is State.CLOSED
        assert rec.states() == [State.CONNECTING, State.CLOSED]

    run(main())


def test_cancelling_open_cancels_the_attempt(run: Runner[Any], silent_port: int) -> None:
    async def main() -> None:
        client = create_connection(f"tls://127.0.0.1:{silent_port}")
        with pytest.raises(TimeoutError):
            async with asyncio.timeout(0.1):
                await client.open()
        assert len(client._tasks) == 0
        await client.close()
        assert client.state is State.CLOSED

    run(main())


def test_reopen_after_close_and_double_close(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True)
        await server.open()
        client = create_connection(server.url)
        rec = Recorder(client)
        for round_ in (b"first", b"second"):
            await client.open()
            await client.send(round_)
            await rec.wait_bytes(len(b"".join(rec.sent)))
            await asyncio.gather(client.close(), client.close())
            assert client.state is State.CLOSED
        assert rec.states() == [State.CONNECTING, State.OPEN, State.CLOSING, State.CLOSED] * 2
        with pytest.raises(NotOpen, match="closed"):
            await client.send(b"late")
        await server.close()

    run(main())


def test_event_stream_ends_on_close_and_pauses_reading(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", framing={"mode": "delimiter"})
        assert isinstance(server, Server)
        srec = Recorder(server)
        await server.open()
        client = create_connection(server.url)
        await client.open()
        await srec.wait_for(lambda e: bool(server.open_peers()))
        stream = server.events(maxsize=4)
        for i in range(4):
            await client.send(b"%d\n" % i)
            await srec.wait_received(i + 1)
        peer = server.open_peers()[0]
        assert stream in server._pause_reasons and server in peer._pause_reasons
        for i in range(4, 10):
            await client.send(b"%d\n" % i)
        await asyncio.sleep(0.1)
        assert len(srec.received) == 4  # reading paused: the rest waits in the socket
        got: list[bytes] = []
        async with stream:
            async for event in stream:
                if isinstance(event, FrameReceived):
                    got.append(event.frame.payload)
                if len(got) == 10:
                    break
        assert got == [b"%d" % i for i in range(10)]
        assert not server._pause_reasons and not peer._pause_reasons

        ended: list[Event] = []
        events = client.events()
        closing = asyncio.create_task(client.close(), name="test:close")
        async for event in events:  # ends by itself after CLOSED
            ended.append(event)
        await closing
        assert isinstance(ended[-1], StateChanged) and ended[-1].new is State.CLOSED
        events.close()
        await server.close()

    run(main())


def test_send_queue_bounds_and_close() -> None:
    async def main() -> None:
        queue = SendQueue(2)
        await queue.put(Outgoing(b"a"))
        await queue.put(Outgoing(b"b"))
        assert queue.full
        blocked = asyncio.create_task(queue.put(Outgoing(b"c")))
        await asyncio.sleep(0.01)
        assert not blocked.done() and len(queue) == 2
        batch = await queue.get_batch()
        assert [o.payload for o in batch] == [b"a", b"b"]
        await blocked  # room again
        joined = asyncio.create_task(queue.join())
        await asyncio.sleep(0.01)
        assert not joined.done()  # "a", "b" in flight, "c" queued
        queue.batch_done(batch)
        queue.batch_done(await queue.get_batch())
        await joined
        await queue.put(Outgoing(b"d"))
        await queue.put(Outgoing(b"e"))
        waiter = asyncio.create_task(queue.put(Outgoing(b"f")))
        await asyncio.sleep(0.01)
        assert [o.payload for o in queue.drain_all()] == [b"d", b"e"]
        with pytest.raises(NotOpen):
            await waiter
        queue.put_over(Outgoing(b"g"))  # ignored once closed
        assert len(queue) == 0

    asyncio.run(main())


def test_subscriber_errors_do_not_break_the_connection(run: Runner[Any],
                                                       caplog: pytest.LogCaptureFixture) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True)
        await server.open()
        client = create_connection(server.url)

        def broken(event: Event) -> None:
            raise RuntimeError("subscriber bug")

        client.subscribe(broken)
        rec = Recorder(client)
        await client.open()
        await client.send(b"still works")
        assert await rec.wait_bytes(11) == b"still works"
        await client.close()
        await server.close()

    run(main())
    assert "subscriber" in caplog.text

"""Faults: each ends in a clear state plus an ErrorEvent, with no exception escaping and no task
left pending (the ``run`` fixture checks that).  The misbehaving peers are small raw-socket
helpers: they exist only to provoke resets, half-closes and stalls."""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner, free_port
from transports.aio import base
from transports.errors import ConnectError
from transports.factory import create_connection, create_server
from transports.frames import ErrorEvent, StateChanged
from transports.state import State

LENGTH = {"mode": "length", "header_size": 2, "keep_header": False}


@pytest.fixture
def raw_server() -> Iterator[Callable[..., int]]:
    """Start a one-shot TCP server thread running ``behave(conn)``; returns its port."""
    threads: list[threading.Thread] = []
    listeners: list[socket.socket] = []

    def start(behave: Callable[[socket.socket], None], rcvbuf: int | None = None) -> int:
        listener = socket.socket()
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        listeners.append(listener)

        def serve() -> None:
            conn, _ = listener.accept()
            if rcvbuf:
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
            with conn:
                behave(conn)

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        threads.append(thread)
        return int(listener.getsockname()[1])

    yield start
    for listener in listeners:
        listener.close()
    for thread in threads:
        thread.join(5)


def _reset(conn: socket.socket) -> None:
    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))


def test_connection_refused(run: Runner[Any]) -> None:
    async def main() -> None:
        client = create_connection(f"tcp://127.0.0.1:{free_port()}")
        rec = Recorder(client)
        with pytest.raises(ConnectError, match="connection refused"):
            await client.open()
        assert client.state is State.FAILED and client.reason == "connection refused"
        assert rec.states() == [State.CONNECTING, State.FAILED]
        assert any("cannot open" in m and "connection refused" in m for m in rec.errors)

    run(main())


def test_peer_resets_mid_frame(run: Runner[Any], raw_server: Any) -> None:
    def behave(conn: socket.socket) -> None:
        conn.sendall(b"\x00\x03one" + b"\x00\x10par")  # one frame, then 3 of 16 bytes
        conn.recv(100)  # wait for the client's go
        _reset(conn)

    port = raw_server(behave)

    async def main() -> None:
        client = create_connection(f"tcp://127.0.0.1:{port}", framing=LENGTH)
        rec = Recorder(client)
        await client.open()
        assert await rec.wait_received(1) == [b"one"]
        await client.send(b"go")
        failed = await rec.wait_state(State.FAILED)
        assert failed.reason == "connection reset by peer"
        assert any("mid-frame: 5 byte(s)" in m for m in rec.errors)
        assert any(m.endswith("connection reset by peer") for m in rec.errors)
        await client.close()
        assert client.state is State.FAILED

    run(main())


def test_peer_closes_half_way_through_a_frame(run: Runner[Any], raw_server: Any) -> None:
    port = raw_server(lambda conn: conn.sendall(b"\x00\x02ok\x00\x09half"))

    async def main() -> None:
        client = create_connection(f"tcp://127.0.0.1:{port}", framing=LENGTH)
        rec = Recorder(client)
        await client.open()
        closed = await rec.wait_state(State.CLOSED)
        assert closed.reason == "peer closed the connection"
        assert rec.received == [b"ok"]
        assert any("peer closed mid-frame: 6 byte(s) of an incomplete frame" in m
                   for m in rec.errors)

    run(main())


def test_oversized_frame_fails_the_connection(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", framing=LENGTH | {"max_frame": 1000})
        srec = Recorder(server)
        await server.open()
        client = create_connection(server.url)  # raw: sends the bytes as they are
        await client.open()
        await client.send(b"\x00\x02hi" + b"\xff\xff" + b"x" * 10)
        failed = await srec.wait_for(lambda e: isinstance(e, StateChanged)
                                     and e.conn_id != server.id and e.new is State.FAILED)
        assert isinstance(failed, StateChanged) and failed.reason.startswith("framing:")
        fatal = [e for e in srec.events if isinstance(e, ErrorEvent) and e.fatal]
        assert len(fatal) == 1 and "framing" in fatal[0].message
        assert srec.received == [b"hi"]
        await Recorder(client).wait_state(State.CLOSED)
        await server.close()
        assert server.state is State.CLOSED

    run(main())


def test_slow_reader_backpressure_is_bounded_and_isolated(
        run: Runner[Any], raw_server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(base, "CLOSE_TIMEOUT", 0.3)
    stop = threading.Event()
    port = raw_server(lambda conn: stop.wait(10), rcvbuf=4096)  # accepts, never reads

    async def main() -> None:
        slow = create_connection(f"tcp://127.0.0.1:{port}", send_queue=4)
        rec = Recorder(slow)
        await slow.open()
        echo = create_server("tcp://127.0.0.1:0", echo=True)
        await echo.open()
        other = create_connection(echo.url)
        orec = Recorder(other)
        await other.open()

        chunk = b"x" * 16_384
        longest = 0
        sent = 0

        async def flood() -> None:
            nonlocal longest, sent
            while True:
                await slow.send(chunk)
                sent += 1
                longest = max(longest, len(slow._queue))

        flooding = asyncio.create_task(flood(), name="test:flood")
        try:
            # the flood stalls: send() waits once the socket buffers and the queue are full
            for _ in range(50):
                before = sent
                await asyncio.sleep(0.05)
                if sent == before and sent > 0:
                    break
            assert not flooding.done()
            stalled_at = sent
            await asyncio.sleep(0.2)
            assert sent == stalled_at, "send() kept going although the peer reads nothing"
            assert longest <= 4 and len(slow._queue) <= 4
            # meanwhile another connection on the same loop works normally
            for i in range(20):
                await other.send(b"ping %d;" % i)
            await orec.wait_bytes(sum(len(b"ping %d;" % i) for i in range(20)))
        finally:
            flooding.cancel()
            await asyncio.gather(flooding, return_exceptions=True)
        await slow.close()  # cannot flush: aborts after CLOSE_TIMEOUT, says so
        assert slow.state is State.CLOSED
        assert any("close did not finish cleanly" in m for m in rec.errors)
        assert any("queued frame(s) were not sent" in m for m in rec.errors)
        stop.set()
        await other.close()
        await echo.close()

    run(main())

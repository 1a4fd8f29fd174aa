"""TCP client and server: against each other and against socat / ncat."""

from __future__ import annotations

import asyncio
import subprocess
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner, Spawner, free_port, in_thread, need
from transports.aio.server import Server
from transports.aio.tcp import TcpClient, TcpServer
from transports.errors import NotOpen
from transports.factory import create_connection, create_server
from transports.frames import (
    ErrorEvent,
    FrameReceived,
    FrameSent,
    PeerAdded,
    PeerRemoved,
    StateChanged,
)
from transports.state import State

S = State


def test_client_and_server_exchange_with_events_in_order(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True)
        assert isinstance(server, TcpServer)
        srec = Recorder(server)
        await server.open()
        assert server.endpoint.port != 0 and server.url == f"tcp://127.0.0.1:{server.endpoint.port}"
        client = create_connection(server.url)
        assert isinstance(client, TcpClient)
        crec = Recorder(client)
        await client.open()
        await client.send(b"\x00\x01binary")
        assert await crec.wait_bytes(8) == b"\x00\x01binary"
        assert client.peer_address == ("127.0.0.1", server.endpoint.port)
        await client.close()
        await srec.wait_for(lambda e: isinstance(e, PeerRemoved))
        await server.close()

        kinds = [type(e).__name__ for e in crec.events]
        assert kinds[:3] == ["StateChanged", "StateChanged", "FrameSent"]
        assert crec.states() == [S.CONNECTING, S.OPEN, S.CLOSING, S.CLOSED]
        closed = crec.events[-1]
        assert isinstance(closed, StateChanged) and closed.reason == "closed by user"
        sent = next(e for e in crec.events if isinstance(e, FrameSent))
        assert sent.frame.peer == client.peer_address and sent.frame.conn_id == client.id

        added = next(e for e in srec.events if isinstance(e, PeerAdded))
        peer_id = added.peer_id
        assert added.server_id == server.id and added.address[0] == "127.0.0.1"
        assert srec.states(server.id) == [S.CONNECTING, S.OPEN, S.CLOSING, S.CLOSED]
        assert srec.states(peer_id) == [S.CONNECTING, S.OPEN, S.CLOSED]
        got = next(e for e in srec.events if isinstance(e, FrameReceived))
        assert got.frame.conn_id == peer_id and got.frame.peer == added.address
        assert server.peers == {} and len(server._tasks) == 0 and len(client._tasks) == 0

    run(main())


def test_server_sends_to_one_peer_or_broadcasts(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0")
        assert isinstance(server, Server)
        srec = Recorder(server)
        await server.open()
        clients = [create_connection(server.url) for _ in range(3)]
        recs = [Recorder(c) for c in clients]
        for client in clients:
            await client.open()
        await srec.wait_for(lambda e: len(server.open_peers()) == 3)
        assert await server.broadcast(b"all") == 3
        for rec in recs:
            assert await rec.wait_bytes(3) == b"all"
        assert isinstance(clients[0], TcpClient) and clients[0].local_address is not None
        first = next(p for p in server.peers.values()
                     if p.peer_address == clients[0].local_address)
        await server.send(b"id", peer=first.id)
        assert await recs[0].wait_bytes(5) == b"allid"
        await server.send(b"addr", peer=first.peer_address)
        assert await recs[0].wait_bytes(9) == b"allidaddr"
        assert b"".join(recs[1].received) == b"all"
        with pytest.raises(NotOpen, match="no peer #999"):
            await server.send(b"x", peer=999)
        with pytest.raises(NotOpen, match="no peer at"):
            await server.send(b"x", peer=("10.0.0.1", 1))
        await server.close()  # closes the peers: the clients see the server go away
        for client, rec in zip(clients, recs, strict=True):
            await rec.wait_state(S.CLOSED)
            assert client.reason == "peer closed the connection"
        assert server.peers == {}

    run(main())


def test_max_peers_refuses_with_an_error_event(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", max_peers=1)
        assert isinstance(server, Server)
        srec = Recorder(server)
        await server.open()
        a, b = create_connection(server.url), create_connection(server.url)
        brec = Recorder(b)
        await a.open()
        await b.open()  # the kernel accepts; the server then drops it
        await brec.wait_for(lambda e: isinstance(e, StateChanged) and e.new in (S.CLOSED,
                                                                                  S.FAILED))
        refused = f"refused {b.local_address[0]}:{b.local_address[1]}: max_peers (1) reached"
        assert any(m.endswith(refused) for m in srec.errors), srec.errors
        assert len(server.peers) == 1
        await a.close()
        await b.close()
        await server.close()

    run(main())


def test_idle_timeout_closes_silent_peers_and_keeps_talking_ones(run: Runner[Any]) -> None:
    """Idle connections cannot hold every max_peers slot forever."""

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", idle_timeout=0.3, max_peers=2)
        srec = Recorder(server)
        await server.open()
        silent, talking, listening = (create_connection(server.url) for _ in range(3))
        silent_rec = Recorder(silent)
        await talking.open()

        async def talk() -> None:
            while True:
                await talking.send(b".")
                await asyncio.sleep(0.1)

        chatter = asyncio.create_task(talk(), name="test:talk")
        await silent.open()
        start = asyncio.get_running_loop().time()
        removed = await srec.wait_for(lambda e: isinstance(e, PeerRemoved), within=3)
        elapsed = asyncio.get_running_loop().time() - start
        assert isinstance(removed, PeerRemoved)
        assert removed.reason == "closed after 0.3 s without traffic (idle_timeout)"
        assert 0.25 <= elapsed < 2
        await silent_rec.wait_state(S.CLOSED)
        # the freed slot takes a new peer; one that only listens is kept while it is sent to
        await listening.open()
        await srec.wait_for(lambda e: len(server.open_peers()) == 2)
        target = next(p for p in server.open_peers()
                      if p.peer_address == listening.local_address)
        for _ in range(8):
            await target.send(b"tick")
            await asyncio.sleep(0.1)
        assert talking.state is S.OPEN and listening.state is S.OPEN
        assert len(server.open_peers()) == 2
        assert sum(isinstance(e, PeerRemoved) for e in srec.events) == 1
        chatter.cancel()
        await asyncio.gather(chatter, return_exceptions=True)
        for conn in (talking, listening):
            await conn.close()
        await server.close()

    run(main())


def test_send_on_a_closed_connection_raises_not_open(run: Runner[Any]) -> None:
    async def main() -> None:
        client = create_connection("tcp://127.0.0.1:1")
        with pytest.raises(NotOpen, match="idle"):
            await client.send(b"x")
        with pytest.raises(ValueError, match="no peers"):
            server = create_server("tcp://127.0.0.1:0")
            await server.open()
            c = create_connection(server.url)
            await c.open()
            try:
                await c.send(b"x", peer=1)
            finally:
                await c.close()
                await server.close()

    run(main())


# -- independent peers ----------------------------------------------------------------------
@pytest.mark.peer
@pytest.mark.parametrize("tool", ["socat", "ncat"])
def test_client_against_independent_echo_server(run: Runner[Any], spawn: Spawner,
                                                tool: str) -> None:
    exe = need(tool)
    port = free_port()
    if tool == "socat":
        spawn(exe, f"TCP-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork", "EXEC:cat", tcp_port=port)
    else:
        spawn(exe, "-l", "127.0.0.1", str(port), "-k", "--sh-exec", "cat", tcp_port=port)

    async def main() -> None:
        client = create_connection(f"tcp://127.0.0.1:{port}",
                                   framing={"mode": "delimiter", "delimiter": b"\n"})
        rec = Recorder(client)
        await client.open()
        for text in ("one", "two", "three"):
            await client.send(text)
        assert await rec.wait_received(3) == [b"one", b"two", b"three"]
        await client.close()
        assert client.state is S.CLOSED

    run(main())


def test_sends_keep_their_order_across_direct_writes_and_the_queue(run: Runner[Any]) -> None:
    """A send with nothing queued goes straight to the socket; once the transport is over its
    high-water mark (here: a peer that does not read yet) sends queue up.  Either way the
    peer and the log see the frames in send order."""
    lines = [b"%05d " % i + b"x" * 1000 + b"\n" for i in range(20_000)]  # ~20 MB

    class Sink(asyncio.Protocol):
        def __init__(self) -> None:
            self.data = bytearray()
            self.transport: asyncio.Transport | None = None

        def connection_made(self, transport: asyncio.BaseTransport) -> None:
            assert isinstance(transport, asyncio.Transport)
            self.transport = transport
            transport.pause_reading()  # the kernel buffers fill, then ours

        def data_received(self, data: bytes) -> None:
            self.data += data

    async def main() -> None:
        sink = Sink()
        server = await asyncio.get_running_loop().create_server(lambda: sink, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        client = create_connection(f"tcp://127.0.0.1:{port}")
        rec = Recorder(client)
        await client.open()
        queue = client._queue
        queued = 0
        put_over = queue.put_over

        def counting(item: Any) -> None:
            nonlocal queued
            queued += 1
            put_over(item)

        queue.put_over = counting  # type: ignore[method-assign]
        await client.send(lines[0])  # nothing queued: written at once
        assert queued == 0 and rec.sent == [lines[0]]
        sending = asyncio.gather(*(client.send(line) for line in lines[1:]))
        await asyncio.sleep(0.2)
        assert sink.transport is not None
        sink.transport.resume_reading()
        await sending
        await client.close()
        server.close()
        assert 0 < queued < len(lines)  # both paths were taken
        assert bytes(sink.data) == b"".join(lines)
        assert rec.sent == lines

    run(main())


def _talk(proc: subprocess.Popen[bytes], line: bytes) -> bytes:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line)
    proc.stdin.flush()
    return proc.stdout.readline()


@pytest.mark.peer
@pytest.mark.parametrize("tool", ["socat", "ncat"])
def test_echo_server_against_independent_client(run: Runner[Any], spawn: Spawner,
                                                tool: str) -> None:
    exe = need(tool)

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", echo=True,
                               framing={"mode": "delimiter", "delimiter": b"\n"})
        srec = Recorder(server)
        await server.open()
        port = str(server.endpoint.port)
        args = [exe, "-", f"TCP:127.0.0.1:{port}"] if tool == "socat" else [
            exe, "127.0.0.1", port]
        proc = spawn(*args, stdin=subprocess.PIPE)
        assert await in_thread(lambda: _talk(proc, b"hello\n")) == b"hello\n"
        assert await in_thread(lambda: _talk(proc, b"again\n")) == b"again\n"
        assert srec.received == [b"hello", b"again"]
        # the client half-closes after its last line: the queued echo still reaches it
        assert proc.stdin is not None
        proc.stdin.write(b"last\n")
        proc.stdin.close()
        assert proc.stdout is not None
        assert await in_thread(proc.stdout.read) == b"last\n"  # until the server closes
        await srec.wait_for(lambda e: isinstance(e, PeerRemoved))
        await server.close()

    run(main())


@pytest.mark.peer
def test_non_echo_server_sends_to_independent_client(run: Runner[Any], spawn: Spawner) -> None:
    socat = need("socat")

    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0")
        srec = Recorder(server)
        await server.open()
        proc = spawn(socat, "-", f"TCP:127.0.0.1:{server.endpoint.port}", stdin=subprocess.PIPE)
        await srec.wait_for(lambda e: isinstance(e, PeerAdded))
        assert proc.stdin is not None and proc.stdout is not None
        stdout = proc.stdout
        await server.send("from server\n")
        assert await in_thread(stdout.readline) == b"from server\n"
        proc.stdin.write(b"from socat\n")
        proc.stdin.flush()
        assert await srec.wait_bytes(11) == b"from socat\n"
        assert not any(isinstance(e, ErrorEvent) for e in srec.events)
        await server.close()
        assert await in_thread(stdout.read) == b""  # the server closed the connection

    run(main())

"""UDP sockets: our own pair, ICMP errors, and socat as the independent peer."""

from __future__ import annotations

import socket
import subprocess
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner, Spawner, free_port, in_thread, need
from transports.aio.udp import UdpConnection, parse_bind
from transports.errors import NotOpen
from transports.factory import create_connection, create_server
from transports.frames import ErrorEvent, FrameReceived
from transports.options import OptionError, Options
from transports.state import State
from transports.url import parse_url


def test_parse_bind() -> None:
    assert parse_bind("127.0.0.1:5000") == ("127.0.0.1", 5000)
    assert parse_bind(":0") == ("0.0.0.0", 0)
    assert parse_bind("[::1]:7") == ("::1", 7)
    with pytest.raises(OptionError, match="bind"):
        parse_bind("localhost")


def test_listen_reports_port_and_echoes_to_sender(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("udp://127.0.0.1:0", echo=True)
        await server.open()
        assert isinstance(server, UdpConnection)
        assert server.endpoint.port != 0 and server.url.endswith(f":{server.endpoint.port}")
        client = create_connection(server.url)
        rec = Recorder(client)
        await client.open()
        await client.send(b"ping")
        await client.send("héllo")
        assert await rec.wait_received(2) == [b"ping", "héllo".encode()]
        frame = next(e.frame for e in rec.events if isinstance(e, FrameReceived))
        assert frame.peer == ("127.0.0.1", server.endpoint.port)
        assert isinstance(client, UdpConnection) and client.local_address is not None
        assert list(server.heard) == [client.local_address]
        await client.close()
        await server.close()
        assert server.state is State.CLOSED and client.state is State.CLOSED

    run(main())


def test_a_datagram_over_max_message_size_is_dropped_with_an_error(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("udp://127.0.0.1:0", max_message_size=1000, echo=True)
        srec = Recorder(server)
        await server.open()
        client = create_connection(server.url)
        crec = Recorder(client)
        await client.open()
        assert isinstance(client, UdpConnection) and client.local_address is not None
        await client.send(b"x" * 65_507)  # the largest datagram: not delivered whole
        await client.send(b"y" * 1000)  # at the limit: delivered (and echoed)
        assert await crec.wait_received(1) == [b"y" * 1000]
        assert srec.received == [b"y" * 1000]
        host, port = client.local_address
        assert srec.errors == [f"{server.name}: dropped a 65507-byte datagram from "
                               f"{host}:{port}: over the 1000-byte limit (max_message_size / "
                               "framing.max_frame)"]
        await client.close()
        await server.close()

    run(main())


def test_bound_socket_sends_to_chosen_peer_and_to_everyone_heard(run: Runner[Any]) -> None:
    async def main() -> None:
        a = UdpConnection(parse_url("udp://127.0.0.1:0"), listen=True)
        await a.open()
        with pytest.raises(NotOpen, match="no peer has sent"):
            await a.send(b"x")
        port = free_port(socket.SOCK_DGRAM)
        b = UdpConnection(parse_url(a.url), Options(bind=f"127.0.0.1:{port}"))
        rec_a, rec_b = Recorder(a), Recorder(b)
        await b.open()
        assert b.local_address == ("127.0.0.1", port)
        await b.send(b"hello a")
        await rec_a.wait_received(1)
        assert next(e.frame.peer for e in rec_a.events
                    if isinstance(e, FrameReceived)) == ("127.0.0.1", port)
        await a.send(b"to b", peer=("127.0.0.1", port))
        await a.send(b"to all")
        assert await rec_b.wait_received(2) == [b"to b", b"to all"]
        with pytest.raises(ValueError, match="only sends to"):
            await b.send(b"x", peer=("127.0.0.1", 9))
        with pytest.raises(ValueError, match="at most"):
            await a.send(bytes(70_000), peer=("127.0.0.1", port))
        await b.close()
        await a.close()

    run(main())


def test_port_unreachable_is_an_error_event_not_a_failure(run: Runner[Any]) -> None:
    async def main() -> None:
        port = free_port(socket.SOCK_DGRAM)  # nobody listens there
        client = create_connection(f"udp://127.0.0.1:{port}")
        rec = Recorder(client)
        await client.open()
        await client.send(b"anyone?")
        event = await rec.wait_for(lambda e: isinstance(e, ErrorEvent))
        assert isinstance(event, ErrorEvent) and "port unreachable" in event.message
        assert not event.fatal and client.state is State.OPEN
        await client.send(b"still usable")
        await client.close()
        assert client.state is State.CLOSED

    run(main())


def test_bind_conflict_fails_open(run: Runner[Any]) -> None:
    from transports.errors import ConnectError

    async def main() -> None:
        a = create_server("udp://127.0.0.1:0")
        await a.open()
        b = create_server(a.url)
        with pytest.raises(ConnectError, match="in use"):
            await b.open()
        assert b.state is State.FAILED
        await a.close()

    run(main())


@pytest.mark.peer
def test_client_against_socat_udp_echo(run: Runner[Any], spawn: Spawner) -> None:
    socat = need("socat")
    port = free_port(socket.SOCK_DGRAM)
    spawn(socat, f"UDP-RECVFROM:{port},bind=127.0.0.1,fork", "EXEC:cat")

    async def main() -> None:
        client = create_connection(f"udp://127.0.0.1:{port}")
        rec = Recorder(client)
        await client.open()
        # socat may still be starting: resend until the first echo arrives
        for _ in range(50):
            await client.send(b"datagram-1")
            try:
                await rec.wait_for(lambda e: isinstance(e, FrameReceived), within=0.1)
                break
            except TimeoutError:
                continue
        assert rec.received[0] == b"datagram-1"
        await client.close()

    run(main())


@pytest.mark.peer
def test_listening_socket_against_socat_client(run: Runner[Any], spawn: Spawner) -> None:
    socat = need("socat")

    async def main() -> None:
        server = create_server("udp://127.0.0.1:0", echo=True)
        rec = Recorder(server)
        await server.open()
        proc = spawn(socat, "-t", "2", "-", f"UDP:127.0.0.1:{server.endpoint.port}",
                     stdin=subprocess.PIPE)
        assert proc.stdin is not None and proc.stdout is not None
        stdin, stdout = proc.stdin, proc.stdout

        def exchange() -> bytes:
            stdin.write(b"from socat\n")
            stdin.flush()
            return stdout.readline()

        assert await in_thread(exchange) == b"from socat\n"
        assert rec.received == [b"from socat\n"]
        assert rec.sent == [b"from socat\n"]
        await server.close()

    run(main())

"""Relays between real programs we did not write: redis-cli ↔ relay ↔ redis-server, ncat ↔
relay ↔ socat (plain and TLS), a UDP client ↔ relay ↔ socat, and aiohttp's WebSocket client ↔
relay ↔ a websockets server.  Every byte (or message) is checked in both directions, both at
the programs and in the relay's events (what one side received is what the other side sent)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import socket
import ssl
import subprocess
import threading
from typing import Any

import aiohttp
from websockets.asyncio.server import ServerConnection, serve
from websockets.exceptions import ConnectionClosed

from tests.transports.conftest import Runner, Spawner, TlsFiles, free_port, in_thread, need
from tests.transports.relay.conftest import Sides, eventually
from transports.frames import Direction, FrameKind
from transports.options import Options, TlsOptions
from transports.relay import Relay
from transports.state import State


async def settle(relay: Relay, within: float = 5.0) -> None:
    """Wait until every pair of the relay has closed."""
    await eventually(lambda: not relay.pairs, within)


def start_redis(spawn: Spawner) -> int:
    need("redis-server")
    port = free_port()
    spawn("redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "",
          "--appendonly", "no", tcp_port=port)
    return port


def test_redis_cli_through_relay(run: Runner[None], spawn: Spawner) -> None:
    need("redis-cli")
    redis_port = start_redis(spawn)
    value = os.urandom(48_000).hex()  # 96 kB: many reads each way

    async def main() -> None:
        relay = Relay("tcp://127.0.0.1:0", f"tcp://127.0.0.1:{redis_port}")
        sides = Sides(relay)
        await relay.open()
        port = str(relay.endpoint.port)

        def cli(*args: str, stdin: str | None = None) -> str:
            done = subprocess.run(["redis-cli", "-h", "127.0.0.1", "-p", port, *args],
                                  input=stdin, capture_output=True, text=True, timeout=10,
                                  check=True)
            return done.stdout

        assert await in_thread(lambda: cli("-x", "SET", "big", stdin=value)) == "OK\n"
        assert await in_thread(lambda: cli("GET", "big")) == value + "\n"
        assert await in_thread(lambda: cli("STRLEN", "big")) == f"{len(value)}\n"
        await settle(relay)
        sent_by_cli = sides.data("client", Direction.IN)
        assert value.encode() in sent_by_cli  # the SET, in RESP
        assert sides.data("upstream", Direction.OUT) == sent_by_cli
        from_redis = sides.data("upstream", Direction.IN)
        assert f"${len(value)}\r\n{value}\r\n".encode() in from_redis  # the GET reply
        assert sides.data("client", Direction.OUT) == from_redis
        assert relay.state is State.OPEN
        await relay.close()

    run(main())


def _exchange(proc: subprocess.Popen[bytes], data: bytes) -> bytes:
    """Write ``data`` to a client program and read back as many bytes (the echo)."""
    assert proc.stdin is not None and proc.stdout is not None
    stdin = proc.stdin

    def write() -> None:  # while the echo is read: neither pipe may fill up and block
        stdin.write(data)
        stdin.flush()

    writer = threading.Thread(target=write)
    writer.start()
    got = bytearray()
    while len(got) < len(data):
        if not select.select([proc.stdout], [], [], 10)[0]:
            break  # the caller's assertion shows what is missing
        chunk = os.read(proc.stdout.fileno(), 65536)
        if not chunk:
            break
        got += chunk
    writer.join(5)
    return bytes(got)


def test_ncat_to_socat_through_relay(run: Runner[None], spawn: Spawner) -> None:
    need("ncat")
    need("socat")
    upstream = free_port()
    spawn("socat", f"TCP-LISTEN:{upstream},bind=127.0.0.1,reuseaddr", "PIPE", tcp_port=None)
    data = os.urandom(300_000)

    async def main() -> None:
        await asyncio.sleep(0.2)  # socat is listening (a probe connection would be its one)
        relay = Relay("tcp://127.0.0.1:0", f"tcp://127.0.0.1:{upstream}")
        sides = Sides(relay)
        await relay.open()
        client = spawn("ncat", "127.0.0.1", str(relay.endpoint.port), stdin=subprocess.PIPE)
        got = await in_thread(lambda: _exchange(client, data))
        assert got == data
        assert sides.data("client", Direction.IN) == data
        assert sides.data("upstream", Direction.OUT) == data
        assert sides.data("upstream", Direction.IN) == data
        assert sides.data("client", Direction.OUT) == data
        client.kill()
        await settle(relay)
        await relay.close()

    run(main())


def test_tls_terminated_and_originated(run: Runner[None], spawn: Spawner, tls: TlsFiles) -> None:
    """socat (TLS client) ↔ relay (terminates, originates again) ↔ ncat --ssl running cat."""
    need("ncat")
    need("socat")
    upstream = free_port()
    spawn("ncat", "--ssl", "--ssl-cert", tls.cert_file, "--ssl-key", tls.key_file,
          "-l", "127.0.0.1", str(upstream), "-k", "-e", "/bin/cat", tcp_port=upstream)
    data = os.urandom(100_000)

    async def main() -> None:
        relay = Relay("tls://127.0.0.1:0", f"tls://127.0.0.1:{upstream}",
                      Options(tls=TlsOptions(cert_file=tls.cert_file, key_file=tls.key_file)),
                      Options(tls=TlsOptions(ca_file=tls.ca_file)))
        sides = Sides(relay)
        await relay.open()
        # socat as the TLS client (ncat --ssl sometimes leaves the last TLS record unread)
        client = spawn("socat", "STDIO", f"OPENSSL:127.0.0.1:{relay.endpoint.port},"
                       f"cafile={tls.ca_file},commonname=localhost", stdin=subprocess.PIPE)
        got = await in_thread(lambda: _exchange(client, data))
        assert got == data
        assert sides.data("client", Direction.IN) == data  # plaintext inside the relay
        assert sides.data("upstream", Direction.OUT) == data
        assert sides.data("client", Direction.OUT) == data
        client.kill()
        await settle(relay)
        await relay.close()

    run(main())


def test_tls_only_on_the_client_side(run: Runner[None], tls: TlsFiles) -> None:
    """The relay terminates TLS and talks plain TCP upstream (a stdlib server)."""
    async def main() -> None:
        seen = bytearray()

        async def upstream(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            seen.extend(await reader.readexactly(5))
            writer.write(b"plain")
            await writer.drain()
            writer.close()
            await writer.wait_closed()

        server = await asyncio.start_server(upstream, "127.0.0.1", 0)
        port = server.sockets[0].getsockname()[1]
        relay = Relay("tls://127.0.0.1:0", f"tcp://127.0.0.1:{port}",
                      Options(tls=TlsOptions(cert_file=tls.cert_file, key_file=tls.key_file)))
        await relay.open()
        ctx = ssl.create_default_context(cafile=tls.ca_file)
        reader, writer = await asyncio.open_connection("127.0.0.1", relay.endpoint.port,
                                                       ssl=ctx, server_hostname="127.0.0.1")
        writer.write(b"hello")
        assert await reader.read() == b"plain"
        writer.close()
        with contextlib.suppress(OSError):
            await writer.wait_closed()
        assert bytes(seen) == b"hello"
        await settle(relay)
        await relay.close()
        server.close()
        await server.wait_closed()

    run(main())


def test_udp_pairs_per_client_address(run: Runner[None], spawn: Spawner) -> None:
    need("socat")
    upstream = free_port(socket.SOCK_DGRAM)
    spawn("socat", f"UDP4-RECVFROM:{upstream},bind=127.0.0.1,fork", "PIPE")

    async def main() -> None:
        await asyncio.sleep(0.3)
        relay = Relay("udp://127.0.0.1:0", f"udp://127.0.0.1:{upstream}")
        sides = Sides(relay)
        await relay.open()
        target = ("127.0.0.1", relay.endpoint.port)
        clients = [socket.socket(socket.AF_INET, socket.SOCK_DGRAM) for _ in range(2)]
        try:
            for sock in clients:
                sock.bind(("127.0.0.1", 0))
                sock.settimeout(5)

            def exchange(sock: socket.socket, tag: bytes) -> list[bytes]:
                got = []
                for i in range(20):
                    sock.sendto(tag + b"%d" % i, target)
                    got.append(sock.recv(2048))
                return got

            for n, sock in enumerate(clients):
                tag = b"client%d:" % n
                got = await in_thread(lambda s=sock, t=tag: exchange(s, t))  # type: ignore[misc]
                assert got == [tag + b"%d" % i for i in range(20)]
            assert len(relay.pairs) == 2
            addresses = {pair.client_peer for pair in relay.pairs.values()}
            assert addresses == {s.getsockname() for s in clients}
            datagrams = [p for _, p in sides.kinds("socket", Direction.IN)]
            assert datagrams == [b"client%d:%d" % (n, i) for n in range(2) for i in range(20)]
            assert [p for _, p in sides.kinds("upstream", Direction.OUT)] == datagrams
            assert [p for _, p in sides.kinds("socket", Direction.OUT)] == datagrams
        finally:
            for sock in clients:
                sock.close()
        await relay.close()
        assert not relay.pairs

    run(main())


def test_websocket_kinds_pings_and_close_codes(run: Runner[None]) -> None:
    """aiohttp's client ↔ relay ↔ a websockets server: text stays text, binary stays binary,
    pings pass, and close codes travel both ways."""
    async def main() -> None:
        received: list[Any] = []
        close_codes: list[int | None] = []

        async def handler(ws: ServerConnection) -> None:
            try:
                async for message in ws:
                    received.append(message)
                    if message == "close me":
                        await ws.close(4001, "server says bye")
                        return
                    await ws.send(message[::-1])
            except ConnectionClosed:
                pass  # a code other than 1000/1001 ends the iteration with this
            close_codes.append(ws.close_code)

        async with serve(handler, "127.0.0.1", 0, compression=None) as server:
            port = server.sockets[0].getsockname()[1] if hasattr(server, "sockets") else 0
            relay = Relay("ws://127.0.0.1:0/", f"ws://127.0.0.1:{port}/")
            sides = Sides(relay)
            await relay.open()
            url = f"http://127.0.0.1:{relay.endpoint.port}/"
            async with aiohttp.ClientSession() as session:
                async with session.ws_connect(url, autoping=False) as ws:
                    await ws.send_str("héllo")
                    assert (await ws.receive()).data == "olléh"
                    await ws.send_bytes(b"\x00\x01\xff")
                    reply = await ws.receive()
                    assert reply.type is aiohttp.WSMsgType.BINARY and reply.data == b"\xff\x01\x00"
                    await ws.ping(b"are you there")
                    pong = await ws.receive()
                    assert pong.type is aiohttp.WSMsgType.PONG and pong.data == b"are you there"
                    await ws.close(code=4002, message=b"client says bye")
                async with session.ws_connect(url) as ws:
                    await ws.send_str("close me")
                    closing = await ws.receive()
                    assert closing.type is aiohttp.WSMsgType.CLOSE
                    assert closing.data == 4001 and closing.extra == "server says bye"
            await settle(relay)
            await relay.close()
        assert received == ["héllo", b"\x00\x01\xff", "close me"]
        assert close_codes == [4002]
        client_in = sides.kinds("client", Direction.IN)
        assert client_in[:3] == [(FrameKind.TEXT, "héllo".encode()),
                                 (FrameKind.BINARY, b"\x00\x01\xff"),
                                 (FrameKind.PING, b"are you there")]
        upstream_out = sides.kinds("upstream", Direction.OUT)
        assert [(k, p) for k, p in upstream_out if k is not FrameKind.CLOSE][:3] == client_in[:3]
        assert (FrameKind.CLOSE, (4002).to_bytes(2, "big") + b"client says bye") in upstream_out
        client_out = sides.kinds("client", Direction.OUT)
        assert (FrameKind.CLOSE, (4001).to_bytes(2, "big") + b"server says bye") in client_out

    run(main())

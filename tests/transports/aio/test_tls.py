"""TLS over TCP: verification on by default, custom CA, insecure switch, client certificates,
server name override; against each other and against socat / openssl."""

from __future__ import annotations

import asyncio
import ssl
import subprocess
from typing import Any

import pytest

from tests.transports.conftest import (
    Recorder,
    Runner,
    Spawner,
    TlsFiles,
    free_port,
    in_thread,
    need,
)
from transports.aio.tcp import TcpServer
from transports.errors import ConnectError
from transports.factory import create_connection, create_server
from transports.frames import PeerRemoved, StateChanged
from transports.state import State

LINES = {"mode": "delimiter", "delimiter": b"\n"}


async def _echo_roundtrip(url: str, **options: Any) -> None:
    client = create_connection(url, framing=LINES, **options)
    rec = Recorder(client)
    await client.open()
    try:
        await client.send("secret")
        assert await rec.wait_received(1) == [b"secret"]
    finally:
        await client.close()


def _server_tls(tls: TlsFiles, *, other: bool = False, **extra: str) -> dict[str, str]:
    if other:
        return {"cert_file": tls.other_cert_file, "key_file": tls.other_key_file, **extra}
    return {"cert_file": tls.cert_file, "key_file": tls.key_file, **extra}


def test_untrusted_server_is_refused_with_a_clear_error(run: Runner[Any], tls: TlsFiles) -> None:
    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, tls=_server_tls(tls, other=True))
        await server.open()
        client = create_connection(server.url)
        rec = Recorder(client)
        with pytest.raises(ConnectError, match="certificate verification failed") as info:
            await client.open()
        assert "tls.ca_file" in str(info.value) and "tls.insecure" in str(info.value)
        assert client.state is State.FAILED
        assert "certificate verification failed" in client.reason
        assert any("certificate verification failed" in m for m in rec.errors)
        # the explicit switch accepts it; so does trusting its CA
        await _echo_roundtrip(server.url, tls={"insecure": True})
        await server.close()

    run(main())


def test_custom_ca_file_is_trusted(run: Runner[Any], tls: TlsFiles) -> None:
    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, framing=LINES,
                               tls=_server_tls(tls))
        await server.open()
        await _echo_roundtrip(server.url, tls={"ca_file": tls.ca_file})
        # "localhost" is also in the certificate; a wrong name is refused
        await _echo_roundtrip(f"tls://localhost:{server.endpoint.port}",
                              tls={"ca_file": tls.ca_file})
        bad = create_connection(server.url, tls={"ca_file": tls.ca_file,
                                                 "server_name": "wrong.example"})
        with pytest.raises(ConnectError, match="certificate verification failed"):
            await bad.open()
        await server.close()

    run(main())


def test_server_name_override(run: Runner[Any], tls: TlsFiles) -> None:
    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, framing=LINES,
                               tls={"cert_file": tls.named_cert_file,
                                    "key_file": tls.named_key_file})
        await server.open()
        plain = create_connection(server.url, tls={"ca_file": tls.ca_file})
        with pytest.raises(ConnectError, match="certificate verification failed"):
            await plain.open()  # the cert is for sockscope.test, not 127.0.0.1
        await _echo_roundtrip(server.url, tls={"ca_file": tls.ca_file,
                                               "server_name": "sockscope.test"})
        await server.close()

    run(main())


def test_mutual_tls(run: Runner[Any], tls: TlsFiles) -> None:
    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, framing=LINES,
                               tls=_server_tls(tls, ca_file=tls.ca_file))
        srec = Recorder(server)
        await server.open()
        await _echo_roundtrip(server.url, tls={"ca_file": tls.ca_file,
                                               "cert_file": tls.client_cert_file,
                                               "key_file": tls.client_key_file})
        # without a client certificate the server ends the handshake (TLS 1.2) or drops the
        # connection right after it (TLS 1.3, where asyncio's server sends no alert): the
        # client never gets a usable connection and no frame arrives
        anon = create_connection(server.url, framing=LINES, tls={"ca_file": tls.ca_file})
        rec = Recorder(anon)
        try:
            await anon.open()
        except ConnectError as exc:
            assert "TLS" in str(exc) or "reset" in str(exc)
        else:
            ended = await rec.wait_for(lambda e: isinstance(e, StateChanged)
                                       and e.new in (State.CLOSED, State.FAILED))
            assert isinstance(ended, StateChanged) and ended.reason
        assert rec.received == []
        await anon.close()
        await srec.wait_for(lambda e: isinstance(e, PeerRemoved))
        assert len([e for e in srec.events if isinstance(e, PeerRemoved)]) == 1
        await server.close()

    run(main())


# -- independent peers ----------------------------------------------------------------------
@pytest.mark.peer
def test_client_against_socat_tls_server(run: Runner[Any], spawn: Spawner, tls: TlsFiles) -> None:
    socat = need("socat")
    port = free_port()
    spawn(socat, f"OPENSSL-LISTEN:{port},bind=127.0.0.1,reuseaddr,fork,cert={tls.cert_file},"
          f"key={tls.key_file},verify=0", "EXEC:cat", tcp_port=port)

    async def main() -> None:
        url = f"tls://127.0.0.1:{port}"
        with pytest.raises(ConnectError, match="certificate verification failed"):
            await create_connection(url).open()
        await _echo_roundtrip(url, tls={"ca_file": tls.ca_file})
        await _echo_roundtrip(url, tls={"insecure": True})

    run(main())


@pytest.mark.peer
def test_client_against_ncat_tls_server(run: Runner[Any], spawn: Spawner, tls: TlsFiles) -> None:
    ncat = need("ncat")
    port = free_port()
    spawn(ncat, "-l", "127.0.0.1", str(port), "-k", "--ssl", "--ssl-cert", tls.cert_file,
          "--ssl-key", tls.key_file, "--sh-exec", "cat", tcp_port=port)
    run(_echo_roundtrip(f"tls://127.0.0.1:{port}", tls={"ca_file": tls.ca_file}))


@pytest.mark.peer
def test_server_against_socat_tls_client(run: Runner[Any], spawn: Spawner,
                                         tls: TlsFiles) -> None:
    socat = need("socat")

    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, framing=LINES,
                               tls=_server_tls(tls))
        srec = Recorder(server)
        await server.open()
        proc = spawn(socat, "-", f"OPENSSL:127.0.0.1:{server.endpoint.port},"
                     f"cafile={tls.ca_file}", stdin=subprocess.PIPE)
        assert proc.stdin is not None and proc.stdout is not None
        stdin, stdout = proc.stdin, proc.stdout

        def talk() -> bytes:
            stdin.write(b"over tls\n")
            stdin.flush()
            return stdout.readline()

        assert await in_thread(talk) == b"over tls\n"
        assert srec.received == [b"over tls"]
        await server.close()

    run(main())


@pytest.mark.peer
def test_mutual_tls_server_against_openssl_s_client(run: Runner[Any], spawn: Spawner,
                                                    tls: TlsFiles) -> None:
    openssl = need("openssl")

    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, framing=LINES,
                               tls=_server_tls(tls, ca_file=tls.ca_file))
        srec = Recorder(server)
        await server.open()
        proc = spawn(openssl, "s_client", "-connect", f"127.0.0.1:{server.endpoint.port}",
                     "-CAfile", tls.ca_file, "-cert", tls.client_cert_file,
                     "-key", tls.client_key_file, "-verify_return_error", "-quiet",
                     stdin=subprocess.PIPE)
        assert proc.stdin is not None and proc.stdout is not None
        stdin, stdout = proc.stdin, proc.stdout

        def talk() -> bytes:
            stdin.write(b"mutual\n")
            stdin.flush()
            return stdout.readline()

        assert await in_thread(talk) == b"mutual\n"
        assert srec.received == [b"mutual"]
        await server.close()

    run(main())


def test_stalled_handshakes_time_out_and_count_for_max_peers(run: Runner[Any],
                                                             tls: TlsFiles) -> None:
    """Clients that open TCP and never handshake held ~300 KB each for 60 s, uncounted."""

    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", echo=True, framing=LINES, max_peers=2,
                               connect_timeout=0.5, tls=_server_tls(tls))
        assert isinstance(server, TcpServer)
        rec = Recorder(server)
        await server.open()
        port = server.endpoint.port
        stalled = [await asyncio.open_connection("127.0.0.1", port) for _ in range(2)]
        await rec.wait_for(lambda e: server.handshaking == 2)
        # Both slots are held by handshakes: a real client is refused, and told why.
        with pytest.raises(ConnectError):
            await _echo_roundtrip(server.url, tls={"ca_file": tls.ca_file}, connect_timeout=2)
        refused = [m for m in rec.errors if "refused" in m]
        assert len(refused) == 1
        assert refused[0].endswith("max_peers (2) reached (2 in a TLS handshake)")
        # connect_timeout later the stalled ones are dropped, and the slots serve again.
        timeouts = await asyncio.wait_for(_wait_errors(rec, "no TLS handshake within 0.5 s", 2),
                                          5)
        assert all(m.startswith(f"{server.name}: 127.0.0.1:") for m in timeouts)
        assert server.handshaking == 0 and not server.peers
        for reader, writer in stalled:
            assert await reader.read() == b""  # closed by the server
            writer.close()
        await _echo_roundtrip(server.url, tls={"ca_file": tls.ca_file})
        await server.close()

    run(main())


async def _wait_errors(rec: Recorder, text: str, count: int) -> list[str]:
    await rec.wait_for(lambda e: len([m for m in rec.errors if text in m]) >= count)
    return [m for m in rec.errors if text in m]


def test_bytes_right_behind_the_handshake_are_not_lost(run: Runner[Any], tls: TlsFiles) -> None:
    async def main() -> None:
        server = create_server("tls://127.0.0.1:0", framing=LINES, tls=_server_tls(tls))
        rec = Recorder(server)
        await server.open()
        context = ssl.create_default_context(cafile=tls.ca_file)
        for _ in range(5):  # the first bytes may arrive before the upgrade resumes
            _, writer = await asyncio.open_connection("127.0.0.1", server.endpoint.port,
                                                      ssl=context)
            writer.write(b"one\ntwo\n")
            writer.close()
            await writer.wait_closed()
        await rec.wait_received(10)
        assert rec.received == [b"one", b"two"] * 5
        await server.close()

    run(main())

"""The blocking facade, used from plain threads (no event loop in the test)."""

from __future__ import annotations

import threading
import time

import pytest

from tests.transports.conftest import TlsFiles, free_port
from transports.errors import ConnectError, NotOpen
from transports.frames import FrameKind, StateChanged
from transports.state import State
from transports.sync import SyncServer, connect, serve


def test_tcp_echo_from_a_plain_thread() -> None:
    results: list[bytes] = []

    def script() -> None:
        with serve("tcp://127.0.0.1:0", echo=True) as server:
            assert not server.url.endswith(":0")
            with connect(server.url) as conn:
                conn.send(b"\x01\x02hi")
                results.append(conn.recv(timeout=5).payload)
                assert conn.state is State.OPEN
                frame = server.recv(timeout=5)
                assert frame.payload == b"\x01\x02hi" and frame.peer is not None
                assert [p.address for p in server.peers] == [frame.peer]
            assert conn.state is State.CLOSED

    thread = threading.Thread(target=script)
    thread.start()
    thread.join(20)
    assert results == [b"\x01\x02hi"]


def test_server_send_to_one_and_broadcast_and_recv_timeout() -> None:
    lines = {"mode": "delimiter", "delimiter": b"\n"}
    with serve("tcp://127.0.0.1:0", framing=lines) as server, \
            connect(server.url, framing=lines) as a, connect(server.url, framing=lines) as b:
        deadline = time.monotonic() + 5
        while len(server.peers) < 2 and time.monotonic() < deadline:
            time.sleep(0.01)
        a.send("who?")
        asker = server.recv(timeout=5)
        server.send("just you", peer=asker.conn_id)
        server.send("everyone")
        assert [a.recv(timeout=5).payload for _ in range(2)] == [b"just you", b"everyone"]
        assert b.recv(timeout=5).payload == b"everyone"
        with pytest.raises(TimeoutError, match=r"no frame within 0\.05 s"):
            b.recv(timeout=0.05)
        events = a.events()
        assert any(isinstance(e, StateChanged) and e.new is State.OPEN for e in events)


def test_connect_error_is_raised_in_the_callers_thread() -> None:
    with pytest.raises(ConnectError, match="connection refused"):
        connect(f"tcp://127.0.0.1:{free_port()}")


def test_recv_after_the_peer_left_raises_not_open() -> None:
    with serve("tcp://127.0.0.1:0") as server:
        conn = connect(server.url)
        server.close()
        with pytest.raises(NotOpen, match="peer closed the connection"):
            conn.recv(timeout=5)
        with pytest.raises(NotOpen):
            conn.recv(timeout=5)
        conn.close()


def test_recv_buffer_is_bounded_without_dropping_frames() -> None:
    lines = {"mode": "delimiter", "delimiter": b"\n"}
    with serve("tcp://127.0.0.1:0", framing=lines, max_buffer=8) as server, \
            connect(server.url, framing=lines) as conn:
        for i in range(200):
            conn.send(b"%d" % i)
        time.sleep(0.2)
        assert server._frames.qsize() <= 8 + 200 // 8  # paused (one read may overshoot)
        got = [server.recv(timeout=5).payload for _ in range(200)]
        assert got == [b"%d" % i for i in range(200)]


def test_tls_with_ca_file(tls: TlsFiles) -> None:
    with serve("tls://127.0.0.1:0", echo=True,
               tls={"cert_file": tls.cert_file, "key_file": tls.key_file}) as server:
        with pytest.raises(ConnectError, match="certificate verification failed"):
            connect(server.url)
        with connect(server.url, tls={"ca_file": tls.ca_file}) as conn:
            conn.send("tls ok")
            assert conn.recv(timeout=5).payload == b"tls ok"


def test_udp() -> None:
    with serve("udp://127.0.0.1:0", echo=True) as server, connect(server.url) as conn:
        conn.send(b"dgram")
        assert conn.recv(timeout=5).payload == b"dgram"
        frame = server.recv(timeout=5)
        server.send(b"back", peer=frame.peer)
        assert conn.recv(timeout=5).payload == b"back"


def test_websocket() -> None:
    pytest.importorskip("transports.aio.websocket")
    with serve("ws://127.0.0.1:0/chat", echo=True) as server:
        assert isinstance(server, SyncServer) and server.url.endswith("/chat")
        with connect(server.url) as conn:
            conn.send("text")
            conn.send(b"\x00bin")
            first, second = conn.recv(timeout=5), conn.recv(timeout=5)
            assert (first.payload, first.kind) == (b"text", FrameKind.TEXT)
            assert (second.payload, second.kind) == (b"\x00bin", FrameKind.BINARY)


def test_secure_websocket(tls: TlsFiles) -> None:
    pytest.importorskip("transports.aio.websocket")
    with serve("wss://127.0.0.1:0/", echo=True,
               tls={"cert_file": tls.cert_file, "key_file": tls.key_file}) as server, \
            connect(server.url, tls={"ca_file": tls.ca_file}) as conn:
        conn.send("secure")
        assert conn.recv(timeout=5).payload == b"secure"

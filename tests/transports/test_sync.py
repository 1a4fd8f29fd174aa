"""The blocking facade, used from plain threads (no event loop in the test)."""

from __future__ import annotations

import socket
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


def _flood(sock: socket.socket, seconds: float) -> int:
    """Write 64 KiB chunks as fast as the kernel takes them for ``seconds``; bytes written."""
    sock.setblocking(False)
    chunk = b"z" * 65536
    sent = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            sent += sock.send(chunk)
        except BlockingIOError:
            time.sleep(0.002)
    return sent


def test_a_peer_that_connects_while_the_buffer_is_full_starts_paused() -> None:
    """Reading stops at max_buffer unread frames — for peers that arrive later too (a new
    peer was read without bound: 66,784 unread frames, 4 GiB in 11 s)."""
    limit = 50
    with serve("tcp://127.0.0.1:0", max_buffer=limit) as server:
        port = int(server.url.rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port)) as first:
            _flood(first, 0.5)  # raw framing: one frame per read; the buffer fills
            assert server._gate.paused
            held = server._frames.qsize()
            assert limit <= held <= limit + 1
            with socket.create_connection(("127.0.0.1", port)) as second:
                written = _flood(second, 0.5)
                assert written > 0  # the kernel took some, then pushed back
                time.sleep(0.2)
                # Not one frame of the newcomer was read: it started paused.
                assert server._frames.qsize() == held
                assert len(server.peers) == 2
                received = [server.recv(timeout=5) for _ in range(held)]  # the reader catches up
                deadline = time.monotonic() + 5
                while not any(f.conn_id == server.peers[1].id for f in received):
                    assert time.monotonic() < deadline, "the newcomer was never read"
                    received.append(server.recv(timeout=5))

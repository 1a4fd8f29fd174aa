"""The peer processes and bare clients against each other over 127.0.0.1."""

import asyncio
import socket

import pytest

from gui.bench.baseline_clients import count_tcp_chunks, count_tcp_streams, count_ws
from gui.bench.peers import flood_payload, tcp_frame, ws_frame
from gui.bench.proc import Peer


def test_frame_encodings() -> None:
    payload = flood_payload(5)
    assert len(payload) == 5 and len(flood_payload(1024)) == 1024
    assert tcp_frame(payload) == b"\x00\x05" + payload
    assert ws_frame(payload) == b"\x82\x05" + payload  # FIN + binary, unmasked, length 5


@pytest.mark.parametrize("size", [64, 1024])
def test_tcp_flood_serves_each_connection(size: int) -> None:
    with Peer("flood", "--proto", "tcp", "--size", str(size), "--count", "3000") as peer:
        assert asyncio.run(count_tcp_streams(peer.port, 3000)) > 0
        assert asyncio.run(count_tcp_chunks(peer.port, 3000)) > 0
        with pytest.raises(ValueError, match="ended after 3000"):
            asyncio.run(count_tcp_chunks(peer.port, 3001))


def test_ws_flood_serves_each_connection() -> None:
    with Peer("flood", "--proto", "ws", "--size", "64", "--count", "2000") as peer:
        assert asyncio.run(count_ws(peer.port, 2000)) > 0
        with pytest.raises(ValueError, match="closed after 2000"):
            asyncio.run(count_ws(peer.port, 2001))


def test_echo_peer_echoes_and_exits_when_stdin_closes() -> None:
    peer = Peer("echo")
    try:
        with socket.create_connection(("127.0.0.1", peer.port), timeout=5) as sock:
            sock.sendall(b"\x00\x03abc")
            got = b""
            while len(got) < 5:
                got += sock.recv(100)
            assert got == b"\x00\x03abc"
    finally:
        peer.close()
    assert peer.proc.returncode == 0


@pytest.mark.parametrize("impl", ["bare", "headless"])
def test_autoreply_flood_gets_every_reply(impl: str) -> None:
    from gui.bench.proc import run_child

    result = run_child("gui.bench.autoreply", ["--impl", impl, "--count", "3000"], 60)
    assert result.get("replies") == 3000, result
    if impl == "headless":
        assert result["engine_replies"] == 3000 and result["stored"] == 6000

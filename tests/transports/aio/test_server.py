"""Servers (transports.aio.server): a broadcast never waits on a slow peer.

One client connects and never reads (a tiny receive buffer, so the kernel pushes back at
once); the others read as fast as they can.  Each broadcast frame carries the time it was
sent, so the fast clients measure their latency.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import time
from typing import Any

import pytest

from tests.transports.conftest import Recorder, Runner
from transports.aio.server import Server
from transports.factory import create_connection, create_server
from transports.frames import BatchEvent, FrameBatch, FrameReceived, PeerRemoved

FRAMING = {"mode": "length", "header_size": 4, "keep_header": False}
FRAME = 32 * 1024
FRAMES = 300  # 9.6 MB per peer: more than the kernel buffers of the slow one hold
BOUND = 128 * 1024  # the slow peer's send queue


async def _slow_client(port: int) -> socket.socket:
    """A client that never reads, with a 4 KiB receive buffer."""
    sock = socket.socket()
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)  # before connect: kept
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", port))
    return sock


class Latency:
    """Records how long each received frame took since the time written in its payload."""

    def __init__(self, conn: Any) -> None:
        self.delays: list[float] = []
        conn.subscribe(self._on_event, batches=True)

    def _on_event(self, event: BatchEvent) -> None:
        now = time.monotonic()
        if isinstance(event, FrameBatch):
            payloads: tuple[bytes, ...] = event.payloads
        elif isinstance(event, FrameReceived):
            payloads = (event.frame.payload,)
        else:
            return
        self.delays.extend(now - struct.unpack_from("d", p)[0] for p in payloads)


async def _broadcast_with_one_slow_peer(close_slow_peers: bool) -> None:
    server = create_server("tcp://127.0.0.1:0", framing=FRAMING, send_queue_bytes=BOUND,
                           close_slow_peers=close_slow_peers)
    assert isinstance(server, Server)
    srec = Recorder(server)
    await server.open()
    slow = await _slow_client(server.endpoint.port)
    fast = [create_connection(server.url, framing=FRAMING) for _ in range(3)]
    latencies = [Latency(c) for c in fast]
    for client in fast:
        await client.open()
    await srec.wait_for(lambda e: len(server.open_peers()) == 4)
    slow_address = slow.getsockname()
    slow_peer = next(p for p in server.open_peers() if p.peer_address == slow_address)
    peak = 0
    taken = []
    for _ in range(FRAMES):
        payload = struct.pack("d", time.monotonic()) + b"x" * (FRAME - 8)
        taken.append(await server.broadcast(payload))
        peak = max(peak, slow_peer._queue.nbytes)
        await asyncio.sleep(0.002)
    for latency in latencies:
        await srec.wait_for(lambda e, lat=latency: len(lat.delays) == FRAMES, within=10)

    # Every fast peer got every frame, promptly: the slow one held nobody up.
    worst = max(max(lat.delays) for lat in latencies)
    assert worst < 1.0, f"a fast peer waited {worst:.3f} s"
    assert peak <= BOUND + FRAME  # the slow peer's queue stayed within its bound
    name = slow_peer.name
    if close_slow_peers:
        removed = await srec.wait_for(lambda e: isinstance(e, PeerRemoved)
                                      and e.peer_id == slow_peer.id)
        assert isinstance(removed, PeerRemoved)
        assert removed.reason.startswith("disconnected: it does not read (")
        said = [m for m in srec.errors if m.startswith(name)]
        assert said[0] == f"{name}: {removed.reason}"
        assert all("queued frame(s) were not sent" in m for m in said[1:])
        assert taken[0] == 4 and taken[-1] == 3
    else:
        lagging = [m for m in srec.errors if m.startswith(name)]
        assert len(lagging) == 1 and "not keeping up" in lagging[0]
        assert taken[0] == 4 and taken[-1] == 3  # the slow peer stopped taking frames
        assert slow_peer in server.open_peers()
    for client in fast:
        await client.close()
    slow.close()
    await server.close()


@pytest.mark.parametrize("close_slow_peers", [False, True], ids=["report", "disconnect"])
def test_a_peer_that_does_not_read_never_delays_a_broadcast(run: Runner[Any],
                                                           close_slow_peers: bool) -> None:
    run(_broadcast_with_one_slow_peer(close_slow_peers))


def test_a_lagging_peer_that_catches_up_is_told_what_it_missed(run: Runner[Any]) -> None:
    async def main() -> None:
        server = create_server("tcp://127.0.0.1:0", send_queue_bytes=32 * 1024)
        assert isinstance(server, Server)
        srec = Recorder(server)
        await server.open()
        slow = await _slow_client(server.endpoint.port)
        await srec.wait_for(lambda e: len(server.open_peers()) == 1)
        peer = server.open_peers()[0]
        missed = 0
        while missed < 3:  # until three frames could not be queued for it
            if await server.broadcast(b"y" * 4096) == 0:
                missed += 1
        loop = asyncio.get_running_loop()
        while not peer._queue.drained:  # it reads at last
            await asyncio.wait_for(loop.sock_recv(slow, 65536), 5)
        assert await server.broadcast(b"z") == 1
        assert any(m.endswith(f"caught up: {missed} broadcast frame(s) were not sent to it")
                   for m in srec.errors), srec.errors
        slow.close()
        await server.close()

    run(main())

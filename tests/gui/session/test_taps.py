"""Session taps over real 127.0.0.1 sockets, under plain asyncio (the manager is Qt-free)."""

from __future__ import annotations

import asyncio
import logging

import pytest

from gui.session import Entry, SessionManager, as_batch
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import traffic, until
from transports.frames import (
    BatchEvent,
    Direction,
    FrameBatch,
    FrameReceived,
    FrameSent,
    PeerAdded,
    PeerRemoved,
    StateChanged,
)
from transports.framing import FramingMode, FramingSpec
from transports.options import Options
from transports.state import State

LINES = Options(framing=FramingSpec(mode=FramingMode.DELIMITER, delimiter=b"\n"))


def test_taps_see_frames_in_order_with_entry_and_connection() -> None:
    seen: list[tuple[int, BatchEvent]] = []
    held_at_tap: list[int] = []
    found_conn: list[bool] = []

    async def scenario() -> None:
        manager = SessionManager()

        def tap(entry: Entry, event: BatchEvent) -> None:
            seen.append((entry.id, event))
            if as_batch(event) is not None:
                held_at_tap.append(len(entry.log))  # the log is updated before taps run
                conn = entry.connection(event.conn_id)  # type: ignore[union-attr]
                found_conn.append(conn is not None and conn.id == event.conn_id)

        remove = manager.add_tap(tap)
        server = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                            Options(name="srv", framing=LINES.framing)))
        try:
            await manager.connect(server)
            client = manager.add(ConnectionSpec(f"tcp://127.0.0.1:{server.bound_port}",
                                                options=LINES))
            await manager.connect(client)
            await until(lambda: len(server.peers) == 1)
            lines = b"".join(b"line %d\n" % i for i in range(200))
            assert client.conn is not None
            await client.conn.send(lines[:-1])  # one write; the framer adds the last \n
            await until(lambda: len(traffic(server.log)) == 200)
        finally:
            await manager.close_all()
        remove()
        remove()  # idempotent
        n = len(seen)
        await manager.connect(server)
        await manager.close_all()
        assert len(seen) == n  # removed: nothing more

    asyncio.run(scenario())
    server_id = seen[0][0]
    server_events = [e for i, e in seen if i == server_id]
    # The peer arrives before its frames; its frames in order; the peer leaves after them.
    kinds = [type(e) for e in server_events]
    assert kinds.index(PeerAdded) < kinds.index(PeerRemoved)
    payloads = [p for e in server_events if (b := as_batch(e)) and b.direction is Direction.IN
                for p in b.payloads]
    assert payloads == [b"line %d" % i for i in range(200)]
    frames = [e for e in server_events if as_batch(e) is not None]
    first_frame, last_frame = server_events.index(frames[0]), server_events.index(frames[-1])
    assert kinds.index(PeerAdded) < first_frame and last_frame < kinds.index(PeerRemoved)
    # A read of many lines came as one batch, not one call per frame.
    assert any(isinstance(e, FrameBatch) and len(e.payloads) > 1 for e in frames)
    assert held_at_tap and all(held_at_tap) and all(found_conn)
    client_events = [e for i, e in seen if i != server_id]
    assert any(isinstance(e, FrameSent | FrameBatch) for e in client_events)
    states = [e.new for e in client_events if isinstance(e, StateChanged)]
    assert states[:2] == [State.CONNECTING, State.OPEN] and states[-1] is State.CLOSED


def test_a_failing_tap_is_logged_and_the_others_still_run(
        caplog: pytest.LogCaptureFixture) -> None:
    got: list[bytes] = []

    def broken(entry: Entry, event: BatchEvent) -> None:
        raise RuntimeError("tap bug")

    def good(entry: Entry, event: BatchEvent) -> None:
        if isinstance(event, FrameReceived):
            got.append(event.frame.payload)

    async def scenario() -> None:
        manager = SessionManager()
        manager.add_tap(broken)
        manager.add_tap(good)
        udp = manager.add(ConnectionSpec("udp://127.0.0.1:0", Role.SERVER))
        try:
            await manager.connect(udp)
            port = udp.bound_port
            transport, _ = await asyncio.get_running_loop().create_datagram_endpoint(
                asyncio.DatagramProtocol, remote_addr=("127.0.0.1", port))
            transport.sendto(b"ping")
            await until(lambda: got)
            transport.close()
            # the log got it despite the broken tap
            assert udp.log.payload(traffic(udp.log)[0]) == b"ping"
        finally:
            await manager.close_all()

    with caplog.at_level(logging.ERROR, logger="gui.session.manager"):
        asyncio.run(scenario())
    assert got == [b"ping"]
    assert any("tap" in r.getMessage() and r.exc_info for r in caplog.records)

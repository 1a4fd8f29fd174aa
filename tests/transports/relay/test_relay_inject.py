"""Frames sent by hand into a pair (``Relay.inject``, or ``send``/``offer`` to a side's id as
the composer does) cross that way's faults like relayed frames — as Toxiproxy's toxics apply
to everything on the link — keep their order behind held frames, skip the hooks, show in the
log as sent by hand, and stay bounded when the target does not read."""

from __future__ import annotations

import asyncio
import time

import pytest

from tests.transports.conftest import Runner
from tests.transports.relay.conftest import eventually
from tests.transports.relay.test_faults_measured import connect, echo, relayed
from transports.errors import QueueFull
from transports.frames import Direction, Event, FrameBatch, FrameKind, FrameSent
from transports.options import Options
from transports.relay import Drop, Latency, Message, Relay, Way

DELAY = 0.2


def sent_by_hand(events: list[Event], conn_id: int) -> list[tuple[bytes, bool]]:
    """(payload, auto) of each frame the relay sent on connection ``conn_id``."""
    out: list[tuple[bytes, bool]] = []
    for event in events:
        if isinstance(event, FrameSent) and event.frame.conn_id == conn_id:
            out.append((event.frame.payload, event.frame.auto))
        elif (isinstance(event, FrameBatch) and event.conn_id == conn_id
              and event.direction is Direction.OUT):
            out.extend((payload, event.auto) for payload in event.payloads)
    return out


def test_injected_frames_cross_the_latency_in_order(run: Runner[None]) -> None:
    async def main() -> None:
        async with relayed(echo) as relay:
            events: list[Event] = []
            relay.subscribe(events.append, batches=True)
            reader, writer = await connect(relay)
            await eventually(lambda: relay.pairs and next(iter(relay.pairs.values())).up.ready)
            (pair,) = relay.pairs.values()
            relay.add_hook(lambda m: Message(m.pair, m.way, m.payload.upper(), m.kind))
            # no fault: the composer's frame goes at once (and no hook rewrites it)
            start = time.perf_counter()
            await relay.send(b"now;", peer=pair.client.id)
            assert await reader.readexactly(4) == b"now;"
            assert time.perf_counter() - start < DELAY / 2
            relay.set_faults(Way.DOWNSTREAM, Latency(DELAY))
            writer.write(b"echoed;")  # held by the latency on its way back…
            await eventually(lambda: pair.down.held_bytes)
            start = time.perf_counter()
            await relay.send(b"by hand;", peer=pair.client.id)  # …and this one behind it
            assert relay.inject(pair.id, Way.DOWNSTREAM, "inject;")
            assert await reader.readexactly(7) == b"ECHOED;"
            assert await reader.readexactly(15) == b"by hand;inject;"
            took = time.perf_counter() - start
            assert DELAY * 0.9 <= took < DELAY * 3, took
            to_client = sent_by_hand(events, pair.client.id)
            assert to_client == [(b"now;", False), (b"ECHOED;", True), (b"by hand;", False),
                                 (b"inject;", False)]
            writer.close()
            await eventually(lambda: not relay.pairs)

    run(main())


def test_drop_applies_to_injected_websocket_messages(run: Runner[None]) -> None:
    from websockets.asyncio.client import connect as ws_connect
    from websockets.asyncio.server import ServerConnection, serve

    got: list[str | bytes] = []

    async def handler(ws: ServerConnection) -> None:
        async for message in ws:
            got.append(message)

    async def main() -> None:
        async with serve(handler, "127.0.0.1", 0) as server:
            port = server.sockets[0].getsockname()[1]
            relay = Relay("ws://127.0.0.1:0/", f"ws://127.0.0.1:{port}/")
            await relay.open()
            async with ws_connect(f"ws://127.0.0.1:{relay.endpoint.port}/"):
                await eventually(lambda: relay.pairs)
                (pair,) = relay.pairs.values()
                relay.set_faults(Way.UPSTREAM, Drop(1.0))
                assert relay.offer("lost", peer=pair.upstream.id)
                relay.inject(pair.id, Way.UPSTREAM, b"lost too")
                assert pair.up.dropped == 2
                relay.set_faults(Way.UPSTREAM)
                await relay.send("kept", peer=pair.upstream.id)
                await eventually(lambda: got)
                relay.set_faults(Way.UPSTREAM, Latency(0.01))
                with pytest.raises(ValueError, match="UTF-8"):  # checked before any fault
                    relay.inject(pair.id, Way.UPSTREAM, b"\xff", kind=FrameKind.TEXT)
                assert not pair.up.held_bytes
            await relay.close()
        assert got == ["kept"]

    run(main())


def test_injecting_towards_a_client_that_does_not_read_stays_bounded(run: Runner[None]) -> None:
    """The client reads nothing: frames sent by hand through a latency fill its send queue,
    then wait (in order) in the pipe up to its bound; then QueueFull.  Once the client reads,
    every frame accepted arrives, in order."""
    async def main() -> None:
        bound = 256 << 10
        async with relayed(echo, options=Options(send_queue_bytes=bound),
                           bound=bound) as relay:
            reader, writer = await connect(relay)
            await eventually(lambda: relay.pairs and next(iter(relay.pairs.values())).up.ready)
            (pair,) = relay.pairs.values()
            relay.set_faults(Way.DOWNSTREAM, Latency(0.001))
            chunk = 16 << 10
            accepted = 0
            with pytest.raises(QueueFull):
                for i in range(10_000):
                    relay.inject(pair.id, Way.DOWNSTREAM, bytes([i % 251]) * chunk)
                    accepted += 1
                    if i % 8 == 7:
                        await asyncio.sleep(0.005)  # let held frames leave
                    assert pair.down.held_bytes <= bound + chunk
            # refused by the pipe's bound (the frames wait there, in order), after the send
            # queue and the socket buffers had filled
            assert bound <= pair.down.held_bytes <= bound + chunk
            assert accepted * chunk > 2 * bound
            data = await reader.readexactly(accepted * chunk)
            assert data == b"".join(bytes([i % 251]) * chunk for i in range(accepted))
            writer.close()
            await eventually(lambda: not relay.pairs)

    run(main())

"""Idle UDP pairs expire: a pair with no datagram either way for ``idle_timeout`` seconds is
closed (PeerRemoved says why); traffic in either direction keeps a pair; a client heard again
gets a new pair; and one timer serves the relay, never one per datagram."""

from __future__ import annotations

import asyncio
from typing import Any

from tests.transports.conftest import Runner
from tests.transports.relay.conftest import eventually
from transports.frames import Address, Event, PeerAdded, PeerRemoved
from transports.options import Options
from transports.relay import Relay
from transports.relay.udp_pairs import UDP_IDLE_TIMEOUT, UdpPairs

IDLE = 0.3


class Endpoint(asyncio.DatagramProtocol):
    """A UDP socket on 127.0.0.1: keeps what it receives; ``echo`` sends each datagram back."""

    def __init__(self, echo: bool = False) -> None:
        self.echo = echo
        self.got: asyncio.Queue[tuple[bytes, Address]] = asyncio.Queue()
        self.transport: asyncio.DatagramTransport | None = None

    def connection_made(self, transport: Any) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr: Any) -> None:
        if self.echo and self.transport is not None:
            self.transport.sendto(data, addr)
        self.got.put_nowait((data, (addr[0], addr[1])))

    def send(self, data: bytes, addr: Address) -> None:
        assert self.transport is not None
        self.transport.sendto(data, addr)

    async def recv(self) -> bytes:
        async with asyncio.timeout(5):
            return (await self.got.get())[0]

    def close(self) -> None:
        if self.transport is not None:
            self.transport.close()


async def udp_endpoint(echo: bool = False) -> tuple[Endpoint, int]:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.create_datagram_endpoint(
        lambda: Endpoint(echo), local_addr=("127.0.0.1", 0))
    return protocol, transport.get_extra_info("sockname")[1]


def test_idle_pair_expires_and_traffic_either_way_keeps_one(run: Runner[None]) -> None:
    async def main() -> None:
        loop = asyncio.get_running_loop()
        upstream, upstream_port = await udp_endpoint(echo=True)
        relay = Relay("udp://127.0.0.1:0", f"udp://127.0.0.1:{upstream_port}",
                      Options(idle_timeout=IDLE))
        added: dict[int, str] = {}
        removed: dict[int, tuple[float, str]] = {}

        def on_event(event: Event) -> None:
            if isinstance(event, PeerAdded) and event.info.get("relay") == "upstream":
                added[event.peer_id] = event.info["pair"]
            elif isinstance(event, PeerRemoved) and event.peer_id in added:
                removed[int(added[event.peer_id])] = (loop.time(), event.reason)

        relay.subscribe(on_event)
        await relay.open()
        target = ("127.0.0.1", relay.endpoint.port)
        a, _ = await udp_endpoint()
        b, _ = await udp_endpoint()
        try:
            a.send(b"a1", target)
            assert await a.recv() == b"a1"
            a_last = loop.time()
            b.send(b"b1", target)
            assert await b.recv() == b"b1"
            upstream.got.get_nowait()  # a's datagram
            _, b_upstream = upstream.got.get_nowait()  # b's: from its pair's upstream socket
            assert sorted(relay.pairs) == [1, 2]
            # only the upstream speaks to b (upstream→client): b's pair stays, a's expires
            for _ in range(10):
                upstream.send(b"tick", b_upstream)
                assert await b.recv() == b"tick"
                b_last = loop.time()
                await asyncio.sleep(IDLE / 3)
            assert sorted(relay.pairs) == [2]
            expired_at, reason = removed[1]
            assert reason == f"expired after {IDLE:g} s idle (no datagram either way)"
            assert IDLE <= expired_at - a_last < IDLE + 0.25
            await eventually(lambda: 2 in removed, within=IDLE + 2)
            assert IDLE <= removed[2][0] - b_last < IDLE + 0.25
            assert not relay.pairs and not relay._udp_pairs
            # heard again: a new pair, which works
            a.send(b"a2", target)
            assert await a.recv() == b"a2"
            assert sorted(relay.pairs) == [3]
        finally:
            await relay.close()
            for endpoint in (a, b, upstream):
                endpoint.close()

    run(main())


def test_one_timer_per_relay_not_per_datagram(run: Runner[None]) -> None:
    """A burst of datagrams from several clients arms the expiry timer a handful of times."""
    async def main() -> None:
        loop = asyncio.get_running_loop()
        upstream, upstream_port = await udp_endpoint(echo=True)
        relay = Relay("udp://127.0.0.1:0", f"udp://127.0.0.1:{upstream_port}",
                      Options(idle_timeout=30))
        await relay.open()
        armed = 0
        call_at = loop.call_at

        def counting_call_at(when: float, callback: Any, *args: Any, **kwargs: Any) -> Any:
            nonlocal armed
            if isinstance(getattr(callback, "__self__", None), UdpPairs):
                armed += 1
            return call_at(when, callback, *args, **kwargs)

        loop.call_at = counting_call_at  # type: ignore[method-assign]
        clients = [(await udp_endpoint())[0] for _ in range(4)]
        target = ("127.0.0.1", relay.endpoint.port)
        try:
            for i in range(200):
                for client in clients:
                    client.send(b"%d" % i, target)
                for client in clients:
                    assert await client.recv() == b"%d" % i
            assert len(relay.pairs) == 4
            assert armed == 1  # armed with the first pair; nothing expired since
        finally:
            loop.call_at = call_at  # type: ignore[method-assign]
            await relay.close()
            for endpoint in [*clients, upstream]:
                endpoint.close()

    run(main())


def test_default_idle_timeout_for_udp_relays() -> None:
    relay = Relay("udp://127.0.0.1:0", "udp://127.0.0.1:9")
    assert relay._udp_pairs.idle_timeout == UDP_IDLE_TIMEOUT == 60.0

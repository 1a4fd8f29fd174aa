"""The session's echo responder (a tap) over real 127.0.0.1 sockets, under plain asyncio."""

from __future__ import annotations

import asyncio
import dataclasses

from gui.session import SessionManager
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import traffic, until
from transports.frames import Direction
from transports.options import Options


class _Collect(asyncio.DatagramProtocol):
    def __init__(self) -> None:
        self.got: list[bytes] = []

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        self.got.append(data)


def test_bound_udp_echoes_each_datagram_once_to_its_sender() -> None:
    async def scenario() -> None:
        manager = SessionManager()
        udp = manager.add(ConnectionSpec("udp://127.0.0.1:0", Role.SERVER, Options(echo=True)))
        loop = asyncio.get_running_loop()
        try:
            await manager.connect(udp)
            assert udp.conn is not None and not udp.conn.options.echo  # the tap answers
            senders = [await loop.create_datagram_endpoint(
                _Collect, remote_addr=("127.0.0.1", udp.bound_port)) for _ in range(2)]
            for i, (transport, _) in enumerate(senders):
                transport.sendto(b"from %d" % i)
            await until(lambda: all(p.got for _, p in senders))
            await asyncio.sleep(0.05)  # a second echo would have arrived by now
            assert [p.got for _, p in senders] == [[b"from 0"], [b"from 1"]]
            ways = [udp.log.direction(r) for r in traffic(udp.log)]
            assert ways.count(Direction.IN) == ways.count(Direction.OUT) == 2
            # Turning echo off in the spec applies at the next connect, not to the live one.
            manager.update(udp, dataclasses.replace(
                udp.spec, options=dataclasses.replace(udp.spec.options, echo=False)))
            senders[0][0].sendto(b"again")
            await until(lambda: len(senders[0][1].got) == 2)
            for transport, _ in senders:
                transport.close()
        finally:
            await manager.close_all()
        await manager.connect(udp)
        try:
            transport, proto = await loop.create_datagram_endpoint(
                _Collect, remote_addr=("127.0.0.1", udp.bound_port))
            transport.sendto(b"not echoed")
            await until(lambda: len(udp.log) > 0 and udp.log.payload(-1) == b"not echoed")
            await asyncio.sleep(0.05)
            assert proto.got == []
            transport.close()
        finally:
            await manager.close_all()

    asyncio.run(scenario())

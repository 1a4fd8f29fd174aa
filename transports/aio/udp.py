"""UDP: a socket bound to a local address (``listen``) and/or aimed at a remote one.

Each datagram is one frame; its sender is the frame's ``peer``.  There is no connection to
lose: ICMP "port unreachable" (a datagram sent to a port nobody listens on) is reported as a
non-fatal ErrorEvent and the socket stays open.
"""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from typing import cast

from transports.aio.base import Connection
from transports.aio.flow import Source
from transports.aio.sendqueue import Outgoing
from transports.errors import NotOpen, describe
from transports.frames import Address, FrameKind, format_address
from transports.options import OptionError, Options
from transports.state import State
from transports.url import Endpoint

MAX_DATAGRAM = 65_507  # the largest UDP payload over IPv4


def parse_bind(text: str) -> Address:
    """``"host:port"`` (``"[::1]:0"`` for IPv6, ``":5000"`` for all interfaces)."""
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 <= int(port) <= 65535:
        raise OptionError(f"bind: expected host:port, got {text!r}")
    host = host.strip("[]") or "0.0.0.0"
    return (host, int(port))


class _DatagramProtocol(asyncio.DatagramProtocol):
    def __init__(self, conn: UdpConnection) -> None:
        self.conn = conn
        self.transport: asyncio.DatagramTransport | None = None
        self._can_write = asyncio.Event()
        self._can_write.set()
        self.lost: asyncio.Future[None] = asyncio.get_running_loop().create_future()

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = cast(asyncio.DatagramTransport, transport)

    def datagram_received(self, data: bytes, addr: tuple[str | int, ...]) -> None:
        self.conn._datagram(data, (str(addr[0]), int(addr[1])))

    def error_received(self, exc: Exception) -> None:
        self.conn._icmp_error(exc)

    def connection_lost(self, exc: Exception | None) -> None:
        self._can_write.set()
        if not self.lost.done():
            self.lost.set_result(None)
        self.conn._lost(exc, "" if exc else "socket closed")

    def pause_writing(self) -> None:
        self._can_write.clear()

    def resume_writing(self) -> None:
        self._can_write.set()


class UdpConnection(Connection):
    """``udp://host:port``.

    - ``listen=True``: bind ``host:port`` (port 0 picks one; :attr:`endpoint` then holds the
      bound port).  With no fixed remote, ``send(data, peer=(host, port))`` picks the target;
      ``peer=None`` sends to every address heard from (most recent ``max_peers``).
    - ``listen=False``: the remote is ``host:port``; the local address is ``options.bind``
      (``"host:port"``) or any free port.

    ``options.echo`` sends each datagram back to its sender.  A datagram larger than
    ``max_message_size`` (or ``framing.max_frame``, whichever is smaller) is dropped with an
    error event naming its size and sender.  Sending goes through the bounded
    queue like every kind (``send`` waits while it is full); UDP has no drain, but the
    transport's write buffer limits still pause the writer.
    """

    kind = "udp"

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None, listen: bool = False) -> None:
        super().__init__(endpoint, options, conn_id=conn_id)
        self.listen = listen
        self.local_address: Address | None = None
        self.heard: OrderedDict[Address, None] = OrderedDict()  # senders, oldest first
        self._protocol: _DatagramProtocol | None = None

    @property
    def remote(self) -> Address | None:
        return None if self.listen else (self.endpoint.host, self.endpoint.port)

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        local: Address | None
        if self.listen:
            local, remote = (self.endpoint.host, self.endpoint.port), None
        else:
            local = parse_bind(self.options.bind) if self.options.bind else None
            remote = (self.endpoint.host, self.endpoint.port)
        self._protocol = None
        transport, protocol = await loop.create_datagram_endpoint(
            lambda: _DatagramProtocol(self), local_addr=local, remote_addr=remote)
        self._protocol = protocol
        sockname = transport.get_extra_info("sockname")
        self.local_address = (str(sockname[0]), int(sockname[1]))
        if self.listen:
            self.endpoint = self.endpoint.with_port(self.local_address[1])
        else:
            peername = transport.get_extra_info("peername")
            self.peer_address = (str(peername[0]), int(peername[1]))

    # -- receiving --------------------------------------------------------------------------
    def _datagram(self, data: bytes, sender: Address) -> None:
        limit = min(self.options.max_message_size, self.options.framing.max_frame)
        if len(data) > limit:
            self._error(f"dropped a {len(data)}-byte datagram from {format_address(sender)}: "
                        f"over the {limit}-byte limit (max_message_size / framing.max_frame)")
            return
        if self.listen:
            self.heard.pop(sender, None)
            self.heard[sender] = None
            while len(self.heard) > self.options.max_peers:
                self.heard.popitem(last=False)
        self._received(data, FrameKind.DATA, sender)

    def _icmp_error(self, exc: Exception) -> None:
        if isinstance(exc, ConnectionRefusedError):
            where = f" at {self.endpoint.host}:{self.endpoint.port}" if self.remote else ""
            self._error(f"port unreachable: nobody is listening{where} (ICMP)")
        else:
            self._error(describe(exc))

    # -- sending ----------------------------------------------------------------------------
    def _outgoing(self, payload: bytes, kind: FrameKind, peer: Address | int | None,
                  auto: bool = False) -> Outgoing:
        if len(payload) > MAX_DATAGRAM:
            raise ValueError(f"{self.name}: a datagram holds at most {MAX_DATAGRAM} bytes, "
                             f"not {len(payload)}")
        if isinstance(peer, int):
            raise ValueError(f"{self.name}: a UDP peer is an address (host, port), not an id")
        if peer is not None and self.remote is not None:
            raise ValueError(f"{self.name}: this socket only sends to {self.url}; "
                             "open it with listen=True to choose a peer per datagram")
        return Outgoing(payload, kind, peer, auto)

    def _echo_peer(self, sender: Address | None) -> Address | None:
        # A connected socket only sends to its remote (which is who sent the datagram).
        return sender if self.remote is None else None

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Source | None = None, auto: bool | None = None) -> bool:
        """:meth:`Connection.offer`; a listening socket with ``peer=None`` offers to every
        address heard from (as :meth:`send` does)."""
        if self.state is State.OPEN and self.remote is None and peer is None:
            targets = list(self.heard)
            if not targets:
                raise NotOpen(f"{self.name}: no peer has sent a datagram yet; "
                              "pass peer=(host, port)")
            room = True
            for target in targets:
                room = super().offer(data, kind=kind, peer=target, source=source,
                                     auto=auto) and room
            return room
        return super().offer(data, kind=kind, peer=peer, source=source, auto=auto)

    async def send(self, data: bytes | bytearray | memoryview | str, *,
                   kind: FrameKind | None = None, peer: Address | int | None = None) -> None:
        """Queue one datagram (see the class docstring for ``peer``)."""
        if self.state is State.OPEN and self.remote is None and peer is None:
            targets = list(self.heard)
            if not targets:
                raise NotOpen(f"{self.name}: no peer has sent a datagram yet; "
                              "pass peer=(host, port)")
            for target in targets:
                await super().send(data, kind=kind, peer=target)
            return
        await super().send(data, kind=kind, peer=peer)

    async def _write(self, batch: list[Outgoing]) -> None:
        protocol = self._protocol
        if protocol is None or protocol.transport is None or protocol.transport.is_closing():
            raise ConnectionResetError("the socket is closed")
        transport = protocol.transport
        connected = self.remote is not None
        for item in batch:
            if connected:
                transport.sendto(item.payload)
            else:
                transport.sendto(item.payload, item.peer)
        await protocol._can_write.wait()

    async def _shutdown(self) -> None:
        protocol = self._protocol
        if protocol is not None and protocol.transport is not None:
            protocol.transport.close()
            await asyncio.shield(protocol.lost)

    def _abort(self) -> None:
        if self._protocol is not None and self._protocol.transport is not None:
            self._protocol.transport.abort()

    def _set_reading(self, on: bool) -> None:
        """Datagram transports have no public pause_reading: stop watching the socket on a
        selector loop (the kernel buffer then fills and drops, which is UDP's own flow
        control).  On loops without that hook reading is not paused."""
        protocol = self._protocol
        if protocol is None or protocol.transport is None or protocol.transport.is_closing():
            return
        transport = protocol.transport
        loop = asyncio.get_running_loop()
        fd = getattr(transport, "_sock_fd", None)
        read_ready = getattr(transport, "_read_ready", None)
        add = getattr(loop, "_add_reader", None)
        remove = getattr(loop, "_remove_reader", None)
        if fd is None or read_ready is None or add is None or remove is None:
            return
        if on:
            add(fd, read_ready)
        else:
            remove(fd)

"""TCP (and TLS over TCP) clients and servers."""

from __future__ import annotations

import asyncio
import socket
import ssl
from typing import cast

from transports.aio.base import Connection
from transports.aio.sendqueue import Outgoing
from transports.aio.server import Server
from transports.aio.stream import StreamProtocol, reset_transport
from transports.aio.tls_accept import upgrade
from transports.frames import Address, FrameKind, format_address
from transports.framing import FramingMode
from transports.options import Options
from transports.url import Endpoint


def _address(sock_name: object) -> Address:
    host, port = cast(tuple[str, int], sock_name)[:2]
    return (host, port)


class _StreamConnection(Connection):
    """Shared by clients and accepted peers: one StreamProtocol carries the bytes."""

    _protocol: StreamProtocol | None = None
    local_address: Address | None = None  # our end of the stream

    def _echo_payload(self, payload: bytes) -> bytes:
        # A length-framed frame kept with its header gets a fresh header when sent: echo the
        # body, so the peer receives exactly the bytes of its own frame.
        spec = self.options.framing
        if spec.mode is FramingMode.LENGTH and spec.keep_header:
            return payload[spec.header_size:]
        return payload

    def _outgoing(self, payload: bytes, kind: FrameKind, peer: Address | int | None,
                  auto: bool = False) -> Outgoing:
        if peer is not None:
            super()._outgoing(payload, kind, peer, auto)  # raises: a stream has one remote
        if self._protocol is not None:
            try:
                self._protocol.framer.check(payload)
            except ValueError as exc:
                raise ValueError(f"{self.name}: {exc}") from None
        return Outgoing(payload, kind, None, auto)

    async def _write(self, batch: list[Outgoing]) -> None:
        protocol = self._protocol
        assert protocol is not None
        encode = protocol.framer.encode
        await protocol.write([encode(item.payload) for item in batch])

    def _write_now(self, item: Outgoing) -> bool:
        protocol = self._protocol
        if protocol is None:
            return False
        return protocol.write_now(protocol.framer.encode(item.payload))

    async def _shutdown(self) -> None:
        if self._protocol is not None:
            await self._protocol.shutdown()

    def _abort(self) -> None:
        if self._protocol is not None:
            self._protocol.abort()

    def _set_reading(self, on: bool) -> None:
        if self._protocol is not None:
            self._protocol.set_reading(on)

    def read_in_bulk(self) -> bool:
        return self._protocol is not None and self._protocol.read_in_bulk()

    def _reset_transport(self) -> bool:
        return self._protocol is not None and reset_transport(self._protocol.transport)


class TcpClient(_StreamConnection):
    """``tcp://host:port`` or ``tls://host:port``."""

    kind = "tcp-client"

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        ssl_ctx: ssl.SSLContext | None = None
        server_hostname: str | None = None
        if self.endpoint.scheme.secure:
            ssl_ctx = self.options.tls.client_context()
            server_hostname = self.options.tls.server_name or self.endpoint.host
        self._protocol = None
        transport, protocol = await loop.create_connection(
            lambda: StreamProtocol(self), self.endpoint.host, self.endpoint.port,
            ssl=ssl_ctx, server_hostname=server_hostname)
        self._protocol = protocol
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.peer_address = _address(transport.get_extra_info("peername"))
        self.local_address = _address(transport.get_extra_info("sockname"))


class TcpPeer(_StreamConnection):
    """One accepted connection of a :class:`TcpServer`."""

    kind = "tcp-peer"

    def __init__(self, server: TcpServer, address: Address) -> None:
        endpoint = Endpoint(server.endpoint.scheme, address[0], address[1])
        super().__init__(endpoint, server.options)
        self.peer_address = address

    @property
    def name(self) -> str:
        return f"{self.parent.name if self.parent else ''} ← {self.url}"

    def accepted(self, protocol: StreamProtocol) -> None:
        self._protocol = protocol
        self._set_state_connecting_then_open()
        if self.options.idle_timeout is not None:
            protocol.close_when_idle(self.options.idle_timeout)

    def _set_state_connecting_then_open(self) -> None:
        from transports.state import State

        self._set_state(State.CONNECTING)
        self._started()


class _AcceptProtocol(StreamProtocol):
    """A StreamProtocol whose connection is created when the peer arrives (for TLS: once its
    handshake is done, see :mod:`transports.aio.tls_accept`)."""

    def __init__(self, server: TcpServer) -> None:
        self.server = server

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        tcp = cast(asyncio.Transport, transport)
        if self.server._tls is not None:
            self.server._handshake(tcp)
        else:
            self.adopt(tcp)

    def adopt(self, transport: asyncio.Transport) -> StreamProtocol | None:
        address = _address(transport.get_extra_info("peername"))
        peer = TcpPeer(self.server, address)
        StreamProtocol.__init__(self, peer)
        super().connection_made(transport)
        if not self.server._add_peer(peer):
            transport.abort()
            return None
        peer.accepted(self)
        return self


class TcpServer(Server):
    """Listens on ``tcp://host:port`` (or ``tls://``); port 0 picks a free port."""

    kind = "tcp-server"

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        super().__init__(endpoint, options, conn_id=conn_id)
        self._server: asyncio.Server | None = None
        self._tls: ssl.SSLContext | None = None
        self._handshakes = 0  # accepted TLS connections still in their handshake

    @property
    def handshaking(self) -> int:
        """Accepted TLS connections whose handshake is not done (they count for max_peers)."""
        return self._handshakes

    async def _connect(self) -> None:
        loop = asyncio.get_running_loop()
        self._tls = self.options.tls.server_context() if self.endpoint.scheme.secure else None
        self._server = await loop.create_server(
            lambda: _AcceptProtocol(self), self.endpoint.host, self.endpoint.port,
            reuse_address=True)
        bound = _address(self._server.sockets[0].getsockname())
        self.endpoint = self.endpoint.with_port(bound[1])

    def _started(self) -> None:
        from transports.state import State

        self._set_state(State.OPEN)

    def _handshake(self, transport: asyncio.Transport) -> None:
        """A TLS client arrived: refuse it at max_peers (handshakes count), else upgrade it
        within connect_timeout in an owned task (one per connection, not per frame)."""
        address = _address(transport.get_extra_info("peername"))
        if len(self.peers) + self._handshakes >= self.options.max_peers:
            self._error(f"refused {format_address(address)}: max_peers "
                        f"({self.options.max_peers}) reached ({self._handshakes} in a TLS "
                        "handshake)")
            transport.abort()
            return
        protocol = transport.get_protocol()
        assert isinstance(protocol, _AcceptProtocol) and self._tls is not None
        self._handshakes += 1
        self._tasks.start(self._upgrade(transport, protocol, self._tls, address),
                          f"tls-handshake-{address[1]}")

    async def _upgrade(self, transport: asyncio.Transport, protocol: _AcceptProtocol,
                       context: ssl.SSLContext, address: Address) -> None:
        # The slot reserved at accept time becomes the peer's: _add_peer counts peers only.
        try:
            failure = await upgrade(transport, context, self.options.connect_timeout,
                                    protocol.adopt)
        finally:
            self._handshakes -= 1
        if failure is not None:
            self._error(f"{format_address(address)}: {failure}")

    async def _stop_listening(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

    async def _shutdown(self) -> None:
        await self._stop_listening()

    def _abort(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None

"""Peer processes on 127.0.0.1 for the benchmarks (``python -m gui.bench.peers KIND …``).

- ``flood --proto tcp|ws --size S --count N``: every accepted connection gets N frames of S bytes
  as fast as the socket takes them, then a clean close.  TCP frames carry a 2-byte big-endian
  length header; WebSocket frames are binary messages serialised by the websockets library
  (its sans-I/O ``ServerProtocol`` does the handshake; no compression is negotiated).  Frames
  are written in pre-built blocks of about 256 KiB so that the peer is never the bottleneck.
- ``echo``: every byte received on a TCP connection is written back (no parsing).

The peer prints ``PORT <n>`` when it listens and exits when its stdin is closed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from collections.abc import Callable

from websockets.frames import Frame, Opcode
from websockets.http11 import Request
from websockets.server import ServerProtocol

BLOCK_BYTES = 256 * 1024


def tcp_frame(payload: bytes) -> bytes:
    """One length-prefixed frame: 2-byte big-endian length, then the payload."""
    return len(payload).to_bytes(2, "big") + payload


def ws_frame(payload: bytes) -> bytes:
    """One unmasked (server-to-client) binary WebSocket frame, as websockets serialises it."""
    return Frame(Opcode.BINARY, payload).serialize(mask=False)


def flood_payload(size: int) -> bytes:
    """The payload every flooded frame carries (fixed pseudo-random bytes)."""
    return bytes((i * 131 + 17) & 0xFF for i in range(size))


class _Writer(asyncio.Protocol):
    """Write flow control for a flooding protocol."""

    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self._can_write = asyncio.Event()
        self._can_write.set()
        self.task: asyncio.Task[None] | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def pause_writing(self) -> None:
        self._can_write.clear()

    def resume_writing(self) -> None:
        self._can_write.set()

    def connection_lost(self, exc: Exception | None) -> None:
        self._can_write.set()
        if self.task is not None:
            self.task.cancel()

    async def flood(self, frame: bytes, count: int, closing: bytes = b"") -> None:
        per_block = max(1, BLOCK_BYTES // len(frame))
        block = frame * per_block
        transport = self.transport
        assert transport is not None
        sent = 0
        while sent < count and not transport.is_closing():
            n = min(per_block, count - sent)
            transport.write(block if n == per_block else frame * n)
            sent += n
            await self._can_write.wait()
        if not transport.is_closing():
            if closing:
                transport.write(closing)
            else:
                transport.close()


class TcpFlood(_Writer):
    def __init__(self, size: int, count: int) -> None:
        super().__init__()
        self.frame = tcp_frame(flood_payload(size))
        self.count = count

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        super().connection_made(transport)
        self.task = asyncio.get_running_loop().create_task(self.flood(self.frame, self.count))

    def data_received(self, data: bytes) -> None:
        pass


class WsFlood(_Writer):
    def __init__(self, size: int, count: int) -> None:
        super().__init__()
        self.frame = ws_frame(flood_payload(size))
        self.count = count
        self.protocol = ServerProtocol(max_size=1 << 20)

    def data_received(self, data: bytes) -> None:
        protocol = self.protocol
        protocol.receive_data(data)
        for event in protocol.events_received():
            if isinstance(event, Request) and self.task is None:
                protocol.send_response(protocol.accept(event))
                self._send_pending()
                closing = Frame(Opcode.CLOSE, (1000).to_bytes(2, "big")).serialize(mask=False)
                self.task = asyncio.get_running_loop().create_task(
                    self.flood(self.frame, self.count, closing))
        self._send_pending()  # pongs, and the reply to the client's close
        if protocol.close_expected() and self.transport is not None:
            self.transport.close()

    def _send_pending(self) -> None:
        out = self.protocol.data_to_send()
        if self.transport is not None and not self.transport.is_closing():
            for chunk in out:
                if chunk:
                    self.transport.write(chunk)


class Echo(asyncio.Protocol):
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport

    def data_received(self, data: bytes) -> None:
        self.transport.write(data)


async def serve(kind: str, args: argparse.Namespace) -> None:
    loop = asyncio.get_running_loop()
    factory: Callable[[], asyncio.Protocol]
    if kind == "flood" and args.proto == "tcp":
        factory = lambda: TcpFlood(args.size, args.count)  # noqa: E731
    elif kind == "flood":
        factory = lambda: WsFlood(args.size, args.count)  # noqa: E731
    else:
        factory = Echo
    server = await loop.create_server(factory, "127.0.0.1", 0, backlog=4096)
    port = server.sockets[0].getsockname()[1]
    sys.stdout.write(f"PORT {port}\n")
    sys.stdout.flush()
    stdin_closed = loop.create_future()

    def on_stdin() -> None:
        if not os.read(sys.stdin.fileno(), 4096) and not stdin_closed.done():
            stdin_closed.set_result(None)

    loop.add_reader(sys.stdin.fileno(), on_stdin)
    await stdin_closed
    server.close()


def raise_fd_limit() -> None:
    """Many-connection runs need more descriptors than the usual soft limit of 1024."""
    import resource

    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < hard:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.peers")
    parser.add_argument("kind", choices=["flood", "echo"])
    parser.add_argument("--proto", choices=["tcp", "ws"], default="tcp")
    parser.add_argument("--size", type=int, default=64)
    parser.add_argument("--count", type=int, default=100_000)
    args = parser.parse_args(argv)
    raise_fd_limit()
    asyncio.run(serve(args.kind, args))
    return 0


if __name__ == "__main__":
    sys.exit(main())

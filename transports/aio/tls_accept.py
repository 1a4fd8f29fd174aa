"""The server side of a TLS handshake, bounded in time and visible to ``max_peers``.

asyncio's ``create_server(ssl=…)`` handshakes before the server hears of the connection: a
client that opens TCP and never completes the handshake holds ~300 KB for asyncio's default
60 s and is counted nowhere.  Here the server listens in plain TCP, counts the connection as
*handshaking* from the moment it is accepted, and upgrades it with ``loop.start_tls`` within
``connect_timeout``; only then does it become a peer.

Bytes the client sends right behind its handshake reach a :class:`_Holder` (at most one read,
until the upgrade's coroutine resumes) and are handed to the peer's protocol before anything
read later.
"""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable

from transports.aio.stream import StreamProtocol
from transports.errors import describe


class _Holder(asyncio.Protocol):
    """The application protocol while the handshake completes: keeps what arrives."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.eof = False
        self.lost: tuple[Exception | None] | None = None

    def data_received(self, data: bytes) -> None:
        self.chunks.append(bytes(data))

    def eof_received(self) -> bool | None:
        self.eof = True
        return True  # keep the transport: the peer's protocol decides

    def connection_lost(self, exc: Exception | None) -> None:
        self.lost = (exc,)


async def upgrade(transport: asyncio.Transport, context: ssl.SSLContext, within: float,
                  adopt: Callable[[asyncio.Transport], StreamProtocol | None]) -> str | None:
    """Handshake as a TLS server on ``transport`` within ``within`` seconds, then
    ``adopt(tls_transport)`` returns the peer's protocol, which gets what arrived meanwhile.
    Returns None, or why the handshake failed (the transport is then aborted).  ``adopt``
    returns None when it refused the connection (and closed it)."""
    loop = asyncio.get_running_loop()
    holder = _Holder()
    started = loop.time()
    try:
        tls = await loop.start_tls(transport, holder, context, server_side=True,
                                   ssl_handshake_timeout=within)
    except asyncio.CancelledError:
        transport.abort()
        raise
    except (OSError, ssl.SSLError, TimeoutError, ConnectionError) as exc:
        transport.abort()
        # asyncio reports its handshake timeout as ConnectionAbortedError
        if isinstance(exc, TimeoutError) or loop.time() - started >= 0.99 * within:
            return f"no TLS handshake within {within:g} s (connect_timeout)"
        return f"TLS handshake failed: {describe(exc)}"
    if tls is None:  # the transport closed meanwhile
        transport.abort()
        return "the connection closed during the TLS handshake"
    protocol = adopt(tls)
    if protocol is None:
        return None
    tls.set_protocol(protocol)
    for chunk in holder.chunks:
        protocol.data_received(chunk)
    if holder.eof and not protocol.eof_received():
        tls.close()
    if holder.lost is not None:
        protocol.connection_lost(holder.lost[0])
    return None

"""A relay built without ``upstream_options`` connects upstream with what its own options mean
for a connection it opens (the timeout, encoding, message size …), not with bare defaults."""

from __future__ import annotations

import dataclasses

import aiohttp
from websockets.asyncio.server import ServerConnection, serve

from tests.transports.conftest import Runner, TlsFiles
from transports.options import Options, TlsOptions
from transports.relay import Relay, RelayConfig
from transports.relay.upstream_options import LISTENING_ONLY, upstream_options_from

BIG = 3 << 19  # 1.5 MiB: over the 1 MiB default max_message_size


def test_connection_settings_are_taken_over_listening_ones_are_not(tls: TlsFiles) -> None:
    listening = Options(
        name="API relay", encoding="latin-1", connect_timeout=0.5, send_queue=8,
        send_queue_bytes=1 << 16, compression=False, ping_interval=None, ping_timeout=3.0,
        max_message_size=BIG * 2, headers=(("X-Api-Key", "k"),), origin="https://o.example",
        tls=TlsOptions(cert_file=tls.cert_file, key_file=tls.key_file, ca_file=tls.ca_file),
        echo=True, max_peers=3, close_slow_peers=True, idle_timeout=5.0,
        allowed_origins=("https://app.example",))
    got = upstream_options_from(listening)
    for name in ("name", "encoding", "connect_timeout", "send_queue", "send_queue_bytes",
                 "compression", "ping_interval", "ping_timeout", "max_message_size",
                 "headers", "origin"):
        assert getattr(got, name) == getattr(listening, name), name
    defaults = Options()
    for name in LISTENING_ONLY:
        assert getattr(got, name) == getattr(defaults, name), name
        assert getattr(listening, name) != getattr(defaults, name) or name == "bind", name
    relay = Relay("ws://127.0.0.1:0/", "ws://127.0.0.1:9/", listening)
    assert relay.upstream_options.connect_timeout == 0.5
    assert relay.upstream_options.tls == TlsOptions()  # the server certificate stays here
    assert not relay.upstream_options.reconnect.enabled
    # given explicitly, the upstream options are used as they are
    explicit = Relay("ws://127.0.0.1:0/", "ws://127.0.0.1:9/", listening,
                     Options(connect_timeout=2.0))
    assert explicit.upstream_options.max_message_size == Options().max_message_size
    # a relay from the workspace uses the same rule, with its upstream TLS
    built = RelayConfig("wss://127.0.0.1:9/", TlsOptions(insecure=True)).build(
        "ws://127.0.0.1:0/", listening)
    assert built.upstream_options == dataclasses.replace(upstream_options_from(listening),
                                                         tls=TlsOptions(insecure=True))


def test_a_large_message_fits_both_sides_with_one_max_message_size(run: Runner[None]) -> None:
    """The upstream server sends 1.5 MiB; with ``max_message_size`` 2 MiB given only for the
    listening side, the upstream side takes it too and the client gets the whole message (with
    the 1 MiB default upstream, the upstream connection would fail with 1009)."""
    async def big(ws: ServerConnection) -> None:
        await ws.send(b"\x5a" * BIG)
        await ws.wait_closed()

    async def main() -> None:
        async with serve(big, "127.0.0.1", 0, max_size=None) as server:
            port = server.sockets[0].getsockname()[1]
            relay = Relay("ws://127.0.0.1:0/", f"ws://127.0.0.1:{port}/",
                          Options(max_message_size=2 << 20, ping_interval=None))
            await relay.open()
            try:
                async with aiohttp.ClientSession() as session, session.ws_connect(
                        f"http://127.0.0.1:{relay.endpoint.port}/",
                        max_msg_size=4 << 20) as ws:
                    message = await ws.receive(timeout=10)
                    assert message.type is aiohttp.WSMsgType.BINARY, message
                    assert message.data == b"\x5a" * BIG
            finally:
                await relay.close()

    run(main())

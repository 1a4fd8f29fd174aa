"""A relay: listen on a local address; for each client open its own upstream connection and
carry frames both ways through ``offer()``, with hooks and faults in between.

The relay is a :class:`~transports.aio.base.Server`: both sides of every pair are its peers, so
one subscription sees every frame of every pair (``PeerAdded.info`` says which side and pair),
``send``/``offer(peer=<id>)`` injects into either side, and whatever runs servers (the session,
``sockscope-cli serve``) runs relays the same way.  Mitmproxy is the model: both directions go
through one pipeline (:mod:`transports.relay.pipe`) whose hooks are plain functions that drop,
delay or rewrite a frame; Toxiproxy's toxics are the faults (:mod:`transports.relay.faults`),
per direction and switchable while traffic flows.

- TCP (``tcp://`` ↔ ``tcp://``): raw bytes pass through unframed, one frame per read.
- TLS: ``tls://`` on the listening side terminates (``options.tls`` holds the certificate), on
  the upstream side originates (``upstream_options.tls``); either or both.
- UDP: one socket listens; each client address gets its own upstream socket (a pair), at most
  ``options.max_peers`` pairs (the least recently active one is closed beyond that); a pair
  with no datagram either way for ``options.idle_timeout`` seconds (default 60) expires
  (:mod:`transports.relay.udp_pairs`).
- WebSocket (``ws://``/``wss://``): a reverse proxy (:mod:`transports.relay.websocket`): the
  upstream connection asks for the client's path and query under the upstream URL's path and
  offers the client's subprotocols, and it is open before the client's handshake is answered
  (with the subprotocol the upstream chose, or HTTP 502 if the upstream failed).  Messages keep
  their kind (text/binary), pings are passed on (each side answers its own pongs), and a close
  frame's code and reason reach the other side.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Coroutine
from typing import Any

from transports.aio.base import Connection
from transports.aio.flow import Source
from transports.aio.server import Server
from transports.aio.websocket_server import WebSocketPeer
from transports.credentials import shown_headers, shown_url
from transports.errors import ConnectError, NotOpen
from transports.factory import create_connection, create_server
from transports.frames import (
    Address,
    BatchEvent,
    Direction,
    ErrorEvent,
    FrameBatch,
    FrameKind,
    FrameReceived,
    PeerAdded,
    StateChanged,
)
from transports.options import OptionError, Options
from transports.relay.faults import Fault, FaultSet, Way
from transports.relay.pair import ENDED, Pair
from transports.relay.pipe import DEFAULT_BOUND, Hook, Pipe
from transports.relay.udp_pairs import UDP_IDLE_TIMEOUT, UdpPairs
from transports.relay.upstream_options import upstream_options_from
from transports.relay.websocket import RelayWebSocketServer
from transports.state import State
from transports.url import Endpoint, Scheme, parse_url

CLIENT, UPSTREAM, SOCKET = "client", "upstream", "socket"  # PeerAdded.info["relay"]


def _family(scheme: Scheme) -> str:
    if scheme in (Scheme.TCP, Scheme.TLS):
        return "stream"
    return "udp" if scheme is Scheme.UDP else "websocket"


def check_families(listen: Endpoint, upstream: Endpoint) -> None:
    """OptionError (naming ``upstream``) unless both sides are TCP/TLS, UDP, or WebSocket."""
    if _family(listen.scheme) != _family(upstream.scheme):
        raise OptionError(f"upstream: a {listen.scheme.value}:// relay cannot reach "
                          f"{upstream.url} (both sides must be TCP/TLS, UDP, or WebSocket)")


def way_of(side: str, direction: Direction) -> Way:
    """Which way a frame of one side went: what the client (or the shared UDP socket) received
    and what the upstream connection sent go client→upstream; the rest upstream→client."""
    inbound = direction is Direction.IN
    if side == UPSTREAM:
        return Way.DOWNSTREAM if inbound else Way.UPSTREAM
    return Way.UPSTREAM if inbound else Way.DOWNSTREAM


class Relay(Server):
    """``Relay("tcp://127.0.0.1:0", "tcp://127.0.0.1:6379")``; ``await open()`` listens.

    ``options`` are the listening side's; without ``upstream_options`` the upstream side takes
    the settings of ``options`` that apply to a connection it opens (timeout, encoding, queue
    bounds, WebSocket compression/pings/max_message_size/headers/origin — not TLS, echo or the
    server limits: :mod:`transports.relay.upstream_options`)."""

    kind = "relay"

    def __init__(self, listen: str | Endpoint, upstream: str | Endpoint,
                 options: Options | None = None, upstream_options: Options | None = None, *,
                 conn_id: int | None = None, bound: int = DEFAULT_BOUND) -> None:
        endpoint = parse_url(listen) if isinstance(listen, str) else listen
        target = parse_url(upstream) if isinstance(upstream, str) else upstream
        check_families(endpoint, target)
        if bound < 1:
            raise OptionError("bound must be ≥ 1 byte (limits are never unbounded)")
        super().__init__(endpoint, options, conn_id=conn_id)
        self.upstream = target
        upstream_side = (upstream_options if upstream_options is not None
                         else upstream_options_from(self.options))
        self.upstream_options = dataclasses.replace(
            upstream_side, echo=False,
            reconnect=dataclasses.replace(upstream_side.reconnect, enabled=False))
        self.bound = bound  # bytes held by faults per direction of a pair
        self.faults: dict[Way, FaultSet] = {Way.UPSTREAM: FaultSet(), Way.DOWNSTREAM: FaultSet()}
        self.hooks: list[Hook] = []
        self.pairs: dict[int, Pair] = {}
        self._pair_ids = itertools.count(1)
        self._by_conn: dict[int, Pair] = {}
        # UDP pairs by client address, least recently active first; idle ones expire
        self._udp_pairs = UdpPairs(self.options.idle_timeout or UDP_IDLE_TIMEOUT)
        self._listener: Connection | None = None
        self._stream = _family(endpoint.scheme) == "stream"
        self._udp = endpoint.scheme is Scheme.UDP

    # -- public API -------------------------------------------------------------------------
    def set_faults(self, way: Way, *faults: Fault, seed: int | None = None) -> None:
        """Replace the faults of one direction (all pairs, from their next frame on)."""
        fault_set = FaultSet(tuple(faults), seed)
        from transports.relay.faults import Drop

        if self._stream and fault_set.get(Drop) is not None:
            raise OptionError("drop: a byte stream cannot drop messages (use it on UDP or "
                              "WebSocket relays)")
        self.faults[way] = fault_set

    def add_hook(self, hook: Hook) -> None:
        """Run ``hook(message)`` on every frame, both ways, in order of adding (see
        :class:`~transports.relay.pipe.Message`)."""
        self.hooks.append(hook)

    def remove_hook(self, hook: Hook) -> None:
        if hook in self.hooks:
            self.hooks.remove(hook)

    def inject(self, pair_id: int, way: Way, data: bytes | str, *,
               kind: FrameKind | None = None) -> bool:
        """Send a frame into one side of a pair: ``Way.UPSTREAM`` to the upstream server,
        ``Way.DOWNSTREAM`` to the client.  It crosses that way's faults, after the frames
        they hold (:meth:`Pipe.inject <transports.relay.pipe.Pipe.inject>`); with none
        active this is ``offer()`` without a source (QueueFull when that side's queue is
        full).  Hooks do not see it."""
        pair = self.pairs.get(pair_id)
        if pair is None:
            raise NotOpen(f"{self.name}: no pair {pair_id} (it may have closed)")
        pipe = pair.pipe(way)
        if pair.client_peer is not None:
            self._udp_pairs.heard(pair, pair.client_peer)
        if pipe.direct:
            return pipe.target.offer(data, kind=kind, peer=pipe.peer)
        return pipe.inject(data, kind)

    async def send(self, data: bytes | bytearray | memoryview | str, *,
                   kind: FrameKind | None = None, peer: Address | int | None = None) -> None:
        """Send to one side of a pair (``peer``: its id, as the composer does) through that
        way's faults, like :meth:`inject`; waits for room only when no fault is active (with
        faults, QueueFull once they hold ``bound`` bytes).  Other peers: as servers do."""
        pipe = self._pipe_to(peer)
        if pipe is None or pipe.direct:
            await super().send(data, kind=kind, peer=peer)
        else:
            pipe.inject(bytes(data) if not isinstance(data, str) else data, kind)

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Source | None = None, auto: bool | None = None) -> bool:
        """:meth:`send` without waiting (``source`` applies when no fault is active)."""
        pipe = self._pipe_to(peer)
        if pipe is None or pipe.direct:
            return super().offer(data, kind=kind, peer=peer, source=source, auto=auto)
        return pipe.inject(bytes(data) if not isinstance(data, str) else data, kind)

    def _pipe_to(self, peer: Address | int | None) -> Pipe | None:
        """The pipe whose target is the side with id ``peer`` (None for the UDP socket)."""
        pair = self._by_conn.get(peer) if isinstance(peer, int) else None
        if pair is None:
            return None
        return pair.up if peer == pair.upstream.id else pair.down

    def pair_of(self, conn_id: int) -> Pair | None:
        return self._by_conn.get(conn_id)

    @property
    def held_bytes(self) -> int:
        """Payload bytes held by faults in every pair (bounded by ``bound`` per direction)."""
        return sum(pair.held_bytes for pair in self.pairs.values())

    # -- listening --------------------------------------------------------------------------
    async def _connect(self) -> None:
        options = dataclasses.replace(self.options, echo=False)
        listener: Connection
        if _family(self.endpoint.scheme) == "websocket":
            listener = RelayWebSocketServer(self.endpoint, options, self)
        else:
            listener = create_server(self.endpoint, options)
        if not self._udp:
            listener.subscribe(self._on_listener_event, batches=True)
        await listener.open()
        self._listener = listener
        self.endpoint = listener.endpoint

    def _started(self) -> None:
        self._set_state(State.OPEN)
        if self._udp and self._listener is not None:
            self._adopt(self._listener, {"relay": SOCKET})

    def _on_listener_event(self, event: BatchEvent) -> None:
        listener = self._listener
        if type(event) is PeerAdded and listener is not None and isinstance(listener, Server):
            assert isinstance(event, PeerAdded)
            client = listener.peers.get(event.peer_id)
            if client is not None and self.state is State.OPEN:
                self._accept(client)
        elif (type(event) is StateChanged and listener is not None
              and event.conn_id == listener.id and event.new in ENDED):
            assert isinstance(event, StateChanged)
            self._lost(None, f"stopped listening: {event.reason}",
                       failed=event.new is State.FAILED)

    def _accept(self, client: Connection, address: Address | None = None) -> Pair | None:
        listener = self._listener
        claimed = None
        if isinstance(listener, RelayWebSocketServer) and isinstance(client, WebSocketPeer):
            claimed = listener.claim(client)  # its upstream opened during its handshake
            if claimed is None:
                self._error(f"{client.name}: no upstream connection was opened for it")
                client._abort()
                return None
        elif len(self.pairs) >= self.options.max_peers:
            if not self._udp:
                self._error(f"refused a client: max_peers ({self.options.max_peers}) reached")
                client._abort()
                return None
            self._udp_pairs.pop_oldest().close(
                "too many UDP clients: the least recently active pair closes")
        pair_id, upstream = claimed or self._new_upstream(self.upstream, self.upstream_options)
        pair = Pair(self, pair_id, client, upstream, address,
                    stream=self._stream, bound=self.bound)
        self.pairs[pair.id] = pair
        self._by_conn[upstream.id] = pair
        if address is None:
            self._by_conn[client.id] = pair
            self._adopt(client, {"relay": CLIENT, "pair": str(pair.id)})
        else:
            self._udp_pairs.add(address, pair)
        if claimed is None:
            self._start(self._open_upstream(pair), f"upstream#{pair.id}")
        else:
            self._upstream_open(pair)
            assert listener is not None
            upstream.resume_reading(listener)
        return pair

    def _new_upstream(self, target: Endpoint, options: Options) -> tuple[int, Connection]:
        """A new pair's id and its upstream connection (a peer of the relay, not opened)."""
        pair_id = next(self._pair_ids)
        upstream = create_connection(target, options)
        upstream.peer_address = (target.host, target.port)
        info = {"relay": UPSTREAM, "pair": str(pair_id), "url": shown_url(target.url)}
        if options.headers:  # what it sends (a WebSocket relay forwards the client's)
            info["headers"] = shown_headers(options.headers)
        self._adopt(upstream, info)
        return pair_id, upstream

    def _adopt(self, conn: Connection, info: dict[str, str]) -> None:
        """Make ``conn`` a peer of the relay (as Server._add_peer, without its limit: pairs
        are limited instead)."""
        conn.parent = self
        self.peers[conn.id] = conn
        conn.subscribe(self._on_peer_event, batches=True)
        if self._pause_reasons:
            conn.pause_reading(self)
        self._emit(PeerAdded(self.id, conn.id, conn.peer_address or ("", 0), info))

    async def _open_upstream(self, pair: Pair) -> None:
        try:
            await pair.upstream.open()
        except ConnectError as exc:
            pair.close(f"upstream unreachable: {exc}")
            return
        if pair.closing or self.state is not State.OPEN:
            await pair.upstream.close("the relay pair closed while connecting")
            return
        self._upstream_open(pair)

    def _upstream_open(self, pair: Pair) -> None:
        """The upstream connection is open (or already gone): let frames flow both ways."""
        if pair.upstream.state in ENDED:
            pair.close(f"the upstream connection ended before the pair was made: "
                       f"{pair.upstream.reason}")
            return
        pair.up.set_ready()
        pair.down.set_ready()

    # -- traffic ----------------------------------------------------------------------------
    def _on_peer_event(self, event: BatchEvent) -> None:
        super()._on_peer_event(event)
        kind = type(event)
        if kind is FrameBatch:
            assert isinstance(event, FrameBatch)
            if event.direction is Direction.IN:
                self._dispatch(event.conn_id, event.payloads, event.kind, event.peer)
        elif kind is FrameReceived:
            assert isinstance(event, FrameReceived)
            frame = event.frame
            self._dispatch(frame.conn_id, (frame.payload,), frame.kind, frame.peer)
        elif kind is StateChanged:
            assert isinstance(event, StateChanged)
            if event.new is State.OPEN and self._stream:
                side = self.peers.get(event.conn_id)
                if side is not None:  # reads passed on whole: one write per read
                    side.read_in_bulk()
            elif event.new in ENDED:
                pair = self._by_conn.get(event.conn_id)
                if pair is not None and self.state is State.OPEN:
                    pair.side_ended(pair.client if event.conn_id == pair.client.id
                                    else pair.upstream)

    def _dispatch(self, conn_id: int, payloads: tuple[bytes, ...], kind: FrameKind,
                  peer: Address | None) -> None:
        if kind is FrameKind.PONG or self.state is not State.OPEN:
            return  # each side answers its own pings
        listener = self._listener
        if self._udp and listener is not None and conn_id == listener.id:
            if peer is None:
                return
            pair = self._udp_pairs.get(peer)
            if pair is None:
                pair = self._accept(listener, peer)
                if pair is None:
                    return
            else:
                self._udp_pairs.heard(pair, peer)
            pair.up.feed(payloads, kind)
            return
        pair = self._by_conn.get(conn_id)
        if pair is None:
            return
        if pair.client_peer is not None:
            self._udp_pairs.heard(pair, pair.client_peer)
        (pair.up if conn_id == pair.client.id else pair.down).feed(payloads, kind)

    # -- bookkeeping ------------------------------------------------------------------------
    def _note(self, message: str) -> None:
        """Say what the relay did on its own (paused, dropped, closed a pair) as an event."""
        self._emit(ErrorEvent(self.id, f"{self.name}: {message}"))

    def _start(self, coro: Coroutine[Any, Any, Any], name: str) -> None:
        self._tasks.start(coro, name)

    def _forget(self, pair: Pair) -> None:
        if self.pairs.pop(pair.id, None) is None:
            return
        pair.stop()
        self._by_conn.pop(pair.upstream.id, None)
        if pair.shared_client:
            self._udp_pairs.remove(pair)
            if pair.upstream.state not in ENDED:
                self._start(pair.upstream.close("relay pair closed"), f"close#{pair.upstream.id}")
        else:
            self._by_conn.pop(pair.client.id, None)
        for way, pipe in ((Way.UPSTREAM, pair.up), (Way.DOWNSTREAM, pair.down)):
            if pipe.dropped or pipe.discarded:
                self._note(f"pair {pair.id} {way.value}: {pipe.dropped} frame(s) dropped, "
                           f"{pipe.discarded} byte(s) discarded by faults and hooks")

    def _peer_info(self, peer: Connection) -> dict[str, str]:
        pair = self._by_conn.get(peer.id)
        return {"pair": str(pair.id)} if pair is not None else {}

    # -- closing ----------------------------------------------------------------------------
    async def _stop_listening(self) -> None:
        for pair in list(self.pairs.values()):
            pair.stop()
        listener, self._listener = self._listener, None
        if listener is not None:
            await listener.close("relay closed")

    async def _shutdown(self) -> None:
        await self._stop_listening()
        await self._close_peers(self.peers.values(), "relay closed")

    def _abort(self) -> None:
        if self._listener is not None:
            self._listener._abort()

    async def _finish(self, state: State, reason: str) -> None:
        for pair in list(self.pairs.values()):
            pair.stop()
        self.pairs.clear()
        self._by_conn.clear()
        self._udp_pairs.clear()
        await super()._finish(state, reason)

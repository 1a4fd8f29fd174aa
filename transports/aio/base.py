"""The common base of every connection kind.

A connection owns a state machine (transports.state), a bounded send queue drained by its
``write`` task, an optional ``logic`` task (reconnect backoff), and a list of subscribers that get
every event as a plain callback on the loop, in order, with no scheduling in between.

Subclasses implement the I/O:
- ``_connect()``: establish the transport (clients) or bind/listen (servers);
- ``_write(batch)``: put frames on the wire and wait until the OS took them (drain);
- ``_shutdown()``: close gracefully and wait until the transport is gone;
- ``_abort()``: close at once;
- ``_set_reading(on)``: pause/resume reading (flow control).
and report incoming traffic with ``_received()`` and the end of the transport with ``_lost()``.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any, ClassVar, Literal, overload

from transports.aio.events import EventStream
from transports.aio.sendqueue import Outgoing, SendQueue
from transports.errors import ConnectError, NotOpen, QueueFull, describe
from transports.frames import (
    Address,
    BatchEvent,
    Direction,
    ErrorEvent,
    Event,
    Frame,
    FrameBatch,
    FrameKind,
    FrameReceived,
    FrameSent,
    StateChanged,
)
from transports.options import Options
from transports.state import State, check_transition, is_active
from transports.tasks import TaskGroup
from transports.url import Endpoint

log = logging.getLogger(__name__)
_ids = itertools.count(1)

Subscriber = Callable[[Event], None]
BatchSubscriber = Callable[[BatchEvent], None]
CLOSE_TIMEOUT = 3.0


class Connection:
    """One connection (or server).  Create it, ``subscribe``, ``await open()``, ``send``,
    ``await close()``.  No method raises for network trouble except ``open`` (ConnectError)
    and ``send`` (NotOpen); everything else arrives as events."""

    kind: ClassVar[str] = "connection"
    is_server: ClassVar[bool] = False

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        self.id = conn_id if conn_id is not None else next(_ids)
        self.endpoint = endpoint
        self.options = options or Options()
        self.state = State.IDLE
        self.reason = ""  # why the last close/failure happened
        self.peer_address: Address | None = None
        self._subscribers: list[tuple[Callable[[Any], None], bool]] = []  # (callback, batches)
        self._tasks = TaskGroup(f"{self.kind}#{self.id}")
        self._queue = self._new_queue()
        self._writer: asyncio.Task[None] | None = None
        self._pause_reasons: set[object] = set()
        self._backpressure = Backpressure(self)  # the reason this connection pauses sources
        self._stalled: dict[int, Connection] = {}  # sources paused by offer(), by id
        self._user_closing = False
        self._losing = False  # _lost() was called; a logic task is ending the transport
        self._closed = asyncio.Event() if _loop_running() else None
        self.parent: Connection | None = None

    # -- identity ---------------------------------------------------------------------------
    @property
    def name(self) -> str:
        return self.options.name or self.endpoint.url

    @property
    def url(self) -> str:
        return self.endpoint.url

    def __repr__(self) -> str:
        return f"<{type(self).__name__} #{self.id} {self.url} {self.state.value}>"

    # -- events -----------------------------------------------------------------------------
    @overload
    def subscribe(self, callback: Subscriber) -> Callable[[], None]: ...
    @overload
    def subscribe(self, callback: BatchSubscriber, *,
                  batches: Literal[True]) -> Callable[[], None]: ...

    def subscribe(self, callback: Callable[[Any], None], *,
                  batches: bool = False) -> Callable[[], None]:
        """Call ``callback(event)`` for every event, on the loop; returns an unsubscriber.

        With ``batches=True`` the callback also gets :class:`FrameBatch` events (frames of one
        read or write together) instead of one FrameReceived/FrameSent per frame."""
        entry = (callback, batches)
        self._subscribers.append(entry)

        def unsubscribe() -> None:
            if entry in self._subscribers:
                self._subscribers.remove(entry)

        return unsubscribe

    def events(self, maxsize: int = 10_000) -> EventStream:
        """An async iterator of events.  When ``maxsize`` frames are waiting in it, reading
        from the socket pauses until the consumer catches up (nothing is dropped)."""
        return EventStream(self, maxsize)

    def _emit(self, event: BatchEvent) -> None:
        expanded: list[FrameReceived] | list[FrameSent] | None = None
        for callback, batches in tuple(self._subscribers):
            try:
                if batches or not isinstance(event, FrameBatch):
                    callback(event)
                    continue
                if expanded is None:
                    expanded = event.events()
                for single in expanded:
                    callback(single)
            except Exception:
                log.exception("subscriber %r of %r failed", callback, self)

    def _error(self, message: str, *, fatal: bool = False) -> None:
        self._emit(ErrorEvent(self.id, f"{self.name}: {message}", fatal))

    def _set_state(self, new: State, reason: str = "") -> None:
        old = self.state
        if old is new:
            return
        check_transition(old, new)
        self.state = new
        if new in (State.CLOSED, State.FAILED):
            self.reason = reason
            if self._closed is not None:
                self._closed.set()
        elif self._closed is not None:
            self._closed.clear()
        self._emit(StateChanged(self.id, old, new, reason))

    # -- flow control -----------------------------------------------------------------------
    def pause_reading(self, reason: object) -> None:
        """Stop reading from the socket until every reason is released."""
        if not self._pause_reasons:
            self._set_reading(False)
        self._pause_reasons.add(reason)

    def resume_reading(self, reason: object) -> None:
        if reason in self._pause_reasons:
            self._pause_reasons.discard(reason)
            if not self._pause_reasons:
                self._set_reading(True)

    # -- lifecycle --------------------------------------------------------------------------
    async def open(self) -> None:
        """Connect (clients) or bind and listen (servers).

        Raises ConnectError when the first attempt fails and no reconnect policy applies;
        with reconnect enabled, failures are retried in the background (state events tell).
        """
        if is_active(self.state):
            return
        if self._closed is None:
            self._closed = asyncio.Event()
        self.options.validate()
        self._user_closing = False
        error = await self._attempt()
        if error is None:
            return
        if self._user_closing:  # close() was called while connecting
            raise ConnectError(f"{self.name}: closed while connecting ({self.reason})")
        if self._reconnects():
            self._tasks.start(self._reconnect_loop(error), "logic")
            return
        self._set_state(State.FAILED, error)
        raise ConnectError(f"{self.name}: {error}")

    async def _attempt(self) -> str | None:
        """One connect attempt; returns None on success or the reason it failed."""
        self._set_state(State.CONNECTING)
        # The attempt runs as an owned task so that close() can cancel it from anywhere.
        attempt = self._tasks.start(self._connect_in_time(), "connect", awaited=True)
        try:
            await attempt
        except asyncio.CancelledError:
            self._abort()
            current = asyncio.current_task()
            if current is not None and current.cancelling():
                raise  # our caller is being cancelled
            return "closed while connecting"  # close() cancelled the attempt
        except Exception as exc:
            self._abort()
            if isinstance(exc, TimeoutError):
                reason = f"timed out after {self.options.connect_timeout:g} s"
            else:
                reason = describe(exc)
            self._error(f"cannot open {self.url}: {reason}")
            return reason
        self._started()
        return None

    async def _connect_in_time(self) -> None:
        async with asyncio.timeout(self.options.connect_timeout):
            await self._connect()

    def _started(self) -> None:
        """The transport is up: start writing, go OPEN."""
        self._losing = False
        self._queue = self._new_queue()
        self._writer = self._tasks.start(self._write_loop(), "write")
        self._set_state(State.OPEN)

    def _new_queue(self) -> SendQueue:
        return SendQueue(self.options.send_queue, self.options.send_queue_bytes)

    def _reconnects(self) -> bool:
        return (self.options.reconnect.enabled and not self.is_server and self.parent is None
                and not self._user_closing)

    async def _reconnect_loop(self, reason: str) -> None:
        attempts = 0
        for delay in self.options.reconnect.delays():
            attempts += 1
            self._set_state(State.RECONNECTING,
                            f"attempt {attempts} in {delay:.2f} s ({reason})")
            await asyncio.sleep(delay)
            error = await self._attempt()
            if error is None:
                return
            reason = error
        self._set_state(State.FAILED, f"gave up after {attempts} reconnect attempts: {reason}")

    async def close(self, reason: str = "closed by user") -> None:
        """Close gracefully (flushing what is queued, for a few seconds at most)."""
        self._user_closing = True
        if self.state in (State.IDLE, State.CLOSED, State.FAILED):
            await self._tasks.cancel_all()
            return
        if self.state is State.CLOSING:  # another close() is at work
            await self.wait_closed()
            return
        if self.state in (State.CONNECTING, State.RECONNECTING):
            await self._tasks.cancel_all()
            self._abort()
            if self.state is not State.CLOSED:
                self._set_state(State.CLOSED, reason)
            return
        if self.state is State.OPEN:
            self._set_state(State.CLOSING, reason)
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await self._flush()
                    await self._shutdown()
            except (TimeoutError, OSError) as exc:
                self._error(f"close did not finish cleanly ({describe(exc)}); aborted")
                self._abort()
        await self._finish(State.CLOSED, reason)

    async def wait_closed(self) -> None:
        """Wait until the connection is closed or failed."""
        if self._closed is None:
            self._closed = asyncio.Event()
        if self.state in (State.CLOSED, State.FAILED):
            return
        await self._closed.wait()

    async def _flush(self) -> None:
        if self._writer is not None and not self._writer.done():
            await self._queue.join()

    async def _finish(self, state: State, reason: str) -> None:
        await self._tasks.cancel_all()
        self._writer = None
        self._drop_queue(reason)
        if self.state is not state and not (self.state is State.FAILED and state is State.CLOSED):
            self._set_state(state, reason)

    def _drop_queue(self, reason: str) -> None:
        """The transport is gone: report what was never sent, let paused sources go."""
        unsent = self._queue.drain_all()
        if unsent:
            self._error(f"{len(unsent)} queued frame(s) were not sent: {reason}")
        self._pause_reasons.clear()
        self._release_sources()

    def _lost(self, exc: BaseException | None, reason: str = "", *,
              failed: bool | None = None, reported: bool = False) -> None:
        """The transport ended, or the peer closed its side (called by subclasses from
        protocol callbacks).  ``failed`` defaults to "there is an exception"; ``reported``
        means an ErrorEvent about it was already emitted.  Only the first call counts."""
        if self.state is not State.OPEN or self._losing:
            return  # closing: close() finishes the job; or already ending
        self._losing = True
        if failed is None:
            failed = exc is not None
        if not reason:
            reason = describe(exc) if exc is not None else "peer closed the connection"
        if failed and not reported:
            self._error(reason)
        self._tasks.start(self._after_lost(reason, failed), "logic")

    async def _after_lost(self, reason: str, failed: bool) -> None:
        if failed:
            self._abort()
        else:  # the peer closed its side: send what is queued (echo replies), then close
            try:
                async with asyncio.timeout(CLOSE_TIMEOUT):
                    await self._flush()
                    await self._shutdown()
            except (TimeoutError, OSError):
                self._abort()
        if self._writer is not None:
            self._writer.cancel()
            await asyncio.gather(self._writer, return_exceptions=True)
            self._writer = None
        self._drop_queue(reason)
        if self._reconnects():
            await self._reconnect_loop(reason)
            return
        self._set_state(State.FAILED if failed else State.CLOSED, reason)

    # -- sending ----------------------------------------------------------------------------
    def encode(self, data: bytes | bytearray | memoryview | str) -> bytes:
        if isinstance(data, str):
            return data.encode(self.options.encoding)
        return bytes(data)

    def default_kind(self, data: bytes | bytearray | memoryview | str) -> FrameKind:
        return FrameKind.DATA

    async def send(self, data: bytes | bytearray | memoryview | str, *,
                   kind: FrameKind | None = None, peer: Address | int | None = None) -> None:
        """Queue one frame; waits while the send queue is full (backpressure)."""
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the connection is {self.state.value}")
        item = self._outgoing(self.encode(data), kind or self.default_kind(data), peer)
        if not self._send_now(item):
            await self._queue.put(item)

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Connection | None = None) -> bool:
        """Queue one frame without ever waiting: the send for code that runs inside an event
        callback (a tap, echo, an auto-reply rule, a relay) and must not await.

        Frames offered are sent in the order offered, after those already queued, and none is
        dropped.  Memory stays bounded by the send queue's limits (``options.send_queue``
        frames, ``options.send_queue_bytes`` bytes) through *backpressure on the source*:

        - ``source`` is the connection whose received frames cause this one to be offered
          (the relay's other side; the connection itself for echo).  When this connection's
          queue is full after the frame went in, ``source.pause_reading(...)`` is called and
          False is returned; once the queue has drained to its low-water mark (half of both
          limits) the source is resumed.  The frame that filled the queue is still queued, so
          the overshoot is at most what one read of each source delivers.  A source stays
          paused while this connection cannot write (a peer that does not read) and is let
          go when this connection ends.
        - Without a ``source`` there is nobody to pause: a full queue raises
          :class:`~transports.errors.QueueFull` and the frame is not queued (``await
          send()`` waits for room instead).

        Returns True while the queue has room after this frame, False when it is full (and
        ``source`` was paused).  ``kind`` and ``peer`` mean what they mean for :meth:`send`
        (a server offers to one peer, or to every open peer with ``peer=None``).  Raises
        NotOpen when this connection is not open, ValueError for a frame it cannot send
        (e.g. a datagram over 65,507 bytes, invalid UTF-8 in a WebSocket TEXT frame).
        """
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the connection is {self.state.value}")
        item = self._outgoing(self.encode(data), kind or self.default_kind(data), peer)
        return self._offer(item, source)

    def _offer(self, item: Outgoing, source: Connection | None) -> bool:
        if self._send_now(item):
            return True
        queue = self._queue
        if source is None and queue.full:
            raise QueueFull(f"{self.name}: the send queue is full ({len(queue)} frames, "
                            f"{queue.nbytes} bytes); the frame was not queued")
        queue.put_over(item)
        if not queue.full:
            return True
        if source is not None and source.id not in self._stalled:
            self._stalled[source.id] = source
            source.pause_reading(self._backpressure)
        return False

    def _release_sources(self) -> None:
        """Resume every source that :meth:`offer` paused."""
        stalled, self._stalled = self._stalled, {}
        for source in stalled.values():
            source.resume_reading(self._backpressure)

    def _send_now(self, item: Outgoing) -> bool:
        """Write ``item`` straight to the transport when nothing is queued before it and the
        transport takes it without waiting (no task hop per frame); False: queue it."""
        if not self._queue.idle or not self._write_now(item):
            return False
        self._emit_sent([item])
        return True

    def _write_now(self, item: Outgoing) -> bool:
        """Subclasses whose transport can take a frame synchronously write it and return
        True; False when it would have to wait (or is closing): the writer task does it."""
        return False

    def _outgoing(self, payload: bytes, kind: FrameKind, peer: Address | int | None) -> Outgoing:
        """Validate one frame before it is queued (subclasses check peers, kinds)."""
        if peer is not None:
            raise ValueError(f"{self.name}: a {self.kind} connection has no peers to choose from")
        return Outgoing(payload, kind, None)

    def echo(self, payload: bytes, kind: FrameKind = FrameKind.DATA,
             peer: Address | None = None) -> None:
        """Send a received frame back to whoever sent it, without waiting: the responder
        behind ``options.echo`` and the session's echo tap.

        The peer gets back exactly the bytes of its frame (framing that adds a header is
        accounted for); ``peer`` is the frame's sender (a socket that picks a peer per
        datagram replies to it).  This is :meth:`offer` with this connection as the source:
        reading pauses while the send queue is full.  Does nothing unless the connection is
        open; a frame it cannot send becomes an error event."""
        if self.state is not State.OPEN:
            return
        try:
            item = self._outgoing(self._echo_payload(payload), kind, self._echo_peer(peer))
            self._offer(item, self)
        except ValueError as exc:
            self._error(f"echo not sent: {exc}")

    def _echo_peer(self, sender: Address | None) -> Address | None:
        """The ``peer`` an echo is sent to: None (the one remote) unless the transport
        picks a peer per frame."""
        return None

    def _echo_payload(self, payload: bytes) -> bytes:
        """What to send so that the peer gets back the frame it sent (framing may add parts)."""
        return payload

    async def _write_loop(self) -> None:
        queue = self._queue
        while True:
            batch = await queue.get_batch()
            try:
                await self._write(batch)
            except (OSError, ConnectionError) as exc:
                queue.abandon()
                self._lost(exc)
                return
            queue.batch_done(batch)
            self._emit_sent(batch)
            if self._stalled and queue.drained:
                self._release_sources()

    def _emit_sent(self, batch: list[Outgoing]) -> None:
        """FrameSent events for a written batch: runs of the same kind and peer go together."""
        now = time.time()
        start = 0
        for i in range(1, len(batch) + 1):
            if i < len(batch) and (batch[i].kind, batch[i].peer) == (batch[start].kind,
                                                                    batch[start].peer):
                continue
            first = batch[start]
            peer = first.peer or self.peer_address
            if i - start == 1:
                self._emit(FrameSent(Frame(first.payload, Direction.OUT, self.id, now,
                                           first.kind, peer)))
            else:
                self._emit(FrameBatch(self.id, Direction.OUT, now, first.kind, peer,
                                      tuple(item.payload for item in batch[start:i])))
            start = i

    # -- receiving --------------------------------------------------------------------------
    def _received_many(self, payloads: list[bytes], kind: FrameKind = FrameKind.DATA,
                       peer: Address | None = None) -> None:
        """Frames of one read: one FrameBatch for batch subscribers."""
        if len(payloads) == 1:
            self._received(payloads[0], kind, peer)
            return
        self._emit(FrameBatch(self.id, Direction.IN, time.time(), kind,
                              peer or self.peer_address, tuple(payloads)))
        if self.options.echo and self.state is State.OPEN:
            for payload in payloads:
                self.echo(payload, kind, peer)

    def _received(self, payload: bytes, kind: FrameKind = FrameKind.DATA,
                  peer: Address | None = None) -> None:
        frame = Frame(payload, Direction.IN, self.id, time.time(), kind,
                      peer or self.peer_address)
        self._emit(FrameReceived(frame))
        if self.options.echo and self.state is State.OPEN:
            self.echo(payload, kind, peer)

    # -- subclass I/O -----------------------------------------------------------------------
    async def _connect(self) -> None:
        raise NotImplementedError

    async def _write(self, batch: list[Outgoing]) -> None:
        raise NotImplementedError

    async def _shutdown(self) -> None:
        raise NotImplementedError

    def _abort(self) -> None:
        """Drop the transport at once (idempotent; also called after a failed connect)."""

    def _set_reading(self, on: bool) -> None:
        """Pause (False) or resume (True) reading from the transport."""


class Server(Connection):
    """A listening connection whose accepted peers are child connections.

    Child events are re-emitted to the server's subscribers, so one subscription sees all.
    ``send(..., peer=None)`` broadcasts to every open peer; ``peer=<child id>`` picks one.
    """

    is_server = True

    def __init__(self, endpoint: Endpoint, options: Options | None = None, *,
                 conn_id: int | None = None) -> None:
        super().__init__(endpoint, options, conn_id=conn_id)
        self.peers: dict[int, Connection] = {}

    def _add_peer(self, peer: Connection) -> bool:
        """Adopt an accepted peer; False (and an error event) when max_peers is reached."""
        from transports.frames import PeerAdded

        if self.state is not State.OPEN:
            return False  # closing: the caller drops the connection
        if len(self.peers) >= self.options.max_peers:
            self._error(f"refused a peer: max_peers ({self.options.max_peers}) reached")
            return False
        peer.parent = self
        self.peers[peer.id] = peer
        peer.subscribe(self._on_peer_event, batches=True)
        if self._pause_reasons:
            peer.pause_reading(self)
        self._emit(PeerAdded(self.id, peer.id, peer.peer_address or ("", 0), self._peer_info(peer)))
        return True

    def _peer_info(self, peer: Connection) -> dict[str, str]:
        return {}

    def _on_peer_event(self, event: BatchEvent) -> None:
        self._emit(event)
        if isinstance(event, StateChanged) and event.new in (State.CLOSED, State.FAILED):
            from transports.frames import PeerRemoved

            if self.peers.pop(event.conn_id, None) is not None:
                self._emit(PeerRemoved(self.id, event.conn_id, event.reason))

    def _set_reading(self, on: bool) -> None:
        for peer in self.peers.values():
            if on:
                peer.resume_reading(self)
            else:
                peer.pause_reading(self)

    def open_peers(self) -> list[Connection]:
        return [p for p in self.peers.values() if p.state is State.OPEN]

    def _peer(self, peer: Address | int) -> Connection:
        """The peer with this id or address; NotOpen when there is none."""
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        if isinstance(peer, int):
            target = self.peers.get(peer)
            if target is None:
                raise NotOpen(f"{self.name}: no peer #{peer} (it may have disconnected)")
            return target
        for p in self.open_peers():
            if p.peer_address == peer:
                return p
        raise NotOpen(f"{self.name}: no peer at {peer[0]}:{peer[1]}")

    def _check_frame(self, data: bytes | bytearray | memoryview | str,
                     kind: FrameKind | None) -> FrameKind | None:
        """Validate a frame before it goes to the peers (so that a bad one raises instead of
        vanishing in a broadcast); returns the kind to send it as."""
        return kind

    async def send(self, data: bytes | bytearray | memoryview | str, *,
                   kind: FrameKind | None = None, peer: Address | int | None = None) -> None:
        kind = self._check_frame(data, kind)
        if peer is not None:
            await self._peer(peer).send(data, kind=kind)
            return
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        await self.broadcast(data, kind=kind)

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Connection | None = None) -> bool:
        """:meth:`Connection.offer` to one peer (its id or address), or with ``peer=None`` to
        every open peer: True when every peer still has room.  Without a ``source``, a peer
        whose queue is full does not get the frame and gets an error event instead (one slow
        peer never holds up the others, nor makes the frame vanish silently)."""
        kind = self._check_frame(data, kind)
        if peer is not None:
            return self._peer(peer).offer(data, kind=kind, source=source)
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the server is {self.state.value}")
        room = True
        for p in self.open_peers():
            try:
                room = p.offer(data, kind=kind, source=source) and room
            except QueueFull as exc:
                p._error(f"broadcast not sent: {exc}")
                room = False
        return room

    async def broadcast(self, data: bytes | bytearray | memoryview | str, *,
                        kind: FrameKind | None = None) -> int:
        """Send to every open peer; returns how many peers took the frame.  A peer that fails
        (it left meanwhile, or rejects the frame) gets an error event; the others still send."""
        peers = self.open_peers()
        results = await asyncio.gather(*(p.send(data, kind=kind) for p in peers),
                                       return_exceptions=True)
        sent = 0
        for peer, result in zip(peers, results, strict=True):
            if isinstance(result, BaseException):
                peer._error(f"broadcast not sent: {result}")
            else:
                sent += 1
        return sent

    async def close(self, reason: str = "closed by user") -> None:
        self._user_closing = True
        if self.state is State.OPEN:
            self._set_state(State.CLOSING, reason)
            await self._stop_listening()
            await self._close_peers(self.peers.values(), "server closed")
            self._abort()
            await self._finish(State.CLOSED, reason)
            return
        await super().close(reason)

    @staticmethod
    async def _close_peers(peers: Iterable[Connection], reason: str) -> None:
        await asyncio.gather(*(p.close(reason) for p in list(peers)), return_exceptions=True)

    async def _stop_listening(self) -> None:
        raise NotImplementedError

    async def _write(self, batch: list[Outgoing]) -> None:
        raise NotImplementedError("servers send through their peers")


class Backpressure:
    """Why a source connection is paused: ``target``'s send queue is full (see
    :meth:`Connection.offer`).  One per target, so each target pauses and resumes its
    sources independently of every other reason to pause."""

    __slots__ = ("target",)

    def __init__(self, target: Connection) -> None:
        self.target = target

    def __repr__(self) -> str:
        return f"<backpressure: send queue of {self.target.name} is full>"


def _loop_running() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True

"""The data path of a connection: send and offer, the write loop, echo, received frames.

:class:`Traffic` is the half of :class:`transports.aio.base.Connection` that moves frames; the
other half (state, open/close, reconnect) is in :mod:`transports.aio.base`.  A subclass
provides ``_write(batch)`` (and optionally ``_write_now(item)``) and reports what it reads with
``_received()`` / ``_received_many()``.
"""

from __future__ import annotations

import asyncio
import time
from typing import ClassVar

from transports.aio.emitter import Emitter
from transports.aio.flow import Source
from transports.aio.sendqueue import Outgoing, SendQueue
from transports.errors import NotOpen, QueueFull
from transports.frames import (
    Address,
    Direction,
    Frame,
    FrameBatch,
    FrameKind,
    FrameReceived,
    FrameSent,
)
from transports.options import Options
from transports.state import State


class Traffic(Emitter):
    """Sending and receiving frames; mixed into Connection (see the module docstring)."""

    kind: ClassVar[str]
    options: Options
    state: State
    peer_address: Address | None

    def __init__(self) -> None:
        super().__init__()
        self._queue = self._new_queue()
        self._writer: asyncio.Task[None] | None = None
        self._backpressure = Backpressure(self)  # the reason this connection pauses sources
        self._stalled: dict[int, Source] = {}  # sources paused by offer(), by id
        self._pause_reasons: set[object] = set()

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

    def _new_queue(self) -> SendQueue:
        return SendQueue(self.options.send_queue, self.options.send_queue_bytes)

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
        payload = data if type(data) is bytes else self.encode(data)
        item = self._outgoing(payload, kind or self.default_kind(data), peer)
        if not self._send_now(item):
            await self._queue.put(item)

    def offer(self, data: bytes | bytearray | memoryview | str, *,
              kind: FrameKind | None = None, peer: Address | int | None = None,
              source: Source | None = None, auto: bool | None = None) -> bool:
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

        A frame offered with a ``source`` is sent in reaction to received traffic (an
        auto-reply, echo, a relay): its FrameSent/FrameBatch says ``auto=True`` — unless
        ``auto`` says otherwise (a frame sent by hand whose sender still wants to be paused
        and resumed, as a relay's faults do with frames from the composer).

        Returns True while the queue has room after this frame, False when it is full (and
        ``source`` was paused).  ``kind`` and ``peer`` mean what they mean for :meth:`send`
        (a server offers to one peer, or to every open peer with ``peer=None``).  Raises
        NotOpen when this connection is not open, ValueError for a frame it cannot send
        (e.g. a datagram over 65,507 bytes, invalid UTF-8 in a WebSocket TEXT frame).
        """
        if self.state is not State.OPEN:
            raise NotOpen(f"{self.name}: cannot send, the connection is {self.state.value}")
        item = self._outgoing(self.encode(data), kind or self.default_kind(data), peer,
                              source is not None if auto is None else auto)
        return self._offer(item, source)

    def _offer(self, item: Outgoing, source: Source | None) -> bool:
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

    def _outgoing(self, payload: bytes, kind: FrameKind, peer: Address | int | None,
                  auto: bool = False) -> Outgoing:
        """Validate one frame before it is queued (subclasses check peers, kinds); ``auto``:
        offered in reaction to traffic (``Frame.auto``)."""
        if peer is not None:
            raise ValueError(f"{self.name}: a {self.kind} connection has no peers to choose from")
        return Outgoing(payload, kind, None, auto)

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
            item = self._outgoing(self._echo_payload(payload), kind, self._echo_peer(peer),
                                  True)
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
        """FrameSent events for a written batch: runs of the same kind, peer and ``auto`` go
        together."""
        now = time.time()
        if len(batch) == 1:  # the common case (a frame written at once): no run-finding
            item = batch[0]
            self._emit(FrameSent(Frame(item.payload, Direction.OUT, self.id, now, item.kind,
                                       item.peer or self.peer_address, item.auto)))
            return
        start = 0
        for i in range(1, len(batch) + 1):
            if i < len(batch) and (batch[i].kind, batch[i].peer, batch[i].auto) == \
                    (batch[start].kind, batch[start].peer, batch[start].auto):
                continue
            first = batch[start]
            peer = first.peer or self.peer_address
            if i - start == 1:
                self._emit(FrameSent(Frame(first.payload, Direction.OUT, self.id, now,
                                           first.kind, peer, first.auto)))
            else:
                self._emit(FrameBatch(self.id, Direction.OUT, now, first.kind, peer,
                                      tuple(item.payload for item in batch[start:i]),
                                      first.auto))
            start = i

    # -- receiving --------------------------------------------------------------------------
    def _received_many(self, payloads: list[bytes], kind: FrameKind = FrameKind.DATA,
                       peer: Address | None = None) -> None:
        """Frames of one read: one FrameBatch when a subscriber takes batches, else (no one
        would see the batch) a FrameReceived per frame straight away."""
        if len(payloads) == 1:
            self._received(payloads[0], kind, peer)
            return
        now, sender = time.time(), peer or self.peer_address
        if self._batchers:
            self._emit(FrameBatch(self.id, Direction.IN, now, kind, sender, tuple(payloads)))
        else:
            conn_id, emit = self.id, self._emit
            for payload in payloads:
                emit(FrameReceived(Frame(payload, Direction.IN, conn_id, now, kind, sender)))
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

    # -- provided by the connection ---------------------------------------------------------
    def _set_reading(self, on: bool) -> None:
        """Pause (False) or resume (True) reading from the transport."""

    async def _write(self, batch: list[Outgoing]) -> None:
        """Put ``batch`` on the wire and wait until the transport took it."""
        raise NotImplementedError

    def _lost(self, exc: BaseException | None, reason: str = "", *,
              failed: bool | None = None, reported: bool = False) -> None:
        raise NotImplementedError


class Backpressure:
    """Why a source connection is paused: ``target``'s send queue is full (see
    :meth:`Traffic.offer`).  One per target, so each target pauses and resumes its
    sources independently of every other reason to pause."""

    __slots__ = ("target",)

    def __init__(self, target: Traffic) -> None:
        self.target = target

    def __repr__(self) -> str:
        return f"<backpressure: send queue of {self.target.name} is full>"

"""One direction of one relay pair: hooks and faults between a source and a target connection.

Frames arrive synchronously from the source's protocol callback (``feed``).  With no hook and
no fault active and nothing held, each one goes straight to ``target.offer(..., source=...)``:
the target's bounded send queue pauses the source when it fills (end-to-end backpressure), and
no task, timer or object is made per frame.

Otherwise frames are *held* in a deque with the loop time they may leave at; one timer per pipe
(re-armed for the head of the deque, frames due within ``GRAIN`` seconds leave together)
releases them.  Held payload bytes are bounded by ``bound``: reaching it pauses the source's
reading until half of it has left, so a bandwidth limit or a long latency never grows memory
without limit — the overshoot is at most one read of the source.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from transports.errors import NotOpen, QueueFull
from transports.frames import Address, FrameKind
from transports.relay.faults import (
    Bandwidth,
    Drop,
    FaultSet,
    Latency,
    LimitData,
    Reset,
    Slicer,
    Timeout,
    Way,
)

if TYPE_CHECKING:
    from transports.aio.base import Connection
    from transports.relay.pair import Pair

log = logging.getLogger(__name__)
GRAIN = 0.001  # frames due within a millisecond of each other leave together
DEFAULT_BOUND = 1 << 20  # bytes held per direction of a pair
BANDWIDTH_TICK = 0.02  # a bandwidth limit lets stream data go in pieces of 20 ms worth…
BANDWIDTH_STEP = 1024  # …and at least 1 KiB (a 256 KiB read is not one burst)


@dataclass(frozen=True, slots=True)
class Message:
    """A frame in flight, as hooks see it: return it (or a ``dataclasses.replace``d copy with
    another payload/kind, or a ``delay`` in seconds) to pass it on, None to drop it."""

    pair: int
    way: Way
    payload: bytes
    kind: FrameKind
    delay: float = 0.0


Hook = Callable[[Message], "Message | None"]
_waiter_ids = itertools.count(1)


class _HandWaiter:
    """The source named when a pipe offers a frame sent by hand: when that fills the target's
    send queue, the target pauses this "source", and resumes it once the queue has drained —
    which lets the pipe release the frames behind (no timer polls for room)."""

    def __init__(self, pipe: Pipe) -> None:
        self.id = -next(_waiter_ids)  # never a connection's id (those count up from 1)
        self.pipe = pipe
        self.waiting = False

    def pause_reading(self, reason: object) -> None:
        self.waiting = True

    def resume_reading(self, reason: object) -> None:
        self.waiting = False
        self.pipe._arm()


class Pipe:
    """Carries ``source``'s frames to ``target`` (``peer``: the target's peer, for UDP)."""

    def __init__(self, pair: Pair, way: Way, source: Connection, target: Connection,
                 peer: Address | None = None, *, bound: int = DEFAULT_BOUND,
                 stream: bool = False) -> None:
        self.pair = pair
        self.way = way
        self.source = source
        self.target = target
        self.peer = peer
        self.bound = bound
        self.stream = stream  # a byte stream: slicer applies, drop does not
        self.ready = False  # the target is open
        self.forwarded = 0  # frames handed to the target
        self.dropped = 0  # frames dropped by a hook or the drop fault
        self.discarded = 0  # bytes discarded while the timeout fault was active
        # (release time, payload or None: limit_data reached, kind, injected by hand)
        self._held: deque[tuple[float, bytes | None, FrameKind, bool]] = deque()
        self._held_bytes = 0
        self._paused = False
        self._said_paused = False
        self._timer: asyncio.TimerHandle | None = None
        self._clock = 0.0  # release time of the last held frame: order is kept
        self._bw_clock = 0.0  # when the bandwidth limit lets the next byte go
        self._limited = 0  # bytes counted by limit_data
        self._stopped = False  # closed, or limit_data reached
        self._finishing = False  # the source ended: close the target once flushed
        self._fault_timer: asyncio.TimerHandle | None = None  # timeout / reset
        self._waiter = _HandWaiter(self)  # paused while the target's queue is full

    @property
    def held_bytes(self) -> int:
        return self._held_bytes

    @property
    def faults(self) -> FaultSet:
        return self.pair.relay.faults[self.way]

    # -- input ------------------------------------------------------------------------------
    def feed(self, payloads: Sequence[bytes], kind: FrameKind) -> None:
        """Frames the source received (one read); called from its protocol callback."""
        if self._stopped:
            return
        relay = self.pair.relay
        faults = relay.faults[self.way]
        if not faults and not relay.hooks and self.ready and not self._held:
            offer, source, peer = self.target.offer, self.source, self.peer
            try:
                for payload in payloads:
                    offer(payload, kind=kind, peer=peer, source=source)
            except (NotOpen, QueueFull, ValueError) as exc:
                self._failed(exc)
                return
            self.forwarded += len(payloads)
            return
        self._admit(payloads, kind, faults)
        self._arm()

    @property
    def direct(self) -> bool:
        """A frame sent into this direction now would go straight to the target."""
        return (self.ready and not self._stopped and not self._held
                and not self.pair.relay.faults[self.way])

    def inject(self, data: bytes | str, kind: FrameKind | None = None) -> bool:
        """A frame sent into this direction by hand (the composer, ``Relay.inject``), while
        faults are active or frames are held: it crosses this way's faults like the relayed
        frames (Toxiproxy's toxics apply to everything on the link), after those held, but
        not the hooks, and the log shows it as sent by hand.  ValueError for a frame the
        target cannot send, QueueFull when faults already hold ``bound`` bytes; True while
        they hold less."""
        if self._stopped:
            raise NotOpen(f"pair {self.pair.id} {self.way.value}: this direction has ended")
        target = self.target
        item = target._outgoing(target.encode(data), kind or target.default_kind(data),
                                self.peer)  # validates, as sending would
        if self._held_bytes >= self.bound:
            raise QueueFull(f"pair {self.pair.id} {self.way.value}: faults hold "
                            f"{self._held_bytes} bytes (bound {self.bound}); not queued")
        self._admit((item.payload,), item.kind, self.faults, injected=True)
        self._arm()
        return self._held_bytes < self.bound

    def _admit(self, payloads: Sequence[bytes], kind: FrameKind, faults: FaultSet,
               injected: bool = False) -> None:
        loop = asyncio.get_running_loop()
        now = loop.time()
        hooks = () if injected else self.pair.relay.hooks
        for payload in payloads:
            delay = 0.0
            if hooks:
                message: Message | None = Message(self.pair.id, self.way, payload, kind)
                for hook in hooks:
                    assert message is not None
                    message = hook(message)
                    if message is None:
                        break
                if message is None:
                    self.dropped += 1
                    continue
                payload, kind, delay = message.payload, message.kind, message.delay
            pieces: list[bytes] = [payload]
            interval = 0.0
            close_after = False
            if faults:
                if faults.get(Timeout) is not None:
                    self._timeout(faults.get(Timeout))
                    self.discarded += len(payload)
                    continue
                reset: Reset | None = faults.get(Reset)
                if reset is not None and self._fault_timer is None:
                    self._fault_timer = loop.call_later(reset.after, self.pair.reset,
                                                        f"{self.way.value}: fault reset")
                drop: Drop | None = faults.get(Drop)
                if drop is not None and not self.stream and faults.rng.random() < drop.probability:
                    self.dropped += 1
                    continue
                limit: LimitData | None = faults.get(LimitData)
                if limit is not None:
                    room = limit.limit - self._limited
                    if len(payload) >= room:
                        payload, close_after = payload[:max(room, 0)], True
                    self._limited += len(payload)
                    pieces = [payload] if payload else []
                latency: Latency | None = faults.get(Latency)
                if latency is not None:
                    delay += latency.delay
                    if latency.jitter:
                        delay += faults.rng.uniform(-latency.jitter, latency.jitter)
                slicer: Slicer | None = faults.get(Slicer)
                if slicer is not None and self.stream and kind is FrameKind.DATA and pieces:
                    pieces, interval = self._slice(payload, slicer, faults), slicer.interval
            due = max(now + delay, self._clock)
            bandwidth: Bandwidth | None = faults.get(Bandwidth) if faults else None
            if bandwidth is not None and self.stream and kind is FrameKind.DATA:
                pieces = _even(pieces, max(BANDWIDTH_STEP, int(bandwidth.rate * BANDWIDTH_TICK)))
            for i, piece in enumerate(pieces):
                at = due + i * interval
                if bandwidth is not None:
                    self._bw_clock = max(self._bw_clock, at, now) + len(piece) / bandwidth.rate
                    at = self._bw_clock
                self._held.append((at, piece, kind, injected))
                self._held_bytes += len(piece)
                self._clock = at
            if close_after:
                self._held.append((self._clock, None, kind, False))
                self._stopped = True
                break
        if self._held_bytes >= self.bound and not self._paused:
            self._paused = True
            self.source.pause_reading(self)
            if not self._said_paused:
                self._said_paused = True
                self.pair.relay._note(
                    f"pair {self.pair.id} {self.way.value}: {self._held_bytes} bytes held by "
                    f"faults (bound {self.bound}); reading paused until half has left")

    @staticmethod
    def _slice(payload: bytes, slicer: Slicer, faults: FaultSet) -> list[bytes]:
        pieces = []
        at = 0
        while at < len(payload):
            size = slicer.size
            if slicer.variation:
                size += faults.rng.randint(-slicer.variation, slicer.variation)
            pieces.append(payload[at:at + size])
            at += size
        return pieces

    def _timeout(self, fault: Timeout) -> None:
        if fault.after and self._fault_timer is None:
            self._fault_timer = asyncio.get_running_loop().call_later(
                fault.after, self.pair.close, f"{self.way.value}: fault timeout {fault.after:g} s")

    # -- output -----------------------------------------------------------------------------
    def set_ready(self) -> None:
        """The target is open: let held frames go."""
        self.ready = True
        self._arm()

    def _arm(self) -> None:
        if self._timer is not None or not self.ready:
            return
        if not self._held:
            if self._finishing:
                self._finishing = False
                self.pair.flushed(self.way)
            return
        if self._waiter.waiting:  # resume_reading() arms again
            return
        self._timer = asyncio.get_running_loop().call_at(self._held[0][0], self._release)

    def _release(self) -> None:
        self._timer = None
        now = asyncio.get_running_loop().time() + GRAIN
        held = self._held
        offer, source, peer = self.target.offer, self.source, self.peer
        try:
            while held and held[0][0] <= now:
                _, payload, kind, injected = held[0]
                if payload is None:  # limit_data reached
                    held.clear()
                    self._held_bytes = 0
                    self.pair.close(f"{self.way.value}: fault limit data reached")
                    return
                if injected:  # by hand: not marked automatic, but wait for room after it
                    room = offer(payload, kind=kind, peer=peer, source=self._waiter,
                                 auto=False)
                else:
                    room = offer(payload, kind=kind, peer=peer, source=source)
                held.popleft()
                self._held_bytes -= len(payload)
                self.forwarded += 1
                if not room and self._waiter.waiting:
                    break  # the target's queue is full: the rest waits, in order
        except (NotOpen, QueueFull, ValueError) as exc:
            self._failed(exc)
            return
        if self._paused and self._held_bytes <= self.bound // 2:
            self._paused = False
            self.source.resume_reading(self)
        self._arm()

    def _failed(self, exc: Exception) -> None:
        """The target cannot take frames (it ended, or rejects one): stop this direction."""
        self.pair.relay._note(f"pair {self.pair.id} {self.way.value}: not forwarded: {exc}")
        self.stop()

    # -- end --------------------------------------------------------------------------------
    def finish(self) -> None:
        """The source ended: once what is held has left, the pair closes the target."""
        self._finishing = True
        if self._timer is None:
            self._arm()

    def stop(self) -> None:
        """Forward nothing more; cancel the timers, let the source go."""
        self._stopped = True
        self._finishing = False
        for timer in (self._timer, self._fault_timer):
            if timer is not None:
                timer.cancel()
        self._timer = self._fault_timer = None
        self._held.clear()
        self._held_bytes = 0
        if self._paused:
            self._paused = False
            self.source.resume_reading(self)


def _even(pieces: list[bytes], size: int) -> list[bytes]:
    """``pieces`` cut so that none is longer than ``size`` bytes."""
    if all(len(piece) <= size for piece in pieces):
        return pieces
    return [piece[at:at + size] for piece in pieces for at in range(0, len(piece), size)]

"""MessageLog: a compact, capped, columnar store of frames (Qt-free).

Layout.  Rows live in *segments* of at most ``SEGMENT_ROWS`` rows / about ``SEGMENT_BYTES``
payload bytes.  Each segment keeps one payload buffer and four ``array`` columns:

==========  ======  ==========================================================
column      type    per row
==========  ======  ==========================================================
``ts``      ``d``   timestamp (8 B)
``starts``  ``I``   payload offset in the segment buffer (4 B); a row's length
                    is the next row's start (or the buffer end) minus its own
``flags``   ``B``   ``direction | kind << 1 | auto << 7`` (1 B; ``gui.store.rows``)
``src``     ``I``   index into the interned ``(conn_id, peer)`` table (4 B)
==========  ======  ==========================================================

That is 17 bytes per row plus the payload; no Python object is kept per frame.  Full
segments are not copied to trim their growth slack: the slack is address space that was
never written, so it costs no RSS, while copying would fragment the heap (measured: +27 vs
+18 bytes of RSS per 64-byte frame).

Caps.  When more than ``cap`` rows or more than ``byte_cap`` payload bytes are held, the
oldest rows go: the head index advances and a segment is freed as soon as the head passes its
last row, so memory stays bounded by ``cap`` rows / ``byte_cap`` bytes plus one segment.
The newest row is always kept, even when it alone is bigger than ``byte_cap``.  Every
segment knows the byte offset (since ``clear()``) where its buffer starts, so the payload
bytes between two rows are a subtraction, and the row where ``byte_cap`` is met is a
``bisect`` on the offsets column.

Change tracking (for a Qt model that flushes on a timer).  ``total`` (rows ever appended)
and ``dropped`` (rows dropped from the head) only grow until ``clear()``, which bumps
``generation``.  A model remembers the three numbers at each flush; on the next flush,
if ``generation`` changed it resets, otherwise ``dropped - old_dropped`` rows left the
head and ``total - old_total`` rows were appended at the tail.  Row ``r`` shows message
number ``seq(r) == dropped + r + 1``.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import accumulate, chain, repeat

from gui.store.rows import AUTO_SHIFT, KIND_SHIFT, RowReader, Segment, pack_flags
from transports.frames import Address, Direction, Frame, FrameKind

DEFAULT_CAP = 1_000_000
DEFAULT_BYTE_CAP = 256 * 1024 * 1024  # payload bytes held, the log's memory bound
SEGMENT_ROWS = 65_536
SEGMENT_BYTES = 32 * 1024 * 1024

_EVENT = FrameKind.EVENT  # rows of this kind are connection events (gui.store.events)


@dataclass(frozen=True, slots=True)
class Stats:
    """Traffic counters since the last ``clear()``, dropped rows included (event rows are
    not traffic and are not counted)."""

    frames_in: int = 0
    frames_out: int = 0
    bytes_in: int = 0
    bytes_out: int = 0


class MessageLog(RowReader):
    """Frames stored compactly, oldest first: at most ``cap`` of them and at most
    ``byte_cap`` payload bytes (but always the newest frame).

    Rows are 0-based indices of what is currently held; negative rows count from the end
    (the per-row getters are :class:`~gui.store.rows.RowReader`'s).
    """

    def __init__(
        self,
        cap: int = DEFAULT_CAP,
        *,
        byte_cap: int = DEFAULT_BYTE_CAP,
        segment_rows: int = SEGMENT_ROWS,
        segment_bytes: int = SEGMENT_BYTES,
    ) -> None:
        self.check_cap(cap)
        self.check_byte_cap(byte_cap)
        if segment_rows < 1 or not 1 <= segment_bytes <= 2**31:
            raise ValueError("segment_rows must be >= 1 and segment_bytes in 1..2**31")
        self._cap = cap
        self._byte_cap = byte_cap
        self._segment_rows = segment_rows
        self._segment_bytes = segment_bytes
        self._generation = 0
        self._reset()

    def _reset(self) -> None:
        self._tail = Segment(0)
        self._buf = self._tail.buf
        self._segments = [self._tail]
        self._firsts = [0]  # Segment.first of each segment, for bisect
        self._head = 0  # absolute index of row 0 == rows dropped since clear
        self._head_pos = 0  # payload bytes dropped since clear (byte offset of row 0)
        self._count = 0
        self._sources = []
        self._source_ids: dict[tuple[int, Address | None], int] = {}
        self._frames_in = self._frames_out = self._bytes_in = self._bytes_out = 0

    @staticmethod
    def check_cap(cap: int) -> None:
        if not isinstance(cap, int) or cap < 1:
            raise ValueError(f"message cap must be a positive integer, got {cap!r}")

    @staticmethod
    def check_byte_cap(byte_cap: int) -> None:
        """ValueError unless ``byte_cap`` is a positive integer."""
        if not isinstance(byte_cap, int) or byte_cap < 1:
            raise ValueError(f"log byte cap must be a positive integer, got {byte_cap!r}")

    # -- size and change tracking ---------------------------------------------------------

    @property
    def cap(self) -> int:
        """Most rows held; appending beyond it drops the oldest."""
        return self._cap

    @cap.setter
    def cap(self, cap: int) -> None:
        self.check_cap(cap)
        self._cap = cap
        self._enforce_caps()

    @property
    def byte_cap(self) -> int:
        """Most payload bytes held; appending beyond it drops the oldest rows."""
        return self._byte_cap

    @byte_cap.setter
    def byte_cap(self, byte_cap: int) -> None:
        self.check_byte_cap(byte_cap)
        self._byte_cap = byte_cap
        self._enforce_caps()

    @property
    def nbytes(self) -> int:
        """Payload bytes of the rows held."""
        return self._held_bytes()

    def _held_bytes(self) -> int:
        return self._tail.base + len(self._buf) - self._head_pos

    def __len__(self) -> int:
        return self._count

    @property
    def dropped(self) -> int:
        """Rows dropped from the head since the last ``clear()``."""
        return self._head

    @property
    def total(self) -> int:
        """Rows ever appended since the last ``clear()``."""
        return self._head + self._count

    @property
    def generation(self) -> int:
        """Incremented by every ``clear()``."""
        return self._generation

    @property
    def stats(self) -> Stats:
        return Stats(self._frames_in, self._frames_out, self._bytes_in, self._bytes_out)

    def segments(self) -> list[Segment]:
        """The segments holding rows, oldest first (for the filter; do not mutate)."""
        return list(self._segments)

    def clear(self) -> None:
        """Forget everything (counters too) and bump ``generation``."""
        self._generation += 1
        self._reset()

    # -- appending ------------------------------------------------------------------------

    def append(self, frame: Frame) -> None:
        """Store one frame (hot path: called for every frame)."""
        seg = self._tail
        buf = self._buf
        if len(seg.ts) >= self._segment_rows or len(buf) >= self._segment_bytes:
            seg = self._new_segment()
            buf = self._buf
        payload = frame.payload
        direction = frame.direction
        key = (frame.conn_id, frame.peer)
        src = self._source_ids.get(key)
        if src is None:
            src = self._intern(key)
        seg.starts.append(len(buf))
        buf += payload
        seg.ts.append(frame.timestamp)
        kind = frame.kind
        seg.flags.append(direction | kind << KIND_SHIFT | frame.auto << AUTO_SHIFT)
        seg.src.append(src)
        if kind == _EVENT:  # a connection event row: not traffic
            pass
        elif direction:
            self._frames_out += 1
            self._bytes_out += len(payload)
        else:
            self._frames_in += 1
            self._bytes_in += len(payload)
        self._count += 1
        if self._count > self._cap or self._held_bytes() > self._byte_cap:
            self._enforce_caps()

    def extend(self, frames: Iterable[Frame]) -> None:
        """Append many frames (``append`` inlined, one segment's columns at a time)."""
        frames = iter(frames)
        source_ids = self._source_ids
        while True:
            first = next(frames, None)
            if first is None:
                return
            seg, buf = self._tail, self._buf
            room = self._segment_rows - len(seg.ts)
            if room <= 0 or len(buf) >= self._segment_bytes:
                seg = self._new_segment()
                buf, room = self._buf, self._segment_rows
            limit = self._segment_bytes
            starts, ts, flags, src = seg.starts, seg.ts, seg.flags, seg.src
            n = f_in = b_in = f_out = b_out = 0
            try:
                for frame in chain((first,), frames):
                    payload = frame.payload
                    direction = frame.direction
                    key = (frame.conn_id, frame.peer)
                    s = source_ids.get(key)
                    if s is None:
                        s = self._intern(key)
                    starts.append(len(buf))
                    buf += payload
                    ts.append(frame.timestamp)
                    kind = frame.kind
                    flags.append(direction | kind << KIND_SHIFT | frame.auto << AUTO_SHIFT)
                    src.append(s)
                    if kind == _EVENT:  # a connection event row: not traffic
                        pass
                    elif direction:
                        f_out += 1
                        b_out += len(payload)
                    else:
                        f_in += 1
                        b_in += len(payload)
                    n += 1
                    if n == room or len(buf) >= limit:
                        break
            finally:  # keep the counters right even if the iterable raises
                self._frames_in += f_in
                self._frames_out += f_out
                self._bytes_in += b_in
                self._bytes_out += b_out
                self._count += n
                if self._count > self._cap or self._held_bytes() > self._byte_cap:
                    self._enforce_caps()

    def extend_payloads(self, payloads: Sequence[bytes], timestamp: float,
                        direction: Direction, kind: FrameKind, conn_id: int,
                        peer: Address | None, auto: bool = False) -> None:
        """Append frames that share all but their payload — what one socket read yields —
        with C-level column operations instead of a Python step per frame (the flood path)."""
        key = (conn_id, peer)
        src = self._source_ids.get(key)
        if src is None:
            src = self._intern(key)
        flag = pack_flags(direction, kind, auto)
        total = len(payloads)
        done = 0
        while done < total:
            seg, buf = self._tail, self._buf
            room = self._segment_rows - len(seg.ts)
            if room <= 0 or len(buf) >= self._segment_bytes:
                seg = self._new_segment()
                buf, room = self._buf, self._segment_rows
            chunk = payloads[done:done + room]
            lengths = list(map(len, chunk))
            base = len(buf)
            starts = list(accumulate(lengths, initial=base))
            limit = self._segment_bytes
            if starts[-1] > limit:  # keep offsets small: stop at the segment's byte budget
                m = max(1, bisect_right(starts, limit) - 1)
                chunk, lengths, starts = chunk[:m], lengths[:m], starts[:m + 1]
            m = len(chunk)
            seg.starts.extend(starts[:-1])
            buf += b"".join(chunk)
            seg.ts.extend(repeat(timestamp, m))
            seg.flags.extend(repeat(flag, m))
            seg.src.extend(repeat(src, m))
            size = starts[-1] - base
            if direction:
                self._frames_out += m
                self._bytes_out += size
            else:
                self._frames_in += m
                self._bytes_in += size
            self._count += m
            done += m
        if self._count > self._cap or self._held_bytes() > self._byte_cap:
            self._enforce_caps()

    def _intern(self, key: tuple[int, Address | None]) -> int:
        src = self._source_ids[key] = len(self._sources)
        self._sources.append(key)
        return src

    def _new_segment(self) -> Segment:
        tail = self._tail
        seg = Segment(tail.first + len(tail), tail.base + len(tail.buf))
        self._buf = seg.buf
        self._segments.append(seg)
        self._firsts.append(seg.first)
        self._tail = seg
        return seg

    def _enforce_caps(self) -> None:
        """Drop the oldest rows until both caps hold (the newest row always stays)."""
        head = self._head
        end = head + self._count
        new_head = max(head, end - self._cap)
        excess = self._held_bytes() - self._byte_cap
        if excess > 0:  # the first row starting at or after byte offset head_pos + excess
            target = self._head_pos + excess
            segments = self._segments
            # The last segment starting before the target holds the row, or the next one's
            # row 0 is it (segments of empty rows share a base: they all start at it).  The
            # head segment starts at or before head_pos < target, so there is one.
            seg = segments[bisect_left([s.base for s in segments], target) - 1]
            first = seg.first + bisect_left(seg.starts, target - seg.base)
            new_head = max(new_head, min(first, end - 1))
        if new_head > head:
            self._drop(new_head - head)

    def _position(self, a: int) -> int:
        """Byte offset (since clear) where absolute row ``a`` starts; the end for ``a == total``."""
        tail = self._tail
        if a >= tail.first + len(tail):
            return tail.base + len(tail.buf)
        seg = tail if a >= tail.first else self._segments[bisect_right(self._firsts, a) - 1]
        return seg.base + seg.starts[a - seg.first]

    def _drop(self, n: int) -> None:
        self._head += n
        self._count -= n
        self._head_pos = self._position(self._head)
        segments, firsts = self._segments, self._firsts
        while len(segments) > 1 and firsts[1] <= self._head:
            del segments[0], firsts[0]

"""The row layout of :class:`~gui.store.log.MessageLog` (Qt-free): the ``flags`` byte packing
of direction, kind and the automatic mark, and ``Segment``, one block of rows in columns.
The store appends to segments; the filter scans them.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right

from transports.frames import Address, Direction, Frame, FrameKind

DIRECTIONS = tuple(Direction)
KINDS = {k.value: k for k in FrameKind}

# A row's ``flags`` byte, the one packing of direction, kind and the automatic mark (the
# filter reads it too).
DIRECTION_MASK = 1  # bit 0: the Direction
KIND_SHIFT = 1  # bits 1..6: the FrameKind
KIND_MASK = 0x3F  # of ``flags >> KIND_SHIFT``
AUTO_SHIFT = 7  # bit 7: Frame.auto (a reply Sockscope sent on its own)
AUTO_BIT = 1 << AUTO_SHIFT
assert max(FrameKind) <= KIND_MASK


def pack_flags(direction: Direction, kind: FrameKind, auto: bool = False) -> int:
    """The ``flags`` byte of a row (the hot paths inline
    ``direction | kind << KIND_SHIFT | auto << AUTO_SHIFT``)."""
    return direction | kind << KIND_SHIFT | auto << AUTO_SHIFT


def unpack_flags(flags: int) -> tuple[Direction, FrameKind, bool]:
    return (DIRECTIONS[flags & DIRECTION_MASK], KINDS[flags >> KIND_SHIFT & KIND_MASK],
            bool(flags & AUTO_BIT))


class Segment:
    """One block of rows.  Internal to the store and its filter; read, never mutate."""

    __slots__ = ("base", "buf", "first", "flags", "src", "starts", "ts")

    def __init__(self, first: int, base: int = 0) -> None:
        self.first = first  # absolute index (since clear) of this segment's row 0
        self.base = base  # payload bytes appended (since clear) before this segment's buf
        self.ts = array("d")
        self.starts = array("I")
        self.flags = array("B")
        self.src = array("I")
        self.buf = bytearray()

    def __len__(self) -> int:
        return len(self.ts)

    def end(self, i: int) -> int:
        """End offset of local row ``i`` in ``buf``."""
        return self.starts[i + 1] if i + 1 < len(self.starts) else len(self.buf)


class RowReader:
    """The per-row getters of a segmented log: rows are 0-based indices of what is held
    (negative ones count from the end), located by ``bisect`` on the segments' first rows.
    :class:`~gui.store.log.MessageLog` fills the state; this only reads it."""

    _tail: Segment
    _segments: list[Segment]
    _firsts: list[int]  # Segment.first of each segment, for bisect
    _head: int  # absolute index of row 0 == rows dropped since clear
    _count: int
    _sources: list[tuple[int, Address | None]]  # interned (conn_id, peer) of Segment.src

    # -- reading --------------------------------------------------------------------------

    def _locate(self, row: int) -> tuple[Segment, int]:
        count = self._count
        if row < 0:
            row += count
        if not 0 <= row < count:
            raise IndexError(f"row {row} out of range (0..{count - 1})")
        a = self._head + row
        tail = self._tail
        if a >= tail.first:
            return tail, a - tail.first
        seg = self._segments[bisect_right(self._firsts, a) - 1]
        return seg, a - seg.first

    def payload(self, row: int) -> bytes:
        seg, i = self._locate(row)
        return bytes(seg.buf[seg.starts[i] : seg.end(i)])

    def length(self, row: int) -> int:
        seg, i = self._locate(row)
        return seg.end(i) - seg.starts[i]

    def timestamp(self, row: int) -> float:
        seg, i = self._locate(row)
        return seg.ts[i]

    def direction(self, row: int) -> Direction:
        seg, i = self._locate(row)
        return DIRECTIONS[seg.flags[i] & DIRECTION_MASK]

    def kind(self, row: int) -> FrameKind:
        seg, i = self._locate(row)
        return KINDS[seg.flags[i] >> KIND_SHIFT & KIND_MASK]

    def auto(self, row: int) -> bool:
        """Whether ``row`` is a frame Sockscope sent on its own (``Frame.auto``)."""
        seg, i = self._locate(row)
        return bool(seg.flags[i] & AUTO_BIT)

    def conn_id(self, row: int) -> int:
        seg, i = self._locate(row)
        return self._sources[seg.src[i]][0]

    def peer(self, row: int) -> Address | None:
        seg, i = self._locate(row)
        return self._sources[seg.src[i]][1]

    def seq(self, row: int) -> int:
        """Message number of ``row`` (1-based, unchanged when older rows are dropped)."""
        self._locate(row)
        return self._head + (row % self._count) + 1

    def row_of_seq(self, seq: int) -> int | None:
        """The row showing message number ``seq``, or None if dropped or not yet appended."""
        row = seq - 1 - self._head
        return row if 0 <= row < self._count else None

    def frame(self, row: int) -> Frame:
        """Rebuild the stored frame of ``row``."""
        seg, i = self._locate(row)
        direction, kind, auto = unpack_flags(seg.flags[i])
        conn_id, peer = self._sources[seg.src[i]]
        return Frame(
            payload=bytes(seg.buf[seg.starts[i] : seg.end(i)]),
            direction=direction,
            conn_id=conn_id,
            timestamp=seg.ts[i],
            kind=kind,
            peer=peer,
            auto=auto,
        )

    def conn_sources(self, conn_id: int | None) -> set[int]:
        """Interned source indices (``Segment.src`` values) that belong to ``conn_id``."""
        return {i for i, (c, _) in enumerate(self._sources) if conn_id is None or c == conn_id}

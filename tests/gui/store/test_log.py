"""MessageLog: storage, accessors, cap / drop-oldest, clear, change counters."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.store.log import DEFAULT_CAP, MessageLog, Stats
from transports.frames import Direction, Frame, FrameKind

PEER = ("127.0.0.1", 5000)


def frame(
    payload: bytes = b"x",
    direction: Direction = Direction.IN,
    conn_id: int = 1,
    timestamp: float = 0.0,
    kind: FrameKind = FrameKind.DATA,
    peer: tuple[str, int] | None = None,
) -> Frame:
    return Frame(payload, direction, conn_id, timestamp, kind, peer)


def numbered(n: int, start: int = 1) -> list[Frame]:
    return [frame(b"m%d" % i, timestamp=float(i)) for i in range(start, start + n)]


def test_empty_log() -> None:
    log = MessageLog()
    assert len(log) == 0
    assert (log.total, log.dropped, log.generation) == (0, 0, 0)
    assert log.cap == DEFAULT_CAP >= 1_000_000
    assert log.stats == Stats(0, 0, 0, 0)
    assert log.row_of_seq(1) is None
    with pytest.raises(IndexError):
        log.payload(0)


def test_every_accessor_round_trips() -> None:
    frames = [
        frame(b"hello", Direction.OUT, 7, 1.25, FrameKind.TEXT, None),
        frame(b"", Direction.IN, 8, 2.5, FrameKind.PING, PEER),
        frame(bytes(range(256)), Direction.IN, 2**40, 3.75, FrameKind.CLOSE, ("::1", 65535)),
    ]
    log = MessageLog()
    log.extend(frames)
    assert len(log) == 3
    for row, f in enumerate(frames):
        assert log.frame(row) == f
        assert log.payload(row) == f.payload and type(log.payload(row)) is bytes
        assert log.length(row) == len(f.payload)
        assert log.timestamp(row) == f.timestamp
        assert log.direction(row) is f.direction
        assert log.kind(row) is f.kind
        assert log.conn_id(row) == f.conn_id
        assert log.peer(row) == f.peer
        assert log.seq(row) == row + 1
        assert log.row_of_seq(row + 1) == row
    assert log.frame(-1) == frames[-1]
    assert log.seq(-1) == 3
    for bad in (3, -4):
        with pytest.raises(IndexError):
            log.frame(bad)


def test_every_kind_and_direction_survives_the_flags_byte() -> None:
    log = MessageLog()
    pairs = [(d, k) for d in Direction for k in FrameKind]
    log.extend(frame(direction=d, kind=k) for d, k in pairs)
    assert [(log.direction(r), log.kind(r)) for r in range(len(log))] == pairs


def test_peers_are_interned() -> None:
    log = MessageLog()
    log.extend(frame(peer=("10.0.0.1", 9000)) for _ in range(100))
    log.append(frame(peer=("10.0.0.2", 9000)))
    first = log.peer(0)
    assert first == ("10.0.0.1", 9000)
    assert all(log.peer(r) is first for r in range(100))
    assert log.peer(100) == ("10.0.0.2", 9000)


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_encoded_text_is_stored_as_bytes_unchanged(encoding: str) -> None:
    data = "你好，世界 — hello".encode(encoding)
    log = MessageLog(segment_rows=2)
    log.extend([frame(data), frame(data[:3]), frame(b"\xff\xfe\x00")])
    assert [log.payload(r) for r in range(3)] == [data, data[:3], b"\xff\xfe\x00"]


def test_cap_drops_oldest_and_keeps_message_numbers() -> None:
    log = MessageLog(cap=5, segment_rows=2)
    log.extend(numbered(12))
    assert len(log) == 5
    assert (log.dropped, log.total) == (7, 12)
    assert [log.payload(r) for r in range(5)] == [b"m%d" % i for i in range(8, 13)]
    assert [log.seq(r) for r in range(5)] == [8, 9, 10, 11, 12]
    assert log.row_of_seq(7) is None
    assert log.row_of_seq(8) == 0
    assert log.row_of_seq(12) == 4
    assert log.row_of_seq(13) is None


def test_lowering_the_cap_drops_now_and_raising_keeps_rows() -> None:
    log = MessageLog(cap=10, segment_rows=3)
    log.extend(numbered(10))
    log.cap = 4
    assert len(log) == 4 and log.dropped == 6
    assert log.payload(0) == b"m7"
    log.cap = 100
    log.extend(numbered(3, start=11))
    assert len(log) == 7 and log.dropped == 6
    assert log.payload(-1) == b"m13"


@pytest.mark.parametrize("cap", [0, -1, 1.5])
def test_bad_cap_is_refused(cap: object) -> None:
    with pytest.raises(ValueError, match="cap"):
        MessageLog(cap=cap)  # type: ignore[arg-type]
    log = MessageLog()
    with pytest.raises(ValueError, match="cap"):
        log.cap = cap  # type: ignore[assignment]


def test_memory_is_freed_a_segment_at_a_time() -> None:
    log = MessageLog(cap=10, segment_rows=4)
    for i, f in enumerate(numbered(1000)):
        log.append(f)
        segments = log.segments()
        # bounded by the cap plus one partly dropped segment
        assert len(segments) <= 10 // 4 + 2
        assert sum(len(s) for s in segments) <= 10 + 4
        assert segments[0].first + len(segments[0]) > log.dropped or i < 10


def test_segments_also_split_by_payload_bytes() -> None:
    log = MessageLog(segment_bytes=100)
    log.extend(frame(b"z" * 60) for _ in range(10))
    assert len(log.segments()) == 5
    assert all(len(s.buf) <= 100 + 60 for s in log.segments())
    assert [log.length(r) for r in range(10)] == [60] * 10


def test_stats_count_both_directions_including_dropped() -> None:
    log = MessageLog(cap=2)
    log.extend(
        [
            frame(b"abc", Direction.IN),
            frame(b"12345", Direction.OUT),
            frame(b"", Direction.IN),
            frame(b"zz", Direction.OUT),
        ]
    )
    assert log.stats == Stats(frames_in=2, frames_out=2, bytes_in=3, bytes_out=7)


def test_clear_resets_everything_and_bumps_generation() -> None:
    log = MessageLog(cap=3, segment_rows=2)
    log.extend(numbered(5, start=1))
    log.clear()
    assert (len(log), log.total, log.dropped, log.generation) == (0, 0, 0, 1)
    assert log.stats == Stats()
    assert log.cap == 3
    log.append(frame(b"after", peer=PEER))
    assert (log.seq(0), log.payload(0), log.peer(0)) == (1, b"after", PEER)


def test_total_and_dropped_tell_a_model_what_changed() -> None:
    """Emulates a Qt model flushing now and then: removed at the head, inserted at the tail."""
    log = MessageLog(cap=50, segment_rows=8)
    shown: list[bytes] = []
    mark = (log.generation, log.total, log.dropped)
    counter = 0
    for batch in (3, 40, 1, 100, 7):
        log.extend(frame(b"%d" % i) for i in range(counter, counter + batch))
        counter += batch
        generation, total, dropped = log.generation, log.total, log.dropped
        assert generation == mark[0]
        removed, added = dropped - mark[2], total - mark[1]
        del shown[: min(removed, len(shown))]
        new_rows = range(len(log) - min(added, len(log)), len(log))
        shown.extend(log.payload(r) for r in new_rows)
        mark = (generation, total, dropped)
        assert shown == [log.payload(r) for r in range(len(log))]


ops = st.one_of(
    st.tuples(
        st.just("append"),
        st.binary(max_size=6),
        st.sampled_from(Direction),
        st.integers(0, 3),
        st.sampled_from(FrameKind),
        st.sampled_from([None, PEER, ("10.1.1.1", 1)]),
    ),
    st.tuples(st.just("extend"), st.lists(st.binary(max_size=5), max_size=12)),
    st.tuples(st.just("cap"), st.integers(1, 12)),
    st.tuples(st.just("byte_cap"), st.integers(1, 30)),
    st.tuples(st.just("clear")),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(ops, max_size=60), st.integers(1, 5))
def test_matches_a_simple_list_model(script: list[tuple[object, ...]], seg_rows: int) -> None:
    log = MessageLog(cap=8, byte_cap=40, segment_rows=seg_rows, segment_bytes=8)
    model: list[Frame] = []
    total = generation = 0
    cap, byte_cap = 8, 40
    for n, op in enumerate(script):
        if op[0] == "append":
            _, payload, direction, conn_id, kind, peer = op
            f = Frame(payload, direction, conn_id, float(n), kind, peer)  # type: ignore[arg-type]
            log.append(f)
            model.append(f)
            total += 1
        elif op[0] == "extend":
            payloads: list[bytes] = op[1]  # type: ignore[assignment]
            batch = [
                Frame(p, Direction(i % 2), i, float(n), FrameKind.BINARY)
                for i, p in enumerate(payloads)
            ]
            log.extend(iter(batch))
            model.extend(batch)
            total += len(batch)
        elif op[0] == "cap":
            cap = op[1]  # type: ignore[assignment]
            log.cap = cap
        elif op[0] == "byte_cap":
            byte_cap = op[1]  # type: ignore[assignment]
            log.byte_cap = byte_cap
        else:
            log.clear()
            model.clear()
            total = 0
            generation += 1
        del model[: max(0, len(model) - cap)]
        while len(model) > 1 and sum(len(f.payload) for f in model) > byte_cap:
            del model[0]  # the oldest go first; the newest frame always stays
        assert len(log) == len(model)
        assert log.nbytes == sum(len(f.payload) for f in model)
        assert (log.total, log.dropped, log.generation) == (total, total - len(model), generation)
        assert [log.frame(r) for r in range(len(log))] == model
        assert [log.seq(r) for r in range(len(log))] == list(
            range(total - len(model) + 1, total + 1)
        )
        if total == len(model):  # nothing dropped since clear: stats equal the model
            traffic = [f for f in model if f.kind is not FrameKind.EVENT]  # events: no traffic
            ins = [f for f in traffic if f.direction is Direction.IN]
            outs = [f for f in traffic if f.direction is Direction.OUT]
            assert log.stats == Stats(
                len(ins),
                len(outs),
                sum(len(f.payload) for f in ins),
                sum(len(f.payload) for f in outs),
            )


@given(st.lists(st.lists(st.binary(max_size=40), max_size=30), max_size=12),
       st.integers(1, 200), st.integers(4, 64), st.integers(1, 2000))
def test_extend_payloads_matches_append(batches: list[list[bytes]], cap: int,
                                        segment_rows: int, byte_cap: int) -> None:
    fast = MessageLog(cap, byte_cap=byte_cap, segment_rows=segment_rows, segment_bytes=256)
    slow = MessageLog(cap, byte_cap=byte_cap, segment_rows=segment_rows, segment_bytes=256)
    for i, payloads in enumerate(batches):
        direction = Direction(i % 2)
        fast.extend_payloads(payloads, float(i), direction, FrameKind.BINARY, 7, ("h", i % 3))
        for payload in payloads:
            slow.append(Frame(payload, direction, 7, float(i), FrameKind.BINARY, ("h", i % 3)))
    assert (len(fast), fast.total, fast.dropped, fast.stats, fast.nbytes) == (
        len(slow), slow.total, slow.dropped, slow.stats, slow.nbytes)
    assert [fast.frame(r) for r in range(len(fast))] == [slow.frame(r) for r in range(len(slow))]


def test_event_rows_are_rows_but_not_traffic() -> None:
    from gui.store.events import EventType, LogEvent, event_frame

    log = MessageLog()
    log.append(Frame(b"abc", Direction.IN, 1, 1.0))
    log.append(event_frame(1, ("127.0.0.1", 9), LogEvent(EventType.PEER_LEFT, "bye"), 2.0))
    log.extend([event_frame(1, None, LogEvent(EventType.ERROR, "boom"), 3.0)])
    assert len(log) == 3 and log.kind(1) is FrameKind.EVENT
    assert log.stats == Stats(frames_in=1, bytes_in=3)
    assert LogEvent.decode(log.payload(2)) == LogEvent(EventType.ERROR, "boom")


def test_byte_cap_drops_oldest_frees_segments_and_keeps_the_newest() -> None:
    log = MessageLog(byte_cap=1000, segment_rows=1000, segment_bytes=300)
    for i in range(50):
        log.append(Frame(bytes([i]) * 100, Direction.IN, 1, float(i)))
    assert log.nbytes == 1000 and len(log) == 10 and log.dropped == 40
    assert log.payload(0) == bytes([40]) * 100 and log.seq(0) == 41
    # held segments: the rows kept plus at most one partly dropped segment
    assert sum(len(s.buf) for s in log.segments()) <= 1000 + 300
    log.append(Frame(b"x" * 5000, Direction.OUT, 1, 99.0))  # bigger than the cap on its own
    assert len(log) == 1 and log.payload(0) == b"x" * 5000 and log.nbytes == 5000
    log.extend_payloads([b"ab"] * 10, 100.0, Direction.IN, FrameKind.DATA, 1, None)
    assert len(log) == 10 and log.nbytes == 20  # the big one went first
    log.byte_cap = 7  # lowering drops now
    assert [log.payload(r) for r in range(len(log))] == [b"ab"] * 3
    assert log.stats.bytes_in == 50 * 100 + 20  # counters include what was dropped
    with pytest.raises(ValueError, match="byte cap"):
        log.byte_cap = 0


@pytest.mark.parametrize("kind", list(FrameKind))
def test_the_auto_mark_is_its_own_bit_beside_direction_and_kind(kind: FrameKind) -> None:
    log = MessageLog()
    for direction in Direction:
        for auto in (False, True):
            log.append(Frame(b"r", direction, 3, 1.0, kind, PEER, auto))
    log.extend([Frame(b"e", Direction.OUT, 3, 2.0, kind, PEER, True)])
    log.extend_payloads([b"a", b"b"], 3.0, Direction.OUT, kind, 3, PEER, auto=True)
    log.extend_payloads([b"c"], 4.0, Direction.OUT, kind, 3, PEER)
    assert [(log.direction(r), log.kind(r), log.auto(r)) for r in range(len(log))] == [
        (Direction.IN, kind, False), (Direction.IN, kind, True),
        (Direction.OUT, kind, False), (Direction.OUT, kind, True),
        (Direction.OUT, kind, True), (Direction.OUT, kind, True), (Direction.OUT, kind, True),
        (Direction.OUT, kind, False)]
    assert [log.frame(r).auto for r in range(len(log))] == [False, True, False] + [True] * 4 \
        + [False]

"""LogModel: batched publishing, drops, clear, filters, previews and times."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from gui.models.log_model import LogModel
from gui.store.filter import FilterMode, FilterSpec
from gui.store.log import MessageLog
from transports.frames import Direction, Frame, FrameKind

T0 = 1_700_000_000.0


def frame(
    payload: bytes,
    i: int = 0,
    direction: Direction = Direction.IN,
    kind: FrameKind = FrameKind.DATA,
    peer: tuple[str, int] | None = None,
) -> Frame:
    return Frame(payload, direction, 1, T0 + i * 0.5, kind, peer)


def frames(n: int, start: int = 0) -> Iterator[Frame]:
    for i in range(start, start + n):
        yield frame(b"msg %d" % i, i, Direction(i % 2))


class Recorder:
    """Counts row signals of a model."""

    def __init__(self, model: LogModel) -> None:
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        self.resets = 0
        model.rowsInserted.connect(lambda _p, a, b: self.inserted.append((a, b)))
        model.rowsRemoved.connect(lambda _p, a, b: self.removed.append((a, b)))
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.resets += 1


def text(model: LogModel, row: int, col: int) -> str:
    value = model.data(model.index(row, col))
    assert isinstance(value, str)
    return value


@pytest.fixture
def log() -> MessageLog:
    return MessageLog()


@pytest.fixture
def model(qtbot: QtBot, log: MessageLog) -> Iterator[LogModel]:
    m = LogModel(log, interval_ms=10_000)  # tests flush by hand
    yield m
    m.set_log(None)


def test_qtmodeltester_while_appending_and_after_drops(
    qtmodeltester: ModelTester, qtbot: QtBot
) -> None:
    log = MessageLog(cap=50)
    model = LogModel(log, interval_ms=10_000)
    log.extend(frames(20))
    qtmodeltester.check(model, force_py=True)
    model.flush()
    log.extend(frames(45, 20))  # 65 appended, 15 dropped
    model.flush()
    assert model.rowCount() == 50
    assert text(model, 0, LogModel.SEQ) == "16"
    log.clear()
    model.flush()
    assert model.rowCount() == 0
    log.extend(frames(3))
    model.flush()
    model.set_filter(FilterSpec(FilterMode.SUBSTRING, "msg 1"))
    log.extend(frames(30, 3))
    model.flush()
    model.set_log(None)


def test_one_flush_is_one_insert(model: LogModel, log: MessageLog) -> None:
    rec = Recorder(model)
    log.extend(frames(10_000))
    assert model.rowCount() == 0  # nothing published before the flush
    model.flush()
    assert rec.inserted == [(0, 9_999)]
    assert rec.removed == [] and rec.resets == 0
    model.flush()  # nothing new: no signal
    assert len(rec.inserted) == 1
    log.extend(frames(5, 10_000))
    model.flush()
    assert rec.inserted[-1] == (10_000, 10_004)
    assert model.rowCount() == 10_005


def test_timer_flushes(qtbot: QtBot, log: MessageLog) -> None:
    model = LogModel(log, interval_ms=20)
    log.extend(frames(100))
    qtbot.waitUntil(lambda: model.rowCount() == 100, timeout=2000)
    model.set_log(None)


def test_drop_oldest_is_rows_removed(qtbot: QtBot) -> None:
    log = MessageLog(cap=10)
    model = LogModel(log, interval_ms=10_000)
    rec = Recorder(model)
    log.extend(frames(8))
    model.flush()
    log.extend(frames(5, 8))  # 13 appended, 3 dropped
    model.flush()
    assert rec.removed == [(0, 2)]
    assert rec.inserted == [(0, 7), (5, 9)]
    assert model.rowCount() == 10
    assert [model.seq_at(r) for r in (0, 9)] == [4, 13]
    assert text(model, 0, LogModel.PREVIEW) == (b"msg 3").hex(" ")
    # More than a whole log between two flushes: every old row goes, the new ones come.
    log.extend(frames(25, 13))
    model.flush()
    assert rec.removed[-1] == (0, 9)
    assert rec.inserted[-1] == (0, 9)
    assert model.seq_at(0) == 29
    assert rec.resets == 0
    model.set_log(None)


def test_rows_dropped_before_the_flush_show_nothing(qtbot: QtBot) -> None:
    log = MessageLog(cap=5)
    model = LogModel(log, interval_ms=10_000)
    log.extend(frames(5))
    model.flush()
    log.extend(frames(2, 5))  # rows 0 and 1 of the model are gone from the log
    assert model.data(model.index(0, LogModel.PREVIEW)) is None
    assert text(model, 0, LogModel.SEQ) == "1"
    assert text(model, 2, LogModel.PREVIEW) == (b"msg 2").hex(" ")  # still right
    model.set_log(None)


def test_clear_resets(model: LogModel, log: MessageLog) -> None:
    rec = Recorder(model)
    log.extend(frames(10))
    model.flush()
    log.clear()
    assert model.data(model.index(3, LogModel.PREVIEW)) is None  # stale rows show nothing
    model.flush()
    assert rec.resets == 1 and model.rowCount() == 0
    log.extend(frames(2))
    model.flush()
    assert model.rowCount() == 2 and model.seq_at(0) == 1


def test_columns(model: LogModel, log: MessageLog) -> None:
    log.append(frame(b"hello", 0, Direction.OUT, peer=("127.0.0.1", 5000)))
    log.append(frame(b"\x03\xe8", 3, Direction.IN, FrameKind.CLOSE))
    model.flush()
    assert model.headerData(0, Qt.Orientation.Horizontal) == "#"
    assert model.columnCount() == 6
    assert text(model, 0, LogModel.SEQ) == "1"
    assert text(model, 0, LogModel.DIRECTION) == "→ out"
    assert text(model, 1, LogModel.DIRECTION) == "← in close"
    bold = model.data(model.index(0, LogModel.DIRECTION), Qt.ItemDataRole.FontRole)
    assert bold.bold()
    assert model.headerData(LogModel.DIRECTION, Qt.Orientation.Horizontal) == "Direction"
    assert text(model, 0, LogModel.PEER) == "127.0.0.1:5000"
    assert text(model, 1, LogModel.PEER) == ""
    assert text(model, 0, LogModel.LENGTH) == "5"
    assert text(model, 0, LogModel.PREVIEW) == "68 65 6c 6c 6f"
    out = model.data(model.index(0, LogModel.DIRECTION), Qt.ItemDataRole.ForegroundRole)
    inc = model.data(model.index(1, LogModel.DIRECTION), Qt.ItemDataRole.ForegroundRole)
    assert out == LogModel.OUT_COLOR and inc == LogModel.IN_COLOR
    assert model.data(model.index(0, LogModel.PEER), Qt.ItemDataRole.ForegroundRole) is None
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    for col in range(model.columnCount()):
        index = model.index(0, col)  # as the view asks: through the index, with enum roles
        align = index.data(Qt.ItemDataRole.TextAlignmentRole)
        assert (align == right) if col in (LogModel.SEQ, LogModel.LENGTH) else align is None
        assert index.data(Qt.ItemDataRole.DecorationRole) is None
        assert index.data(Qt.ItemDataRole.DisplayRole) == text(model, 0, col)
    assert model.rowCount(model.index(0, 0)) == 0
    assert model.data(QModelIndex()) is None
    got = model.frame_at(0)
    assert got is not None and got.payload == b"hello" and got.peer == ("127.0.0.1", 5000)


def test_automatic_frames_are_marked_in_the_direction_column(model: LogModel,
                                                            log: MessageLog) -> None:
    log.append(frame(b"ping", 0))
    log.append(Frame(b"pong", Direction.OUT, 1, T0 + 1, auto=True))
    log.append(Frame(b"", Direction.OUT, 1, T0 + 2, FrameKind.PONG, auto=True))
    log.append(frame(b"typed", 3, Direction.OUT))
    model.flush()
    assert [text(model, r, LogModel.DIRECTION) for r in range(4)] == [
        "← in", "→ out ⟲ auto", "→ out ⟲ auto pong", "→ out"]
    tips = [model.data(model.index(r, LogModel.DIRECTION), Qt.ItemDataRole.ToolTipRole)
            for r in range(4)]
    assert tips[0] is None and tips[3] is None
    assert tips[1] == tips[2] and "automatically" in tips[1]
    assert model.data(model.index(1, LogModel.PEER), Qt.ItemDataRole.ToolTipRole) is None


def test_time_absolute_and_relative(model: LogModel, log: MessageLog) -> None:
    log.extend([frame(b"a", 0), frame(b"b", 3)])
    model.flush()
    assert text(model, 1, LogModel.TIME).count(":") == 2
    changed: list[int] = []
    model.dataChanged.connect(lambda tl, br, roles: changed.append(tl.column()))
    model.set_relative_time(True)
    assert changed == [LogModel.TIME]
    assert text(model, 0, LogModel.TIME) == "+0.000000"
    assert text(model, 1, LogModel.TIME) == "+1.500000"


def test_previews_hex_and_text_gbk_utf16(model: LogModel, log: MessageLog) -> None:
    log.append(frame("你好".encode("gbk")))
    log.append(frame("hi 你好".encode("utf-16-le")))
    log.append(frame(b"line\r\n"))
    log.append(frame(b"x" * 100))
    model.flush()
    assert text(model, 0, LogModel.PREVIEW) == "c4 e3 ba c3"
    model.set_display("text")
    model.set_encoding("GBK")
    assert text(model, 0, LogModel.PREVIEW) == "你好"
    assert text(model, 2, LogModel.PREVIEW) == "line\\r\\n"
    assert text(model, 3, LogModel.PREVIEW) == "x" * 64 + "…"
    model.set_encoding("utf-16-le")
    assert text(model, 1, LogModel.PREVIEW) == "hi 你好"
    with pytest.raises(ValueError, match="encoding"):
        model.set_encoding("nope")
    with pytest.raises(ValueError, match="display"):
        model.set_display("braille")


@pytest.mark.parametrize(
    ("mode", "pattern", "expected"),
    [
        (FilterMode.SUBSTRING, "msg 1", [2, 11, 12, 13]),  # msg 1, msg 10..12
        (FilterMode.HEX, "6d 73 67 20 37", [8]),  # "msg 7"
        (FilterMode.REGEX, r"msg [35]$", [4, 6]),
    ],
)
def test_filter_modes(
    model: LogModel, log: MessageLog, mode: FilterMode, pattern: str, expected: list[int]
) -> None:
    log.extend(frames(13))
    model.flush()
    model.set_filter(FilterSpec(mode, pattern))
    assert model.filtering
    assert [model.seq_at(r) for r in range(model.rowCount())] == expected
    assert model.row_of_seq(expected[-1]) == len(expected) - 1
    assert model.row_of_seq(1) is None


def test_filter_extends_incrementally_and_follows_drops(qtbot: QtBot) -> None:
    log = MessageLog(cap=20)
    model = LogModel(log, interval_ms=10_000)
    log.extend(frames(10))
    model.flush()
    model.set_filter(FilterSpec(FilterMode.REGEX, r"[02468]$"))  # even messages
    rec = Recorder(model)
    assert [model.seq_at(r) for r in range(model.rowCount())] == [1, 3, 5, 7, 9]
    log.extend(frames(15, 10))  # 25 appended, 5 dropped (msgs 0..4 = seq 1..5)
    model.flush()
    assert rec.removed == [(0, 2)]
    assert rec.inserted == [(2, 9)]
    assert [model.seq_at(r) for r in range(model.rowCount())] == list(range(7, 26, 2))
    assert text(model, 0, LogModel.PREVIEW) == (b"msg 6").hex(" ")
    model.set_filter(None)
    assert not model.filtering and model.rowCount() == 20
    model.set_log(None)


def test_bad_filter_raises(model: LogModel) -> None:
    with pytest.raises(ValueError, match="hex"):
        model.set_filter(FilterSpec(FilterMode.HEX, "6g"))
    with pytest.raises(ValueError, match="regular expression"):
        model.set_filter(FilterSpec(FilterMode.REGEX, "("))
    assert not model.filtering


def test_filter_in_slices_finishes_on_the_loop(
    qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.store import view

    monkeypatch.setattr(view, "SCAN_SLICE", 100)
    monkeypatch.setattr(view, "SCAN_BUDGET_S", 0.0)
    monkeypatch.setattr(view, "TICK_BUDGET_S", 0.0)
    log = MessageLog()
    log.extend(frames(1000))
    model = LogModel(log, interval_ms=10_000)
    rec = Recorder(model)
    with qtbot.waitSignal(model.filter_finished, timeout=5000):
        model.set_filter(FilterSpec(FilterMode.SUBSTRING, "9"))
        assert model.filter_pending
        assert model.rowCount() < 271
    assert not model.filter_pending
    assert model.rowCount() == sum(b"9" in b"msg %d" % i for i in range(1000))
    assert len(rec.inserted) >= 5  # the later slices came as insertions
    seqs = [model.seq_at(r) for r in range(model.rowCount())]
    assert seqs == sorted(seqs)
    model.set_log(None)

"""LogView (Qt-free): what observers are told, filters in slices, drops and clears."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from gui.store import view as view_module
from gui.store.filter import FilterMode, FilterSpec
from gui.store.log import MessageLog
from gui.store.view import LogView, ViewObserver
from transports.frames import Direction, Frame


def frames(n: int, start: int = 0) -> Iterator[Frame]:
    for i in range(start, start + n):
        yield Frame(b"msg %d" % i, Direction(i % 2), 1, 1000.0 + i)


class Record(ViewObserver):
    """Every call, and the view's length seen at each (before/after the change)."""

    def __init__(self, view: LogView) -> None:
        self.view = view
        self.calls: list[tuple[str, int, int, int]] = []

    def about_to_reset(self) -> None:
        self.calls.append(("about_to_reset", 0, 0, len(self.view)))

    def reset(self) -> None:
        self.calls.append(("reset", 0, 0, len(self.view)))

    def about_to_remove(self, first: int, last: int) -> None:
        self.calls.append(("about_to_remove", first, last, len(self.view)))

    def removed(self, first: int, last: int) -> None:
        self.calls.append(("removed", first, last, len(self.view)))

    def about_to_insert(self, first: int, last: int) -> None:
        self.calls.append(("about_to_insert", first, last, len(self.view)))

    def inserted(self, first: int, last: int) -> None:
        self.calls.append(("inserted", first, last, len(self.view)))


def test_one_refresh_is_one_insert_and_drops_are_one_removal() -> None:
    log = MessageLog(cap=100)
    view = LogView(log)
    rec = Record(view)
    unsubscribe = view.subscribe(rec)
    log.extend(frames(60))
    assert len(view) == 0 and view.refresh()
    assert rec.calls == [("about_to_insert", 0, 59, 0), ("inserted", 0, 59, 60)]
    assert not view.refresh()  # nothing new: no call
    rec.calls.clear()
    log.extend(frames(70, 60))  # 130 appended: the oldest 30 dropped
    assert view.refresh()
    assert rec.calls == [("about_to_remove", 0, 29, 60), ("removed", 0, 29, 30),
                         ("about_to_insert", 30, 99, 30), ("inserted", 30, 99, 100)]
    assert view.seq_at(0) == 31 and view.row_of_seq(31) == 0 and view.row_of_seq(30) is None
    assert view.frame_at(0) == log.frame(0) and view.time_base == 1000.0
    rec.calls.clear()
    log.clear()
    view.refresh()
    assert rec.calls == [("about_to_reset", 0, 0, 100), ("reset", 0, 0, 0)]
    assert view.time_base is None
    unsubscribe()
    log.extend(frames(1))
    view.refresh()
    assert len(rec.calls) == 2 and len(view) == 1


def test_filter_follows_new_rows_and_drops() -> None:
    log = MessageLog(cap=50)
    log.extend(frames(40))
    view = LogView(log)
    view.set_filter(FilterSpec(FilterMode.SUBSTRING, "1", direction=Direction.IN))
    expected = [i + 1 for i in range(40) if b"1" in b"msg %d" % i and i % 2 == 0]
    assert [view.seq_at(r) for r in range(len(view))] == expected
    log.extend(frames(30, 40))  # 70 appended, 20 dropped
    view.refresh()
    expected = [i + 1 for i in range(20, 70) if b"1" in b"msg %d" % i and i % 2 == 0]
    assert [view.seq_at(r) for r in range(len(view))] == expected
    assert all(view.log_row(r) is not None for r in range(len(view)))
    with pytest.raises(ValueError, match="hex"):
        view.set_filter(FilterSpec(FilterMode.HEX, "zz"))
    assert view.filtering  # a bad filter leaves the view as it was
    view.set_filter(None)
    assert not view.filtering and len(view) == 50


def test_a_filter_over_a_big_log_runs_in_slices(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(view_module, "SCAN_SLICE", 100)
    monkeypatch.setattr(view_module, "SCAN_BUDGET_S", 0.0)
    log = MessageLog()
    log.extend(frames(1000))
    view = LogView(log)
    rec = Record(view)
    view.subscribe(rec)
    view.set_filter(FilterSpec(FilterMode.SUBSTRING, "9"))
    assert view.pending and len(view) < 271
    turns = 0
    while view.pending:
        view.refresh(budget=0.0)
        turns += 1
    assert turns >= 5
    assert [view.seq_at(r) for r in range(len(view))] == [
        i + 1 for i in range(1000) if b"9" in b"msg %d" % i]
    inserts = [c for c in rec.calls if c[0] == "inserted"]
    assert len(inserts) == turns  # each later slice: one insertion at the tail


def test_a_new_log_resets_and_publishes_what_it_holds() -> None:
    a, b = MessageLog(), MessageLog()
    a.extend(frames(3))
    b.extend(frames(5, 100))
    view = LogView(a)
    assert view.time_base == 1000.0
    view.set_log(b)
    assert len(view) == 5 and view.seq_at(0) == 1 and view.time_base == 1100.0
    view.set_log(None)
    assert len(view) == 0 and not view.refresh() and view.log_row(0) is None

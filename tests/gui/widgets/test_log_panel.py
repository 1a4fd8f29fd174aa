"""LogPanel: view settings, filter box errors, clear, dropped count, tail following, selection."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator

from pytestqt.qtbot import QtBot

from gui.models.log_model import LogModel
from gui.store.log import MessageLog
from gui.widgets.log_panel import LogPanel
from gui.workspace.model import ViewSettings
from tests.gui.conftest import until
from transports.frames import Direction, Frame


def frames(n: int, start: int = 0) -> Iterator[Frame]:
    for i in range(start, start + n):
        yield Frame(b"msg %d" % i, Direction(i % 2), 1, 1_700_000_000.0 + i)


def preview(panel: LogPanel, row: int) -> str:
    return str(panel.model.data(panel.model.index(row, LogModel.PREVIEW)))


def test_view_settings_round_trip(panel: LogPanel, qtbot: QtBot) -> None:
    log = MessageLog()
    log.append(Frame("你好".encode("gbk"), Direction.IN, 1, 1.0))
    view = ViewSettings("text", "gbk", "relative", "regex", "")
    panel.set_log(log, view)
    assert panel.view_settings() == view
    assert preview(panel, 0) == "你好"
    assert panel.model.relative_time
    with qtbot.waitSignal(panel.view_changed):
        panel.display_combo.setCurrentIndex(panel.display_combo.findData("hex"))
    assert preview(panel, 0) == "c4 e3 ba c3"
    assert panel.view_settings().display == "hex"


def test_unknown_encoding_in_settings_is_added_or_ignored(panel: LogPanel) -> None:
    panel.set_log(MessageLog(), ViewSettings(encoding="cp1252"))
    assert panel.view_settings().encoding == "cp1252"
    panel.set_log(MessageLog(), ViewSettings(encoding="no-such-codec"))
    assert panel.view_settings().encoding == "utf-8"


def test_filter_box_and_bad_pattern(panel: LogPanel, qtbot: QtBot) -> None:
    log = MessageLog()
    log.extend(frames(30))
    panel.set_log(log)
    panel.filter_edit.setText("msg 2")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 11)  # msg 2, msg 20..29 (after a pause)
    panel.filter_mode_combo.setCurrentIndex(panel.filter_mode_combo.findData("hex"))
    assert panel.filter_error.isVisible()
    assert "hex digit" in panel.filter_error.text()
    assert panel.model.rowCount() == 11  # the last good filter stays
    panel.filter_edit.setText("6d 73 67 20 37")
    panel.apply_filter()
    assert not panel.filter_error.isVisible()
    assert panel.model.rowCount() == 1
    panel.filter_mode_combo.setCurrentIndex(panel.filter_mode_combo.findData("regex"))
    panel.filter_edit.setText("msg (1")
    panel.apply_filter()
    assert "regular expression" in panel.filter_error.text()
    panel.filter_edit.clear()
    panel.apply_filter()
    assert panel.model.rowCount() == 30 and not panel.filter_error.isVisible()


def test_selection_shows_detail_and_survives_filtering(panel: LogPanel) -> None:
    log = MessageLog()
    log.extend(frames(30))
    panel.set_log(log)
    panel.select_row(21)
    assert panel.detail.frame is not None and panel.detail.frame.payload == b"msg 21"
    assert "#22" in panel.detail.summary.text()
    panel.filter_edit.setText("msg 2")
    panel.apply_filter()
    current = panel.table.currentIndex()
    assert current.isValid() and panel.model.seq_at(current.row()) == 22
    assert panel.detail.frame.payload == b"msg 21"


def test_clear_and_dropped_label(panel: LogPanel) -> None:
    log = MessageLog(cap=10)
    log.extend(frames(15))
    panel.set_log(log)
    assert panel.dropped_label.isVisible() and panel.dropped_label.text() == "5 dropped"
    panel.select_row(0)
    panel.clear_button.click()
    assert len(log) == 0 and panel.model.rowCount() == 0
    assert not panel.dropped_label.isVisible()
    assert panel.detail.frame is None


def test_follows_the_tail_only_at_the_bottom(panel: LogPanel, qtbot: QtBot) -> None:
    log = MessageLog()
    log.extend(frames(200))
    panel.set_log(log)
    bar = panel.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    assert bar.value() == bar.maximum()
    log.extend(frames(100, 200))
    panel.model.flush()
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and panel.model.rowCount() == 300)
    top_row = panel.table.rowAt(0)
    assert top_row > 250  # showing the tail
    bar.setValue(10)  # the user scrolls up
    log.extend(frames(100, 300))
    panel.model.flush()
    qtbot.wait(50)
    assert bar.value() == 10 and bar.maximum() > 10


def test_dropped_rows_keep_the_reader_in_place(panel: LogPanel, qtbot: QtBot) -> None:
    log = MessageLog(cap=300)
    log.extend(frames(300))
    panel.set_log(log)
    bar = panel.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(100)
    seq_on_top = panel.model.seq_at(panel.table.rowAt(0))
    log.extend(frames(20, 300))  # 20 oldest dropped
    panel.model.flush()
    qtbot.wait(20)
    assert panel.model.seq_at(panel.table.rowAt(0)) == seq_on_top


def test_timer_publishes_while_shown(panel: LogPanel, qtbot: QtBot) -> None:
    log = MessageLog()
    panel.set_log(log)
    log.extend(frames(1000))
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1000, timeout=2000)
    bar = panel.table.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())


def test_view_filter_applies_to_the_new_log(panel: LogPanel) -> None:
    log = MessageLog()
    log.extend(frames(30))
    panel.set_log(log, ViewSettings(filter_mode="substring", filter_text="msg 1"))
    assert panel.model.filtering and panel.model.rowCount() == 11
    assert panel.filter_edit.text() == "msg 1"
    panel.set_log(log, ViewSettings(filter_mode="hex", filter_text="zz"))
    assert not panel.model.filtering and panel.filter_error.isVisible()


def test_publishes_on_the_qasync_loop(
    qasync_loop: asyncio.AbstractEventLoop, panel: LogPanel
) -> None:
    # (the loop fixture comes first so that it outlives the panel)
    log = MessageLog()
    panel.set_log(log)

    async def feed() -> None:
        for i in range(20):
            log.extend(frames(50, i * 50))  # as the session does: straight into the store
            await asyncio.sleep(0.005)
        await until(lambda: panel.model.rowCount() == 1000, message="1000 rows published")

    qasync_loop.run_until_complete(feed())
    assert panel.model.data(panel.model.index(999, LogModel.SEQ)) == "1000"

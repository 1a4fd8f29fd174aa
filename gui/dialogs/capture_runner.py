"""File ▸ Export… / Open capture…: run the capture writers and readers on the loop.

An export or an open runs as an owned task (``gui.capture.run``: time-boxed slices, the window
stays responsive) with a progress dialog whose Cancel cancels the task — the
writer then deletes its temporary file, so nothing is left under the chosen name.  Opened
captures are shown read-only in a "Captures" window, one tab each, with the same table, filter
and detail pane as the main log.  Dialogs are opened with ``open()``, never ``exec()``.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from gui.capture import (
    Capture,
    CaptureError,
    CaptureSource,
    ExportOptions,
    ExportResult,
    Transport,
    open_reader,
    open_writer,
)
from gui.capture.run import export_in_slices, read_in_slices
from gui.dialogs.export_dialog import ExportChoice, ExportDialog, Scope
from gui.session import Entry
from gui.widgets.log_panel import LogPanel
from transports.state import State
from transports.tasks import TaskGroup
from transports.url import Scheme, UrlError, parse_url

_PROGRESS_STEPS = 1000


def capture_source(entry: Entry) -> CaptureSource:
    """What a connection entry's log came from (protocol, side, our address)."""
    try:
        scheme = parse_url(entry.spec.url).scheme
    except UrlError:
        scheme = Scheme.TCP
    transport = (Transport.UDP if scheme is Scheme.UDP else
                 Transport.WEBSOCKET if scheme in (Scheme.WS, Scheme.WSS) else Transport.TCP)
    conn = entry.conn
    local = None
    if conn is not None and conn.state is State.OPEN and entry.is_server:
        local = (conn.endpoint.host, conn.endpoint.port)
    elif conn is not None:
        local = getattr(conn, "local_address", None)
    return CaptureSource(transport, entry.is_server, local, entry.name, entry.address)


class CaptureWindow(QWidget):
    """Opened captures, read-only, one tab each."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Window)
        self.setObjectName("capture_window")
        self.setWindowTitle(self.tr("Sockscope — captures"))
        self.tabs = QTabWidget()
        self.tabs.setTabsClosable(True)
        self.tabs.setDocumentMode(True)
        self.tabs.tabCloseRequested.connect(self._close_tab)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tabs)
        self.resize(1200, 760)

    def add(self, capture: Capture) -> LogPanel:
        panel = LogPanel()
        panel.clear_button.hide()  # read-only: the file is the record
        panel.set_log(capture.log)
        source = capture.source
        side = self.tr("server") if source.server else self.tr("client")
        about = self.tr("{path} — {name} {url} ({transport} {side}), read-only").format(
            path=str(capture.path), name=source.name, url=source.url,
            transport=source.transport.value, side=side)
        title = QLabel(about)
        title.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addWidget(title)
        layout.addWidget(panel, 1)
        page.setProperty("panel", panel)
        index = self.tabs.addTab(page, capture.path.name)
        self.tabs.setTabToolTip(index, about)
        self.tabs.setCurrentIndex(index)
        return panel

    def _close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        self.tabs.removeTab(index)
        if widget is not None:
            widget.deleteLater()
        if self.tabs.count() == 0:
            self.close()


class CaptureController(QObject):
    """Export and open for one window: its log panel, its tasks, its status bar."""

    def __init__(self, parent: QWidget, panel: LogPanel, tasks: TaskGroup,
                 current_entry: Callable[[], Entry | None],
                 status: Callable[[str], None]) -> None:
        super().__init__(parent)
        self._parent = parent
        self.panel = panel
        self.tasks = tasks
        self.current_entry = current_entry
        self.status = status
        self.folder = Path.home()
        self.export_dialog: ExportDialog | None = None
        self.file_dialog: QFileDialog | None = None
        self.progress: QProgressDialog | None = None
        self.message: QMessageBox | None = None
        self.captures: CaptureWindow | None = None
        self.task: asyncio.Task[object] | None = None
        panel.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        panel.table.customContextMenuRequested.connect(self._context_menu)

    # -- export -------------------------------------------------------------------------------
    def export_dialog_for(self, scope: Scope = Scope.ALL) -> ExportDialog | None:
        """File ▸ Export… (or the log's context menu): ask, then export in slices."""
        entry = self.current_entry()
        log = self.panel.log
        if entry is None or log is None:
            self.status(self.tr("Select a connection to export its log"))
            return None
        view = self.panel.model.view
        name = "".join(c if c.isalnum() or c in "-_." else "_" for c in entry.name) or "capture"
        stamp = time.strftime("%Y%m%d-%H%M%S")
        dialog = ExportDialog(self._parent, total=len(log),
                              filtered=len(view) if view.filtering else None,
                              selected=len(self._selected_rows()),
                              path=self.folder / f"{name}-{stamp}.pcapng", scope=scope)
        dialog.accepted.connect(lambda: self._export_chosen(dialog.choice(), entry))
        self.export_dialog = dialog
        dialog.open()
        return dialog

    def _selected_rows(self) -> list[int]:
        model = self.panel.model
        rows = (model.log_row(i.row()) for i in self.panel.table.selectionModel().selectedRows())
        return sorted(r for r in rows if r is not None)

    def _rows_for(self, scope: Scope) -> list[int] | None:
        if scope is Scope.SELECTED:
            return self._selected_rows()
        if scope is Scope.FILTERED:
            view = self.panel.model.view
            rows = (view.log_row(r) for r in range(len(view)))
            return [r for r in rows if r is not None]
        return None

    def _export_chosen(self, choice: ExportChoice, entry: Entry) -> None:
        log = self.panel.log
        if log is None:
            return
        self.folder = choice.path.parent
        options = ExportOptions(encoding=self.panel.model.encoding, direction=choice.direction,
                                source=capture_source(entry))
        try:
            writer = open_writer(log, choice.path, self._rows_for(choice.scope),
                                 fmt=choice.fmt, options=options)
        except (CaptureError, IndexError) as exc:
            self._error(self.tr("Export failed"), str(exc))
            return
        progress = self._progress(self.tr("Exporting {n} rows to {name}…").format(
            n=f"{writer.total:,}", name=choice.path.name))
        self._run(export_in_slices(writer, self._on_progress), "export", progress,
                  self._exported)

    def _exported(self, result: object) -> None:
        assert isinstance(result, ExportResult)
        text = self.tr("Exported {n} rows to {path}").format(n=f"{result.rows:,}",
                                                              path=str(result.path))
        if result.skipped:
            text += self.tr(" ({n} rows left the log before they were written)").format(
                n=f"{result.skipped:,}")
        self.status(text)

    # -- open ---------------------------------------------------------------------------------
    def open_dialog(self) -> QFileDialog:
        """File ▸ Open capture…: a JSON Lines or pcapng file written by Sockscope."""
        dialog = QFileDialog(self._parent, self.tr("Open capture"), str(self.folder),
                             self.tr("Sockscope captures (*.jsonl *.ndjson *.pcapng)"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.fileSelected.connect(lambda path: self.open_path(Path(path)))
        self.file_dialog = dialog
        dialog.open()
        return dialog

    def open_path(self, path: Path) -> None:
        self.folder = path.parent
        try:
            reader = open_reader(path)
        except CaptureError as exc:
            self._error(self.tr("Cannot open the capture"), str(exc))
            return
        progress = self._progress(self.tr("Reading {name}…").format(name=path.name))
        self._run(read_in_slices(reader, self._on_progress), "open capture", progress,
                  self._opened)

    def _opened(self, capture: object) -> None:
        assert isinstance(capture, Capture)
        if self.captures is None:
            self.captures = CaptureWindow(self._parent)
        self.captures.add(capture)
        self.captures.show()
        self.captures.raise_()
        self.status(self.tr("Opened {n} rows from {path}").format(n=f"{len(capture.log):,}",
                                                                 path=str(capture.path)))

    # -- running ------------------------------------------------------------------------------
    def _progress(self, label: str) -> QProgressDialog:
        progress = QProgressDialog(label, self.tr("Cancel"), 0, _PROGRESS_STEPS, self._parent)
        progress.setWindowTitle(self.tr("Sockscope"))
        # Not modal, and shown with show(): a modal QProgressDialog runs processEvents() inside
        # setValue(), which would re-enter the qasync loop from the export task (it hangs).
        # The window stays usable; clearing the log meanwhile stops the export with a message.
        progress.setWindowModality(Qt.WindowModality.NonModal)
        progress.setMinimumDuration(0)
        progress.setAutoClose(False)
        progress.setAutoReset(False)
        progress.setValue(0)
        self.progress = progress
        progress.show()
        return progress

    def _on_progress(self, done: int, total: int) -> None:
        if self.progress is not None and total > 0:
            self.progress.setValue(min(_PROGRESS_STEPS, done * _PROGRESS_STEPS // total))

    def _run(self, coro: Coroutine[Any, Any, object], name: str, progress: QProgressDialog,
             then: Callable[[object], None]) -> None:
        task: asyncio.Task[object] = self.tasks.start(coro, name, awaited=True)
        self.task = task
        progress.canceled.connect(task.cancel)

        def finished(done: asyncio.Task[object]) -> None:
            self.task = None
            progress.canceled.disconnect(task.cancel)
            progress.close()
            self.progress = None
            if done.cancelled():
                self.status(self.tr("Cancelled: nothing was written") if name == "export"
                            else self.tr("Cancelled"))
                return
            exc = done.exception()
            if isinstance(exc, CaptureError):
                self._error(self.tr("Export failed") if name == "export"
                            else self.tr("Cannot open the capture"), str(exc))
            elif exc is not None:
                self._error(self.tr("Unexpected error"), f"{type(exc).__name__}: {exc}")
            else:
                then(done.result())

        task.add_done_callback(finished)

    def _error(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok,
                          self._parent)
        self.message = box
        box.open()

    # -- the log's context menu ---------------------------------------------------------------
    def _context_menu(self, pos: QPoint) -> None:
        menu = QMenu(self.panel.table)
        selected = len(self._selected_rows())
        action = menu.addAction(self.tr("Export selected rows…"))
        action.setEnabled(selected > 0)
        action.triggered.connect(lambda: self.export_dialog_for(Scope.SELECTED))
        if self.panel.model.view.filtering:
            menu.addAction(self.tr("Export filtered rows…")).triggered.connect(
                lambda: self.export_dialog_for(Scope.FILTERED))
        menu.addAction(self.tr("Export all rows…")).triggered.connect(
            lambda: self.export_dialog_for(Scope.ALL))
        menu.popup(self.panel.table.viewport().mapToGlobal(pos))

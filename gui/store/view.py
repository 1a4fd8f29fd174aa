"""LogView: a filtered, ordered view over a MessageLog that observers follow (Qt-free).

Mitmproxy's ``View`` is the model: one store, a view that filters it, and subscribers that are
told which rows came and went.  The store (:class:`~gui.store.log.MessageLog`) is appended to
directly by the session, with no callback per frame; the view catches up when its owner calls
:meth:`LogView.refresh` (the Qt adapter does so on a 40 ms timer, a headless tool whenever it
likes) and then tells its observers at most one removal at the head (oldest rows dropped by
the cap) and one insertion at the tail per refresh, or a reset (``clear()``, a new log, a new
filter).

Rows are kept as *absolute* indices (``seq - 1``: stable while older rows are dropped), so a
view row keeps naming the same message between two refreshes.  With a filter, the view holds
the sorted absolute indices of the matching rows and extends them at each refresh by running
the filter on the new rows only.  A new filter over a big log is applied in slices within a
time budget; :attr:`LogView.pending` tells the owner to call :meth:`LogView.refresh` again
soon (the view itself never schedules anything).

Observer calls come in pairs around each change, so a Qt model can wrap them in
``beginInsertRows``/``endInsertRows`` and friends: ``about_to_*`` runs before the view's rows
change, the other call after.
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections.abc import Callable

from gui.store.filter import CompiledFilter, FilterSpec, compile_filter, matching_rows
from gui.store.log import MessageLog
from transports.frames import Frame

SCAN_SLICE = 65_536  # rows per matching_rows() call when applying a filter
SCAN_BUDGET_S = 0.15  # applying a filter: work this long at once, then hand back
TICK_BUDGET_S = 0.05  # later slices, per refresh


class ViewObserver:
    """What a :class:`LogView` tells its observers; override what you need (all no-ops).

    ``first``/``last`` are view rows, inclusive, as Qt counts them."""

    def about_to_reset(self) -> None: ...
    def reset(self) -> None: ...
    def about_to_remove(self, first: int, last: int) -> None: ...
    def removed(self, first: int, last: int) -> None: ...
    def about_to_insert(self, first: int, last: int) -> None: ...
    def inserted(self, first: int, last: int) -> None: ...


class LogView:
    """The rows of a :class:`MessageLog` that pass a filter, oldest first, as last refreshed."""

    def __init__(self, log: MessageLog | None = None) -> None:
        self._observers: list[ViewObserver] = []
        self._log: MessageLog | None = None
        self._gen = self._total = self._dropped = 0  # what the last refresh saw
        self._first = 0  # unfiltered: absolute index of row 0
        self._rows = 0  # unfiltered: published row count
        self._compiled: CompiledFilter | None = None
        self._matches: array[int] = array("q")  # filtered: absolute indices, ascending
        self._scanned = 0  # filtered: absolute index up to which the filter ran
        self._behind = False  # the last scan stopped before the end of the log
        self._time_base: float | None = None
        if log is not None:
            self.set_log(log)

    # -- observers ------------------------------------------------------------------------

    def subscribe(self, observer: ViewObserver) -> Callable[[], None]:
        """Tell ``observer`` about every change from now on; returns an unsubscriber."""
        self._observers.append(observer)

        def unsubscribe() -> None:
            if observer in self._observers:
                self._observers.remove(observer)

        return unsubscribe

    # -- configuration --------------------------------------------------------------------

    @property
    def log(self) -> MessageLog | None:
        return self._log

    def set_log(self, log: MessageLog | None) -> None:
        """Show ``log`` (everything it holds now is published at once; a reset)."""
        def change() -> None:
            if log is not self._log:
                self._log = log
                self._time_base = None

        self._reset(change)

    def set_filter(self, spec: FilterSpec | None) -> None:
        """Show only matching rows (None or an empty spec: all).  ValueError if ``spec`` is bad
        (the view is then unchanged).  A reset; the scan may continue (:attr:`pending`)."""
        compiled = None
        if spec is not None and (spec.pattern or spec.direction is not None or spec.conn_id):
            compiled = compile_filter(spec)
        def change() -> None:
            self._compiled = compiled

        self._reset(change)

    @property
    def filtering(self) -> bool:
        return self._compiled is not None

    @property
    def pending(self) -> bool:
        """A filter has older rows still to scan: call :meth:`refresh` again soon."""
        return self._log is not None and self._compiled is not None and self._behind

    @property
    def time_base(self) -> float | None:
        """Timestamp of the first message since the log was last cleared (relative times)."""
        return self._time_base

    # -- rows -----------------------------------------------------------------------------

    def __len__(self) -> int:
        return len(self._matches) if self._compiled is not None else self._rows

    def absolute(self, row: int) -> int:
        """Absolute index (``seq - 1``) shown by view row ``row``."""
        if self._compiled is not None:
            return self._matches[row]
        if not 0 <= row < self._rows:
            raise IndexError(row)
        return self._first + row

    def log_row(self, row: int) -> int | None:
        """The log row that view row ``row`` shows, or None if it has left the log."""
        log = self._log  # (inlined: data() calls this for every painted cell)
        if log is None or log.generation != self._gen or row < 0:
            return None
        if self._compiled is not None:
            if row >= len(self._matches):
                return None
            a = self._matches[row]
        elif row < self._rows:
            a = self._first + row
        else:
            return None
        r = a - log.dropped
        return r if 0 <= r < len(log) else None

    def row_of_seq(self, seq: int) -> int | None:
        """The view row showing message number ``seq``, if published and matching."""
        a = seq - 1
        if self._compiled is not None:
            i = bisect_left(self._matches, a)
            return i if i < len(self._matches) and self._matches[i] == a else None
        r = a - self._first
        return r if 0 <= r < self._rows else None

    def frame_at(self, row: int) -> Frame | None:
        lr = self.log_row(row)
        return None if lr is None or self._log is None else self._log.frame(lr)

    def seq_at(self, row: int) -> int:
        return self.absolute(row) + 1

    # -- refreshing -----------------------------------------------------------------------

    def refresh(self, budget: float | None = None) -> bool:
        """Publish what changed in the log since the last refresh; False if nothing did.

        A filter runs on new rows for about ``budget`` seconds (default ``TICK_BUDGET_S``);
        see :attr:`pending`."""
        log = self._log
        if log is None:
            return False
        if log.generation != self._gen:
            self._reset(None)
            return True
        total, dropped = log.total, log.dropped
        scanning = self._compiled is not None and self._scanned < total
        if total == self._total and dropped == self._dropped and not scanning:
            return False
        self._remove_head(dropped)
        if self._compiled is None:
            start = max(self._first + self._rows, dropped)
            if self._rows == 0:
                self._first = start
            n = total - start
            if n > 0:
                self._insert(self._rows, n, None)
        else:
            found = self._scan(TICK_BUDGET_S if budget is None else budget)
            if found:
                self._insert(len(self._matches), len(found), found)
        self._total, self._dropped = total, dropped
        if self._time_base is None and len(log):
            self._time_base = log.timestamp(0)
        return True

    def _insert(self, at: int, n: int, found: array[int] | None) -> None:
        for o in self._observers:
            o.about_to_insert(at, at + n - 1)
        if found is None:
            self._rows += n
        else:
            self._matches.extend(found)
        for o in self._observers:
            o.inserted(at, at + n - 1)

    def _remove_head(self, dropped: int) -> None:
        if self._compiled is not None:
            k = bisect_left(self._matches, dropped)
        else:
            k = min(dropped - self._first, self._rows)
        if k <= 0:
            return
        for o in self._observers:
            o.about_to_remove(0, k - 1)
        if self._compiled is not None:
            del self._matches[:k]
        else:
            self._first += k
            self._rows -= k
        for o in self._observers:
            o.removed(0, k - 1)

    def _reset(self, change: Callable[[], None] | None) -> None:
        for o in self._observers:
            o.about_to_reset()
        if change is not None:
            change()
        self._load()
        for o in self._observers:
            o.reset()

    def _load(self) -> None:
        """Take the log's current state (inside a reset)."""
        log = self._log
        self._matches = array("q")
        self._behind = False
        if log is None:
            self._gen = self._total = self._dropped = self._first = self._rows = 0
            self._scanned = 0
            self._time_base = None
            return
        if log.generation != self._gen:
            self._time_base = None
        self._gen, self._total, self._dropped = log.generation, log.total, log.dropped
        self._first, self._rows = log.dropped, len(log)
        self._scanned = log.dropped
        if self._time_base is None and len(log):
            self._time_base = log.timestamp(0)
        if self._compiled is not None:
            self._matches = self._scan(SCAN_BUDGET_S)

    def _scan(self, budget: float) -> array[int]:
        """Run the filter on unscanned rows for about ``budget`` seconds; absolute indices."""
        log, compiled = self._log, self._compiled
        assert log is not None and compiled is not None
        out: array[int] = array("q")
        dropped, total = log.dropped, log.total
        pos = max(self._scanned, dropped)
        deadline = time.perf_counter() + budget
        while pos < total:
            stop = min(pos + SCAN_SLICE, total)
            rows = matching_rows(log, compiled, pos - dropped, stop - dropped)
            out.extend(rows if dropped == 0 else map(dropped.__add__, rows))
            pos = stop
            if time.perf_counter() > deadline:
                break
        self._scanned = pos
        self._behind = pos < total
        return out

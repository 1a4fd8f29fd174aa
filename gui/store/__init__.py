"""Qt-free message store of the Sockscope window: the frame log, its filtered view, rates."""

from gui.store.filter import (
    CompiledFilter,
    FilterMode,
    FilterSpec,
    compile_filter,
    matching_rows,
)
from gui.store.log import DEFAULT_CAP, MessageLog, Stats
from gui.store.rates import RateMeter, Rates
from gui.store.view import LogView, ViewObserver

__all__ = [
    "DEFAULT_CAP",
    "CompiledFilter",
    "FilterMode",
    "FilterSpec",
    "LogView",
    "MessageLog",
    "RateMeter",
    "Rates",
    "Stats",
    "ViewObserver",
    "compile_filter",
    "matching_rows",
]

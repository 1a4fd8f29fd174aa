"""Qt-free message store of the Sockscope window: the frame log, its filter and rates."""

from gui.store.filter import (
    CompiledFilter,
    FilterMode,
    FilterSpec,
    compile_filter,
    matching_rows,
    parse_hex_pattern,
)
from gui.store.log import DEFAULT_CAP, MessageLog, Stats
from gui.store.rates import RateMeter, Rates

__all__ = [
    "DEFAULT_CAP",
    "CompiledFilter",
    "FilterMode",
    "FilterSpec",
    "MessageLog",
    "RateMeter",
    "Rates",
    "Stats",
    "compile_filter",
    "matching_rows",
    "parse_hex_pattern",
]

"""Reading a JSON document with a path tracker: typed getters whose errors name the JSON path
(``connections[2].options.tls.ca_file``), what was expected and what was found, and a record
of the keys that were read so that the unknown ones can be kept."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from enum import Enum
from typing import Any, TypeVar

from gui.workspace.errors import WorkspaceError

E = TypeVar("E", bound=Enum)
MISSING: Any = object()  # "no default": the key is required


def child_path(parent: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{parent}[{key}]"
    return f"{parent}.{key}" if parent else key


def describe(value: object) -> str:
    """A short, JSON-flavoured description of a found value."""
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 40 else text[:37] + "…" + text[-1:]


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    if isinstance(value, int) and not isinstance(value, bool):
        return abs(value) < 1e300  # beyond that, float() overflows
    return isinstance(value, float) and math.isfinite(value)


def _text_encoding_ok(name: str) -> bool:
    try:
        "".encode(name)
    except LookupError:
        return False
    return True


class Fields:
    """A JSON object being read: typed getters that raise :class:`WorkspaceError` with a path,
    and a record of which keys were read (the others are kept as unknown)."""

    def __init__(self, value: object, path: str) -> None:
        if not isinstance(value, dict):
            raise WorkspaceError(f"expected an object, found {describe(value)}", where=path)
        self.data: dict[str, Any] = value
        self.path = path
        self._used: set[str] = set()
        self._children: dict[str, Fields] = {}

    def at(self, key: str | int) -> str:
        return child_path(self.path, key)

    def fail(self, key: str | int, problem: str) -> WorkspaceError:
        return WorkspaceError(problem, where=self.at(key))

    def raw(self, key: str, default: Any = MISSING) -> Any:
        self._used.add(key)
        if key in self.data:
            return self.data[key]
        if default is MISSING:
            raise WorkspaceError(f"missing required key {key!r}", where=self.path or "(top level)")
        return default

    def _typed(self, key: str, default: Any, ok: Callable[[Any], bool], what: str) -> Any:
        value = self.raw(key, default)
        if value is default and key not in self.data:
            return default
        if not ok(value):
            raise self.fail(key, f"expected {what}, found {describe(value)}")
        return value

    def text(self, key: str, default: Any = MISSING) -> str:
        value: str = self._typed(key, default, lambda v: isinstance(v, str), "a string")
        return value

    def opt_str(self, key: str, default: str | None = None) -> str | None:
        value: str | None = self._typed(
            key, default, lambda v: v is None or isinstance(v, str), "a string or null")
        return value

    def flag(self, key: str, default: Any = MISSING) -> bool:
        value: bool = self._typed(key, default, lambda v: isinstance(v, bool), "true or false")
        return value

    def integer(self, key: str, default: Any = MISSING, *, minimum: int | None = None,
            maximum: int | None = None) -> int:
        value: int = self._typed(key, default, _is_int, "a whole number")
        self._check_range(key, value, minimum, maximum)
        return value

    def number(self, key: str, default: Any = MISSING, *, above: float | None = None,
              minimum: float | None = None) -> float:
        value = self._typed(key, default, _is_number, "a number")
        return self._check_float(key, value, above, minimum)

    def opt_float(self, key: str, default: float | None, *, above: float | None = None
                  ) -> float | None:
        value = self._typed(key, default, lambda v: v is None or _is_number(v),
                            "a number or null")
        return None if value is None else self._check_float(key, value, above, None)

    def _check_float(self, key: str, value: Any, above: float | None,
                     minimum: float | None) -> float:
        if above is not None and not value > above:
            raise self.fail(key, f"expected a number > {above:g}, found {describe(value)}")
        self._check_range(key, value, minimum, None)
        return float(value)

    def _check_range(self, key: str, value: float, minimum: float | None,
                     maximum: float | None) -> None:
        if minimum is not None and value < minimum:
            raise self.fail(key, f"expected a number ≥ {minimum:g}, found {describe(value)}")
        if maximum is not None and value > maximum:
            raise self.fail(key, f"expected a number ≤ {maximum:g}, found {describe(value)}")

    def choice(self, key: str, allowed: tuple[Any, ...], default: Any = MISSING) -> Any:
        value = self.raw(key, default)
        if not any(type(value) is type(a) and value == a for a in allowed):  # 2.0, True ≠ 2, 1
            names = ", ".join(json.dumps(a) for a in allowed)
            raise self.fail(key, f"expected one of {names}, found {describe(value)}")
        return value

    def enum(self, key: str, cls: type[E], default: Any = MISSING) -> E:
        values = tuple(member.value for member in cls)
        fallback = default.value if isinstance(default, Enum) else default
        return cls(self.choice(key, values, fallback))

    def encoding(self, key: str, default: str) -> str:
        value = self.text(key, default)
        if not _text_encoding_ok(value):
            raise self.fail(key, "expected a text encoding such as \"utf-8\", "
                            f"found {describe(value)}")
        return value

    def items(self, key: str, default: Any = ()) -> list[Any]:
        value = self.raw(key, MISSING if default is MISSING else None)
        if value is None and key not in self.data:
            return list(default)
        if not isinstance(value, list):
            raise self.fail(key, f"expected a list, found {describe(value)}")
        return value

    def str_list(self, key: str, default: tuple[str, ...] = ()) -> tuple[str, ...]:
        items = self.items(key, default)
        path = self.at(key)
        for i, item in enumerate(items):
            if not isinstance(item, str):
                raise WorkspaceError(f"expected a string, found {describe(item)}",
                                     where=child_path(path, i))
        return tuple(items)

    def obj(self, key: str) -> Fields:
        """A nested object group (missing → empty); its unknown keys join ours."""
        child = Fields(self.raw(key, {}), self.at(key))
        self._children[key] = child
        return child

    def unknown(self) -> dict[str, Any]:
        """Keys not read, plus the unknown keys of nested groups, as a sparse tree."""
        tree = {k: v for k, v in self.data.items() if k not in self._used}
        for key, child in self._children.items():
            sub = child.unknown()
            if sub:
                tree[key] = sub
        return tree



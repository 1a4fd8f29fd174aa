"""The scenario matcher that rules do not have: "the JSON value at a path equals …".

The path is a JSON Pointer (RFC 6901: ``/result/items/0/id``; ``""`` is the whole document),
resolved by the maintained ``jsonpointer`` package.  Equality is JSON's, not Python's: ``true``
is not ``1``, ``1`` equals ``1.0``, objects compare without regard to key order.

A frame that is not JSON (or not text in the connection's encoding), or lacks the path, does not
match.  The captures are ``"0"`` (the whole payload) and ``"value"`` (the value found: a string
as its text, anything else as compact JSON), so a later step can send ``{{value}}``.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import jsonpointer

from transports.frames import FrameKind

MAX_JSON_BYTES = 16 << 20  # larger frames are not parsed (and do not match)


class PathError(ValueError):
    """A JSON Pointer that cannot be parsed."""


def parse_pointer(path: str) -> jsonpointer.JsonPointer:
    try:
        return jsonpointer.JsonPointer(path)
    except jsonpointer.JsonPointerException as exc:
        raise PathError(f"not a JSON Pointer (RFC 6901, e.g. /result/0/id): {exc}") from None


def json_equal(a: Any, b: Any) -> bool:
    """Equality of two decoded JSON values as JSON defines it (booleans are not numbers)."""
    if isinstance(a, bool) or isinstance(b, bool):
        return isinstance(a, bool) and isinstance(b, bool) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_equal(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


def _capture(value: Any, encoding: str) -> bytes:
    if isinstance(value, str):
        return value.encode(encoding, "replace")
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode(encoding,
                                                                              "replace")


@dataclass(frozen=True)
class JsonEquals:
    """Match a JSON frame whose value at ``path`` (a JSON Pointer) equals ``value``."""

    path: str
    value: Any  # a decoded JSON value

    def __post_init__(self) -> None:
        parse_pointer(self.path)

    def describe(self) -> str:
        shown = json.dumps(self.value, ensure_ascii=False)
        return f"JSON {self.path or '(document)'} = {shown}"

    def compile(self, encoding: str) -> Callable[[bytes, FrameKind], dict[str, bytes] | None]:
        pointer = parse_pointer(self.path)
        expected = self.value

        def match(payload: bytes, kind: FrameKind) -> dict[str, bytes] | None:
            if len(payload) > MAX_JSON_BYTES or kind not in _DATA_KINDS:
                return None
            try:
                document = json.loads(payload.decode(encoding))
            except (UnicodeDecodeError, ValueError, RecursionError):
                return None
            found = pointer.resolve(document, _ABSENT)
            if found is _ABSENT or not json_equal(found, expected):
                return None
            return {"0": payload, "value": _capture(found, encoding)}

        return match


_ABSENT = object()
_DATA_KINDS = frozenset({FrameKind.DATA, FrameKind.TEXT, FrameKind.BINARY})

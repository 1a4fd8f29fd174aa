"""Frame matchers for auto-reply rules (and later scenarios): does this payload match, and what
did it capture?  Qt-free; compiled once from a :class:`MatchSpec`, then called per frame.

Kinds
    ``any``; ``exact`` / ``starts`` / ``ends`` / ``contains`` — the pattern is written like a
    payload (text with escapes in the connection's encoding, or hex) and compared as bytes;
    ``regex`` — a Python regular expression searched in the payload decoded with the
    connection's encoding (undecodable bytes become lone surrogates and come back unchanged in
    captures); ``hex`` — a hex pattern for the whole frame where ``??`` is any one byte and
    ``*`` any run of bytes (``48 ?? 4C *``); ``checksum-valid`` / ``checksum-invalid`` — the
    frame's last bytes are (are not) the named checksum of the bytes before them (from
    ``checksum_start``).

Captures
    ``"0"`` is what matched (the whole frame for ``hex``/``exact``/checksums), ``"1"``… the
    regex's groups or the hex wildcards in order, plus the regex's named groups, all as the
    bytes received — what ``{{0}}``, ``{{1}}``, ``{{name}}`` give in a reply template.

``frame_kinds`` restricts a matcher to WebSocket text or binary messages.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass

from gui.automation.checksum import ByteOrder, algorithm
from gui.automation.template import error_index
from transports.codec import Mode, ParseError, compose, parse_hex
from transports.codec.errors import error_at
from transports.frames import FrameKind

Captures = dict[str, bytes]


class MatchKind(enum.StrEnum):
    ANY = "any"
    EXACT = "exact"
    STARTS = "starts"
    ENDS = "ends"
    CONTAINS = "contains"
    REGEX = "regex"
    HEX = "hex"
    CHECKSUM_VALID = "checksum-valid"
    CHECKSUM_INVALID = "checksum-invalid"


class MessageKind(enum.StrEnum):
    """Which frames a matcher looks at (WebSocket message kinds; other transports send DATA)."""

    ANY = "any"
    TEXT = "text"
    BINARY = "binary"


_KINDS: dict[MessageKind, frozenset[FrameKind] | None] = {
    MessageKind.ANY: None,
    MessageKind.TEXT: frozenset({FrameKind.TEXT}),
    MessageKind.BINARY: frozenset({FrameKind.BINARY, FrameKind.DATA}),
}
_BYTE_KINDS = (MatchKind.EXACT, MatchKind.STARTS, MatchKind.ENDS, MatchKind.CONTAINS)


@dataclass(frozen=True)
class MatchSpec:
    """What the user configured.  ``pattern_mode`` (text or hex) applies to the byte kinds;
    ``escapes`` to text patterns; ``checksum`` names an algorithm of
    :mod:`gui.automation.checksum` with ``checksum_order`` (None: its usual order)."""

    kind: MatchKind = MatchKind.ANY
    pattern: str = ""
    pattern_mode: Mode = Mode.TEXT
    escapes: bool = True
    ignore_case: bool = False
    message_kind: MessageKind = MessageKind.ANY
    checksum: str = "crc16-modbus"
    checksum_order: ByteOrder | None = None
    checksum_start: int = 0


class MatchError(ValueError):
    """A pattern that cannot be compiled; ``column``/``line`` when a position is known."""

    def __init__(self, message: str, line: int = 0, column: int = 0) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class Matcher:
    """A compiled :class:`MatchSpec`: ``matcher(payload, kind)`` → captures or None."""

    def __init__(self, spec: MatchSpec, encoding: str = "utf-8") -> None:
        self.spec = spec
        self.encoding = encoding
        self._kinds = _KINDS[MessageKind(spec.message_kind)]
        self.capture_names: frozenset[str] = frozenset({"0"})
        self._test: Callable[[bytes], Captures | None] = self._build(MatchKind(spec.kind))

    def __call__(self, payload: bytes, kind: FrameKind = FrameKind.DATA) -> Captures | None:
        if self._kinds is not None and kind not in self._kinds:
            return None
        return self._test(payload)

    def _build(self, kind: MatchKind) -> Callable[[bytes], Captures | None]:
        spec = self.spec
        if kind is MatchKind.ANY:
            return lambda p: {"0": p}
        if kind in _BYTE_KINDS:
            return self._bytes_test(kind)
        if kind is MatchKind.REGEX:
            return self._regex_test()
        if kind is MatchKind.HEX:
            return self._hex_test()
        try:
            algo = algorithm(spec.checksum)
        except ValueError as exc:
            raise MatchError(str(exc)) from None
        size, start, order = algo.size, spec.checksum_start, spec.checksum_order
        if start < 0:
            raise MatchError("the checksum start offset cannot be negative")
        want = kind is MatchKind.CHECKSUM_VALID

        def checksum(p: bytes) -> Captures | None:
            if len(p) < start + size:
                return None
            ok = algo.to_bytes(p[start:-size], order) == p[-size:]
            return {"0": p} if ok is want else None
        return checksum

    def _bytes_test(self, kind: MatchKind) -> Callable[[bytes], Captures | None]:
        spec = self.spec
        try:
            needle = compose(spec.pattern, spec.pattern_mode, self.encoding, spec.escapes)
        except ParseError as exc:
            raise MatchError(str(exc), exc.line, exc.column) from None
        fold = spec.ignore_case and spec.pattern_mode is Mode.TEXT
        if fold:
            needle = needle.lower()
        found = {"0": needle}
        if kind is MatchKind.EXACT:
            def test(p: bytes) -> bool:
                return (p.lower() if fold else p) == needle
        elif kind is MatchKind.STARTS:
            def test(p: bytes) -> bool:
                return (p.lower() if fold else p).startswith(needle)
        elif kind is MatchKind.ENDS:
            def test(p: bytes) -> bool:
                return (p.lower() if fold else p).endswith(needle)
        else:
            def test(p: bytes) -> bool:
                return needle in (p.lower() if fold else p)
        if not fold:
            return lambda p: found if test(p) else None
        return lambda p: {"0": p[(i := p.lower().find(needle)):i + len(needle)]} if test(p) \
            else None

    def _regex_test(self) -> Callable[[bytes], Captures | None]:
        flags = re.IGNORECASE if self.spec.ignore_case else 0
        try:
            regex = re.compile(self.spec.pattern, flags)
        except re.error as exc:
            line, column = (exc.lineno or 1), (exc.colno or 1)
            raise MatchError(f"line {line}, column {column}: bad regular expression: {exc.msg}",
                             line, column) from None
        self.capture_names = frozenset(
            {"0", *map(str, range(1, regex.groups + 1)), *regex.groupindex})
        encoding = self.encoding
        names = tuple(regex.groupindex)

        def test(p: bytes) -> Captures | None:
            m = regex.search(p.decode(encoding, "surrogateescape"))
            if m is None:
                return None
            caps = {str(i): g.encode(encoding, "surrogateescape")
                    for i, g in enumerate(m.groups(), 1) if g is not None}
            caps["0"] = m.group(0).encode(encoding, "surrogateescape")
            for name in names:
                value = m.group(name)
                if value is not None:
                    caps[name] = value.encode(encoding, "surrogateescape")
            return caps
        return test

    def _hex_test(self) -> Callable[[bytes], Captures | None]:
        regex, groups = compile_hex_pattern(self.spec.pattern)
        self.capture_names = frozenset({"0", *map(str, range(1, groups + 1))})

        def test(p: bytes) -> Captures | None:
            m = regex.fullmatch(p)
            if m is None:
                return None
            caps = {str(i): g for i, g in enumerate(m.groups(), 1)}
            caps["0"] = p
            return caps
        return test


_WILDCARD = re.compile(r"\?\?|\*")


def compile_hex_pattern(text: str) -> tuple[re.Pattern[bytes], int]:
    """``"48 ?? 4C *"`` → a bytes regex for the whole frame (each wildcard a group) and the
    number of groups.  MatchError with line and column for a bad byte."""
    parts: list[bytes] = []
    groups = 0
    start = 0
    for m in _WILDCARD.finditer(text):
        parts.append(re.escape(_hex_chunk(text, start, m.start())))
        parts.append(b"(.)" if m.group() == "??" else b"(.*)")
        groups += 1
        start = m.end()
    parts.append(re.escape(_hex_chunk(text, start, len(text))))
    if not text.strip():
        raise MatchError("an empty hex pattern (use the 'any' kind to match every frame)")
    return re.compile(b"".join(parts), re.DOTALL), groups


def _hex_chunk(text: str, start: int, stop: int) -> bytes:
    try:
        return parse_hex(text[start:stop])
    except ParseError as exc:
        err = error_at(text, start + error_index(text[start:stop], exc), exc.reason)
        raise MatchError(str(err), err.line, err.column) from None

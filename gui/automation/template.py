"""Payload templates: ``{{…}}`` placeholders inside a text or hex payload, compiled once and
rendered per use.  The syntax is documented in docs/templates.md.

A template without ``{{`` is not a template: it composes to exactly the bytes
:func:`transports.codec.compose` gives today.  Literal parts go through the same codec (escapes and
the encoding in text mode, :func:`parse_hex` in hex mode); an error anywhere is a
:class:`TemplateError` (a :class:`ParseError`) with the line and column in the original text.

Rendering is a loop over pre-encoded parts: no parsing, no regex, no allocation beyond the output.
"""

from __future__ import annotations

import datetime
import os
import re
import time
import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass

from gui.automation.checksum import Algorithm, ByteOrder, algorithm
from transports.codec import Mode, ParseError, compose, encode_text, parse_escaped, parse_hex
from transports.codec.errors import position

OPEN, CLOSE = "{{", "}}"
INT_FORMATS: dict[str, tuple[int, ByteOrder]] = {
    "u8": (1, "big"), "u16be": (2, "big"), "u16le": (2, "little"),
    "u32be": (4, "big"), "u32le": (4, "little"),
}
MAX_RANDOM = 4096
_CAPTURE = re.compile(r"[0-9]+|[A-Za-z_][A-Za-z0-9_]*")


class TemplateError(ParseError):
    """A template that cannot be compiled; ``line``/``column`` point into the template text."""


class RenderError(ValueError):
    """A compiled template could not be rendered (a capture it names was not in the match)."""


@dataclass(frozen=True)
class _Literal:
    data: bytes


@dataclass(frozen=True)
class _Dynamic:
    make: Callable[[Template], bytes]


@dataclass(frozen=True)
class _Capture:
    key: str
    as_hex: bool = False  # {{1:hex}}: the captured bytes as spaced hex text ("01 0a ff")


@dataclass(frozen=True)
class _Checksum:
    algo: Algorithm
    order: ByteOrder | None
    ascii_hex: bool


@dataclass(frozen=True)
class _Marker:
    begin: bool  # True: {{begin}}, False: {{end}}


_Part = _Literal | _Dynamic | _Capture | _Checksum | _Marker


class Template:
    """A compiled payload template.  ``render()`` gives the bytes for one use; ``counter`` is
    the value ``{{counter}}`` gives in the next render (then it goes up by one)."""

    def __init__(self, source: str, parts: tuple[_Part, ...], counter_start: int = 1) -> None:
        self.source = source
        self._parts = parts
        self._constant: bytes | None = None
        if all(isinstance(p, _Literal) for p in parts):
            self._constant = b"".join(p.data for p in parts if isinstance(p, _Literal))
        self.counter_start = counter_start
        self.counter = counter_start
        self.captures = frozenset(p.key for p in parts if isinstance(p, _Capture))

    @property
    def is_constant(self) -> bool:
        """No placeholder whose value changes between renders."""
        return self._constant is not None

    def reset(self) -> None:
        self.counter = self.counter_start

    def render(self, captures: Mapping[str, bytes] | None = None) -> bytes:
        """The bytes for one use.  ``captures`` maps ``"0"``, ``"1"``, ``"name"``… to the bytes
        a matcher captured; a missing one raises :class:`RenderError`."""
        if self._constant is not None:
            return self._constant
        out = bytearray()
        begin = 0
        end: int | None = None
        for part in self._parts:
            if isinstance(part, _Literal):
                out += part.data
            elif isinstance(part, _Capture):
                value = None if captures is None else captures.get(part.key)
                if value is None:
                    raise RenderError(f"the template uses {{{{{part.key}}}}} but the match has "
                                      f"no capture {part.key!r}")
                out += value.hex(" ").encode("ascii") if part.as_hex else value
            elif isinstance(part, _Dynamic):
                out += part.make(self)
            elif isinstance(part, _Checksum):
                stop = len(out) if end is None else end
                if part.ascii_hex:
                    value_ = part.algo.compute(bytes(out[begin:stop]))
                    out += f"{value_:0{part.algo.size * 2}X}".encode("ascii")
                else:
                    out += part.algo.to_bytes(bytes(out[begin:stop]), part.order)
            elif part.begin:
                begin, end = len(out), None
            else:
                end = len(out)
        self.counter += 1
        return bytes(out)


def compile_template(text: str, mode: Mode | str = Mode.TEXT, encoding: str = "utf-8",
                     escapes: bool = True, line_ending: str = "",
                     captures: Collection[str] | None = None) -> Template:
    """Compile ``text`` (as the composer would send it) into a :class:`Template`.

    ``captures``: the capture names/numbers a rule's matcher provides (``{"0", "1", "name"}``);
    ``None`` means "not known here", so any capture-shaped name is accepted and checked at render.
    An empty collection (the composer) makes ``{{1}}`` an error pointing at it.
    """
    mode = Mode(mode)
    if OPEN not in text:
        return Template(text, (_Literal(compose(text, mode, encoding, escapes, line_ending)),))
    parts: list[_Part] = []
    start = 0
    while True:
        i = text.find(OPEN, start)
        if i < 0:
            break
        parts.append(_Literal(_literal(text, start, i, mode, encoding, escapes)))
        j = _close(text, i)
        parts.append(_placeholder(text, i, j, encoding, captures))
        start = j + len(CLOSE)
    tail = _literal(text, start, len(text), mode, encoding, escapes)
    ending = compose("", mode, encoding, escapes, line_ending)
    parts.append(_Literal(tail + ending))
    return Template(text, _merge(parts))


def _merge(parts: list[_Part]) -> tuple[_Part, ...]:
    merged: list[_Part] = []
    for part in parts:
        if isinstance(part, _Literal):
            if not part.data:
                continue
            if merged and isinstance(merged[-1], _Literal):
                merged[-1] = _Literal(merged[-1].data + part.data)
                continue
        merged.append(part)
    return tuple(merged)


def _close(text: str, i: int) -> int:
    """The index of the ``}}`` closing the placeholder opened at ``i`` (quotes may hold ``}}``)."""
    k = i + len(OPEN)
    while k < len(text):
        c = text[k]
        if c == '"':
            q = text.find('"', k + 1)
            if q < 0:
                raise _error(text, k, 'a quoted literal without its closing "')
            k = q + 1
            continue
        if text.startswith(CLOSE, k):
            return k
        if text.startswith(OPEN, k) or c == "\n":
            break
        k += 1
    raise _error(text, i, "{{ without its closing }} (write {{\"{{\"}} for a literal {{)")


def _literal(text: str, start: int, stop: int, mode: Mode, encoding: str, escapes: bool) -> bytes:
    if start == stop:
        return b""
    chunk = text[start:stop]
    try:
        if mode is Mode.HEX:
            return parse_hex(chunk)
        return parse_escaped(chunk, encoding) if escapes else encode_text(chunk, encoding)
    except ParseError as exc:
        # Re-point the chunk's (line, column) into the whole text.
        raise _error(text, start + error_index(chunk, exc), exc.reason) from None


def _error(text: str, index: int, reason: str) -> TemplateError:
    line, column = position(text, index)
    return TemplateError(reason, line=line, column=column)


def _placeholder(text: str, i: int, j: int, encoding: str,
                 captures: Collection[str] | None) -> _Part:
    body = text[i + len(OPEN):j]
    inner = body.strip()
    at = i + len(OPEN) + (len(body) - len(body.lstrip()))  # where the name starts

    def fail(reason: str) -> TemplateError:
        return _error(text, at, reason)

    if inner.startswith('"'):
        if len(inner) < 2 or not inner.endswith('"') or '"' in inner[1:-1]:
            raise fail('a quoted literal is one "…" and nothing else')
        return _Literal(encode_text(inner[1:-1], encoding))
    name, _, arg = inner.partition(":")
    name, arg = name.strip().lower(), arg.strip()
    if not name:
        raise fail("an empty placeholder; see docs/templates.md for what goes inside {{ }}")
    maker = _FUNCTIONS.get(name)
    if maker is not None:
        try:
            return maker(arg, encoding)
        except ValueError as exc:
            raise fail(f"{{{{{name}}}}}: {exc}") from None
    if name in ("begin", "end"):
        if arg:
            raise fail(f"{{{{{name}}}}} takes no argument")
        return _Marker(begin=name == "begin")
    try:
        algo = algorithm(name)
    except ValueError:
        algo = None
    if algo is not None:
        return _checksum(algo, arg, fail)
    key = inner.split(":", 1)[0].strip()
    if not _CAPTURE.fullmatch(key) or arg.lower() not in ("", "hex"):
        raise fail(f"unknown placeholder {{{{{inner}}}}}; see docs/templates.md")
    if captures is not None and key not in captures:
        known = ", ".join(sorted(captures)) or "none here (captures exist in rule replies)"
        raise fail(f"unknown name {key!r}: not a function, and not a capture (captures: {known})")
    return _Capture(key, arg.lower() == "hex")


def _checksum(algo: Algorithm, arg: str, fail: Callable[[str], TemplateError]) -> _Checksum:
    order: ByteOrder | None = None
    ascii_hex = False
    for option in filter(None, (o.strip().lower() for o in arg.split(":"))):
        if option in ("be", "big"):
            order = "big"
        elif option in ("le", "little"):
            order = "little"
        elif option == "hex":
            ascii_hex = True
        else:
            raise fail(f"unknown checksum option {option!r} (be, le or hex)")
    return _Checksum(algo, order, ascii_hex)


def _int_format(arg: str, what: str) -> Callable[[int], bytes]:
    if not arg:
        return lambda n: str(n).encode("ascii")
    try:
        size, order = INT_FORMATS[arg.lower()]
    except KeyError:
        raise ValueError(f"unknown format {arg!r} for {what}; use one of "
                         f"{', '.join(INT_FORMATS)} or nothing for decimal text") from None
    mask = (1 << (8 * size)) - 1
    return lambda n: (n & mask).to_bytes(size, order)


def _counter(arg: str, encoding: str) -> _Part:
    fmt = _int_format(arg, "the counter")
    return _Dynamic(lambda t: fmt(t.counter))


def _unixtime(arg: str, encoding: str) -> _Part:
    if arg.lower() == "ms":
        return _Dynamic(lambda t: str(time.time_ns() // 1_000_000).encode("ascii"))
    fmt = _int_format(arg, "unixtime (or ms)")
    return _Dynamic(lambda t: fmt(int(time.time())))


def _iso8601(arg: str, encoding: str) -> _Part:
    if arg:
        raise ValueError("takes no argument")

    def now(t: Template) -> bytes:
        stamp = datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds")
        return encode_text(stamp.replace("+00:00", "Z"), encoding)
    return _Dynamic(now)


def _random(arg: str, encoding: str) -> _Part:
    if not arg.isdigit() or not 1 <= int(arg) <= MAX_RANDOM:
        raise ValueError(f"give the number of random bytes, 1 to {MAX_RANDOM} ({{{{random:4}}}})")
    n = int(arg)
    return _Dynamic(lambda t: os.urandom(n))


def _uuid(arg: str, encoding: str) -> _Part:
    if arg:
        raise ValueError("takes no argument")
    return _Dynamic(lambda t: encode_text(str(uuid.uuid4()), encoding))


def _env(arg: str, encoding: str) -> _Part:
    if not arg:
        raise ValueError("name the variable ({{env:HOME}})")
    value = os.environ.get(arg)
    if value is None:
        raise ValueError(f"the environment variable {arg!r} is not set")
    return _Literal(encode_text(value, encoding))


_FUNCTIONS: dict[str, Callable[[str, str], _Part]] = {
    "counter": _counter, "unixtime": _unixtime, "iso8601": _iso8601, "random": _random,
    "uuid": _uuid, "env": _env,
}
FUNCTION_NAMES = (*_FUNCTIONS, "begin", "end")


def error_index(text: str, error: ParseError) -> int:
    """The character index in ``text`` that ``error`` points at (for an editor's cursor)."""
    lines = text.split("\n")
    return sum(len(line) + 1 for line in lines[:error.line - 1]) + error.column - 1


__all__ = ["FUNCTION_NAMES", "RenderError", "Template", "TemplateError", "compile_template",
           "error_index"]

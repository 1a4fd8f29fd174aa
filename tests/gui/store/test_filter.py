"""Filtering: correctness against a naive per-row filter, row boundaries, slicing, errors."""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from itertools import cycle, islice
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gui.store import filter as filter_module
from gui.store.filter import (
    FilterMode,
    FilterSpec,
    compile_filter,
    matching_rows,
)
from gui.store.log import MessageLog
from transports.frames import Direction, Frame

SUB, HEX, RE = FilterMode.SUBSTRING, FilterMode.HEX, FilterMode.REGEX


def make_log(payloads: Sequence[bytes], **kwargs: int) -> MessageLog:
    log = MessageLog(**kwargs)
    log.extend(Frame(p, Direction(i % 2), i % 3, float(i)) for i, p in enumerate(payloads))
    return log


def rows(log: MessageLog, spec: FilterSpec, start: int = 0, stop: int | None = None) -> list[int]:
    return list(matching_rows(log, compile_filter(spec), start, stop))


PAYLOADS = [b"hello world", b"ab", b"cd", b"HELLO", b"", b"\xde\xad\xbe\xef", b"xaby", b"abab"]


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        (FilterSpec(SUB, "hello"), [0]),
        (FilterSpec(SUB, "hello", ignore_case=True), [0, 3]),
        (FilterSpec(SUB, "ab"), [1, 6, 7]),
        (FilterSpec(SUB, ""), list(range(8))),
        (FilterSpec(SUB, "bc"), []),  # only across the b"ab" | b"cd" boundary
        (FilterSpec(SUB, "dH"), []),
        (FilterSpec(HEX, "DE AD"), [5]),
        (FilterSpec(HEX, "0xbe,0xef"), [5]),
        (FilterSpec(HEX, "efde"), []),
        (FilterSpec(RE, r"b.c"), []),
        (FilterSpec(RE, r"a.*"), [1, 6, 7]),  # a greedy hit across the boundary hides "ab"
        (FilterSpec(RE, r"^ab"), [1, 7]),
        (FilterSpec(RE, r"ab$"), [1, 7]),
        (FilterSpec(RE, r"^$"), [4]),
        (FilterSpec(RE, r"\bab"), [1, 7]),
        (FilterSpec(RE, r"(?<=b)c"), []),
        (FilterSpec(RE, r"b(?=y)"), [6]),
        (FilterSpec(RE, r"(ab)\1"), [7]),
        (FilterSpec(RE, r"l+o", ignore_case=True), [0, 3]),
        (FilterSpec(RE, r"x*"), list(range(8))),
        (FilterSpec(SUB, "ab", direction=Direction.OUT), [1, 7]),
        (FilterSpec(SUB, "ab", conn_id=0), [6]),
        (FilterSpec(SUB, "", direction=Direction.IN, conn_id=2), [2]),
        (FilterSpec(RE, "^", direction=Direction.IN, conn_id=1), [4]),
    ],
)
def test_filter_cases(spec: FilterSpec, expected: list[int]) -> None:
    for seg_rows in (1, 3, 100):
        log = make_log(PAYLOADS, segment_rows=seg_rows)
        assert rows(log, spec) == expected, seg_rows


@pytest.mark.parametrize("encoding", ["gbk", "utf-8"])
def test_pattern_is_encoded_with_the_chosen_encoding(encoding: str) -> None:
    log = make_log(["中文".encode("gbk"), "中文".encode(), b"plain"])
    expected = [0] if encoding == "gbk" else [1]
    assert rows(log, FilterSpec(SUB, "中文", encoding=encoding)) == expected
    assert rows(log, FilterSpec(RE, "中.?文", encoding=encoding)) == expected


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        (FilterSpec(HEX, "de ad bee"), "hex pattern: line 1, column 9: odd number of hex digits"),
        (FilterSpec(HEX, "de zz"), "hex pattern: line 1, column 4: 'z' is not a hex digit"),
        (FilterSpec(RE, "a(b"), "bad regular expression at position 1"),
        (FilterSpec(RE, "*"), "bad regular expression"),
        (FilterSpec(SUB, "x", encoding="no-such-codec"), "unknown text encoding"),
        (FilterSpec(SUB, "中", encoding="ascii"), "cannot be encoded as ascii"),
    ],
)
def test_bad_patterns_give_clear_errors(spec: FilterSpec, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        compile_filter(spec)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("deadbeef", b"\xde\xad\xbe\xef"),
        ("DE AD\tBE\nEF", b"\xde\xad\xbe\xef"),
        ("de:ad-be,ef;00", b"\xde\xad\xbe\xef\x00"),
        ("0xde 0XAD \\x01", b"\xde\xad\x01"),
        ("", b""),
    ],
)
def test_hex_patterns_read_like_the_composer(text: str, expected: bytes) -> None:
    assert compile_filter(FilterSpec(HEX, text)).needle == expected


def test_slices_add_up_to_the_whole_and_rows_follow_drops() -> None:
    payloads = [b"k%03d" % i if i % 3 else b"miss" for i in range(300)]
    log = make_log(payloads, segment_rows=16, cap=250)  # 50 dropped
    spec = FilterSpec(SUB, "k")
    whole = rows(log, spec)
    assert whole == [r for r in range(250) if (r + 50) % 3]
    pieces: list[int] = []
    for start in range(0, 260, 37):
        pieces += rows(log, spec, start, start + 37)
    assert pieces == whole
    assert rows(log, spec, 240, 1000) == [r for r in whole if r >= 240]
    assert rows(log, spec, 100, 100) == []
    assert rows(log, spec, -5, 3) == [r for r in whole if r < 3]


def test_compiled_filter_matches_single_payloads() -> None:
    assert compile_filter(FilterSpec(SUB, "AB", ignore_case=True)).matches(b"xaby")
    assert not compile_filter(FilterSpec(HEX, "00")).matches(b"abc")
    assert compile_filter(FilterSpec(RE, "^a")).matches(b"abc")


# -- property: the fast paths agree with a naive per-row filter ------------------------------

REGEXES = [
    "a", "ab", "ba", "a.b", "a.*b", "(ab)+", "a|b\n", "[^a]b", "b{2,}", "^a", "b$", r"\bab",
    r"\Ba", "a(?=b)", "(?<=a)b", "(?!a).b", "(?>a+)b", "a++b", r"(a)\1", "A", "", "a*", "\n",
    r"(?s)a.b", r"(?m)^b",
]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(
    payloads=st.lists(
        st.binary(max_size=5).map(lambda b: bytes(c % 3 + 97 for c in b)), max_size=40
    ).map(lambda ps: [p.replace(b"c", b"\n") for p in ps]),
    mode=st.sampled_from([SUB, RE]),
    literal=st.text(alphabet="abAB\n", max_size=3),
    regex=st.sampled_from(REGEXES),
    ignore_case=st.booleans(),
    direction=st.sampled_from([None, Direction.IN, Direction.OUT]),
    conn_id=st.sampled_from([None, 0, 1, 5]),
    seg_rows=st.integers(1, 7),
    chunk=st.integers(1, 5),
    dense_ratio=st.sampled_from([1, 2, 8, 1000]),
    cap=st.integers(1, 40),
    window=st.tuples(st.integers(-2, 45), st.integers(-2, 45)),
)
def test_agrees_with_naive_filter(
    payloads: list[bytes],
    mode: FilterMode,
    literal: str,
    regex: str,
    ignore_case: bool,
    direction: Direction | None,
    conn_id: int | None,
    seg_rows: int,
    chunk: int,
    dense_ratio: int,
    cap: int,
    window: tuple[int, int],
) -> None:
    pattern = literal if mode is SUB else regex
    spec = FilterSpec(mode, pattern, ignore_case=ignore_case, direction=direction, conn_id=conn_id)
    frames = [Frame(p, Direction(i % 2), i % 3, float(i)) for i, p in enumerate(payloads)]
    log = MessageLog(cap=cap, segment_rows=seg_rows, segment_bytes=9)
    log.extend(frames)
    held = frames[len(frames) - len(log) :]
    flags = re.IGNORECASE if ignore_case else 0
    bpattern = pattern.encode()
    rx = re.compile(re.escape(bpattern) if mode is SUB else bpattern, flags)
    start, stop = window
    lo, hi = max(start, 0), min(max(stop, 0), len(held))
    expected = [
        r
        for r in range(lo, hi)
        if rx.search(held[r].payload)
        and (direction is None or held[r].direction is direction)
        and (conn_id is None or held[r].conn_id == conn_id)
    ]
    with (
        mock.patch.object(filter_module, "_CHUNK_ROWS", chunk),
        mock.patch.object(filter_module, "_DENSE_RATIO", dense_ratio),
    ):
        assert list(matching_rows(log, compile_filter(spec), start, stop)) == expected


# -- a million rows ----------------------------------------------------------------------------


def test_a_million_rows() -> None:
    """Build 1 M rows of 64 B and filter them; checks results (timing is reported, not asserted)."""
    n, pool_size = 1_000_000, 997
    bodies = (b"." * 54, b"." * 48 + b"NEEDLE")
    pool = [
        Frame(b"cd%06d" % i + bodies[i % 100 == 7] + b"ab", Direction(i % 2), 0, 0.0)
        for i in range(pool_size)
    ]
    assert all(len(f.payload) == 64 for f in pool)
    log = MessageLog()
    t0 = time.perf_counter()
    log.extend(islice(cycle(pool), n))
    build_seconds = time.perf_counter() - t0
    assert len(log) == n and log.stats.bytes_in + log.stats.bytes_out == 64 * n
    assert build_seconds > 0

    def expected(pred: object) -> list[int]:
        hits = [i for i, f in enumerate(pool) if pred(f)]  # type: ignore[operator]
        return sorted(h + k for k in range(0, n, pool_size) for h in hits if h + k < n)

    needle = compile_filter(FilterSpec(SUB, "needle", ignore_case=True))
    got = matching_rows(log, needle)
    assert list(got) == expected(lambda f: b"NEEDLE" in f.payload)
    # "abcd" exists only across every row boundary: no row may match
    assert len(matching_rows(log, compile_filter(FilterSpec(SUB, "abcd")))) == 0
    assert len(matching_rows(log, compile_filter(FilterSpec(RE, r"b\x63d")))) == 0
    # dense: every row matches
    assert len(matching_rows(log, compile_filter(FilterSpec(HEX, "61 62")))) == n
    out_spec = FilterSpec(RE, "^cd0001", direction=Direction.OUT)
    assert list(matching_rows(log, compile_filter(out_spec))) == expected(
        lambda f: f.payload.startswith(b"cd0001") and f.direction is Direction.OUT
    )

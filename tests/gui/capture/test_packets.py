"""The Internet checksum (RFC 1071) against a word-by-word reference."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from gui.capture.packets import checksum


def _reference(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum((data[i] << 8) | data[i + 1] for i in range(0, len(data), 2))
    while total >> 16:
        total = (total & 0xFFFF) + (total >> 16)
    return ~total & 0xFFFF


@given(st.lists(st.binary(max_size=64).map(lambda b: b[: len(b) // 2 * 2]), max_size=4),
       st.binary(max_size=200))
def test_checksum_matches_the_reference(parts: list[bytes], last: bytes) -> None:
    assert checksum(*parts, last) == _reference(b"".join(parts) + last)


def test_checksum_edge_cases() -> None:
    for data in (b"", b"\x00\x00", b"\xff\xff", b"\xff\xff\xff\xff", b"\xff\xfe\x00\x01"):
        assert checksum(data) == _reference(data)

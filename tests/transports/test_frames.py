"""Frames and events: the shared address formatting."""

from __future__ import annotations

from transports.frames import format_address


def test_format_address_brackets_ipv6_only() -> None:
    assert format_address(("127.0.0.1", 5000)) == "127.0.0.1:5000"
    assert format_address(("::1", 5000)) == "[::1]:5000"
    assert format_address(("fe80::1%eth0", 80)) == "[fe80::1%eth0]:80"
    assert format_address(None) == ""

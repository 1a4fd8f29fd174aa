"""Frames and events: the shared address formatting, and fast_init's frozen dataclasses."""

from __future__ import annotations

import dataclasses

import pytest

from transports.frames import Direction, Frame, FrameKind, FrameSent, fast_init, format_address


def test_format_address_brackets_ipv6_only() -> None:
    assert format_address(("127.0.0.1", 5000)) == "127.0.0.1:5000"
    assert format_address(("::1", 5000)) == "[::1]:5000"
    assert format_address(("fe80::1%eth0", 80)) == "[fe80::1%eth0]:80"
    assert format_address(None) == ""


def test_fast_init_keeps_frozen_dataclass_semantics() -> None:
    frame = Frame(b"x", Direction.IN, 7, 1.5)
    assert (frame.kind, frame.peer, frame.auto) == (FrameKind.DATA, None, False)  # defaults
    same = Frame(payload=b"x", direction=Direction.IN, conn_id=7, timestamp=1.5)  # by keyword
    assert frame == same and hash(frame) == hash(same)
    assert frame != Frame(b"x", Direction.OUT, 7, 1.5)
    assert repr(frame).startswith("Frame(payload=b'x', direction=<Direction.IN: 0>")
    with pytest.raises(dataclasses.FrozenInstanceError):
        frame.payload = b"y"  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing 1 required positional argument: 'timestamp'"):
        Frame(b"x", Direction.IN, 7)  # type: ignore[call-arg]
    sent = FrameSent(frame)
    assert sent.frame is frame and sent == FrameSent(same)
    assert FrameSent.__init__.__qualname__ == "FrameSent.__init__"


def test_fast_init_refuses_a_default_factory() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    with pytest.raises(TypeError, match=r"WithFactory\.items: fast_init takes no default_factory"):
        fast_init(WithFactory)

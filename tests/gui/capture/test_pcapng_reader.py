"""pcapng captures written by Sockscope open back into a MessageLog; others are refused."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from gui.capture import CaptureError, CaptureSource, ExportOptions, Transport, read_capture
from gui.capture import write_capture as export
from gui.capture.pcapng_writer import section_header
from tests.gui.capture.conftest import LOCAL, SERVER, SERVER6, frames_of, make_log
from transports.frames import Direction, Frame, FrameKind

IN, OUT = Direction.IN, Direction.OUT
BIG = bytes(range(256)) * 600


def _micro(frame: Frame) -> Frame:
    return dataclasses.replace(frame, timestamp=round(frame.timestamp * 1e6) / 1e6)


@pytest.mark.parametrize(("transport", "server", "kinds"), [
    (Transport.TCP, False, [FrameKind.DATA]),
    (Transport.TCP, True, [FrameKind.DATA]),
    (Transport.UDP, False, [FrameKind.DATA]),
    (Transport.WEBSOCKET, False, [FrameKind.TEXT, FrameKind.PING, FrameKind.PONG,
                                  FrameKind.CLOSE, FrameKind.BINARY]),
    (Transport.WEBSOCKET, True, [FrameKind.BINARY, FrameKind.TEXT]),
])
def test_round_trip(tmp_path: Path, transport: Transport, server: bool,
                    kinds: list[FrameKind]) -> None:
    payloads = [b"a", b"", BIG[:60_000] if transport is Transport.UDP else BIG, b"\xff" * 3]
    rows = []
    for i, payload in enumerate(payloads * 2):
        peer = SERVER6 if i >= len(payloads) else SERVER
        kind = kinds[i % len(kinds)] if len(payload) <= 125 else kinds[-1]  # control frames: small
        rows.append((payload, Direction(i % 2), 7 + (i >= len(payloads)), kind, peer))
    log = make_log(rows)
    source = CaptureSource(transport, server, LOCAL, "名字", "ws://127.0.0.1:9000/")
    path = tmp_path / "c.pcapng"
    export(log, path, options=ExportOptions(source=source))
    capture = read_capture(path)
    assert capture.format == "pcapng" and capture.source == source
    assert frames_of(capture.log) == [_micro(f) for f in frames_of(log)]


def test_a_pcapng_from_another_program_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.pcapng"
    header = bytearray(section_header(CaptureSource()))
    header[header.index(b"Sockscope")] = ord("X")  # a different shb_userappl
    path.write_bytes(bytes(header))
    with pytest.raises(CaptureError, match=r"other\.pcapng: written by 'Xockscope.*not by "
                                           "Sockscope"):
        read_capture(path)


def test_a_truncated_file_says_so(tmp_path: Path) -> None:
    log = make_log([(b"x" * 100, IN, 1, FrameKind.DATA, SERVER)])
    path = tmp_path / "cut.pcapng"
    export(log, path)
    path.write_bytes(path.read_bytes()[:-30])
    with pytest.raises(CaptureError, match=r"cut\.pcapng: not a readable pcapng file"):
        read_capture(path)


def test_a_message_that_cannot_be_a_websocket_frame_is_named(tmp_path: Path) -> None:
    log = make_log([(b"p" * 126, OUT, 1, FrameKind.PING, SERVER)])
    path = tmp_path / "bad.pcapng"
    with pytest.raises(CaptureError, match=r"bad\.pcapng: message 1: not a valid WebSocket PING"):
        export(log, path, options=ExportOptions(source=CaptureSource(Transport.WEBSOCKET)))
    assert not path.exists()

"""Read pcapng captures written by Sockscope back into a MessageLog (Qt-free).

Blocks are parsed by python-pcapng, IP/TCP/UDP headers by dpkt, WebSocket frames by the
websockets library.  Only packets with an ``epb_packetid`` are messages (the handshake, the
HTTP upgrade and FINs have none); the segments of one message share that id and are joined.
Direction comes from ``epb_flags``, the connection id from the interface name, the peer from the
IP/port on the far side.  A pcapng file from another program is refused with a clear message.
"""

from __future__ import annotations

import json
import re
import warnings
from collections.abc import Iterator
from typing import Any, BinaryIO

import dpkt
from pcapng import FileScanner, blocks
from pcapng.exceptions import PcapngException, PcapngWarning
from websockets.exceptions import ProtocolError
from websockets.frames import Frame as WsFrame
from websockets.frames import Opcode
from websockets.streams import StreamReader

from gui.capture.pcapng_writer import CAPTURE_APP, EPB_OUTBOUND, LINKTYPE_RAW
from gui.capture.reader import CaptureReader
from gui.capture.source import FORMAT, CaptureError, CaptureSource, Transport
from transports.frames import Address, Direction, Frame, FrameKind

_IF_NAME = re.compile(r"sockscope conn (\d+)$")
_KINDS = {Opcode.TEXT: FrameKind.TEXT, Opcode.BINARY: FrameKind.BINARY,
          Opcode.PING: FrameKind.PING, Opcode.PONG: FrameKind.PONG,
          Opcode.CLOSE: FrameKind.CLOSE}


class PcapngReader(CaptureReader):
    format_name = "pcapng"

    def _blocks(self, handle: BinaryIO) -> Iterator[Any]:
        """python-pcapng's blocks; its warnings about a malformed file become errors.  (The
        warning filters are set around each step only: a generator must not leave them set
        while it is suspended.)"""
        scanner = iter(FileScanner(handle))
        while True:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)  # python-pcapng's own
                warnings.simplefilter("error", PcapngWarning)
                try:
                    block = next(scanner)
                except StopIteration:
                    return
                except (PcapngException, PcapngWarning) as exc:
                    raise CaptureError(f"{self.path}: not a readable pcapng file "
                                       f"({exc})") from None
            yield block

    def _frames(self, handle: BinaryIO) -> Iterator[Frame]:
        pending: list[Any] = []  # the EPBs of one message so far
        number = 0
        for number, block in enumerate(self._blocks(handle), start=1):
            if isinstance(block, blocks.SectionHeader):
                self._section(block)
            elif isinstance(block, blocks.EnhancedPacket):
                packet_id = block.options.get("epb_packetid")
                if pending and (packet_id != _packet_id(pending[0])
                                or block.interface_id != pending[0].interface_id):
                    yield self._message(pending, number - len(pending))
                    pending = []
                if packet_id is not None:
                    pending.append(block)
        if pending:
            yield self._message(pending, number - len(pending) + 1)
        if number == 0:
            raise CaptureError(f"{self.path}: the file is empty; expected a pcapng capture")

    def _section(self, shb: Any) -> None:
        app = shb.options.get("shb_userappl", "")
        if app != CAPTURE_APP:
            raise CaptureError(f"{self.path}: written by {app or 'an unnamed program'!r}, not by "
                               "Sockscope; only Sockscope's own pcapng captures can be opened")
        try:
            header = json.loads(shb.options.get("opt_comment", "{}"))
        except json.JSONDecodeError as exc:
            raise CaptureError(f"{self.path}: section header comment: bad JSON: "
                               f"{exc.msg}") from None
        if not isinstance(header, dict) or header.get("format") != FORMAT:
            raise CaptureError(f"{self.path}: section header comment: expected "
                               f"{{\"format\": \"{FORMAT}\", …}}")
        self.source = CaptureSource.from_json(header.get("source", {}),
                                              f"{self.path}: section header")

    def _message(self, epbs: list[Any], block_no: int) -> Frame:
        where = f"{self.path}: block {block_no} (message {_packet_id(epbs[0])})"
        first = epbs[0]
        interface = first.interface
        if interface.link_type != LINKTYPE_RAW:
            raise CaptureError(f"{where}: expected link type RAW (101), got "
                               f"{interface.link_type}")
        match = _IF_NAME.match(interface.options.get("if_name", ""))
        if match is None:
            raise CaptureError(f"{where}: interface name should be 'sockscope conn <id>'")
        flags = first.options.get("epb_flags")
        outbound = flags is not None and int(flags) & 3 == EPB_OUTBOUND
        direction = Direction.OUT if outbound else Direction.IN
        parts = []
        peer: Address | None = None
        for epb in epbs:
            payload, src, dst = _transport_payload(epb.packet_data, where)
            parts.append(payload)
            peer = dst if outbound else src
        data = b"".join(parts)
        kind = FrameKind.DATA
        if self.source.transport is Transport.WEBSOCKET:
            from_client = outbound != self.source.server
            kind, data = _ws_message(data, from_client, where)
        us = (first.timestamp_high << 32) | first.timestamp_low
        ts = us / 10**6 if interface.timestamp_resolution == 1e-6 else first.timestamp
        return Frame(data, direction, int(match.group(1)), ts, kind, peer)


def _packet_id(epb: Any) -> int | None:
    value = epb.options.get("epb_packetid")
    return int(value) if value is not None else None


def _transport_payload(packet: bytes, where: str) -> tuple[bytes, Address, Address]:
    """(payload, source, destination) of one raw IPv4/IPv6 TCP or UDP packet."""
    try:
        ip: Any = dpkt.ip.IP(packet) if packet[:1] and packet[0] >> 4 == 4 else \
            dpkt.ip6.IP6(packet)
    except (dpkt.UnpackError, IndexError) as exc:
        raise CaptureError(f"{where}: not an IP packet ({exc})") from None
    segment = ip.data
    if not isinstance(segment, dpkt.tcp.TCP | dpkt.udp.UDP):
        raise CaptureError(f"{where}: expected a TCP or UDP packet")
    src = (dpkt.utils.inet_to_str(ip.src), segment.sport)
    dst = (dpkt.utils.inet_to_str(ip.dst), segment.dport)
    return bytes(segment.data), src, dst


def _ws_message(data: bytes, from_client: bool, where: str) -> tuple[FrameKind, bytes]:
    """Parse the one WebSocket frame in ``data`` (RFC 6455 §5.2) with websockets' parser."""
    reader = StreamReader()
    reader.feed_data(data)
    reader.feed_eof()
    parser = WsFrame.parse(reader.read_exact, mask=from_client, max_size=None)
    try:
        next(parser)
    except StopIteration as done:
        frame: WsFrame = done.value
    except (ProtocolError, EOFError) as exc:
        raise CaptureError(f"{where}: not a WebSocket frame ({exc})") from None
    else:
        raise CaptureError(f"{where}: the WebSocket frame is cut short")
    kind = _KINDS.get(frame.opcode)
    if kind is None or not frame.fin:
        raise CaptureError(f"{where}: expected one whole WebSocket message, got "
                           f"{frame.opcode.name} fin={frame.fin}")
    return kind, bytes(frame.data)

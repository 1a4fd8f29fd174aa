"""pcapng captures that Wireshark and tshark open (Qt-free).

Block layout follows the pcapng spec (draft-ietf-opsawg-pcapng): one Section Header Block
(``shb_userappl`` names Sockscope and the capture version), one Interface Description Block
per connection id — written just before that connection's first packet, link type RAW (101:
packets start at the IP header), ``if_tsresol`` 6 (microseconds), ``if_name``
``sockscope conn <id>`` — and one Enhanced Packet Block per packet, with ``epb_flags``
giving the direction (inbound/outbound, bits 0-1) and, on packets that carry a logged message,
``epb_packetid`` = its message number (every segment of a split message has the same one).

- UDP rows: one UDP datagram each, between our address and the row's peer.
- TCP rows (TLS too, as the decrypted bytes): a synthesised TCP connection per (connection,
  peer): SYN/SYN-ACK/ACK before the first row, then each row as segments of at most
  ``MAX_SEGMENT`` bytes with consistent sequence and acknowledgement numbers.
- WebSocket rows: the same TCP connection carrying a synthesised HTTP/1.1 upgrade (RFC 6455
  §4) and then each message as one WebSocket frame (serialised by the websockets library;
  frames from the client are masked as §5.3 requires, with a random key).  Wireshark's HTTP
  dissector sees the ``101 Switching Protocols`` and shows the frames as WebSocket messages.
  Messages are written unfragmented and uncompressed: the log holds them whole and inflated.
"""

from __future__ import annotations

import contextlib
import json
import struct
from typing import ClassVar

from websockets.exceptions import ProtocolError
from websockets.frames import Frame as WsFrame
from websockets.frames import Opcode
from websockets.utils import accept_key, generate_key

from gui.capture.base import CaptureWriter
from gui.capture.packets import TcpStream, pack_host, udp_packet
from gui.capture.source import FORMAT, VERSION, CaptureError, CaptureSource, Transport
from gui.store.events import EventType, LogEvent
from transports.frames import Address, Direction, Frame, FrameKind, format_address
from transports.url import UrlError, parse_url

CAPTURE_APP = "Sockscope (capture format 1)"
LINKTYPE_RAW = 101
SYNTHETIC_PORT_BASE = 49_152

EPB_INBOUND, EPB_OUTBOUND = 1, 2
_EPB = struct.Struct("<IIIIIII")
_OPT = struct.Struct("<HH")
_OPT_FLAGS = 2
_OPT_PACKETID = 5
_WS_OPCODES = {FrameKind.TEXT: Opcode.TEXT, FrameKind.BINARY: Opcode.BINARY,
               FrameKind.DATA: Opcode.BINARY, FrameKind.PING: Opcode.PING,
               FrameKind.PONG: Opcode.PONG, FrameKind.CLOSE: Opcode.CLOSE}


def _option(code: int, value: bytes) -> bytes:
    return _OPT.pack(code, len(value)) + value + b"\0" * (-len(value) % 4)


def _block(block_type: int, body: bytes) -> bytes:
    length = 12 + len(body)
    return struct.pack("<II", block_type, length) + body + struct.pack("<I", length)


def section_header(source: CaptureSource) -> bytes:
    """The SHB: ``shb_userappl`` says who wrote it; the comment holds the capture's source as
    JSON (``{"format": …, "version": 1, "source": {…}}``) so that Sockscope can read it back."""
    comment = json.dumps({"format": FORMAT, "version": VERSION, "source": source.to_json()})
    options = _option(4, CAPTURE_APP.encode()) + _option(1, comment.encode()) + _option(0, b"")
    return _block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1) + options)


def interface_description(name: str, description: str) -> bytes:
    options = (_option(2, name.encode()) + _option(3, description.encode())
               + _option(9, b"\x06") + _option(0, b""))
    return _block(1, struct.pack("<HHI", LINKTYPE_RAW, 0, 0) + options)


def enhanced_packet(interface: int, ts: float, packet: bytes, flags: int,
                    packet_id: int | None) -> bytes:
    n = len(packet)
    options = struct.pack("<HHI", _OPT_FLAGS, 4, flags)
    if packet_id is not None:
        options += struct.pack("<HHQ", _OPT_PACKETID, 8, packet_id)
    options += b"\0\0\0\0"
    length = 32 + n + (-n % 4) + len(options)
    us = round(ts * 1e6)
    return b"".join((_EPB.pack(6, length, interface, us >> 32, us & 0xFFFFFFFF, n, n), packet,
                     b"\0" * (-n % 4), options, struct.pack("<I", length)))


class _Stream:
    """A synthesised TCP connection and, for WebSocket, whether the upgrade was written."""

    __slots__ = ("tcp", "upgraded", "we_are_client")

    def __init__(self, tcp: TcpStream, we_are_client: bool) -> None:
        self.tcp = tcp
        self.we_are_client = we_are_client
        self.upgraded = False


class PcapngWriter(CaptureWriter):
    format_name = "pcapng"
    extensions: ClassVar[tuple[str, ...]] = (".pcapng",)

    def _header(self) -> bytes:
        self._interfaces: dict[int, int] = {}
        self._streams: dict[tuple[int, Address | None], _Stream] = {}
        self._ends: dict[tuple[int, Address | None], tuple[Address, Address]] = {}
        self._opened = 0  # TCP streams synthesised so far
        self._source: CaptureSource = self.options.source
        return section_header(self._source)

    def _write_rows(self, rows: list[int]) -> None:
        log = self.log
        transport = self._source.transport
        out: list[bytes] = []
        for row in rows:
            frame = log.frame(row)
            if frame.kind is FrameKind.EVENT:
                out.extend(self._event(frame))
                continue
            iface = self._interfaces.get(frame.conn_id)
            if iface is None:
                iface = self._interfaces[frame.conn_id] = len(self._interfaces)
                out.append(interface_description(
                    f"sockscope conn {frame.conn_id}",
                    f"{self._source.name or 'Sockscope'} {self._source.url} "
                    f"#{frame.conn_id} {format_address(frame.peer)}".strip()))
            outbound = frame.direction is Direction.OUT
            flags = EPB_OUTBOUND if outbound else EPB_INBOUND
            seq = log.seq(row)
            ends = self._ends.get((frame.conn_id, frame.peer))
            if ends is None:
                local = self._local_address(frame.conn_id, frame.peer)
                ends = self._ends[(frame.conn_id, frame.peer)] = (
                    local, frame.peer or _unknown_peer(local))
            local, peer = ends
            if transport is Transport.UDP:
                try:
                    packet = udp_packet(local, peer, frame.payload) if outbound else \
                        udp_packet(peer, local, frame.payload)
                except ValueError as exc:
                    raise CaptureError(f"{self.path}: message {seq}: {exc}") from None
                out.append(enhanced_packet(iface, frame.timestamp, packet, flags, seq))
                continue
            stream = self._stream(frame.conn_id, frame.peer, local, peer)
            ts = frame.timestamp
            pending = []
            if not stream.tcp.open:
                pending.extend(stream.tcp.handshake())
            payload = frame.payload
            if transport is Transport.WEBSOCKET:
                if not stream.upgraded:
                    pending.extend(self._upgrade(stream))
                opcode = _WS_OPCODES.get(FrameKind(frame.kind), Opcode.BINARY)
                from_client = outbound == stream.we_are_client
                try:
                    payload = WsFrame(opcode, payload).serialize(mask=from_client)
                except ProtocolError as exc:  # e.g. a ping over 125 bytes (RFC 6455 §5.5)
                    raise CaptureError(f"{self.path}: message {seq}: not a valid WebSocket "
                                       f"{opcode.name} frame: {exc}") from None
            for from_client, packet in pending:
                out.append(enhanced_packet(iface, ts, packet, self._flags(stream, from_client),
                                           None))
            from_client = outbound == stream.we_are_client
            for _, packet in stream.tcp.data(from_client, payload):
                out.append(enhanced_packet(iface, ts, packet, flags, seq))
        self._emit(b"".join(out))

    def _event(self, frame: Frame) -> list[bytes]:
        """Connection events have no packets of their own, except that a disconnect ends the
        synthesised TCP connection with FIN, FIN, ACK (the closing side first), so that a
        reconnect on the same connection id starts a new stream with a new handshake."""
        event = LogEvent.decode(frame.payload)
        if event.type is not EventType.DISCONNECTED:
            return []
        out = []
        for key in [k for k in self._streams if k[0] == frame.conn_id
                    and (frame.peer is None or k[1] == frame.peer)]:
            stream = self._streams.pop(key)
            if stream.tcp.open and not stream.tcp.closed:
                from_client = (event.by != "peer") == stream.we_are_client
                iface = self._interfaces[frame.conn_id]
                for client_side, packet in stream.tcp.close(from_client):
                    out.append(enhanced_packet(iface, frame.timestamp, packet,
                                               self._flags(stream, client_side), None))
        return out

    @staticmethod
    def _flags(stream: _Stream, from_client: bool) -> int:
        return EPB_OUTBOUND if from_client == stream.we_are_client else EPB_INBOUND

    def _stream(self, conn_id: int, key_peer: Address | None, local: Address,
                peer: Address) -> _Stream:
        key = (conn_id, key_peer)
        stream = self._streams.get(key)
        if stream is None:
            we_are_client = not self._source.server
            client, server = (local, peer) if we_are_client else (peer, local)
            self._opened += 1
            stream = self._streams[key] = _Stream(
                TcpStream(client, server, self._opened * 100_000_007), we_are_client)
        return stream

    def _upgrade(self, stream: _Stream) -> list[tuple[bool, bytes]]:
        """The HTTP/1.1 upgrade of RFC 6455 §4.1/§4.2.2 (headers: what the handshake needs)."""
        stream.upgraded = True
        path = "/"
        with contextlib.suppress(UrlError, ValueError, AttributeError):
            path = parse_url(self._source.url).path or "/"
        server = stream.tcp.server
        key = generate_key()
        request = (f"GET {path} HTTP/1.1\r\nHost: {format_address(server)}\r\n"
                   "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n")
        response = ("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    f"Connection: Upgrade\r\nSec-WebSocket-Accept: {accept_key(key)}\r\n\r\n")
        return [*stream.tcp.data(True, request.encode()),
                *stream.tcp.data(False, response.encode())]

    def _local_address(self, conn_id: int, peer: Address | None) -> Address:
        """Our address: the source's, else the URL's for a server, else an invented one of
        the peer's address family (``0.0.0.0``/``::``, port 49152 + conn id mod 16384)."""
        source = self._source
        v6 = peer is not None and _family_v6(peer[0]) is True
        local = source.local
        if local is None and source.server:
            try:
                endpoint = parse_url(source.url)
                local = (endpoint.host, endpoint.port)
            except (UrlError, ValueError, AttributeError):
                local = None
        if local is not None and _family_v6(local[0]) is v6:
            return local
        port = local[1] if local is not None else SYNTHETIC_PORT_BASE + conn_id % 16384
        return ("::" if v6 else "0.0.0.0", port)


def _unknown_peer(local: Address) -> Address:
    return ("::" if ":" in local[0] else "0.0.0.0", 0)


def _family_v6(host: str) -> bool | None:
    """True for an IPv6 address, False for IPv4, None for a name (not usable in packets)."""
    try:
        return len(pack_host(host)) == 16
    except ValueError:
        return None

"""The rules engine on real 127.0.0.1 sockets against peers we did not write: socat and ncat
for TCP and UDP, aiohttp's WebSocket client.  Plain asyncio: the engine is Qt-free."""

from __future__ import annotations

import asyncio
import socket
import time
from collections.abc import AsyncIterator, Coroutine, Sequence
from contextlib import asynccontextmanager
from typing import Any

import aiohttp
import pytest

from gui.automation.checksum import algorithm
from gui.automation.match import MatchKind, MatchSpec, MessageKind
from gui.automation.rules import Rule, RulesEngine
from gui.session import Entry, SessionManager
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import until
from tests.transports.conftest import need
from transports.codec import Mode
from transports.framing import FramingMode, FramingSpec
from transports.options import Options

LINES = FramingSpec(mode=FramingMode.DELIMITER, delimiter=b"\n")
Notes = list[tuple[int, str]]


def run(coro: Coroutine[Any, Any, None], timeout: float = 30) -> None:
    asyncio.run(asyncio.wait_for(coro, timeout))


def r(kind: MatchKind, pattern: str = "", **kw: Any) -> Rule:
    match_kw = {k: kw.pop(k) for k in ("pattern_mode", "message_kind", "checksum")
                if k in kw}
    return Rule(match=MatchSpec(kind, pattern, **match_kw), **kw)


@asynccontextmanager
async def serving(url: str, rules: Sequence[Rule], options: Options | None = None,
                  role: Role = Role.SERVER) -> AsyncIterator[tuple[Entry, RulesEngine, Notes]]:
    manager = SessionManager()
    notes: Notes = []
    engine = RulesEngine(manager, note=lambda e, conn_id, text: notes.append((conn_id, text)))
    entry = manager.add(ConnectionSpec(url, role, options or Options(framing=LINES)))
    engine.set_rules(entry.id, rules)
    try:
        await manager.connect(entry)
        yield entry, engine, notes
    finally:
        await engine.close()
        await manager.close_all()


async def tool(*args: str) -> asyncio.subprocess.Process:
    need(args[0])
    return await asyncio.create_subprocess_exec(
        *args, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.DEVNULL)


async def ask(proc: asyncio.subprocess.Process, line: bytes) -> bytes:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(line)
    await proc.stdin.drain()
    return await asyncio.wait_for(proc.stdout.readline(), 5)


async def finish(proc: asyncio.subprocess.Process) -> None:
    if proc.returncode is None:
        proc.kill()
    await proc.wait()


@pytest.mark.peer
def test_tcp_server_answers_socat_by_every_text_match_kind() -> None:
    rules = [
        r(MatchKind.EXACT, "ping", reply="pong {{counter}}\\n"),
        r(MatchKind.STARTS, "GET ", reply="value of {{0}}?\\n"),
        r(MatchKind.ENDS, "?", reply="a question\\n"),
        r(MatchKind.CONTAINS, "温度", reply="20℃\\n"),
        r(MatchKind.REGEX, r"SET (?P<key>\w+)=(\d+)", reply="OK {{key}} is {{2}}\\n"),
        r(MatchKind.ANY, reply="? {{0}}\\n"),
    ]

    async def main() -> None:
        async with serving("tcp://127.0.0.1:0", rules) as (entry, engine, _):
            socat = await tool("socat", "-", f"TCP:127.0.0.1:{entry.bound_port}")
            try:
                assert await ask(socat, b"ping\n") == b"pong 1\n"
                assert await ask(socat, b"ping\n") == b"pong 2\n"
                assert await ask(socat, b"GET x\n") == b"value of GET ?\n"
                assert await ask(socat, b"why?\n") == b"a question\n"
                assert await ask(socat, "现在温度\n".encode()) == "20℃\n".encode()
                assert await ask(socat, b"SET speed=42\n") == b"OK speed is 42\n"
                assert await ask(socat, b"hello\n") == b"? hello\n"
            finally:
                await finish(socat)
            assert engine.replies == 7
            sent = [entry.log.payload(i) for i in range(len(entry.log))
                    if entry.log.direction(i).name == "OUT"]
            assert sent[0] == b"pong 1\n" and len(sent) == 7  # the log has the replies

    run(main())


@pytest.mark.peer
def test_tcp_client_rules_answer_an_ncat_server_with_note_and_close() -> None:
    need("ncat")
    port = _free_port()

    async def main() -> None:
        ncat = await tool("ncat", "-l", "127.0.0.1", str(port))
        await _wait_port(port)
        rules = [r(MatchKind.REGEX, r"hello (\w+)", reply="hi {{1}}\\n", note="greeted {{1}}"),
                 r(MatchKind.EXACT, "bye", reply="ciao\\n", close=True)]
        try:
            async with serving(f"tcp://127.0.0.1:{port}", rules, role=Role.CLIENT) as (
                    entry, _, notes):
                assert await ask(ncat, b"hello world\n") == b"hi world\n"
                assert notes == [(entry.conn.id, "greeted world")]  # type: ignore[union-attr]
                assert await ask(ncat, b"bye\n") == b"ciao\n"
                assert ncat.stdout is not None
                assert await asyncio.wait_for(ncat.stdout.read(), 5) == b""  # closed by us
                await until(lambda: not entry.connected)
        finally:
            await finish(ncat)

    run(main())


@pytest.mark.peer
def test_rule_order_continue_disabled_and_stop_after_n() -> None:
    rules = [
        r(MatchKind.CONTAINS, "a", reply="saw a\\n", continue_matching=True),
        r(MatchKind.ANY, reply="disabled\\n", enabled=False),
        r(MatchKind.EXACT, "abc", reply="abc #{{counter}}\\n", max_matches=2),
        r(MatchKind.ANY, reply="other\\n"),
    ]

    async def main() -> None:
        async with serving("tcp://127.0.0.1:0", rules) as (entry, _, notes):
            socat = await tool("socat", "-", f"TCP:127.0.0.1:{entry.bound_port}")
            try:
                assert socat.stdout is not None
                assert await ask(socat, b"abc\n") == b"saw a\n"
                assert await socat.stdout.readline() == b"abc #1\n"
                assert await ask(socat, b"xyz\n") == b"other\n"
                assert await ask(socat, b"abc\n") == b"saw a\n"
                assert await socat.stdout.readline() == b"abc #2\n"
                assert await ask(socat, b"abc\n") == b"saw a\n"
                assert await socat.stdout.readline() == b"other\n"  # rule 3 stopped
                assert any("rule 3 stops" in text for _, text in notes)
            finally:
                await finish(socat)

    run(main())


@pytest.mark.peer
def test_delay_and_pending_replies_end_with_the_peer() -> None:
    rules = [r(MatchKind.EXACT, "slow", reply="late\\n", delay_ms=300),
             r(MatchKind.EXACT, "never", reply="x\\n", delay_ms=60_000),
             r(MatchKind.ANY, reply="now\\n")]

    async def main() -> None:
        async with serving("tcp://127.0.0.1:0", rules) as (entry, engine, _):
            socat = await tool("socat", "-", f"TCP:127.0.0.1:{entry.bound_port}")
            try:
                start = time.monotonic()
                assert await ask(socat, b"slow\nfast\n") == b"now\n"  # overtakes the slow one
                fast = time.monotonic() - start
                assert socat.stdout is not None
                assert await asyncio.wait_for(socat.stdout.readline(), 5) == b"late\n"
                assert time.monotonic() - start >= 0.3 > fast
                assert await ask(socat, b"never\nping\n") == b"now\n"
                assert engine.waiting == 1
            finally:
                await finish(socat)
            await until(lambda: engine.waiting == 0, message="the pending reply cancelled")

    run(main())


@pytest.mark.peer
def test_binary_device_with_hex_wildcards_and_checksums_over_udp() -> None:
    crc = algorithm("crc16-modbus")
    rules = [
        r(MatchKind.CHECKSUM_INVALID, checksum="crc16-modbus", reply="EE {{crc16-modbus}}",
          reply_mode=Mode.HEX),
        r(MatchKind.HEX, "01 03 ?? ?? *", reply="01 03 02 {{1}} {{2}} {{crc16-modbus}}",
          reply_mode=Mode.HEX),
    ]

    async def main() -> None:
        async with serving("udp://127.0.0.1:0", rules, Options()) as (entry, _, _notes):
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.setblocking(False)
            sock.connect(("127.0.0.1", entry.bound_port))
            loop = asyncio.get_running_loop()
            try:
                good = b"\x01\x03\x00\x07" + crc.to_bytes(b"\x01\x03\x00\x07")
                await loop.sock_sendall(sock, good)
                reply = await asyncio.wait_for(loop.sock_recv(sock, 100), 5)
                assert reply == b"\x01\x03\x02\x00\x07" + crc.to_bytes(b"\x01\x03\x02\x00\x07")
                await loop.sock_sendall(sock, good[:-1] + b"\x00")
                reply = await asyncio.wait_for(loop.sock_recv(sock, 100), 5)
                assert reply == b"\xee" + crc.to_bytes(b"\xee")
            finally:
                sock.close()
            # an independent UDP peer: socat sends a datagram and prints the answer
            socat = await tool("socat", "-", f"UDP:127.0.0.1:{entry.bound_port}")
            try:
                assert socat.stdin is not None and socat.stdout is not None
                socat.stdin.write(b"\x01\x03\x12\x34\x00\x00")  # a wrong CRC
                await socat.stdin.drain()
                assert await asyncio.wait_for(socat.stdout.read(3), 5) \
                    == b"\xee" + crc.to_bytes(b"\xee")
            finally:
                await finish(socat)

    run(main())


def test_websocket_server_answers_aiohttp_by_message_kind() -> None:
    rules = [r(MatchKind.ANY, reply="text: {{0}}", message_kind=MessageKind.TEXT),
             r(MatchKind.HEX, "ff *", reply="{{1}} 00", reply_mode=Mode.HEX,
               message_kind=MessageKind.BINARY),
             r(MatchKind.ANY, reply="as text", reply_kind=MessageKind.TEXT)]

    async def main() -> None:
        async with serving("ws://127.0.0.1:0/", rules, Options()) as (entry, _, _notes), \
                aiohttp.ClientSession() as http, \
                http.ws_connect(f"ws://127.0.0.1:{entry.bound_port}/") as ws:
            await ws.send_str("héllo")
            msg = await ws.receive(5)
            assert (msg.type, msg.data) == (aiohttp.WSMsgType.TEXT, "text: héllo")
            await ws.send_bytes(b"\xff\x01\x02")
            msg = await ws.receive(5)
            assert (msg.type, msg.data) == (aiohttp.WSMsgType.BINARY, b"\x01\x02\x00")
            await ws.send_bytes(b"\x00")
            msg = await ws.receive(5)
            assert (msg.type, msg.data) == (aiohttp.WSMsgType.TEXT, "as text")

    run(main())


def test_a_flooding_peer_that_never_reads_cannot_grow_memory() -> None:
    bound = 64 * 1024
    frame = b"x" * 63 + b"\n"

    async def main() -> None:
        options = Options(framing=LINES, send_queue_bytes=bound, send_queue=1 << 20)
        async with serving("tcp://127.0.0.1:0", [r(MatchKind.ANY, reply="{{0}} ok\\n")],
                           options) as (entry, engine, _):
            sock = socket.socket()
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            sock.setblocking(False)
            loop = asyncio.get_running_loop()
            await loop.sock_connect(sock, ("127.0.0.1", entry.bound_port))
            peak = 0
            try:
                await until(lambda: len(entry.peers) == 1)
                peer = entry.connection(next(iter(entry.peers)))
                assert peer is not None
                deadline = time.monotonic() + 20
                # write as fast as the kernel takes it, until the server stops reading
                while not peer._pause_reasons and time.monotonic() < deadline:
                    try:
                        sock.send(frame * 256)
                    except BlockingIOError:
                        await asyncio.sleep(0.005)
                    peak = max(peak, peer._queue.nbytes)
                assert peer._pause_reasons, "the flooding peer was never paused"
                for _ in range(20):  # paused for good: the queue does not grow past its bound
                    await asyncio.sleep(0.01)
                    peak = max(peak, peer._queue.nbytes)
                assert bound <= peak <= bound + 512 * 1024  # one read's replies of overshoot
                replies = engine.replies
                await asyncio.sleep(0.2)
                assert engine.replies == replies  # nothing more is read while paused
            finally:
                sock.close()

    run(main())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _wait_port(port: int) -> None:
    """Wait until something listens on 127.0.0.1:port, without connecting (ncat -l serves
    only its first client)."""
    entry = f"0100007F:{port:04X}"
    deadline = time.monotonic() + 5
    while True:
        if any(line.split()[1] == entry and line.split()[3] == "0A"
               for line in _proc_net_tcp()[1:]):
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"nothing listens on 127.0.0.1:{port}")
        await asyncio.sleep(0.02)


def _proc_net_tcp() -> list[str]:
    with open("/proc/net/tcp") as table:  # a tiny kernel table: reading it does not block
        return table.readlines()

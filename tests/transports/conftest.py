"""Shared fixtures for transport tests.

- ``run``: runs a coroutine on a fresh loop (``asyncio.run``) and fails the test if any task
  is still pending when the coroutine returns (owned tasks must be gone after ``close()``).
- ``tls``: a trustme CA, a server certificate for 127.0.0.1/localhost and a client certificate,
  as PEM files (:class:`TlsFiles`), plus a second, untrusted CA's server cert (self-signed case).
- ``spawn``: starts an independent peer (socat/ncat/openssl) as a subprocess, waits for its TCP
  port when asked, and kills it at teardown.  ``need("socat")`` skips when a tool is missing.
- :class:`Recorder`: collects a connection's events and waits for one that matches.
"""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import pytest
import trustme

from transports.frames import ErrorEvent, Event, FrameReceived, FrameSent, StateChanged
from transports.state import State

T = TypeVar("T")
Runner = Callable[[Coroutine[Any, Any, T]], T]


async def _no_pending(coro: Coroutine[Any, Any, T]) -> T:
    result = await coro
    for _ in range(5):  # let done-callbacks and just-cancelled tasks finish
        await asyncio.sleep(0)
    current = asyncio.current_task()
    pending = [t for t in asyncio.all_tasks() if t is not current and not t.done()]
    if pending:
        names = ", ".join(sorted(t.get_name() for t in pending))
        for task in pending:
            task.cancel()
        await asyncio.gather(*pending, return_exceptions=True)
        raise AssertionError(f"tasks left pending at the end of the test: {names}")
    return result


def run_checked(coro: Coroutine[Any, Any, T], timeout: float = 30.0) -> T:
    """``asyncio.run`` with a timeout and the no-pending-task check."""

    async def main() -> T:
        async with asyncio.timeout(timeout):
            return await _no_pending(coro)

    return asyncio.run(main())


@pytest.fixture
def run() -> Runner[Any]:
    return run_checked


# -- events ---------------------------------------------------------------------------------
class Recorder:
    """Subscribes to a connection (or server) and keeps every event."""

    def __init__(self, conn: Any) -> None:
        self.events: list[Event] = []
        self._changed = asyncio.Event()
        self.unsubscribe = conn.subscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        self.events.append(event)
        self._changed.set()

    async def wait_for(self, predicate: Callable[[Event], bool], within: float = 5.0) -> Event:
        """The first recorded event (old or new) matching ``predicate``."""
        async with asyncio.timeout(within):
            seen = 0
            while True:
                for event in self.events[seen:]:
                    if predicate(event):
                        return event
                seen = len(self.events)
                self._changed.clear()
                await self._changed.wait()

    async def wait_state(self, state: State, conn_id: int | None = None,
                         within: float = 5.0) -> StateChanged:
        event = await self.wait_for(
            lambda e: isinstance(e, StateChanged) and e.new is state
            and (conn_id is None or e.conn_id == conn_id), within)
        assert isinstance(event, StateChanged)
        return event

    async def wait_received(self, count: int = 1, within: float = 5.0) -> list[bytes]:
        """Wait until ``count`` frames have been received; return all payloads so far."""
        await self.wait_for(lambda e: len(self.received) >= count, within)
        return self.received

    async def wait_bytes(self, total: int, within: float = 5.0) -> bytes:
        """Wait until the received payloads add up to ``total`` bytes (raw stream reads)."""
        await self.wait_for(lambda e: sum(map(len, self.received)) >= total, within)
        return b"".join(self.received)

    @property
    def received(self) -> list[bytes]:
        return [e.frame.payload for e in self.events if isinstance(e, FrameReceived)]

    @property
    def sent(self) -> list[bytes]:
        return [e.frame.payload for e in self.events if isinstance(e, FrameSent)]

    @property
    def errors(self) -> list[str]:
        return [e.message for e in self.events if isinstance(e, ErrorEvent)]

    def states(self, conn_id: int | None = None) -> list[State]:
        return [e.new for e in self.events if isinstance(e, StateChanged)
                and (conn_id is None or e.conn_id == conn_id)]


# -- TLS ------------------------------------------------------------------------------------
@dataclass(frozen=True)
class TlsFiles:
    ca_file: str  # the CA that signed server and client certs
    cert_file: str  # server certificate chain (127.0.0.1, localhost)
    key_file: str
    client_cert_file: str  # client certificate (mutual TLS)
    client_key_file: str
    other_cert_file: str  # a server cert from a CA nobody trusts ("self-signed" case)
    other_key_file: str
    named_cert_file: str  # a server cert only valid for "sockscope.test" (server_name tests)
    named_key_file: str


@pytest.fixture(scope="session")
def tls(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    folder = tmp_path_factory.mktemp("tls")
    ca = trustme.CA()
    other_ca = trustme.CA()

    def write(name: str, blob: trustme.Blob) -> str:
        path = folder / name
        blob.write_to_path(str(path))
        return str(path)

    server = ca.issue_cert("127.0.0.1", "localhost")
    client = ca.issue_cert("client@sockscope.test")
    other = other_ca.issue_cert("127.0.0.1", "localhost")
    named = ca.issue_cert("sockscope.test")
    ca_path = folder / "ca.pem"
    ca.cert_pem.write_to_path(str(ca_path))

    def chain(name: str, cert: trustme.LeafCert) -> str:
        path = folder / name
        path.write_bytes(b"".join(b.bytes() for b in cert.cert_chain_pems))
        return str(path)

    return TlsFiles(
        ca_file=str(ca_path),
        cert_file=chain("server.pem", server), key_file=write("server.key", server.private_key_pem),
        client_cert_file=chain("client.pem", client),
        client_key_file=write("client.key", client.private_key_pem),
        other_cert_file=chain("other.pem", other),
        other_key_file=write("other.key", other.private_key_pem),
        named_cert_file=chain("named.pem", named),
        named_key_file=write("named.key", named.private_key_pem),
    )


# -- independent peers ----------------------------------------------------------------------
def need(tool: str) -> str:
    """The tool's path; skips the test (with the reason) when it is not installed."""
    path = shutil.which(tool)
    if path is None:
        pytest.skip(f"{tool} is not installed (CI installs it: apt-get install {tool})")
    return path


def free_port(kind: int = socket.SOCK_STREAM) -> int:
    """A port that was free on 127.0.0.1 a moment ago (for peers that cannot use port 0)."""
    with socket.socket(socket.AF_INET, kind) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_listening(port: int, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.02)


class Spawner:
    def __init__(self) -> None:
        self.procs: list[subprocess.Popen[bytes]] = []

    def __call__(self, *args: str, tcp_port: int | None = None,
                 stdin: int | None = subprocess.DEVNULL) -> subprocess.Popen[bytes]:
        proc = subprocess.Popen(args, stdin=stdin, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE)
        self.procs.append(proc)
        if tcp_port is not None:
            wait_listening(tcp_port)
        return proc

    def stop_all(self) -> None:
        for proc in self.procs:
            if proc.poll() is None:
                proc.kill()
            proc.wait()
            for pipe in (proc.stdin, proc.stdout, proc.stderr):
                if pipe is not None:
                    pipe.close()


@pytest.fixture
def spawn() -> Iterator[Spawner]:
    spawner = Spawner()
    try:
        yield spawner
    finally:
        spawner.stop_all()


async def in_thread(func: Callable[[], T]) -> T:
    """Run blocking test code (a subprocess exchange) without blocking the loop."""
    return await asyncio.to_thread(func)

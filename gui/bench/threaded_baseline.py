"""Many connections, the original design: THREE threads per connection (``python -m
gui.bench.threaded_baseline …`` prints JSON).

Per connection, as the original TCP client had it:
- a read thread: blocking ``recv`` → the read queue;
- a write thread: the write queue → blocking ``sendall``;
- a logic thread: consumes the read queue (cuts the 2-byte length-prefixed frames, matches the
  echoed probe, records its round trip) and, every 10 ms (``--rate``), puts the next probe on
  the write queue.
Queues are ``queue.Queue``.  Thread stacks use the interpreter's default size unless
``--stack-kb`` is given (the result says which).
"""

from __future__ import annotations

import argparse
import contextlib
import queue
import socket
import sys
import threading
import time
from array import array
from typing import Any

from gui.bench.echo_load import Window, add_load_arguments, probe, probe_time, sample
from gui.bench.peers import raise_fd_limit
from gui.bench.proc import emit, rss_bytes

_STOP = b""


class ThreadedClient:
    def __init__(self, index: int, n: int, port: int, window: Window,
                 go: threading.Event, stop: threading.Event) -> None:
        self.index, self.n, self.window, self.go, self.stop = index, n, window, go, stop
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        self.sock.settimeout(None)
        self.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.rtts = array("d")
        self.sent = self.received = self.missed = 0
        self.read_q: queue.Queue[bytes] = queue.Queue()
        self.write_q: queue.Queue[bytes] = queue.Queue()
        self.threads = [
            threading.Thread(target=self._read, name=f"read#{index}", daemon=True),
            threading.Thread(target=self._write, name=f"write#{index}", daemon=True),
            threading.Thread(target=self._logic, name=f"logic#{index}", daemon=True),
        ]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def _read(self) -> None:
        try:
            while True:
                data = self.sock.recv(65536)
                if not data:
                    break
                self.read_q.put(data)
        except OSError:
            pass
        self.read_q.put(_STOP)

    def _write(self) -> None:
        try:
            while True:
                data = self.write_q.get()
                if data is _STOP:
                    break
                self.sock.sendall(data)
        except OSError:
            pass

    def _logic(self) -> None:
        window, rtts = self.window, self.rtts  # per thread: no shared counters
        buf = b""
        seq = 0
        period = window.period
        self.go.wait()  # all threads exist before any traffic starts
        next_at = time.monotonic() + period * self.index / self.n
        while not self.stop.is_set():
            now = time.monotonic()
            if now >= next_at:
                if now - next_at > period:  # fell behind by more than a period: skip
                    skipped = int((now - next_at) / period)
                    if window.recording:
                        self.missed += skipped
                    next_at += skipped * period
                payload = probe(time.perf_counter(), self.index, seq)
                self.write_q.put(len(payload).to_bytes(2, "big") + payload)
                if window.recording:
                    self.sent += 1
                seq += 1
                next_at += period
                continue
            try:
                data = self.read_q.get(timeout=next_at - now)
            except queue.Empty:
                continue
            if data is _STOP:
                break
            buf += data
            pos = 0
            while len(buf) - pos >= 2:
                size = int.from_bytes(buf[pos : pos + 2], "big")
                if len(buf) - pos - 2 < size:
                    break
                payload = buf[pos + 2 : pos + 2 + size]
                pos += 2 + size
                if window.recording:
                    rtts.append(time.perf_counter() - probe_time(payload))
                    self.received += 1
            buf = buf[pos:]

    def shutdown(self) -> None:
        """Stop the threads: the write thread by its queue, the read thread by the socket."""
        self.write_q.put(_STOP)
        with contextlib.suppress(OSError):
            self.sock.shutdown(socket.SHUT_RDWR)

    def join(self, deadline: float) -> None:
        for thread in self.threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))
        self.sock.close()


def run(n: int, port: int, duration: float, warmup: float, peer_pid: int,
        stack_kb: int, rate: float) -> dict[str, Any]:
    if stack_kb:
        threading.stack_size(stack_kb * 1024)
    rss_start = rss_bytes()
    window = Window(n, "threads", 1 / rate)
    go, stop = threading.Event(), threading.Event()
    clients = [ThreadedClient(i, n, port, window, go, stop) for i in range(n)]
    started = 0
    t_start = time.perf_counter()
    try:
        for client in clients:
            client.start()
            started += 1
        print(f"{n} clients, {threading.active_count()} threads started in "
              f"{time.perf_counter() - t_start:.1f} s", file=sys.stderr)
        go.set()
        time.sleep(warmup)
        window.recording = True
        start = sample(peer_pid)
        time.sleep(duration)
        window.recording = False
        end = sample(peer_pid)
        for client in clients:
            window.sent += client.sent
            window.received += client.received
            window.missed += client.missed
            window.rtts.extend(client.rtts)
        return window.result(start, end, rss_start=rss_start,
            extra={"threads": threading.active_count(),
                   "stack_kb": stack_kb or "default"})
    finally:
        stop.set()
        for client in clients[:started]:
            client.shutdown()
        deadline = time.monotonic() + 15  # the threads are daemons: never hang the exit
        for client in clients[:started]:
            client.join(deadline)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gui.bench.threaded_baseline")
    add_load_arguments(parser)
    parser.add_argument("--stack-kb", type=int, default=0, help="thread stack size; 0: default")
    args = parser.parse_args(argv)
    raise_fd_limit()
    emit(run(args.n, args.port, args.duration, args.warmup, args.peer_pid, args.stack_kb,
             args.rate))
    return 0


if __name__ == "__main__":
    sys.exit(main())

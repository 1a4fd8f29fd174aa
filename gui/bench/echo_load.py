"""Shared by both many-connection clients: the probe message and the measurement record.

A probe is 16 bytes (send time as a ``perf_counter`` double, connection index, sequence
number) sent with a 2-byte big-endian length header; the echo peer sends the bytes back.
"""

from __future__ import annotations

import resource
import struct
from array import array
from dataclasses import dataclass, field
from typing import Any

from gui.bench.proc import cpu_of, rss_bytes
from gui.bench.stats import percentile

PROBE = struct.Struct(">dII")
PERIOD = 0.01  # 100 messages per second per connection


def probe(sent_at: float, conn: int, seq: int) -> bytes:
    return PROBE.pack(sent_at, conn, seq)


def probe_time(payload: bytes) -> float:
    return float(PROBE.unpack_from(payload)[0])


def cpu_seconds() -> float:
    """User + system CPU seconds of this process (all its threads)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@dataclass
class Window:
    """What one client run measured between ``start`` and ``stop``."""

    n: int
    impl: str
    rtts: array = field(default_factory=lambda: array("d"))
    sent: int = 0
    received: int = 0
    missed: int = 0  # sends skipped because the sender fell more than a period behind
    recording: bool = False

    def result(self, *, duration: float, cpu_s: float, rss_start: int, peer_cpu_s: float,
               extra: dict[str, Any]) -> dict[str, Any]:
        rtts = self.rtts
        ms = (lambda q: round(percentile(rtts, q) * 1000, 3)) if rtts else (lambda q: None)
        rss = rss_bytes()
        return {
            "n": self.n, "impl": self.impl, "cpu_s": round(cpu_s, 3),
            "rss_mb": round(rss / 2**20, 1),
            "rss_delta_mb": round((rss - rss_start) / 2**20, 1),
            "rtt_p50_ms": ms(50), "rtt_p99_ms": ms(99), "rtt_max_ms": ms(100),
            "duration_s": round(duration, 3),
            "sent": self.sent, "received": self.received, "missed": self.missed,
            "target_msgs": int(self.n * duration / PERIOD),
            "rate_per_conn": round(self.received / self.n / duration, 1) if duration else 0,
            "cpu_us_per_msg": round(cpu_s / self.received * 1e6, 1) if self.received else None,
            "peer_cpu_s": round(peer_cpu_s, 3),
            **extra,
        }


def peer_cpu(pid: int) -> float:
    return cpu_of(pid)

"""ReadGate: the read-side bound shared by EventStream and the blocking facade (no I/O)."""

from __future__ import annotations

from transports.aio.flow import ReadGate


class Conn:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    def pause_reading(self, reason: object) -> None:
        self.calls.append(("pause", reason))

    def resume_reading(self, reason: object) -> None:
        self.calls.append(("resume", reason))


def test_pauses_at_the_limit_and_resumes_at_half() -> None:
    conn = Conn()
    gate = ReadGate(conn, 10, "owner")
    for count in range(1, 10):
        gate.filled(count)
    assert conn.calls == []
    gate.filled(10)
    gate.filled(11)  # once only
    assert conn.calls == [("pause", "owner")] and gate.paused
    gate.drained(6)
    assert gate.paused
    gate.drained(5)
    gate.drained(4)
    assert conn.calls == [("pause", "owner"), ("resume", "owner")] and not gate.paused


def test_release_resumes_only_what_it_paused() -> None:
    conn = Conn()
    gate = ReadGate(conn, 1, "owner")  # a limit under 2 means 2: pause/resume need room
    gate.release()
    assert conn.calls == []
    gate.filled(1)
    assert conn.calls == []
    gate.filled(2)
    gate.release()
    gate.release()
    assert conn.calls == [("pause", "owner"), ("resume", "owner")]

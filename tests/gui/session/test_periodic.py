"""PeriodicSend under plain asyncio (no Qt): counts, stop, a failing send, the fixed schedule,
a slow send slowing the ticks instead of piling up, and one named task."""

from __future__ import annotations

import asyncio

import pytest

from gui.session.periodic import PeriodicSend


class Recorder:
    def __init__(self, delay: float = 0.0, fail_at: int = 0) -> None:
        self.times: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.progress: list[tuple[int, int]] = []
        self.finished: list[BaseException | None] = []
        self.delay = delay
        self.fail_at = fail_at

    async def send(self) -> None:
        self.in_flight += 1
        self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            self.times.append(asyncio.get_running_loop().time())
            if self.fail_at and len(self.times) == self.fail_at:
                raise ConnectionResetError("peer went away")
            await asyncio.sleep(self.delay)
        finally:
            self.in_flight -= 1

    def make(self, interval: float, count: int = 0) -> PeriodicSend:
        return PeriodicSend(self.send, interval, count, name="t",
                            on_progress=lambda sent, total: self.progress.append((sent, total)),
                            on_finished=self.finished.append)


def test_sends_count_times_on_a_fixed_schedule() -> None:
    rec = Recorder()

    async def main() -> PeriodicSend:
        periodic = rec.make(0.02, 5)
        periodic.start()
        assert periodic.active
        await periodic.wait()
        return periodic

    periodic = asyncio.run(main())
    assert len(rec.times) == 5 and periodic.sent == 5 and not periodic.active
    assert rec.progress == [(i, 5) for i in range(1, 6)]
    assert rec.finished == [None]
    # never ahead of the schedule (start + k × interval)
    assert rec.times[-1] - rec.times[0] >= 4 * 0.02 - 0.001


def test_until_stopped_then_nothing_more() -> None:
    rec = Recorder()

    async def main() -> None:
        four = asyncio.Event()
        periodic = PeriodicSend(rec.send, 0.005, name="t", on_finished=rec.finished.append,
                                on_progress=lambda sent, total: (rec.progress.append(
                                    (sent, total)), sent >= 4 and four.set()))
        periodic.start()
        await four.wait()
        periodic.stop()
        n = len(rec.times)
        await periodic.wait()
        await asyncio.sleep(0.03)
        assert len(rec.times) == n
        assert rec.progress[-1][1] == 0  # total 0: until stopped

    asyncio.run(main())
    assert rec.finished == [None]


def test_a_failed_send_ends_it_with_the_error() -> None:
    rec = Recorder(fail_at=3)

    async def main() -> None:
        periodic = rec.make(0.001, 10)
        periodic.start()
        await periodic.wait()

    asyncio.run(main())
    assert len(rec.times) == 3 and len(rec.progress) == 2
    assert isinstance(rec.finished[0], ConnectionResetError) and len(rec.finished) == 1


def test_a_slow_send_slows_the_ticks_one_at_a_time() -> None:
    rec = Recorder(delay=0.02)

    async def main() -> None:
        periodic = rec.make(0.001, 5)  # asks for 1 ms; each send takes 20 ms
        periodic.start()
        await periodic.wait()

    asyncio.run(main())
    assert rec.max_in_flight == 1  # awaited, never piled up
    gaps = [b - a for a, b in zip(rec.times, rec.times[1:], strict=False)]
    assert min(gaps) >= 0.019  # no burst to catch up the missed ticks


def test_one_named_task_and_aclose() -> None:
    rec = Recorder()

    async def main() -> None:
        periodic = rec.make(10.0)
        periodic.start()
        await asyncio.sleep(0)
        names = [t.get_name() for t in asyncio.all_tasks()]
        assert names.count("periodic:t") == 1
        with pytest.raises(RuntimeError, match="already started"):
            periodic.start()
        await periodic.aclose()
        assert not periodic.active
        assert [t.get_name() for t in asyncio.all_tasks()].count("periodic:t") == 0

    asyncio.run(main())
    assert rec.finished == [None] and len(rec.times) == 1


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="interval"):
        PeriodicSend(Recorder().send, 0, name="x")
    with pytest.raises(ValueError, match="count"):
        PeriodicSend(Recorder().send, 1, -1, name="x")

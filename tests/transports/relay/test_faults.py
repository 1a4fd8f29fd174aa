"""Fault descriptions: validation with clear messages, dict round trips, one of each type."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from transports.relay import (
    Bandwidth,
    Drop,
    FaultError,
    FaultSet,
    Latency,
    LimitData,
    Reset,
    Slicer,
    SlowClose,
    Timeout,
    Way,
    describe_fault,
    fault_from_dict,
    fault_to_dict,
)

ALL = [Latency(0.1, 0.01), Bandwidth(1024), Slicer(100, 10, 0.01), Drop(0.5), LimitData(10),
       Timeout(1.0), SlowClose(0.5), Reset(0.2)]


@pytest.mark.parametrize("fault", ALL)
def test_round_trip(fault: object) -> None:
    assert fault_from_dict(fault_to_dict(fault)) == fault  # type: ignore[arg-type]


def test_descriptions() -> None:
    assert [describe_fault(f) for f in ALL] == [  # type: ignore[arg-type]
        "latency 100 ms ± 10 ms", "bandwidth 1 KiB/s", "slicer 100 ± 10 B every 10 ms",
        "drop 50 %", "limit data 10 B", "timeout 1 s", "slow close 0.5 s", "reset after 0.2 s"]


@pytest.mark.parametrize(("data", "message"), [
    ({"type": "lag"}, "faults[0].type: expected one of latency"),
    ({"type": "latency", "delay": -1}, "latency.delay must be ≥ 0"),
    ({"type": "latency", "delay": 0.1, "jitter": 0.2}, "jitter must be ≤"),
    ({"type": "bandwidth", "rate": 0}, "bandwidth.rate must be > 0"),
    ({"type": "drop", "probability": 1.5}, "drop.probability must be in"),
    ({"type": "drop", "probability": "half"}, "faults[0].probability: expected a number"),
    ({"type": "slicer", "size": 10, "speed": 1}, "unexpected keyword argument 'speed'"),
    ({"type": "slicer", "size": 10, "variation": 10}, "slicer.variation must be <"),
])
def test_bad_faults_say_what_and_where(data: dict[str, object], message: str) -> None:
    with pytest.raises(FaultError, match=re.escape(message)):
        fault_from_dict(data, "faults[0]")


def test_one_of_each_type_per_direction() -> None:
    with pytest.raises(FaultError, match="latency is given twice"):
        FaultSet((Latency(0.1), Latency(0.2)))
    assert FaultSet((Latency(0.1), Drop(0.1))).describe() == ["latency 100 ms", "drop 10 %"]
    assert not FaultSet()
    assert Way.UPSTREAM.other is Way.DOWNSTREAM


@given(st.floats(0, 10), st.floats(0, 1))
def test_latency_jitter_never_negative(delay: float, fraction: float) -> None:
    Latency(delay, delay * fraction).check()

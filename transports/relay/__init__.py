"""Relays: sit between a client and its server, carry both directions through one pipeline,
and make the network misbehave on purpose (faults).  See :mod:`transports.relay.relay`."""

from transports.relay.config import RelayConfig
from transports.relay.faults import (
    Bandwidth,
    Drop,
    Fault,
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
from transports.relay.pipe import Hook, Message
from transports.relay.relay import Relay, way_of

__all__ = [
    "Bandwidth",
    "Drop",
    "Fault",
    "FaultError",
    "FaultSet",
    "Hook",
    "Latency",
    "LimitData",
    "Message",
    "Relay",
    "RelayConfig",
    "Reset",
    "Slicer",
    "SlowClose",
    "Timeout",
    "Way",
    "describe_fault",
    "fault_from_dict",
    "fault_to_dict",
    "way_of",
]

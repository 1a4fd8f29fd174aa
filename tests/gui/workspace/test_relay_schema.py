"""Relays in the workspace (format 8): the fixture, round trips, the v7→v8 step, and errors
that name the JSON path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from gui.workspace import Role, WorkspaceError, load
from gui.workspace.io import dumps, parse
from gui.workspace.migrations import CURRENT_VERSION, MIGRATIONS
from transports.relay import Bandwidth, Drop, Latency, SlowClose

FIXTURES = Path(__file__).parent / "fixtures"


def test_v8_fixture_has_relays_with_faults() -> None:
    ws = load(FIXTURES / "v8.sockscope")
    tcp, websocket = ws.connections[-2:]
    assert tcp.role is Role.RELAY and tcp.relay is not None
    assert tcp.relay.upstream == "tcp://127.0.0.1:6379"
    assert tcp.relay.faults_up == (Latency(0.05, 0.01),)
    assert tcp.relay.faults_down == (Bandwidth(65536), SlowClose(0.5))
    assert websocket.relay is not None and websocket.relay.faults_down == (Drop(0.1),)
    assert all(c.relay is None for c in ws.connections[:-2])
    assert json.loads(dumps(ws)) == json.loads((FIXTURES / "v8.sockscope").read_text())


def test_v7_becomes_v8_without_relays() -> None:
    doc = json.loads((FIXTURES / "v7.sockscope").read_text(encoding="utf-8"))
    assert MIGRATIONS[7](doc) == {**doc, "version": 8}
    assert CURRENT_VERSION >= 8
    ws = load(FIXTURES / "v7.sockscope")
    assert all(c.role is not Role.RELAY and c.relay is None for c in ws.connections)


def _relay_doc(relay: Any, url: str = "tcp://127.0.0.1:0") -> bytes:
    connection: dict[str, Any] = {"url": url, "role": "relay"}
    if relay is not None:
        connection["relay"] = relay
    doc = {"format": "sockscope-workspace", "version": 8, "connections": [connection]}
    return json.dumps(doc).encode()


@pytest.mark.parametrize(("relay", "url", "where", "problem"), [
    (None, "tcp://127.0.0.1:0", "connections[0].relay", "needs a \"relay\" object"),
    ({}, "tcp://127.0.0.1:0", "connections[0].relay", "missing required key 'upstream'"),
    ({"upstream": "ws://127.0.0.1:1/"}, "tcp://127.0.0.1:0", "connections[0].relay.upstream",
     "both sides must be"),
    ({"upstream": "tcp://x"}, "tcp://127.0.0.1:0", "connections[0].relay.upstream",
     "missing port"),
    ({"upstream": "tcp://127.0.0.1:1", "faults": {"upstream": [{"type": "latency",
                                                               "delay": -1}]}},
     "tcp://127.0.0.1:0", "connections[0].relay.faults.upstream[0]", "latency.delay must be"),
    ({"upstream": "tcp://127.0.0.1:1", "faults": {"downstream": [{"type": "warp"}]}},
     "tcp://127.0.0.1:0", "connections[0].relay.faults.downstream[0]", "expected one of"),
    ({"upstream": "tcp://127.0.0.1:1", "faults": {"upstream": [{"type": "drop",
                                                               "probability": 0.5}]}},
     "tcp://127.0.0.1:0", "connections[0].relay.faults.upstream", "byte stream"),
    ({"upstream": "udp://127.0.0.1:1", "faults": {"upstream": [
        {"type": "drop", "probability": 0.5}, {"type": "drop", "probability": 0.1}]}},
     "udp://127.0.0.1:0", "connections[0].relay.faults.upstream", "given twice"),
    ({"upstream": "tcp://127.0.0.1:1", "bound": 0}, "tcp://127.0.0.1:0",
     "connections[0].relay.bound", "≥ 1"),
])
def test_bad_relays_name_the_path(relay: Any, url: str, where: str, problem: str) -> None:
    with pytest.raises(WorkspaceError) as caught:
        parse(_relay_doc(relay, url))
    assert caught.value.where == where, caught.value
    assert problem in caught.value.problem


def test_udp_relay_with_drop_round_trips() -> None:
    ws = parse(_relay_doc({"upstream": "udp://127.0.0.1:9", "faults": {
        "downstream": [{"type": "drop", "probability": 0.25}]}}, "udp://127.0.0.1:0"))
    (spec,) = ws.connections
    assert spec.relay is not None and spec.relay.faults_down == (Drop(0.25),)
    assert parse(dumps(ws).encode()) == ws

"""A relay connection's ``relay`` object in the workspace document (format version 5):

```json
"relay": {"upstream": "tcp://127.0.0.1:6379", "bound": 1048576,
          "upstream_tls": {"ca_file": null, …},
          "faults": {"upstream": [{"type": "latency", "delay": 0.1, "jitter": 0.0}],
                     "downstream": []}}
```

``faults.upstream`` act on client→upstream frames, ``faults.downstream`` on upstream→client
ones (see :mod:`transports.relay.faults` for the types and their fields).  Errors name the JSON
path, e.g. ``connections[1].relay.faults.upstream[0].delay``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from gui.workspace.errors import WorkspaceError
from gui.workspace.fields import Fields, child_path, describe
from transports.options import TlsOptions
from transports.relay import Fault, FaultError, RelayConfig, Way, fault_from_dict, fault_to_dict
from transports.relay.pipe import DEFAULT_BOUND
from transports.url import UrlError, parse_url

_KEYS = {Way.UPSTREAM: "upstream", Way.DOWNSTREAM: "downstream"}


def decode_relay(f: Fields, decode_tls: Callable[[Fields], TlsOptions],
                 listen_url: str) -> RelayConfig:
    upstream = f.text("upstream")
    try:
        target = parse_url(upstream)
    except UrlError as exc:
        raise f.fail("upstream", str(exc)) from None
    listen = parse_url(listen_url).scheme
    families = ({"tcp", "tls"}, {"udp"}, {"ws", "wss"})
    if not any({listen.value, target.scheme.value} <= family for family in families):
        raise f.fail("upstream", f"a {listen.value}:// relay cannot reach {upstream} (both "
                                 "sides must be TCP/TLS, UDP, or WebSocket)")
    faults_f = f.obj("faults")
    faults = {way: _decode_faults(faults_f, key) for way, key in _KEYS.items()}
    config = RelayConfig(upstream=upstream, upstream_tls=decode_tls(f.obj("upstream_tls")),
                         bound=f.integer("bound", DEFAULT_BOUND, minimum=1))
    for way, items in faults.items():
        try:
            config = config.with_faults(way, items)
        except FaultError as exc:
            raise faults_f.fail(_KEYS[way], str(exc)) from None
    if listen.value in ("tcp", "tls") and any(
            fault.__class__.__name__ == "Drop" for way in Way for fault in config.faults(way)):
        raise faults_f.fail("upstream", "drop: a byte stream cannot drop messages (use it on "
                                        "UDP or WebSocket relays)")
    return config


def _decode_faults(f: Fields, key: str) -> tuple[Fault, ...]:
    faults = []
    for i, item in enumerate(f.items(key)):
        where = child_path(f.at(key), i)
        if not isinstance(item, dict):
            raise WorkspaceError(f"expected a fault object, found {describe(item)}", where=where)
        try:
            faults.append(fault_from_dict(item, where))
        except FaultError as exc:
            raise WorkspaceError(str(exc), where=where) from None
    return tuple(faults)


def encode_relay(config: RelayConfig,
                 encode_tls: Callable[[TlsOptions], dict[str, Any]]) -> dict[str, Any]:
    return {
        "upstream": config.upstream,
        "upstream_tls": encode_tls(config.upstream_tls),
        "bound": config.bound,
        "faults": {key: [fault_to_dict(fault) for fault in config.faults(way)]
                   for way, key in _KEYS.items()},
    }

"""The current workspace document (version 8) ↔ the model dataclasses, with validation.

:func:`decode` walks the JSON value with a path tracker, so every error names the JSON path
(``connections[2].options.tls.ca_file``), what was expected and what was found.  Keys are
optional unless noted (a missing key takes the model's default); ``url`` and ``role`` of a
connection are required.

Unknown keys are kept: the unknown keys of a connection, and of the object groups inside it
(``options``, ``options.tls``, ``composer``…), go to ``ConnectionSpec.extra`` as a sparse tree
shaped like the JSON (``{"colour": "red", "options": {"tls": {"pin": "…"}}}``); the same for
the top level and ``layout`` in ``Workspace.extra``.  :func:`encode` merges them back, known
keys winning.  Unknown keys inside list items (a saved message) are not kept.

Bytes (``framing.delimiter``) are written as hex text, e.g. ``"0d 0a"``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from gui.workspace.errors import WorkspaceError
from gui.workspace.fields import MISSING, Fields, child_path, describe
from gui.workspace.model import (
    ComposerSettings,
    ConnectionSpec,
    HistoryEntry,
    PayloadMode,
    Role,
    SavedMessage,
    ViewSettings,
    WindowLayout,
    Workspace,
)
from gui.workspace.relay_schema import decode_relay, encode_relay
from gui.workspace.rules_schema import decode_rules, encode_rule
from gui.workspace.scenario_schema import decode_scenarios, encode_scenarios
from gui.workspace.secrets import without_secrets
from transports.codec.compose import LINE_ENDINGS
from transports.framing.base import FramingMode, FramingSpec
from transports.framing.length import HEADER_SIZES
from transports.options import OptionError, Options, ReconnectPolicy, TlsOptions
from transports.url import UrlError, parse_url

FORMAT = "sockscope-workspace"
VERSION = 8


# -- decoding ---------------------------------------------------------------------------------

def _decode_hex(fields: Fields, key: str, default: bytes) -> bytes:
    text = fields.text(key, default.hex(" "))
    try:
        return bytes.fromhex(text)
    except ValueError:
        raise fields.fail(key, f"expected hex bytes such as \"0d 0a\", found {describe(text)}"
                          ) from None


def _decode_framing(f: Fields) -> FramingSpec:
    d = FramingSpec()
    spec = FramingSpec(
        mode=f.enum("mode", FramingMode, d.mode),
        delimiter=_decode_hex(f, "delimiter", d.delimiter),
        keep_delimiter=f.flag("keep_delimiter", d.keep_delimiter),
        length=f.integer("length", d.length, minimum=0),
        header_size=f.choice("header_size", HEADER_SIZES, d.header_size),
        byteorder=f.choice("byteorder", ("big", "little"), d.byteorder),
        header_counted=f.flag("header_counted", d.header_counted),
        length_offset=f.integer("length_offset", d.length_offset),
        keep_header=f.flag("keep_header", d.keep_header),
        idle_ms=f.integer("idle_ms", d.idle_ms, minimum=1),
        max_frame=f.integer("max_frame", d.max_frame, minimum=1),
    )
    if spec.mode is FramingMode.DELIMITER and not spec.delimiter:
        raise f.fail("delimiter", "delimiter framing needs at least one byte, found \"\"")
    if spec.mode is FramingMode.FIXED and spec.length < 1:
        raise f.fail("length", f"fixed framing needs a length ≥ 1, found {spec.length}")
    return spec


def _decode_tls(f: Fields) -> TlsOptions:
    d = TlsOptions()
    return TlsOptions(
        ca_file=f.opt_str("ca_file", d.ca_file),
        cert_file=f.opt_str("cert_file", d.cert_file),
        key_file=f.opt_str("key_file", d.key_file),
        key_password=f.opt_str("key_password", d.key_password),
        server_name=f.opt_str("server_name", d.server_name),
        insecure=f.flag("insecure", d.insecure),
    )


def _decode_reconnect(f: Fields) -> ReconnectPolicy:
    d = ReconnectPolicy()
    return ReconnectPolicy(
        enabled=f.flag("enabled", d.enabled),
        initial_delay=f.number("initial_delay", d.initial_delay, above=0),
        max_delay=f.number("max_delay", d.max_delay, above=0),
        factor=f.number("factor", d.factor, minimum=1),
        jitter=f.number("jitter", d.jitter, minimum=0),
        max_attempts=f.integer("max_attempts", d.max_attempts, minimum=0),
    )


def _decode_headers(f: Fields, key: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for i, item in enumerate(f.items(key)):
        if (not isinstance(item, list) or len(item) != 2
                or not all(isinstance(part, str) for part in item)):
            raise WorkspaceError(
                f"expected a [name, value] pair of strings, found {describe(item)}",
                where=child_path(f.at(key), i))
        if not item[0]:
            raise WorkspaceError("expected a header name, found \"\"",
                                 where=child_path(f.at(key), i))
        pairs.append((item[0], item[1]))
    return tuple(pairs)


def _decode_options(f: Fields, name: str) -> Options:
    d = Options()
    ws = f.obj("websocket")
    options = Options(
        name=name,
        encoding=f.encoding("encoding", d.encoding),
        echo=f.flag("echo", d.echo),
        framing=_decode_framing(f.obj("framing")),
        tls=_decode_tls(f.obj("tls")),
        reconnect=_decode_reconnect(f.obj("reconnect")),
        connect_timeout=f.number("connect_timeout", d.connect_timeout, above=0),
        send_queue=f.integer("send_queue", d.send_queue, minimum=1),
        send_queue_bytes=f.integer("send_queue_bytes", d.send_queue_bytes, minimum=1),
        max_peers=f.integer("max_peers", d.max_peers, minimum=1),
        close_slow_peers=f.flag("close_slow_peers", d.close_slow_peers),
        idle_timeout=f.opt_float("idle_timeout", d.idle_timeout, above=0),
        bind=f.opt_str("bind", d.bind),
        headers=_decode_headers(ws, "headers"),
        subprotocols=ws.str_list("subprotocols", d.subprotocols),
        compression=ws.flag("compression", d.compression),
        ping_interval=ws.opt_float("ping_interval", d.ping_interval, above=0),
        ping_timeout=ws.opt_float("ping_timeout", d.ping_timeout, above=0),
        max_message_size=ws.integer("max_message_size", d.max_message_size, minimum=1),
        origin=ws.opt_str("origin", d.origin),
        allowed_origins=ws.str_list("allowed_origins", d.allowed_origins),
    )
    try:
        options.validate()
    except OptionError as exc:
        raise WorkspaceError(str(exc), where=f.path) from None
    return options


def _decode_message(value: object, path: str) -> SavedMessage:
    f = Fields(value, path)
    return SavedMessage(name=f.text("name", ""), payload=f.text("payload"),
                        mode=f.enum("mode", PayloadMode, PayloadMode.TEXT))


def _decode_composer(f: Fields) -> ComposerSettings:
    d = ComposerSettings()
    return ComposerSettings(
        mode=f.enum("mode", PayloadMode, d.mode),
        encoding=f.encoding("encoding", d.encoding),
        escapes=f.flag("escapes", d.escapes),
        line_ending=f.choice("line_ending", tuple(LINE_ENDINGS), d.line_ending),
        ws_kind=f.choice("ws_kind", ("text", "binary"), d.ws_kind),
        interval_ms=f.integer("interval_ms", d.interval_ms, minimum=1),
        repeat_count=f.integer("repeat_count", d.repeat_count, minimum=0),
        draft=f.text("draft", d.draft),
        history=tuple(_decode_history_entry(item, child_path(f.at("history"), i))
                      for i, item in enumerate(f.items("history"))),
    )


def _decode_history_entry(value: object, path: str) -> HistoryEntry:
    f = Fields(value, path)
    return HistoryEntry(text=f.text("text"), mode=f.enum("mode", PayloadMode, PayloadMode.TEXT))


def _decode_view(f: Fields) -> ViewSettings:
    d = ViewSettings()
    return ViewSettings(
        display=f.choice("display", ("hex", "text"), d.display),
        encoding=f.encoding("encoding", d.encoding),
        time_format=f.choice("time_format", ("absolute", "relative"), d.time_format),
        filter_mode=f.choice("filter_mode", ("substring", "hex", "regex"), d.filter_mode),
        filter_text=f.text("filter_text", d.filter_text),
    )


def decode_connection(value: object, path: str) -> ConnectionSpec:
    f = Fields(value, path)
    url = f.text("url")
    try:
        parse_url(url)
    except UrlError as exc:
        raise f.fail("url", str(exc)) from None
    role = f.enum("role", Role)
    name = f.text("name", "")
    spec = ConnectionSpec(
        url=url,
        role=role,
        options=_decode_options(f.obj("options"), name),
        saved_messages=tuple(_decode_message(item, child_path(f.at("saved_messages"), i))
                             for i, item in enumerate(f.items("saved_messages"))),
        composer=_decode_composer(f.obj("composer")),
        view=_decode_view(f.obj("view")),
        secret_headers=f.str_list("secret_headers"),
        store_secrets=f.flag("store_secrets", False),
        key=f.text("id", ""),
        follows=f.text("follows", ""),
    )
    if spec.follows and role is Role.SERVER:
        raise f.fail("follows", "only a client follows a server; this is a server")
    rules = decode_rules(f.items("rules"), f.at("rules"), spec.options.encoding)
    if role is Role.RELAY:
        if f.raw("relay", None) is None:
            raise f.fail("relay", "a relay needs a \"relay\" object with its upstream URL")
        spec = replace(spec, relay=decode_relay(f.obj("relay"), _decode_tls, url))
    return replace(spec, rules=rules, extra=f.unknown())


def _check_references(connections: tuple[ConnectionSpec, ...]) -> None:
    """Ids are unique; a client's ``follows`` names a server of this workspace."""
    servers: dict[str, ConnectionSpec] = {}
    seen: set[str] = set()
    for i, spec in enumerate(connections):
        if spec.key in seen:
            raise WorkspaceError(f"the id {spec.key!r} is used twice; ids must be unique",
                                 where=child_path(child_path("connections", i), "id"))
        if spec.key:
            seen.add(spec.key)
            if spec.role is Role.SERVER:
                servers[spec.key] = spec
    for i, spec in enumerate(connections):
        if spec.follows and spec.follows not in servers:
            raise WorkspaceError(
                f"expected the id of a server of this workspace, found {spec.follows!r}",
                where=child_path(child_path("connections", i), "follows"))


def _decode_layout(f: Fields) -> WindowLayout:
    splitters_f = f.obj("splitters")
    splitters = {key: splitters_f.text(key) for key in list(splitters_f.data)}
    return WindowLayout(
        geometry=f.text("geometry", ""),
        state=f.text("state", ""),
        splitters=splitters,
        selected=f.integer("selected", -1, minimum=-1),
    )


def decode(document: object) -> Workspace:
    """A current-version document (format and version already checked) → a Workspace."""
    f = Fields(document, "")
    f.raw("format")
    f.raw("version")
    connections = tuple(decode_connection(item, child_path("connections", i))
                        for i, item in enumerate(f.items("connections", MISSING)))
    _check_references(connections)
    layout = _decode_layout(f.obj("layout"))
    message_cap = f.integer("message_cap", Workspace().message_cap, minimum=1)
    encodings: dict[str, list[str]] = {}
    for spec in connections:
        encodings.setdefault(spec.name, []).append(spec.options.encoding)
    scenarios = decode_scenarios(f.items("scenarios", ()), "scenarios", encodings)
    log_byte_cap = f.integer("log_byte_cap", Workspace().log_byte_cap, minimum=1)
    return Workspace(connections=connections, layout=layout, message_cap=message_cap,
                     scenarios=scenarios, log_byte_cap=log_byte_cap, extra=f.unknown())


# -- encoding ---------------------------------------------------------------------------------

def _merge(extra: Mapping[str, Any], known: Mapping[str, Any]) -> dict[str, Any]:
    """``known`` laid over ``extra``: nested objects merge, known values win."""
    out = dict(extra)
    for key, value in known.items():
        old = out.get(key)
        if isinstance(value, dict) and isinstance(old, dict):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


def _encode_tls(tls: TlsOptions) -> dict[str, Any]:
    return {
        "ca_file": tls.ca_file,
        "cert_file": tls.cert_file,
        "key_file": tls.key_file,
        "key_password": tls.key_password,
        "server_name": tls.server_name,
        "insecure": tls.insecure,
    }


def encode_connection(spec: ConnectionSpec) -> dict[str, Any]:
    spec = without_secrets(spec)
    o = spec.options
    fr = o.framing
    known: dict[str, Any] = {
        "url": spec.url,
        "role": spec.role.value,
        "name": o.name,
        "options": {
            "encoding": o.encoding,
            "echo": o.echo,
            "connect_timeout": o.connect_timeout,
            "send_queue": o.send_queue,
            "send_queue_bytes": o.send_queue_bytes,
            "max_peers": o.max_peers,
            "close_slow_peers": o.close_slow_peers,
            "idle_timeout": o.idle_timeout,
            "bind": o.bind,
            "framing": {
                "mode": fr.mode.value,
                "delimiter": fr.delimiter.hex(" "),
                "keep_delimiter": fr.keep_delimiter,
                "length": fr.length,
                "header_size": fr.header_size,
                "byteorder": fr.byteorder,
                "header_counted": fr.header_counted,
                "length_offset": fr.length_offset,
                "keep_header": fr.keep_header,
                "idle_ms": fr.idle_ms,
                "max_frame": fr.max_frame,
            },
            "tls": _encode_tls(o.tls),
            "reconnect": {
                "enabled": o.reconnect.enabled,
                "initial_delay": o.reconnect.initial_delay,
                "max_delay": o.reconnect.max_delay,
                "factor": o.reconnect.factor,
                "jitter": o.reconnect.jitter,
                "max_attempts": o.reconnect.max_attempts,
            },
            "websocket": {
                "headers": [[name, value] for name, value in o.headers],
                "subprotocols": list(o.subprotocols),
                "compression": o.compression,
                "ping_interval": o.ping_interval,
                "ping_timeout": o.ping_timeout,
                "max_message_size": o.max_message_size,
                "origin": o.origin,
                "allowed_origins": list(o.allowed_origins),
            },
        },
        "saved_messages": [{"name": m.name, "mode": m.mode.value, "payload": m.payload}
                           for m in spec.saved_messages],
        "composer": {
            "mode": spec.composer.mode.value,
            "encoding": spec.composer.encoding,
            "escapes": spec.composer.escapes,
            "line_ending": spec.composer.line_ending,
            "ws_kind": spec.composer.ws_kind,
            "interval_ms": spec.composer.interval_ms,
            "repeat_count": spec.composer.repeat_count,
            "draft": spec.composer.draft,
            "history": [{"text": h.text, "mode": h.mode.value}
                        for h in spec.composer.history],
        },
        "view": {
            "display": spec.view.display,
            "encoding": spec.view.encoding,
            "time_format": spec.view.time_format,
            "filter_mode": spec.view.filter_mode,
            "filter_text": spec.view.filter_text,
        },
        "secret_headers": list(spec.secret_headers),
        "store_secrets": spec.store_secrets,
        "rules": [encode_rule(rule) for rule in spec.rules],
    }
    if spec.key:
        known["id"] = spec.key
    if spec.follows:
        known["follows"] = spec.follows
    if spec.relay is not None:
        known["relay"] = encode_relay(spec.relay, _encode_tls)
    return _merge(spec.extra, known)


def encode(workspace: Workspace) -> dict[str, Any]:
    """A Workspace → the current-version JSON document (a dict)."""
    known = {
        "format": FORMAT,
        "version": VERSION,
        "connections": [encode_connection(spec) for spec in workspace.connections],
        "layout": {
            "geometry": workspace.layout.geometry,
            "state": workspace.layout.state,
            "splitters": dict(workspace.layout.splitters),
            "selected": workspace.layout.selected,
        },
        "message_cap": workspace.message_cap,
        "log_byte_cap": workspace.log_byte_cap,
        "scenarios": encode_scenarios(workspace.scenarios),
    }
    return _merge(workspace.extra, known)

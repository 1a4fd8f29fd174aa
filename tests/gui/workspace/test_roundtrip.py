"""Property: any workspace saves and loads back equal, and saving is deterministic."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from gui.workspace import (
    ComposerSettings,
    ConnectionSpec,
    HistoryEntry,
    PayloadMode,
    Role,
    SavedMessage,
    ViewSettings,
    WindowLayout,
    Workspace,
    dumps,
    load,
    save,
)
from transports.framing import FramingMode, FramingSpec
from transports.options import Options, ReconnectPolicy, TlsOptions
from transports.relay import (
    Bandwidth,
    Latency,
    LimitData,
    RelayConfig,
    Reset,
    Slicer,
    SlowClose,
    Timeout,
)

names = st.text(alphabet=st.sampled_from("abc XYZ_-.设备读取状态你好🙂"), max_size=12)
texts = st.text(max_size=40)
ports = st.integers(0, 65535)
urls = st.one_of(
    st.builds("tcp://127.0.0.1:{}".format, ports),
    st.builds("tls://localhost:{}".format, ports),
    st.builds("udp://127.0.0.1:{}".format, ports),
    st.builds(lambda p, path: f"ws://127.0.0.1:{p}/{path}", ports,
              st.sampled_from(["", "echo", "api/v1?x=1&y=%20"])),
    st.builds("wss://example.test:{}/s".format, ports),
)
positive = st.floats(0.001, 1e6, allow_nan=False, allow_infinity=False)
framing = st.builds(
    FramingSpec, mode=st.sampled_from(list(FramingMode)),
    delimiter=st.binary(min_size=1, max_size=4),
    keep_delimiter=st.booleans(), length=st.integers(1, 1 << 20),  # FIXED needs ≥ 1
    header_size=st.sampled_from([1, 2, 4, 8]), byteorder=st.sampled_from(["big", "little"]),
    header_counted=st.booleans(), length_offset=st.integers(-8, 8), keep_header=st.booleans(),
    idle_ms=st.integers(1, 10_000), max_frame=st.integers(1, 1 << 24))
tls = st.builds(TlsOptions, ca_file=st.none() | names, cert_file=st.none() | names,
                key_file=st.none() | names, key_password=st.none() | names,
                server_name=st.none() | names, insecure=st.booleans())
reconnect = st.builds(
    lambda first, more, **kw: ReconnectPolicy(initial_delay=first, max_delay=first + more, **kw),
    positive, positive, enabled=st.booleans(), factor=st.floats(1, 10),
    jitter=st.floats(0, 0.99), max_attempts=st.integers(0, 1000))
options = st.builds(
    Options, name=names, encoding=st.sampled_from(["utf-8", "gbk", "gb18030", "latin-1"]),
    echo=st.booleans(), framing=framing, tls=tls, reconnect=reconnect,
    connect_timeout=positive, send_queue=st.integers(1, 100_000),
    headers=st.lists(st.tuples(names.filter(bool), texts), max_size=3).map(tuple),
    subprotocols=st.lists(names.filter(bool), max_size=3).map(tuple),
    compression=st.booleans(), ping_interval=st.none() | positive,
    ping_timeout=st.none() | positive, max_message_size=st.integers(1, 1 << 30))
messages = st.builds(SavedMessage, name=names, payload=texts,
                     mode=st.sampled_from(list(PayloadMode)))
composer = st.builds(ComposerSettings, mode=st.sampled_from(list(PayloadMode)),
                     encoding=st.sampled_from(["utf-8", "gbk"]), escapes=st.booleans(),
                     line_ending=st.sampled_from(["", "\n", "\r", "\r\n"]),
                     ws_kind=st.sampled_from(["text", "binary"]),
                     interval_ms=st.integers(1, 100_000), repeat_count=st.integers(0, 1000),
                     draft=texts, history=st.lists(
                         st.builds(HistoryEntry, text=texts,
                                   mode=st.sampled_from(list(PayloadMode))),
                         max_size=3).map(tuple))
view = st.builds(ViewSettings, display=st.sampled_from(["hex", "text"]),
                 encoding=st.sampled_from(["utf-8", "gbk", "utf-16-le"]),
                 time_format=st.sampled_from(["absolute", "relative"]),
                 filter_mode=st.sampled_from(["substring", "hex", "regex"]), filter_text=texts)
# unknown keys a newer writer may add: at the top of an object, or nested under a known group
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts
    | st.floats(allow_nan=False, allow_infinity=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8)
unknown_keys = st.dictionaries(st.builds("x_{}".format, names), json_values, max_size=2)
connection_extra = st.builds(
    lambda top, tls_extra, view_extra: {**top, **({"options": {"tls": tls_extra}} if tls_extra
                                                  else {}), **({"view": view_extra}
                                                               if view_extra else {})},
    unknown_keys, unknown_keys, unknown_keys)
plain_connection = st.builds(
    ConnectionSpec, url=urls, role=st.sampled_from([Role.CLIENT, Role.SERVER]),
    options=options, saved_messages=st.lists(messages, max_size=3).map(tuple),
    composer=composer, view=view, store_secrets=st.just(True), extra=connection_extra)
faults = st.lists(st.sampled_from([Latency(0.1, 0.02), Bandwidth(65536), Slicer(10, 2, 0.01),
                                   LimitData(100), Timeout(0.0), SlowClose(1.5), Reset(0.25)]),
                  max_size=3, unique_by=type).map(tuple)
relay_connection = st.builds(
    ConnectionSpec, url=st.sampled_from(["tcp://127.0.0.1:0", "tls://127.0.0.1:7000"]),
    role=st.just(Role.RELAY), options=options, store_secrets=st.just(True),
    relay=st.builds(RelayConfig, upstream=st.sampled_from(["tcp://127.0.0.1:9", "tls://h:1"]),
                    faults_up=faults, faults_down=faults, bound=st.integers(1, 1 << 30)))
connection = plain_connection | relay_connection
workspaces = st.builds(
    Workspace, connections=st.lists(connection, max_size=3).map(tuple),
    layout=st.builds(WindowLayout, geometry=texts, state=texts,
                     splitters=st.dictionaries(names, texts, max_size=2),
                     selected=st.integers(-1, 5)),
    message_cap=st.integers(1, 10_000_000),
    extra=st.builds(lambda top, layout: {**top, **({"layout": layout} if layout else {})},
                    unknown_keys, unknown_keys))


@settings(max_examples=60, deadline=None)
@given(workspaces)
def test_save_load_round_trip(workspace: Workspace) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "w.sockscope"
        save(workspace, path)
        loaded = load(path)
        assert loaded == workspace
        assert dumps(loaded) == path.read_text(encoding="utf-8")

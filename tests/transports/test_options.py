"""Options, make_options and the reconnect policy."""

from __future__ import annotations

import random
import ssl

import pytest

from tests.transports.conftest import TlsFiles
from transports.factory import make_options
from transports.framing import FramingMode, FramingSpec
from transports.options import OptionError, Options, ReconnectPolicy, TlsOptions


def test_make_options_from_keywords_and_dicts() -> None:
    opts = make_options(echo=True, framing={"mode": "delimiter", "delimiter": "\r\n"},
                        tls={"insecure": True}, reconnect={"enabled": True, "max_attempts": 3},
                        headers={"X-A": "1"}, subprotocols=["chat"])
    assert opts.echo
    assert opts.framing == FramingSpec(mode=FramingMode.DELIMITER, delimiter=b"\r\n")
    assert opts.tls.insecure and opts.reconnect.max_attempts == 3
    assert opts.headers == (("X-A", "1"),) and opts.subprotocols == ("chat",)
    base = Options(name="base", send_queue=8)
    derived = make_options(base, echo=True)
    assert (derived.name, derived.send_queue, derived.echo) == ("base", 8, True)
    assert make_options(tls=TlsOptions(server_name="x")).tls.server_name == "x"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"nope": 1}, "unknown option 'nope'"),
    ({"tls": {"cafile": "x"}}, "unknown option tls.cafile"),
    ({"framing": {"mode": "lines"}}, "framing.mode: unknown mode 'lines'"),
])
def test_make_options_errors(kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(OptionError, match=message):
        make_options(**kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("options", "message"), [
    (Options(send_queue=0), "send_queue"),
    (Options(connect_timeout=0), "connect_timeout"),
    (Options(max_message_size=0), "max_message_size"),
    (Options(ping_interval=-1), "ping_interval"),
    (Options(encoding="klingon"), "unknown encoding"),
    (Options(reconnect=ReconnectPolicy(enabled=True, initial_delay=0)), "initial_delay"),
    (Options(reconnect=ReconnectPolicy(enabled=True, max_delay=0.1)), "max_delay"),
    (Options(reconnect=ReconnectPolicy(enabled=True, jitter=1.5)), "jitter"),
    (Options(reconnect=ReconnectPolicy(enabled=True, max_attempts=-1)), "max_attempts"),
])
def test_validate(options: Options, message: str) -> None:
    with pytest.raises(OptionError, match=message):
        options.validate()


def test_reconnect_delays_grow_to_the_cap_with_bounded_jitter() -> None:
    policy = ReconnectPolicy(enabled=True, initial_delay=0.5, max_delay=4.0, factor=2.0,
                             jitter=0.2, max_attempts=8)
    delays = list(policy.delays(random.Random(42)))
    assert len(delays) == 8
    for attempt, delay in enumerate(delays):
        base = min(4.0, 0.5 * 2.0**attempt)
        assert base * 0.8 <= delay <= min(4.0, base * 1.2)
        assert delay <= policy.max_delay
    assert delays == list(policy.delays(random.Random(42)))  # seeded: reproducible
    assert delays != list(policy.delays(random.Random(7)))  # and really jittered


def test_reconnect_delays_without_jitter_and_without_limit() -> None:
    exact = ReconnectPolicy(initial_delay=1, max_delay=5, factor=3, jitter=0, max_attempts=4)
    assert list(exact.delays(random.Random(0))) == [1, 3, 5, 5]
    endless = ReconnectPolicy(max_attempts=0).delays(random.Random(0))
    assert len([next(endless) for _ in range(1000)]) == 1000


def test_tls_contexts(tls: TlsFiles) -> None:
    client = TlsOptions().client_context()
    assert client.verify_mode is ssl.CERT_REQUIRED and client.check_hostname
    insecure = TlsOptions(insecure=True).client_context()
    assert insecure.verify_mode is ssl.CERT_NONE and not insecure.check_hostname
    server = TlsOptions(cert_file=tls.cert_file, key_file=tls.key_file).server_context()
    assert server.verify_mode is ssl.CERT_NONE
    mutual = TlsOptions(cert_file=tls.cert_file, key_file=tls.key_file,
                        ca_file=tls.ca_file).server_context()
    assert mutual.verify_mode is ssl.CERT_REQUIRED
    with pytest.raises(OptionError, match=r"tls\.cert_file: a TLS server needs a certificate"):
        TlsOptions().server_context()
    with pytest.raises(OptionError, match=r"tls\.ca_file: no such file"):
        TlsOptions(ca_file="/nonexistent/ca.pem").client_context()

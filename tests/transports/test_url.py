"""Connection URLs."""

from __future__ import annotations

import pytest

from transports.url import Endpoint, Scheme, UrlError, parse_url


@pytest.mark.parametrize(("url", "expected"), [
    ("tcp://127.0.0.1:9000", Endpoint(Scheme.TCP, "127.0.0.1", 9000)),
    ("TLS://example.org:443", Endpoint(Scheme.TLS, "example.org", 443)),
    ("udp://[::1]:53", Endpoint(Scheme.UDP, "::1", 53)),
    ("ws://localhost/chat?room=1", Endpoint(Scheme.WS, "localhost", 80, "/chat?room=1")),
    ("wss://example.org", Endpoint(Scheme.WSS, "example.org", 443, "/")),
    ("  tcp://h:0 ", Endpoint(Scheme.TCP, "h", 0)),
])
def test_parse(url: str, expected: Endpoint) -> None:
    assert parse_url(url) == expected


@pytest.mark.parametrize(("url", "message"), [
    ("127.0.0.1:9000", "missing scheme"),
    ("http://h:1", "unknown scheme 'http'"),
    ("tcp://:9000", "missing host"),
    ("tcp://h", "missing port"),
    ("tcp://h:99999", "port must be a number"),
    ("tcp://h:abc", "port must be a number"),
    ("ws://u:p@h/", "not supported"),
    ("tcp://h:1/path", "has no path"),
    ("udp://h:1?x=1", "has no path"),
])
def test_errors_name_the_bad_part(url: str, message: str) -> None:
    with pytest.raises(UrlError, match=message):
        parse_url(url)


def test_url_round_trip_and_with_port() -> None:
    for text in ("tcp://127.0.0.1:1", "udp://[::1]:2", "ws://h:80/a?b=c", "wss://h:443/"):
        assert parse_url(text).url == text
    endpoint = parse_url("tls://127.0.0.1:0").with_port(4443)
    assert endpoint.url == "tls://127.0.0.1:4443"
    assert Scheme.TLS.secure and Scheme.WSS.secure and not Scheme.WS.secure
    assert Scheme.WS.websocket and not Scheme.UDP.websocket

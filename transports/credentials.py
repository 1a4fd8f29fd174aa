"""Which header values and URL query values are credentials, and how events show them masked.

One list for the whole application: the workspace withholds these values from files
(``gui/workspace/secrets.py``), and the transports never put them in plain text into an event
(a WebSocket peer's request headers in ``PeerAdded.info``, a relay's notes about its upstream
URL).  Names match case-insensitively on the trimmed name.
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import parse_qsl, quote, urlsplit, urlunsplit

CREDENTIAL_HEADERS = frozenset({
    "authorization", "proxy-authorization", "cookie", "x-api-key", "sec-websocket-protocol",
    "api-key", "apikey", "x-auth-token", "x-access-token", "x-csrf-token", "x-xsrf-token",
    "x-amz-security-token", "private-token", "x-vault-token", "x-goog-api-key",
})
CREDENTIAL_QUERY_KEYS = frozenset({
    "token", "access_token", "refresh_token", "id_token", "auth", "auth_token", "api_key",
    "apikey", "key", "password", "passwd", "pwd", "secret", "client_secret", "sig",
    "signature", "session", "sessionid", "jwt",
})
# Headers shown masked in events beyond the credential ones (they carry cookies and tokens).
_MASKED_IN_EVENTS = frozenset({"set-cookie"})


def is_credential_header(name: str) -> bool:
    """A header whose value is always a secret (:data:`CREDENTIAL_HEADERS`)."""
    return name.strip().casefold() in CREDENTIAL_HEADERS


def is_credential_query_key(key: str) -> bool:
    """A URL query parameter whose value is always a secret (:data:`CREDENTIAL_QUERY_KEYS`)."""
    return key.strip().casefold() in CREDENTIAL_QUERY_KEYS


def masked(value: str) -> str:
    """What an event shows instead of a secret value: its length only."""
    return f"•••• ({len(value)} characters withheld)" if value else ""


def shown_headers(headers: Iterable[tuple[str, str]]) -> str:
    """``Name: value`` lines for an event, credential values masked (:func:`masked`)."""
    return "\n".join(
        f"{name}: {masked(value)}"
        if is_credential_header(name) or name.strip().casefold() in _MASKED_IN_EVENTS
        else f"{name}: {value}"
        for name, value in headers)


def shown_url(url: str) -> str:
    """``url`` for an event: the values of credential query parameters (``?access_token=…``)
    replaced by ``****``; any other URL is returned exactly as given."""
    parts = urlsplit(url)
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    if not any(is_credential_query_key(k) and v for k, v in pairs):
        return url
    def value(key: str, text: str) -> str:
        return "****" if text and is_credential_query_key(key) else quote(text, safe="")

    query = "&".join(f"{quote(k, safe='')}={value(k, v)}" for k, v in pairs)
    return urlunsplit(parts._replace(query=query))

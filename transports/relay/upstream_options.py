"""What a relay's upstream side takes from the listening side's options.

A relay built without ``upstream_options`` (``Relay(listen, upstream, options)``) does not
connect upstream with bare defaults: the upstream connections take over every setting of
``options`` that means the same for a connection the relay opens — the name, the encoding and
framing (how frames are shown and typed), ``connect_timeout``, the send queue bounds, and for
WebSocket the compression, pings, ``max_message_size`` (a message one side accepts must fit
the other), ``headers`` and ``origin`` (sent upstream; the client's own are forwarded too).

Settings that only mean something to the listening side are not taken over
(:data:`LISTENING_ONLY`): its TLS (the server certificate, and a CA for client certificates —
the upstream side verifies the upstream's certificate against the system trust store unless
``upstream_options.tls`` says otherwise), echo, ``max_peers``, ``close_slow_peers``,
``idle_timeout``, ``bind`` and ``allowed_origins``.  Reconnecting is always off upstream (a
pair ends with its connections), whichever options are given.
"""

from __future__ import annotations

import dataclasses

from transports.options import Options

LISTENING_ONLY = ("tls", "echo", "max_peers", "close_slow_peers", "idle_timeout", "bind",
                  "allowed_origins")


def upstream_options_from(options: Options) -> Options:
    """The upstream side's options for a relay listening with ``options`` (see the module)."""
    defaults = Options()
    return dataclasses.replace(options, **{name: getattr(defaults, name)
                                           for name in LISTENING_ONLY})

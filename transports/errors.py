"""Exceptions of the library, and plain-language descriptions of the ones sockets raise."""

from __future__ import annotations

import socket
import ssl


class TransportError(Exception):
    """Base of the errors this library raises on purpose."""


class ConnectError(TransportError):
    """Opening a connection (or binding a server) failed; the message says why."""


class NotOpen(TransportError):
    """send() or offer() on a connection that is not open."""


class QueueFull(TransportError):
    """offer() without a ``source`` to pause, on a connection whose send queue is full: the
    frame was not queued (``await send()`` waits for room instead)."""


def describe(exc: BaseException, where: str = "") -> str:
    """A one-line, user-facing description of a socket/TLS/timeout error."""
    prefix = f"{where}: " if where else ""
    if isinstance(exc, ssl.SSLCertVerificationError):
        detail = exc.verify_message or str(exc)
        return (f"{prefix}TLS certificate verification failed ({detail}); "
                "set tls.ca_file to trust this server, or tls.insecure to skip verification")
    if isinstance(exc, ssl.SSLError):
        return f"{prefix}TLS error: {exc.reason or exc}"
    if isinstance(exc, ConnectionRefusedError):
        return f"{prefix}connection refused"
    if isinstance(exc, ConnectionResetError):
        return f"{prefix}connection reset by peer"
    if isinstance(exc, ConnectionAbortedError):
        return f"{prefix}connection aborted"
    if isinstance(exc, BrokenPipeError):
        return f"{prefix}broken pipe (the peer closed its side)"
    if isinstance(exc, socket.gaierror):
        return f"{prefix}cannot resolve host: {exc.strerror}"
    if isinstance(exc, TimeoutError):
        return f"{prefix}timed out"
    if isinstance(exc, OSError) and exc.strerror:
        return f"{prefix}{exc.strerror}"
    text = str(exc) or type(exc).__name__
    return f"{prefix}{text}"

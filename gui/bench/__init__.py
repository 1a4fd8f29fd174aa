"""``python -m gui.bench``: throughput, responsiveness, memory and scale benchmarks.

Every measurement runs in a child process of its own (``python -m gui.bench.<part> …``) and
every peer is a separate process on 127.0.0.1, so that numbers are not polluted by each other.
This package imports nothing heavy at import time (no Qt, no transports).
"""

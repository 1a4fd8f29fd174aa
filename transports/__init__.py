"""Sockscope transports: TCP, UDP and WebSocket connections on asyncio, with sans-I/O framers,
byte codecs and a blocking facade.  This package never imports Qt."""

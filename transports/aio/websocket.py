"""WebSocket connections (``ws://``, ``wss://``): the names the factory and callers import."""

from transports.aio.websocket_client import WebSocketClient
from transports.aio.websocket_connection import WebSocketConnection
from transports.aio.websocket_server import WebSocketPeer, WebSocketServer

__all__ = ["WebSocketClient", "WebSocketConnection", "WebSocketPeer", "WebSocketServer"]

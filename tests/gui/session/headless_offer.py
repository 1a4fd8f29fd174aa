"""A headless script: only Qt-free modules, plain ``asyncio.run``.

A TCP server and a client from the session manager; a tap on the server answers every line
with ``offer()``; the client's tap collects what comes back.  Prints the reply bytes (hex) and
whether PySide6 was ever imported.  Run by tests/gui/session/test_headless.py.
"""

from __future__ import annotations

import asyncio
import sys

from gui.session import Entry, SessionManager, as_batch
from gui.workspace.model import ConnectionSpec, Role
from transports.frames import BatchEvent, Direction
from transports.framing import FramingMode, FramingSpec
from transports.options import Options

LINES = FramingSpec(mode=FramingMode.DELIMITER, delimiter=b"\n")


async def main() -> bytes:
    manager = SessionManager()
    replies: list[bytes] = []
    got_all = asyncio.Event()
    server = manager.add(ConnectionSpec("tcp://127.0.0.1:0", Role.SERVER,
                                        Options(name="server", framing=LINES)))

    def answer(entry: Entry, event: BatchEvent) -> None:
        batch = as_batch(event)
        if batch is None or batch.direction is not Direction.IN:
            return
        if entry is server:
            conn = entry.connection(batch.conn_id)  # the accepted peer that sent it
            assert conn is not None
            for payload in batch.payloads:
                conn.offer(b"re: " + payload.upper(), source=conn)
        else:
            replies.extend(batch.payloads)
            if len(replies) == 3:
                got_all.set()

    manager.add_tap(answer)
    try:
        await manager.connect(server)
        client = manager.add(ConnectionSpec(f"tcp://127.0.0.1:{server.bound_port}",
                                            options=Options(name="client", framing=LINES)))
        await manager.connect(client)
        for word in (b"one", b"two", b"three"):
            await manager.send(client, word)
        async with asyncio.timeout(10):
            await got_all.wait()
    finally:
        await manager.close_all()
    return b"|".join(replies)


if __name__ == "__main__":
    reply = asyncio.run(main())
    print(reply.hex())
    print("PySide6" in sys.modules)

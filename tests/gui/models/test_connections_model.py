"""ConnectionsModel: checked with qtmodeltester, and live peers as children over real sockets."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester

from gui.models.connections_model import ADDRESS, KIND, NAME, PEER_ID_ROLE, STATE, ConnectionsModel
from gui.session import SessionManager
from gui.workspace.model import ConnectionSpec, Role
from tests.gui.conftest import until
from transports.options import Options

Run = Callable[[Coroutine[Any, Any, Any]], Any]


def _spec(url: str, name: str, role: Role = Role.CLIENT) -> ConnectionSpec:
    return ConnectionSpec(url, role, Options(name=name, echo=role is Role.SERVER))


def test_model_structure_and_edits(qtmodeltester: ModelTester, arun: Run) -> None:
    manager = SessionManager()
    model = ConnectionsModel(manager)
    qtmodeltester.check(model)  # empty
    a = manager.add(_spec("tcp://127.0.0.1:0", "srv", Role.SERVER))
    b = manager.add(_spec("ws://127.0.0.1:8080/chat", "ws"))
    manager.duplicate(a)
    qtmodeltester.check(model)
    assert model.rowCount() == 3
    assert [model.index(r, NAME).data() for r in range(3)] == ["srv", "srv copy", "ws"]
    assert model.index(2, KIND).data() == "WS client"
    assert model.index(2, ADDRESS).data() == "127.0.0.1:8080/chat"
    assert "ws://127.0.0.1:8080/chat" in model.index(2, ADDRESS).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, STATE).data() == "idle"
    assert model.entry_at(model.index(2, 3)) is b
    assert model.index_of(b).row() == 2
    arun(manager.remove(a))
    assert model.rowCount() == 2 and model.entry_at(model.index(0, 0)) is not a
    qtmodeltester.check(model)
    model.detach()


def test_server_peers_are_live_children(qtmodeltester: ModelTester, arun: Run) -> None:
    manager = SessionManager()
    model = ConnectionsModel(manager)
    server = manager.add(_spec("tcp://127.0.0.1:0", "srv", Role.SERVER))

    async def scenario() -> None:
        await manager.connect(server)
        port = server.bound_port
        assert model.index(0, ADDRESS).data() == f"127.0.0.1:{port}"
        assert model.index(0, STATE).data() == "listening"
        clients = [manager.add(_spec(f"tcp://127.0.0.1:{port}", f"c{i}")) for i in range(2)]
        for client in clients:
            await manager.connect(client)
        parent = model.index(0, 0)
        await until(lambda: model.rowCount(parent) == 2, message="two peer rows")
        qtmodeltester.check(model)
        child = model.index(0, NAME, parent)
        assert child.parent() == parent
        assert str(child.data()).startswith("127.0.0.1:")
        assert model.index(0, KIND, parent).data() == "peer"
        assert model.peer_at(child) is not None
        assert child.data(PEER_ID_ROLE) == model.peer_at(child).id  # type: ignore[union-attr]
        assert model.entry_at(child) is server
        assert model.index(0, STATE).data() == "listening (2)"
        assert model.index(0, STATE).data(Qt.ItemDataRole.ForegroundRole) is not None
        await manager.disconnect(clients[0])
        await until(lambda: model.rowCount(parent) == 1, message="a peer row removed")
        qtmodeltester.check(model)
        await manager.close_all()
        await until(lambda: model.rowCount(parent) == 0)
        assert model.index(0, STATE).data() == "closed"

    arun(scenario())
    qtmodeltester.check(model)
    assert model.rowCount(QModelIndex()) == 3
    model.detach()

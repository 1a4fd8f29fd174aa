"""SavedMessagesList: titled, with a hint while empty; add / delete keep it in step."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from gui.widgets.saved_messages import SavedMessagesList, default_name
from gui.workspace.model import PayloadMode, SavedMessage


def test_title_and_hint_while_empty(qtbot: QtBot) -> None:
    widget = SavedMessagesList()
    qtbot.addWidget(widget)
    widget.show()
    assert widget.box.title() == "Saved messages"
    assert widget.hint.isVisible() and not widget.list.isVisible()
    assert "double-click to send" in widget.hint.text()
    widget.add(SavedMessage("hello", "hello", PayloadMode.TEXT))
    assert widget.list.isVisible() and not widget.hint.isVisible()
    assert widget.rename_button.isEnabled() and widget.delete_button.isEnabled()
    widget.delete_current()
    assert widget.hint.isVisible() and not widget.list.isVisible()
    widget.set_messages((SavedMessage("a", "61", PayloadMode.HEX),))
    assert widget.list.isVisible() and not widget.hint.isVisible()


def test_default_names() -> None:
    assert default_name("  hello\n world ", PayloadMode.TEXT, set()) == "hello world"
    assert default_name("", PayloadMode.HEX, set()) == "(empty hex)"
    assert default_name("x", PayloadMode.TEXT, {"x", "x (2)"}) == "x (3)"

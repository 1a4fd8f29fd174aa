"""View ▸ Language: one checkable action per UI language; the choice is stored and applies on
the next start (the running UI keeps its translator)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QWidget

from gui.i18n import CHINESE, ENGLISH, store_language

LANGUAGE_NAMES = ((ENGLISH, "English"), (CHINESE, "简体中文"))  # each in its own script


def current_language() -> str:
    """The language of the running UI (the one whose translator is installed)."""
    probe = QCoreApplication.translate("FileMenu", "&File")
    return CHINESE if probe != "&File" else ENGLISH


class LanguageMenu(QMenu):
    """The language choices; ``message`` says (in the chosen language) when it applies."""

    message = Signal(str)

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.group = QActionGroup(self)
        self.language_actions: dict[str, QAction] = {}
        current = current_language()
        for language, label in LANGUAGE_NAMES:
            action = self.addAction(label)
            action.setCheckable(True)
            action.setChecked(language == current)
            action.setData(language)
            self.group.addAction(action)
            action.triggered.connect(lambda _checked=False, lang=language:
                                     self.set_language(lang))
            self.language_actions[language] = action

    def set_language(self, language: str) -> None:
        """Store the UI language; tell the user it applies on the next start."""
        store_language(language)
        action = self.language_actions.get(language)
        if action is not None:
            action.setChecked(True)
        if language == CHINESE:
            text = "界面语言已设为简体中文，下次启动 Sockscope 时生效。"
        else:
            text = "The interface language is now English; it applies when Sockscope next starts."
        self.message.emit(text)

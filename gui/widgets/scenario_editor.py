"""Editing one scenario as JSON (the workspace file's own notation, docs/workspace-format.md).

OK checks the text with the same decoder that reads files — a bad step, template or pattern is
named by its JSON path (``steps[2].match.pattern: line 1, column 3: …``) and the dialog stays
open; nothing is applied until it decodes.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from gui.automation.scenario import Scenario
from gui.workspace import WorkspaceError
from gui.workspace.scenario_schema import decode_scenario, encode_scenario


class ScenarioEditor(QDialog):
    edited = Signal(object, str)  # the new Scenario, the name it had ("" for a new one)

    def __init__(self, scenario: Scenario, encodings: Mapping[str, list[str]],
                 taken: set[str], parent: QWidget | None = None, *, new: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("scenario_editor")
        self.setWindowTitle(self.tr("Scenario"))
        self.resize(640, 520)
        self._old = "" if new else scenario.name
        self._encodings = encodings
        self._taken = taken - {self._old}
        layout = QVBoxLayout(self)
        hint = QLabel(self.tr("Steps: open, close, send, expect, expect_nothing, wait, repeat — "
                              "see docs/workspace-format.md."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.text = QPlainTextEdit()
        self.text.setObjectName("scenario_json")
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.text.setPlainText(json.dumps(encode_scenario(scenario), indent=2,
                                          ensure_ascii=False))
        layout.addWidget(self.text, 1)
        self.error = QLabel()
        self.error.setObjectName("scenario_error")
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #c62828")
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.try_accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def rename_connection(self, old: str, new: str,
                          encodings: Mapping[str, list[str]]) -> bool:
        """A connection was renamed while the dialog is open: steps naming ``old`` in the text
        name ``new`` (when the text is valid JSON; else it is left as typed).  True if the text
        changed."""
        self._encodings = encodings
        try:
            document = json.loads(self.text.toPlainText())
        except json.JSONDecodeError:
            return False
        if not _rename(document, old, new):
            return False
        self.text.setPlainText(json.dumps(document, indent=2, ensure_ascii=False))
        return True

    def try_accept(self) -> None:
        try:
            document = json.loads(self.text.toPlainText())
        except json.JSONDecodeError as exc:
            self.error.setText(self.tr("line {line}, column {column}: invalid JSON: {msg}")
                               .format(line=exc.lineno, column=exc.colno, msg=exc.msg))
            return
        try:
            scenario = decode_scenario(document, "", self._encodings)
        except WorkspaceError as exc:
            self.error.setText(str(exc))
            return
        if scenario.name in self._taken:
            self.error.setText(self.tr("another scenario is already named {name}")
                               .format(name=scenario.name))
            return
        self.error.clear()
        self.edited.emit(scenario, self._old)
        self.accept()


def _rename(node: object, old: str, new: str) -> int:
    """Rewrite ``"connection": old`` in every step object under ``node``; how many."""
    count = 0
    if isinstance(node, dict):
        if node.get("connection") == old and "do" in node:
            node["connection"] = new
            count += 1
        for value in node.values():
            count += _rename(value, old, new)
    elif isinstance(node, list):
        for value in node:
            count += _rename(value, old, new)
    return count

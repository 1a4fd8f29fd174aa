"""The export dialog: scopes, format and extension kept together, clear errors."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from gui.dialogs.export_dialog import ExportDialog, Scope
from transports.frames import Direction


def _dialog(qtbot: QtBot, path: Path, **kw: object) -> ExportDialog:
    args: dict[str, object] = {"total": 10, "filtered": None, "selected": 0, "path": path}
    args.update(kw)
    dialog = ExportDialog(None, **args)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    return dialog


def test_scopes_follow_what_exists(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "a.pcapng", scope=Scope.SELECTED)
    assert not dialog.filtered_radio.isEnabled() and not dialog.selected_radio.isEnabled()
    assert dialog.scope() is Scope.ALL  # asked for the selection, but nothing is selected
    dialog = _dialog(qtbot, tmp_path / "a.pcapng", filtered=3, selected=2, scope=Scope.SELECTED)
    assert dialog.scope() is Scope.SELECTED
    assert "(3)" in dialog.filtered_radio.text() and "(2)" in dialog.selected_radio.text()
    dialog.filtered_radio.setChecked(True)
    assert dialog.choice().scope is Scope.FILTERED


def test_format_and_extension_stay_together(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "a.pcapng")
    assert dialog.choice().fmt == "pcapng" and not dialog.direction_combo.isEnabled()
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("csv"))
    assert dialog.path_edit.text() == str(tmp_path / "a.csv")
    dialog.format_combo.setCurrentIndex(dialog.format_combo.findData("raw"))
    assert dialog.path_edit.text() == str(tmp_path / "a.bin")
    assert dialog.direction_combo.isEnabled()
    dialog.direction_combo.setCurrentIndex(dialog.direction_combo.findData(Direction.OUT))
    choice = dialog.choice()
    assert (choice.fmt, choice.direction, choice.path) == ("raw", Direction.OUT,
                                                           tmp_path / "a.bin")
    dialog.format_combo.setCurrentIndex(0)  # by extension again
    dialog.path_edit.setText(str(tmp_path / "b.jsonl"))
    assert dialog.choice().fmt == "jsonl" and not dialog.direction_combo.isEnabled()


def test_bad_choices_are_explained_and_keep_the_dialog_open(qtbot: QtBot,
                                                            tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "a.txt")
    dialog.show()
    dialog.accept()
    assert dialog.isVisible() and "unknown capture extension '.txt'" in dialog.error_label.text()
    dialog.path_edit.setText(str(tmp_path / "missing" / "a.csv"))
    dialog.accept()
    assert "does not exist" in dialog.error_label.text() and dialog.isVisible()
    dialog.path_edit.setText("")
    dialog.accept()
    assert dialog.error_label.text() == "Choose a file to write."
    dialog.path_edit.setText(str(tmp_path / "a.csv"))
    assert not dialog.error_label.isVisible()
    dialog.accept()
    assert not dialog.isVisible() and dialog.result() == ExportDialog.DialogCode.Accepted

"""The Simplified Chinese UI: the committed translation is complete, compiled from the
committed .ts, loads, and turns the window's menus Chinese; how the language is chosen."""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTranslator
from PySide6.QtWidgets import QApplication

from gui import i18n
from gui.main_window import MainWindow
from gui.session import SessionManager

TS = i18n.TRANSLATIONS_DIR / "sockscope_zh_CN.ts"
QM = i18n.TRANSLATIONS_DIR / "sockscope_zh_CN.qm"
_PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d")
_MNEMONIC = re.compile(r"&([^&\s])")


def _messages() -> list[tuple[str, str, ET.Element]]:
    root = ET.parse(TS).getroot()
    out = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            out.append((name, message.findtext("source") or "", message))
    return out


@pytest.fixture
def settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> QSettings:
    """A private settings file instead of the user's."""
    store = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    monkeypatch.setattr(i18n, "settings_store", lambda: store)
    return store


@pytest.fixture
def chinese(qapp: QApplication) -> Iterator[None]:
    assert i18n.install_translator(qapp, "zh_CN") == "zh_CN"
    yield
    assert i18n.install_translator(qapp, "en") == "en"


def test_every_message_is_translated() -> None:
    messages = _messages()
    assert len(messages) > 250
    chinese = 0
    for context, source, message in messages:
        translation = message.find("translation")
        assert translation is not None, (context, source)
        text = translation.text or ""
        assert text.strip(), f"{context}: {source!r} has no translation"
        assert translation.get("type") not in ("unfinished", "obsolete", "vanished"), source
        assert sorted(_PLACEHOLDER.findall(text)) == sorted(_PLACEHOLDER.findall(source)), (
            f"{context}: placeholders of {source!r} differ in {text!r}")
        mnemonic = _MNEMONIC.search(source)
        if mnemonic is not None:  # keyboard access kept: "文件(&F)"
            assert _MNEMONIC.search(text), f"{context}: {text!r} lost the accelerator"
        chinese += bool(re.search(r"[\u4e00-\u9fff]", text))
    # protocol names (UDP, Base64, ping, LF (\n)…) stay as they are; everything else is Chinese
    assert chinese > 0.9 * len(messages)


def test_qm_is_compiled_from_the_committed_ts(tmp_path: Path) -> None:
    lrelease = shutil.which("pyside6-lrelease") or shutil.which("lrelease")
    if lrelease is None:
        pytest.skip("pyside6-lrelease is not installed: cannot rebuild the .qm to compare")
    out = tmp_path / "fresh.qm"
    subprocess.run([lrelease, "-silent", str(TS), "-qm", str(out)], check=True, timeout=60)
    assert out.read_bytes() == QM.read_bytes(), (
        "sockscope_zh_CN.qm is stale: run pyside6-lrelease "
        "resources/translations/sockscope_zh_CN.ts")


def test_qm_loads(qapp: QApplication) -> None:
    translator = QTranslator()
    assert translator.load(str(QM))
    assert translator.translate("MainWindow", "&Connection") == "连接(&C)"
    assert translator.translate("Composer", "Send") == "发送"


def test_chinese_menus_and_widgets(chinese: None) -> None:
    win = MainWindow(SessionManager())
    try:
        titles = [a.text() for a in win.menuBar().actions()]
        assert titles == ["文件(&F)", "连接(&C)", "视图(&V)", "帮助(&H)"]
        assert win.composer.send_button.text() == "发送"
        assert win.log_panel.clear_button.text() == "清除"
        assert win.log_panel.filter_edit.placeholderText() == "过滤载荷…"
        assert win.composer.saved.box.title() == "已保存的消息"
        assert win.dock.connect_action.iconText() == "连接"  # no "(C)" on the button
        model = win.log_panel.model
        assert model.headerData(model.DIRECTION, Qt.Orientation.Horizontal) == "方向"
        assert win.language_actions["zh_CN"].isChecked()
        assert not win.language_actions["en"].isChecked()
    finally:
        win.close()
        win.deleteLater()


def test_english_is_the_source(qapp: QApplication) -> None:
    assert i18n.install_translator(qapp, "en") == "en"
    win = MainWindow(SessionManager())
    try:
        assert [a.text() for a in win.menuBar().actions()][1] == "&Connection"
        assert win.language_actions["en"].isChecked()
    finally:
        win.close()
        win.deleteLater()


def test_language_menu_stores_the_choice(qapp: QApplication, settings: QSettings) -> None:
    win = MainWindow(SessionManager())
    try:
        win.language_actions["zh_CN"].trigger()
        assert settings.value(i18n.SETTINGS_KEY) == "zh_CN"
        assert "下次启动" in win.statusBar().currentMessage()
        assert win.language_actions["zh_CN"].isChecked()
        win.language_actions["en"].trigger()
        assert settings.value(i18n.SETTINGS_KEY) == "en"
        assert "next starts" in win.statusBar().currentMessage()
        # the running UI keeps its language until the next start
        assert win.menuBar().actions()[0].text() == "&File"
    finally:
        win.close()
        win.deleteLater()


def test_choice_order(settings: QSettings, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(i18n, "system_language", lambda: "zh_CN")
    assert i18n.choose_language(None) == "zh_CN"  # nothing stored: the system locale
    i18n.store_language("en")
    assert i18n.choose_language(None) == "en"  # the stored choice beats the locale
    assert i18n.choose_language("zh_CN") == "zh_CN"  # --lang beats both
    assert i18n.choose_language("zh-Hans-CN") == "zh_CN"
    settings.setValue(i18n.SETTINGS_KEY, "klingon")
    assert i18n.choose_language(None) == "zh_CN"  # an unknown stored value is ignored


def test_missing_translation_falls_back_to_english_and_says_so(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(i18n, "TRANSLATIONS_DIR", tmp_path)
    with caplog.at_level(logging.WARNING, logger="gui.i18n"):
        assert i18n.install_translator(qapp, "zh_CN") == "en"
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"
    (record,) = caplog.records
    assert record.getMessage() == (f"the zh_CN translation {tmp_path / 'sockscope_zh_CN.qm'} "
                                   "is missing: the UI stays English")
    (tmp_path / "sockscope_zh_CN.qm").write_bytes(b"not a translation")
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="gui.i18n"):
        assert i18n.install_translator(qapp, "zh_CN") == "en"
    assert "is unreadable" in caplog.records[0].getMessage()


def test_lang_option(qapp: QApplication) -> None:
    from gui.app import parse_args

    assert parse_args(["--lang", "zh_CN"]).lang == "zh_CN"
    assert parse_args([]).lang is None

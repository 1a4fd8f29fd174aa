"""UI language: choosing it and installing the translators.

The language comes from ``--lang`` on the command line, else the QSettings value
``ui/language``, else the system locale (a ``zh*`` locale gives ``zh_CN``, anything else
English).  Translations live in ``resources/translations/sockscope_<lang>.qm`` (installed as
package data, see ``gui.resource_files``); Qt's own ``qtbase_<lang>.qm`` (standard buttons,
context menus) is loaded too when Qt ships it.  A missing or unreadable translation file is
logged as a warning and the UI stays English.
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import (
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QSettings,
    QTranslator,
)

from gui.resource_files import TRANSLATIONS, resource_dir

ENGLISH = "en"
CHINESE = "zh_CN"
LANGUAGES: tuple[str, ...] = (ENGLISH, CHINESE)
SETTINGS_KEY = "ui/language"
TRANSLATIONS_DIR = resource_dir(TRANSLATIONS)

log = logging.getLogger(__name__)

_installed: list[QTranslator] = []  # keeps the installed translators alive


def normalize(language: str | None) -> str | None:
    """``zh``, ``zh-CN``, ``zh_Hans_CN`` … → ``zh_CN``; ``en*``/``C`` → ``en``; else None."""
    if not language:
        return None
    tag = language.strip().replace("-", "_").lower()
    if tag.startswith("zh"):
        return CHINESE
    if tag.startswith("en") or tag in ("c", "posix"):
        return ENGLISH
    return None


def settings_store() -> QSettings:
    """Where the choice is kept: the application's QSettings (tests replace this)."""
    return QSettings()


def stored_language() -> str | None:
    """The language saved by View ▸ Language, if any."""
    value = settings_store().value(SETTINGS_KEY)
    return normalize(value) if isinstance(value, str) else None


def store_language(language: str) -> None:
    """Remember the UI language for the next start."""
    settings = settings_store()
    settings.setValue(SETTINGS_KEY, language)
    settings.sync()


def system_language() -> str:
    return CHINESE if QLocale.system().name().lower().startswith("zh") else ENGLISH


def choose_language(requested: str | None) -> str:
    """``--lang`` first, then the stored choice, then the system locale."""
    return normalize(requested) or stored_language() or system_language()


def qm_path(language: str) -> Path:
    return TRANSLATIONS_DIR / f"sockscope_{language}.qm"


def install_translator(app: QCoreApplication, language: str | None) -> str:
    """Install the translators for ``language`` (or the chosen one when None) and return
    the language in effect ("en", with a logged warning, when the translation file is
    missing or broken)."""
    chosen = choose_language(language)
    for old in _installed:
        QCoreApplication.removeTranslator(old)
        old.deleteLater()
    _installed.clear()
    if chosen != ENGLISH:
        ours = QTranslator(app)
        path = qm_path(chosen)
        if not ours.load(str(path)):
            problem = "is unreadable" if path.is_file() else "is missing"
            log.warning("the %s translation %s %s: the UI stays English", chosen, path, problem)
            return ENGLISH
        QCoreApplication.installTranslator(ours)
        _installed.append(ours)
        qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qtbase = QTranslator(app)
        if qtbase.load(f"qtbase_{chosen}", qt_dir):
            QCoreApplication.installTranslator(qtbase)
            _installed.append(qtbase)
    return chosen


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """Mark ``text`` for pyside6-lupdate under ``context``; translate it where it is shown
    with ``QCoreApplication.translate(context, text)``.  (Qt's own is typed ``object``.)"""
    return text

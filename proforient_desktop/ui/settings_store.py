"""Window settings (geometry, language) kept in an INI file in the data directory.

Keeping them beside the data, not in the registry or ``~/.config``, makes
every data directory (and every test) self-contained.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

SETTINGS_FILE = "window.ini"
KEY_LANGUAGE = "language"
KEY_GEOMETRY = "main_window/geometry"
KEY_SECTION = "main_window/section"


def window_settings(data_dir: Path) -> QSettings:
    return QSettings(str(data_dir / SETTINGS_FILE), QSettings.Format.IniFormat)


def saved_language(data_dir: Path, default: str) -> str:
    return str(window_settings(data_dir).value(KEY_LANGUAGE, default))


def save_language(data_dir: Path, language: str) -> None:
    settings = window_settings(data_dir)
    settings.setValue(KEY_LANGUAGE, language)
    settings.sync()

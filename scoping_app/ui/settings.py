"""The window's own settings (geometry, last project, appearance), as an INI file."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from scoping_app.paths import config_dir
from scoping_app.ui.theme import Appearance

SETTINGS_FILE = "settings.ini"

GEOMETRY = "window/geometry"
LAST_PROJECT = "projects/last"
APPEARANCE = "window/appearance"


def open_settings() -> QSettings:
    """QSettings kept in ``config_dir()/settings.ini``: never the registry nor the home folder."""
    return QSettings(str(config_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


def last_project(settings: QSettings) -> int | None:
    value = settings.value(LAST_PROJECT)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def appearance(settings: QSettings) -> Appearance:
    """The appearance the user chose (System when none was chosen or the value is unknown)."""
    saved = settings.value(APPEARANCE)
    try:
        return Appearance(saved)
    except ValueError:
        return Appearance.SYSTEM


def save_appearance(settings: QSettings, choice: Appearance) -> None:
    settings.setValue(APPEARANCE, choice.value)

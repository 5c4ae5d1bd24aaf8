"""The window's own settings (geometry, last project), as an INI file in the config folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from scoping_app.paths import config_dir

SETTINGS_FILE = "settings.ini"

GEOMETRY = "window/geometry"
LAST_PROJECT = "projects/last"


def open_settings() -> QSettings:
    """QSettings kept in ``config_dir()/settings.ini``: never the registry nor the home folder."""
    return QSettings(str(config_dir() / SETTINGS_FILE), QSettings.Format.IniFormat)


def last_project(settings: QSettings) -> int | None:
    value = settings.value(LAST_PROJECT)
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None

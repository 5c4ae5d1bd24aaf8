"""The window's own settings (geometry, last project, appearance, the author's name; each
project's last step and whether its plan was written), as an INI file in the config folder."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from scoping_app.paths import config_dir
from scoping_app.services.history import clean_author, default_author
from scoping_app.ui.theme import Appearance

SETTINGS_FILE = "settings.ini"

GEOMETRY = "window/geometry"
LAST_PROJECT = "projects/last"
APPEARANCE = "window/appearance"
AUTHOR = "user/name"  # the name changes are recorded under
PROJECT_GROUP = "project-{id}"  # the settings of one project, by its id
STEP = "step"  # the step last shown (0 to 9)
PLAN_WRITTEN = "plan-written"  # "true" once a PDF plan of the project was written


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


def author(settings: QSettings) -> str:
    """The name the user set for their changes, else the default (the login name)."""
    return clean_author(str(settings.value(AUTHOR, "") or "")) or default_author()


def save_author(settings: QSettings, name: str) -> str:
    """Keep ``name`` (on one line); an empty one forgets it. The name now in use."""
    cleaned = clean_author(name)
    if cleaned:
        settings.setValue(AUTHOR, cleaned)
    else:
        settings.remove(AUTHOR)
    return author(settings)


def _project_key(project_id: int, name: str) -> str:
    return f"{PROJECT_GROUP.format(id=project_id)}/{name}"


def last_step(settings: QSettings, project_id: int) -> int:
    """The step the project showed last, or the first step for a project never opened."""
    value = settings.value(_project_key(project_id, STEP))
    try:
        return int(value) if value not in (None, "") else 0
    except (TypeError, ValueError):
        return 0


def remember_step(settings: QSettings, project_id: int, step: int) -> None:
    settings.setValue(_project_key(project_id, STEP), step)


def plan_written(settings: QSettings, project_id: int) -> bool:
    """Whether a PDF plan of the project was written (on this computer)."""
    return str(settings.value(_project_key(project_id, PLAN_WRITTEN), "")).lower() == "true"


def remember_plan_written(settings: QSettings, project_id: int) -> None:
    settings.setValue(_project_key(project_id, PLAN_WRITTEN), "true")


def forget_project(settings: QSettings, project_id: int) -> None:
    """Drop what was remembered of a project id: it was deleted, or is a new project's."""
    settings.remove(PROJECT_GROUP.format(id=project_id))

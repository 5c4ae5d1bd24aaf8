"""Per-user directories and bundled resources, in development, installed and frozen."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path
from typing import Literal

import platformdirs

from scoping_app import APP_ID

_APP_AUTHOR: Literal[False] = False  # no vendor folder level on Windows


def resources_dir() -> Path:
    """The folder of bundled data: fonts, templates, the rubric's words.

    Frozen (PyInstaller) it lies beside the executable's unpacked files; installed
    from a wheel it is ``scoping_app/_resources``; in a source checkout it is the
    top-level ``resources/`` folder.
    """
    frozen_base = getattr(sys, "_MEIPASS", None)
    if frozen_base:
        return Path(frozen_base) / "resources"
    package_dir = Path(__file__).resolve().parent
    installed = package_dir / "_resources"
    if installed.is_dir():
        return installed
    return package_dir.parent / "resources"


def resource(*parts: str) -> Path:
    """Path of one bundled resource; raises FileNotFoundError when it is missing."""
    path = resources_dir().joinpath(*parts)
    if not path.exists():
        raise FileNotFoundError(f"The bundled resource {'/'.join(parts)} is missing at {path}.")
    return path


def data_dir() -> Path:
    """Per-user data directory (the database and its backups live here)."""
    path = Path(platformdirs.user_data_dir(APP_ID, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    """Per-user configuration directory (window geometry, last project)."""
    path = Path(platformdirs.user_config_dir(APP_ID, _APP_AUTHOR))
    path.mkdir(parents=True, exist_ok=True)
    return path


def default_database_path() -> Path:
    return data_dir() / "scoping.db"


def backups_dir() -> Path:
    path = data_dir() / "backups"
    path.mkdir(parents=True, exist_ok=True)
    return path


DATABASE_URL_ENV = "SCOPING_APP_DATABASE_URL"


_DATABASE_URL = re.compile(r"[A-Za-z][A-Za-z0-9+]*://")


def database_url(db_path: str | os.PathLike[str] | None = None) -> str:
    """The database to use: ``--db PATH`` (or a database URL), then the environment variable,
    then the default file."""
    if db_path is not None:
        if _DATABASE_URL.match(str(db_path)):  # postgresql+psycopg://..., sqlite:///...
            return str(db_path)
        return f"sqlite:///{Path(db_path).expanduser().resolve()}"
    env = os.environ.get(DATABASE_URL_ENV, "").strip()
    if env:
        return env
    return f"sqlite:///{default_database_path()}"

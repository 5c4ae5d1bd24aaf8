"""AI Scoping Studio: scope AI projects before any code is written."""

from __future__ import annotations

import os
import sys


def _installed_version() -> str:
    """The installed distribution's version, read from its ``.dist-info`` folder's name.

    Installers name that folder ``scoping_app-<version>.dist-info`` (the wheel
    format's rule), so the version is found without importlib.metadata, whose
    import costs more than the rest of a command-line start.
    """
    prefix, suffix = "scoping_app-", ".dist-info"
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            if name.startswith(prefix) and name.endswith(suffix):
                return name[len(prefix) : -len(suffix)]
    from importlib.metadata import PackageNotFoundError, version  # an unusual installation

    try:
        return version("scoping-app")
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0.0.0+unknown"


__version__ = _installed_version()

APP_NAME = "AI Scoping Studio"
# The per-user folders' name (kept: renaming it would hide existing projects).
APP_ID = "scoping-app"
# The application's reverse-DNS id: desktop entry, AppStream metadata, icon name, macOS bundle.
DESKTOP_ID = "studio.aiscoping.ScopingStudio"

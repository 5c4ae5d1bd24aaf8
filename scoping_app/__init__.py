"""AI Scoping Studio: scope AI projects before any code is written."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scoping-app")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

APP_NAME = "AI Scoping Studio"
# The per-user folders' name (kept: renaming it would hide existing projects).
APP_ID = "scoping-app"
# The application's reverse-DNS id: desktop entry, AppStream metadata, icon name, macOS bundle.
DESKTOP_ID = "studio.aiscoping.ScopingStudio"

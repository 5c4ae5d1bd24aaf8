"""AI Scoping Studio: scope AI projects before any code is written."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("scoping-app")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+unknown"

APP_NAME = "AI Scoping Studio"
APP_ID = "scoping-app"

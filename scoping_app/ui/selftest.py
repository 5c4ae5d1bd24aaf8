"""The window's part of the self-test: open it offscreen on the example, paint it, close it."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from scoping_app.services.selftest import Workspace
from scoping_app.ui.dialogs import Dialogs

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget


def window_check(work: Workspace) -> str:
    """Start the window as ``scoping-app gui --project ID --quit-after-start`` does, on the
    self-test's database and settings, with the example project open; it is painted, then closed."""
    from PySide6.QtCore import QSettings, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        # offscreen whatever the desktop: the check needs no screen and shows nothing
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from scoping_app.ui.app import run
    from scoping_app.ui.settings import last_project

    if work.example_id is None:
        raise RuntimeError("the example was not imported, so the window has nothing to open")
    settings = QSettings(str(work.folder / "settings.ini"), QSettings.Format.IniFormat)
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        code = run(
            work.database_url,
            _Silent(),
            project=str(work.example_id),
            quit_after_start=True,
            settings=settings,
            backup_dir=work.backups,
        )
    finally:
        qInstallMessageHandler(previous)
    if code != 0 or last_project(settings) != work.example_id:
        raise RuntimeError("the window did not open the example project")
    platform = QApplication.platformName()
    return f"the example opened in the window ({platform}), painted and closed"


def _quiet_offscreen(kind: object, context: object, message: str) -> None:
    """Qt's messages during the check, less the offscreen platform's note about size hints."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


class _Silent(Dialogs):
    """Dialogs that never wait for a person: a self-test has nobody to answer them."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        raise RuntimeError(f"{title}: {text}")

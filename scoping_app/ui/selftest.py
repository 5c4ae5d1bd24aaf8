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
    """Open the main window on the self-test's database with the example project, then close."""
    from PySide6.QtCore import QSettings, QThreadPool, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    if QApplication.instance() is None:
        # offscreen whatever the desktop: the check needs no screen and shows nothing
        os.environ["QT_QPA_PLATFORM"] = "offscreen"

    from scoping_app.ui.app import application
    from scoping_app.ui.main_window import MainWindow

    if work.example_id is None:
        raise RuntimeError("the example was not imported, so the window has nothing to open")
    app = application()
    service = work.service()
    previous = qInstallMessageHandler(_quiet_offscreen)
    try:
        settings = QSettings(str(work.folder / "settings.ini"), QSettings.Format.IniFormat)
        pool = QThreadPool()
        window = MainWindow(service, settings, _Silent(), pool)
        window.resize(1280, 800)
        window.show()
        if not window.open_project(work.example_id):
            raise RuntimeError("the window could not open the example project")
        app.processEvents()
        picture = window.grab()
        title = window.windowTitle()
        window.close()
        pool.waitForDone()
        window.deleteLater()
        app.processEvents()
    finally:
        qInstallMessageHandler(previous)
        service.close()
    if picture.isNull():
        raise RuntimeError("the window painted nothing")
    platform = QApplication.platformName()
    return f'"{title}" shown at {picture.width()}x{picture.height()} ({platform}) and closed'


def _quiet_offscreen(kind: object, context: object, message: str) -> None:
    """Qt's messages during the check, less the offscreen platform's note about size hints."""
    if "propagateSizeHints" not in message:
        sys.stderr.write(f"{message}\n")


class _Silent(Dialogs):
    """Dialogs that never wait for a person: a self-test has nobody to answer them."""

    def error(self, parent: QWidget | None, title: str, text: str, details: str = "") -> None:
        raise RuntimeError(f"{title}: {text}")

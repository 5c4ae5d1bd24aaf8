"""The app's icon and desktop id: the window and its dialogs show the icon drawn for the app."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication, QMessageBox

from scoping_app import DESKTOP_ID
from scoping_app.ui.app import ICON_SIZES, app_icon, application


def test_the_icon_has_every_size_drawn_for_it(qapp: Any) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert set(icon.availableSizes()) == {QSize(size, size) for size in ICON_SIZES}


def test_the_application_carries_the_icon_and_the_desktop_id(qapp: Any) -> None:
    app = application()
    assert app.desktopFileName() == DESKTOP_ID
    assert QSize(16, 16) in app.windowIcon().availableSizes()


def test_window_and_dialogs_show_it(make_window: Any, qtbot: Any) -> None:
    application()
    window = make_window()
    expected = QApplication.windowIcon().pixmap(32, 32).toImage()
    assert window.windowIcon().pixmap(32, 32).toImage() == expected
    box = QMessageBox(QMessageBox.Icon.Warning, "t", "x", parent=window)
    qtbot.addWidget(box)
    assert box.windowIcon().pixmap(32, 32).toImage() == expected

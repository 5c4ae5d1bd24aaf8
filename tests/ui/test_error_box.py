"""An error box never grows past the screen: a long message and long details scroll."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.error_box import MESSAGE_CHARS, ErrorBox

CYCLE = "capabilities[0].requires[0]: these capabilities require each other in a circle: " + (
    ", ".join(f"Capability {i} requires Capability {i + 1}" for i in range(10_000))
)
PROBLEMS = "\n".join(
    f"capabilities[{i}].value: must be at least 0 (it is -1)" for i in range(10_000)
)


def _within_the_screen(box: ErrorBox) -> None:
    screen = QGuiApplication.primaryScreen().availableGeometry()
    assert box.width() <= screen.width() and box.height() <= screen.height(), box.size()


@pytest.mark.parametrize(
    ("text", "details"),
    [(CYCLE, ""), ("Could not import.", PROBLEMS), (CYCLE, PROBLEMS), ("x" * 5_000, "y" * 50_000)],
)
def test_a_huge_message_stays_within_the_screen_and_its_rest_scrolls(
    qtbot: Any, text: str, details: str
) -> None:
    box = ErrorBox(None, "Could not import the file", text, details)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    _within_the_screen(box)
    assert len(box.message.text()) <= MESSAGE_CHARS
    assert box.details.isVisible()
    assert text in box.details.toPlainText() or box.message.text() == text
    assert box.details.verticalScrollBar().maximum() > 0


def test_a_short_message_has_no_details_area(qtbot: Any) -> None:
    box = ErrorBox(None, "Could not open the project", "The file is empty.")
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.message.text() == "The file is empty."
    assert not box.details.isVisible()


def test_the_error_dialog_is_the_bounded_box_and_ok_closes_it(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any
) -> None:
    monkeypatch.undo()  # the window tests refuse real dialogs; this one is answered
    seen: list[ErrorBox] = []

    def close() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, ErrorBox)
        _within_the_screen(box)
        seen.append(box)
        box.accept()

    QTimer.singleShot(0, close)
    Dialogs().error(None, "Could not import the file", CYCLE, PROBLEMS)
    assert len(seen) == 1

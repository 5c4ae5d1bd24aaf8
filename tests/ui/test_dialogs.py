"""The real dialogs, answered by a timer the way a user would click."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from scoping_app.ui.dialogs import Dialogs


def _click_later(text: str) -> None:
    def click() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        for button in box.buttons():
            if button.text() == text:
                button.click()
                return
        raise AssertionError(f"no button {text!r}")

    QTimer.singleShot(0, click)


@pytest.mark.parametrize(
    ("clicked", "expected"),
    [("Take out both", 0), ("Take out only this", 1), ("Cancel", None)],
)
def test_ask_gives_the_answer_clicked(
    monkeypatch: pytest.MonkeyPatch, qtbot: Any, clicked: str, expected: int | None
) -> None:
    monkeypatch.undo()  # the window tests refuse real dialogs; this one is answered
    _click_later(clicked)
    answer = Dialogs().ask(
        None, "Question", "Take it out?", ["Take out both", "Take out only this"]
    )
    assert answer == expected

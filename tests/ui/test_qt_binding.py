"""The Qt binding the app is pinned to keeps Python's books straight."""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtWidgets import QListWidget, QListWidgetItem


def test_qt_calls_returning_none_keep_none_alive(qtbot: Any) -> None:
    """PySide6 6.12.0 lost a reference to None per call returning None, and a long session
    on Python 3.11 then aborted; the pin in pyproject.toml keeps that release out."""
    widget = QListWidget()
    qtbot.addWidget(widget)
    item = QListWidgetItem("x")
    widget.addItem(item)
    before = sys.getrefcount(None)
    for _ in range(2000):
        widget.currentItem()
        item.data(1234)
    assert sys.getrefcount(None) >= before - 10

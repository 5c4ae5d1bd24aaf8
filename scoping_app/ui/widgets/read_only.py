"""Pieces shared by the steps that show the project read-only in this version."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

READ_ONLY_NOTE = (
    "Read-only in this version: this step shows what the project holds (as imported or "
    "duplicated); editing it here comes later."
)


def summary_label(parent: QWidget | None = None) -> QLabel:
    """The one-paragraph summary above a table ("2 in hand, 1 assumed…")."""
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    return label


def section_label(text: str, parent: QWidget | None = None) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setBold(True)
    label.setFont(font)
    return label


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"

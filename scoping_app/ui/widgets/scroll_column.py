"""A page's content as one column that scrolls when the window is short."""

from __future__ import annotations

from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from scoping_app.ui.widgets.form import scrolling


def scrolling_column(name: str) -> tuple[QScrollArea, QVBoxLayout]:
    """A see-through, frameless scroll area over a column to fill (``<name>Scroll``).

    The content (``<name>Content``) has no margins and 10 pixels between its
    parts; the page shows through it.
    """
    content = QWidget()
    content.setObjectName(f"{name}Content")
    column = QVBoxLayout(content)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(10)
    area = scrolling(content)
    area.setObjectName(f"{name}Scroll")
    content.setAutoFillBackground(False)
    area.viewport().setAutoFillBackground(False)
    return area, column

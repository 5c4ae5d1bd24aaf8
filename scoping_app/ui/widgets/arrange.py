"""Laying widgets out the way every page does: columns of parts, and panes beside each other."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLayout, QSplitter, QVBoxLayout, QWidget

Part = QWidget | QLayout | tuple[QWidget, int]


def stacked(
    *parts: Part, margins: tuple[int, int, int, int] = (0, 0, 0, 0), parent: QWidget | None = None
) -> QWidget:
    """A widget holding ``parts`` one under the other; a (widget, stretch) pair takes the room."""
    box = QWidget(parent)
    layout = QVBoxLayout(box)
    layout.setContentsMargins(*margins)
    for part in parts:
        if isinstance(part, QLayout):
            layout.addLayout(part)
        elif isinstance(part, tuple):
            layout.addWidget(*part)
        else:
            layout.addWidget(part)
    return box


def panes(
    parent: QWidget,
    widgets: Sequence[QWidget],
    sizes: Sequence[int],
    stretch: Sequence[int] = (),
    orientation: Qt.Orientation = Qt.Orientation.Horizontal,
) -> QSplitter:
    """``widgets`` side by side (or one above the other), never collapsed, ``sizes`` at first;
    ``stretch`` says how each pane shares the room the window gains."""
    splitter = QSplitter(orientation, parent)
    splitter.setChildrenCollapsible(False)
    for widget in widgets:
        splitter.addWidget(widget)
    for index, factor in enumerate(stretch):
        splitter.setStretchFactor(index, factor)
    splitter.setSizes(list(sizes))
    return splitter

"""Laying widgets out the way every page does: columns of parts, panes beside each other
whose sizes are remembered across runs, and the one spacing rule of every form."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtWidgets import QGridLayout, QLayout, QSplitter, QVBoxLayout, QWidget

from scoping_app.ui.settings import open_settings

Part = QWidget | QLayout | tuple[QWidget, int]

# the one spacing rule of every form: a label and its field, rows, fields on one row
FORM_LABEL_GAP = 12  # between a label and its field
FORM_ROW_GAP = 8  # between two rows of fields
FORM_FIELD_GAP = 10  # between two fields on one row
FORM_MESSAGE_GAP = 2  # between a field and the message under it
SPLITTERS = "splitters/"  # the settings' group of the panes' sizes


def form_grid(parent: QWidget | None = None) -> QGridLayout:
    """A grid of labels (column 0) and fields (column 1, taking the room), spaced by the rule."""
    grid = QGridLayout(parent) if parent is not None else QGridLayout()
    grid.setContentsMargins(0, 0, 0, 0)
    grid.setHorizontalSpacing(FORM_LABEL_GAP)
    grid.setVerticalSpacing(FORM_ROW_GAP)
    grid.setColumnStretch(1, 1)
    return grid


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
    remember_as: str = "",
) -> QSplitter:
    """``widgets`` side by side (or one above the other), never collapsed, ``sizes`` at first;
    ``stretch`` says how each pane shares the room the window gains. Given ``remember_as``
    ("premortem/register"), the sizes the user drags them to come back in the next run."""
    splitter = QSplitter(orientation, parent)
    splitter.setChildrenCollapsible(False)
    for widget in widgets:
        splitter.addWidget(widget)
    for index, factor in enumerate(stretch):
        splitter.setStretchFactor(index, factor)
    splitter.setSizes(list(sizes))
    if remember_as:
        remember_sizes(splitter, remember_as)
    return splitter


def remember_sizes(splitter: QSplitter, key: str) -> None:
    """Give ``splitter`` the sizes stored under ``key`` (if any), and store them when the user
    moves a handle; the settings are the window's own (:mod:`scoping_app.ui.settings`)."""
    stored = open_settings().value(SPLITTERS + key)
    if isinstance(stored, QByteArray | bytes) and stored:
        splitter.restoreState(QByteArray(stored))
    splitter.splitterMoved.connect(
        lambda *_moved: open_settings().setValue(SPLITTERS + key, splitter.saveState())
    )

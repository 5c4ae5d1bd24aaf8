"""Tab order along a form: the one way a form says in which order Tab reaches its fields.

A form declares its fields in the order they are seen (top to bottom, and left to
right on a row); Tab follows that order, whatever order the widgets were made or
placed in.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import pairwise

from PySide6.QtWidgets import QWidget

from scoping_app.ui.widgets.fields import ComputedField, FieldEditor


def tab_chain(editors: Iterable[FieldEditor]) -> list[QWidget]:
    """The widgets Tab reaches in ``editors``, field by field (a figure shown, never)."""
    return [
        widget
        for editor in editors
        if not isinstance(editor, ComputedField)
        for widget in editor.focus_widgets
    ]


def follow_in_order(widgets: Sequence[QWidget]) -> None:
    """Tab goes from each of ``widgets`` to the next (call once they share a window)."""
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)

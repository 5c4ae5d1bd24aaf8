"""Accessibility of the window: every control a screen reader can reach has a name.

The walk opens the example project, visits every step and every tab of a tabbed
page, and asks each visible control for its name: the accessible name set on it,
or, for a button or check box, the words written on it (what a screen reader says).
A label's buddy is no name: Qt only borrows it from a sibling label, and not at all
once the field sits in a row of its own, so the name is set on the field itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.start.new_project_dialog import NewProjectDialog

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QSlider,
    QTabBar,
    QGraphicsView,
)
# parts of another control, named by it (a combo box's line, a line edit's clear button,
# a table's corner button)
PARTS_OF = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QAbstractItemView)


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader gives ``widget``: its accessible name, else a button's words."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "").strip()
    return name


def visible_controls(root: QWidget) -> list[QWidget]:
    """Every control under ``root`` that is on screen now, in tree order."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if isinstance(widget.parentWidget(), PARTS_OF) or not widget.isVisibleTo(root):
            continue
        if not widget.isVisible():
            continue
        found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    """Where a nameless control is, for the failure message."""
    chain = []
    parent: Any = widget
    while parent is not None and len(chain) < 6:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(chain)


def reveal(widget: QWidget) -> None:
    """Bring the tab holding ``widget`` (and the tabs holding that one) to the front."""
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        holder = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(holder, QTabWidget):
            holder.setCurrentWidget(child)
        child, parent = parent, holder


def every_view(page: QWidget, qtbot: Any) -> Iterator[str]:
    """Shows ``page`` as it is, then each tab of each of its tab widgets in turn (the tabs
    holding a tab widget brought to the front first); yields the tab's title ("" first)."""
    yield ""
    for tabs in page.findChildren(QTabWidget):
        reveal(tabs)
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(1)
            yield tabs.tabText(index).replace("&", "")


def nameless(root: QWidget) -> list[str]:
    return [describe(w) for w in visible_controls(root) if not spoken_name(w)]


def test_every_control_of_every_step_has_a_name(open_example: MainWindow, qtbot: Any) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    missing: dict[str, set[str]] = {}
    walked = 0
    for index, step in enumerate(view.steps):
        view.show_step(index)
        qtbot.waitUntil(step.isVisible)
        for tab in every_view(step, qtbot):
            walked += len(visible_controls(window))
            for where in nameless(window):
                missing.setdefault(f"{step.title} {tab}".strip(), set()).add(where)
    assert walked > 200  # the walk did reach the controls
    assert not missing, "\n".join(f"{k}: {sorted(v)}" for k, v in missing.items())


def test_the_start_screen_and_the_new_project_dialog_name_their_controls(
    open_example: MainWindow, qtbot: Any
) -> None:
    window = open_example
    window.show_start()
    qtbot.waitUntil(window.start_screen.isVisible)
    assert visible_controls(window.start_screen)
    assert nameless(window) == []

    dialog = NewProjectDialog(window, taken=["Support assistant"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(visible_controls(dialog)) >= 4
    assert nameless(dialog) == []

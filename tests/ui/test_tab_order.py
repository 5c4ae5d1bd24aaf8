"""Tab order along each form: Tab reaches the declared fields in the order they are seen,
top to bottom and, on a row, left to right."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QApplication, QWidget

from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.widgets.form import ItemForm
from scoping_app.ui.widgets.tab_order import tab_chain
from tests.ui.test_accessibility import every_view, open_step

MOST_PRESSES = 400


def on_screen(widget: QWidget) -> QRect:
    """Where ``widget`` is in its window."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def visual_order(widgets: list[QWidget]) -> list[QWidget]:
    """``widgets`` as read: rows top to bottom (a widget starting above the middle of the
    row's first one is on that row), each row left to right."""
    rows: list[list[QWidget]] = []
    for widget in sorted(widgets, key=lambda w: (on_screen(w).top(), on_screen(w).left())):
        if rows and on_screen(widget).top() < on_screen(rows[-1][0]).center().y():
            rows[-1].append(widget)
        else:
            rows.append([widget])
    return [w for row in rows for w in sorted(row, key=lambda w: on_screen(w).left())]


def tab_order(widgets: list[QWidget], qtbot: Any) -> list[QWidget]:
    """The order in which Tab, pressed from the first of ``widgets``, reaches each of them."""
    widgets[0].setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(lambda: widgets[0].hasFocus())
    reached = [widgets[0]]
    for _press in range(MOST_PRESSES):
        focus = QApplication.focusWidget()
        assert focus is not None
        qtbot.keyClick(focus, Qt.Key.Key_Tab)
        now = QApplication.focusWidget()
        if now in widgets and now not in reached:
            reached.append(now)
        if len(reached) == len(widgets):
            break
    return reached


def declared_widgets(step: QWidget) -> list[QWidget]:
    """The focusable widgets of the declared fields on ``step`` that are on screen and
    enabled: of each form shown (the project form's fields too)."""
    editors = [e for form in step.findChildren(ItemForm) for e in form.fields.values()]
    if isinstance(step, ProjectInfoStep):
        editors += [row.editor for row in step.fields.values()]
    return [w for w in tab_chain(editors) if w.isVisible() and w.isEnabled()]


def names(widgets: list[QWidget]) -> list[str]:
    return [w.accessibleName() or w.objectName() or type(w).__name__ for w in widgets]


def test_tab_follows_each_form_as_it_is_seen(open_example: MainWindow, qtbot: Any) -> None:
    window = open_example
    window.resize(1600, 1200)  # room for every form: the order, not the fit, is checked here
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.project_view
    assert view is not None
    checked: list[str] = []
    wrong: list[str] = []
    for index, step in enumerate(view.steps):
        view.show_step(index)
        qtbot.waitUntil(step.isVisible)
        for tab in every_view(step, qtbot):
            qtbot.wait(10)  # laid out at the new size
            widgets = declared_widgets(step)
            if len(widgets) < 2:
                continue
            seen, reached = visual_order(widgets), tab_order(widgets, qtbot)
            where = f"{step.title} {tab}".strip()
            checked.append(where)
            if reached != seen:
                wrong.append(f"{where}:\n  seen {names(seen)}\n  Tab  {names(reached)}")
    expected = {"Project", "Business logic", "Data", "Capabilities Details", "Pre-mortem"}
    assert expected <= set(checked), checked
    assert not wrong, "\n".join(wrong)


def test_a_form_filled_before_its_page_is_shown_gets_its_room(
    open_example: MainWindow, qtbot: Any
) -> None:
    """The risk form is filled while the Pre-mortem is off screen: shown, it has its height."""
    step = open_step(open_example, "Pre-mortem")
    qtbot.waitUntil(step.isVisible)
    qtbot.wait(10)
    for widget in declared_widgets(step):
        least = min(widget.minimumSizeHint().height(), widget.maximumHeight())
        assert widget.height() >= least > 0, widget.accessibleName()

"""Where a project opens, moving between steps by keyboard, the list of shortcuts, Undo from
a field with nothing to undo, and the statuses of the Scope slices and Export steps."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from scoping_app.domain import edits
from scoping_app.domain.completeness import Status
from scoping_app.domain.model import Capability, Slice
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import HINT_ROLE, STATUS_ROLE
from scoping_app.ui.settings import last_step, remember_step
from scoping_app.ui.steps.export.page import NO_PLAN_YET
from scoping_app.ui.steps.slices.smallest_scope import NOTHING_TO_SCOPE
from scoping_app.ui.widgets.wrapping_line import WrappingLine
from tests.ui.conftest import FakeDialogs, wait_for_scope

SLICES, EXPORT = 7, 9


def _new_project(window: MainWindow, dialogs: FakeDialogs, name: str) -> None:
    dialogs.new_project_answer = (name, "general", "rag")
    window.new_action.trigger()
    assert window.session is not None and window.session.project.name == name


def _activate(window: MainWindow, qtbot: Any) -> None:
    """Keys reach the window's shortcuts only while it is the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)


def test_a_new_project_opens_on_step_one_while_another_keeps_its_step(
    window: MainWindow, dialogs: FakeDialogs, example_id: int
) -> None:
    window.start_screen.refresh()
    window.open_project(example_id)
    assert window.project_view is not None
    window.project_view.show_step(8)  # "9. Readiness audit"
    _new_project(window, dialogs, "Claims triage")
    assert window.project_view.current_step() == 0
    window.project_view.show_step(3)
    window.open_project(example_id)
    assert window.project_view.current_step() == 8
    new_id = next(s.id for s in window.service.list_projects() if s.name == "Claims triage")
    window.open_project(new_id)
    assert window.project_view.current_step() == 3


def test_a_new_project_starts_on_step_one_even_where_its_id_was_remembered(
    window: MainWindow, dialogs: FakeDialogs, settings: Any
) -> None:
    _new_project(window, dialogs, "First")
    assert window.session is not None
    # the settings remember a step for the next id (another database, a deleted project)
    remember_step(settings, window.session.project_id + 1, 6)
    _new_project(window, dialogs, "Second")
    assert window.project_view is not None and window.session is not None
    assert last_step(settings, window.session.project_id) == 0
    assert window.project_view.current_step() == 0


def test_ctrl_page_down_and_up_move_between_steps(open_example: MainWindow, qtbot: Any) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    view.show_step(0)
    _activate(window, qtbot)
    view.sidebar.setFocus()
    assert window.next_step_action.shortcut().toString() == "Ctrl+PgDown"
    assert window.previous_step_action.shortcut().toString() == "Ctrl+PgUp"
    qtbot.keyClick(view.sidebar, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(view.sidebar, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert view.current_step() == 2
    # from inside a field too
    field = view.steps[2].findChild(QLineEdit)
    assert field is not None
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert view.current_step() == 1
    view.show_step(9)
    window.next_step_action.trigger()
    assert view.current_step() == 9  # the last step stays
    view.show_step(0)
    window.previous_step_action.trigger()
    assert view.current_step() == 0
    window.show_start()
    assert not window.next_step_action.isEnabled()


def test_help_lists_the_shortcuts_from_the_actions(
    open_example: MainWindow, dialogs: FakeDialogs
) -> None:
    window = open_example
    help_texts = [a.text() for a in window.help_menu.actions()]
    assert help_texts[0] == "&Keyboard shortcuts…"
    window.shortcuts_action.trigger()
    [text] = dialogs.informations
    for line in ("Ctrl+PgDown", "Next step", "Ctrl+PgUp", "Previous step", "Ctrl+Z", "Ctrl+E"):
        assert line in text
    assert "Export PDF" in text and "&amp;" not in text.replace("&nbsp;", "")
    # the shortcuts of the step on screen, with those of the menus
    assert window.project_view is not None
    window.project_view.show_step(window.project_view.step_index(window.project_view.capabilities))
    assert "Add capability" in window.shortcuts_text()
    window.project_view.show_step(0)
    assert "Add capability" not in window.shortcuts_text()
    # built from the actions: a changed shortcut shows at once
    window.next_step_action.setShortcut("Alt+Down")
    window.shortcuts_action.trigger()
    assert "Alt+Down" in dialogs.informations[-1] and "Ctrl+PgDown" not in dialogs.informations[-1]


def test_ctrl_z_right_after_add_capability_undoes_it(
    window: MainWindow, dialogs: FakeDialogs, qtbot: Any
) -> None:
    _new_project(window, dialogs, "Claims triage")
    view, session = window.project_view, window.session
    assert view is not None and session is not None
    view.show_step(view.step_index(view.capabilities))
    _activate(window, qtbot)
    view.capabilities.add_button.click()
    assert len(session.project.capabilities) == 1
    name = QApplication.focusWidget()
    assert isinstance(name, QLineEdit | WrappingLine) and name.text() == "New capability"
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert session.project.capabilities == []
    # a field with typing of its own undoes the typing first, and the project stays
    view.capabilities.add_button.click()
    name = QApplication.focusWidget()
    assert isinstance(name, QLineEdit | WrappingLine)
    qtbot.keyClicks(name, "X")
    qtbot.keyClick(name, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert name.text() == "New capability"
    assert len(session.project.capabilities) == 1


def test_a_project_without_capabilities_has_nothing_to_scope(
    window: MainWindow, dialogs: FakeDialogs, qtbot: Any
) -> None:
    _new_project(window, dialogs, "Blank")
    view = window.project_view
    assert view is not None
    view.show_step(SLICES)
    wait_for_scope(qtbot, window)
    assert view.slices.scope_status.text() == NOTHING_TO_SCOPE
    assert "Viable" not in view.slices.scope_text.text()
    assert not view.slices.save_scope_button.isEnabled()
    assert view.sidebar.item(SLICES).data(HINT_ROLE) == "Add capabilities first"


def test_scope_slices_is_complete_only_with_a_viable_slice(
    window: MainWindow, dialogs: FakeDialogs
) -> None:
    _new_project(window, dialogs, "Budgeted")
    view, session = window.project_view, window.session
    assert view is not None and session is not None

    def two_slices_over_budget(project: Any) -> None:
        edits.set_info(project, monthly_budget=10)
        project.capabilities = [Capability(key="a", name="A", effort=1, monthly_cost=50)]
        project.slices = [
            Slice(key="s1", name="One", capabilities=["a"]),
            Slice(key="s2", name="Two", capabilities=["a"]),
        ]

    session.apply(two_slices_over_budget, "Add slices")
    item = view.sidebar.item(SLICES)
    assert item.data(STATUS_ROLE) == Status.STARTED
    assert item.data(HINT_ROLE) == "None of the 2 slices is viable"
    session.apply(lambda p: edits.set_info(p, monthly_budget=100), "Raise the budget")
    assert item.data(STATUS_ROLE) == Status.COMPLETE


def test_export_is_not_started_until_a_plan_was_written(
    open_example: MainWindow, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any, make_window: Any
) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    item = view.sidebar.item(EXPORT)
    assert item.data(STATUS_ROLE) == Status.EMPTY
    assert item.data(Qt.ItemDataRole.AccessibleTextRole) == "Export, not started"
    assert view.export.status.text() == NO_PLAN_YET
    dialogs.save_answer = tmp_path / "plan.pdf"
    window.export_pdf_action.trigger()
    qtbot.waitUntil(lambda: not window.pdf_busy, timeout=60_000)
    assert dialogs.errors == []
    assert item.data(STATUS_ROLE) == Status.STARTED  # written; the steps above have gaps
    assert "plan.pdf" in view.export.status.text()
    # remembered for the project, in another window too
    assert window.session is not None
    project_id = window.session.project_id
    window.close()
    again = make_window()
    again.start_screen.refresh()
    again.open_project(project_id)
    assert again.project_view.sidebar.item(EXPORT).data(STATUS_ROLE) == Status.STARTED

"""The sidebar's completeness marks and hints, and how they follow edits."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scoping_app.domain import edits
from scoping_app.domain.completeness import Status
from scoping_app.domain.model import ProcessStep
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.project_view import HINT_ROLE, MARKS, STATUS_ROLE
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from tests.ui.conftest import FakeDialogs


def test_marks_and_hints_on_the_example(open_example: MainWindow) -> None:
    view = open_example.project_view
    assert view is not None
    sidebar = view.sidebar
    project_item, data_item = sidebar.item(0), sidebar.item(2)
    assert project_item.data(STATUS_ROLE) == Status.COMPLETE
    assert data_item.data(STATUS_ROLE) == Status.STARTED
    assert data_item.data(HINT_ROLE) == "3 data sources never verified"
    tooltip = data_item.toolTip()
    assert tooltip.startswith(f"{MARKS[Status.STARTED]} Data: started")
    assert "• 2 sources not in hand yet" in tooltip
    assert data_item.text() == "3.  Data"  # the title text is kept as it was
    assert data_item.data(Qt.ItemDataRole.AccessibleTextRole) == "Data, started"
    assert data_item.data(Qt.ItemDataRole.AccessibleDescriptionRole) == data_item.data(HINT_ROLE)
    # every row draws two lines: title and hint
    assert sidebar.visualItemRect(project_item).height() >= 2 * sidebar.fontMetrics().height()


def test_marks_follow_every_change(window: MainWindow, dialogs: FakeDialogs) -> None:
    dialogs.new_project_answer = ("Blank", "general", "rag")
    window.new_action.trigger()
    view, session = window.project_view, window.session
    assert view is not None and session is not None
    logic = view.sidebar.item(1)
    assert logic.data(STATUS_ROLE) == Status.EMPTY
    assert logic.data(HINT_ROLE) == "No process steps yet"

    def add_steps(project: Any) -> None:
        project.process_steps = [
            ProcessStep(key="a", name="Read", volume_per_day=5, minutes_per_item=2),
            ProcessStep(key="b", name="Answer", volume_per_day=5, minutes_per_item=6),
        ]

    session.apply(add_steps, "Add process steps")
    assert logic.data(STATUS_ROLE) == Status.STARTED
    assert logic.data(HINT_ROLE) == "No process step uses AI yet"
    assert "No process step uses AI yet" in logic.toolTip()
    session.apply(lambda p: edits.set_info(p, owner="Ops"), "Change owner")
    assert view.sidebar.item(0).data(STATUS_ROLE) == Status.STARTED
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert logic.data(STATUS_ROLE) == Status.EMPTY
    assert view.sidebar.item(0).data(STATUS_ROLE) == Status.EMPTY


def test_an_edit_in_the_project_step_updates_its_mark(
    window: MainWindow, dialogs: FakeDialogs, qtbot: Any
) -> None:
    dialogs.new_project_answer = ("Blank", "general", "rag")
    window.new_action.trigger()
    view = window.project_view
    assert view is not None
    step = view.steps[0]
    item = view.sidebar.item(0)
    assert item.data(STATUS_ROLE) == Status.EMPTY
    assert isinstance(step, ProjectInfoStep)
    step.latency.setFocus()
    qtbot.keyClicks(step.latency, "2000")
    qtbot.keyClick(step.latency, Qt.Key.Key_Return)
    assert item.data(STATUS_ROLE) == Status.STARTED
    assert item.data(HINT_ROLE).startswith("6 fields not set: problem")

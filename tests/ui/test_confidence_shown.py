"""How sure the figures are, in the window: the team size and start date on the Project
step, and the effort range and the deadline's chance in the Slices figures and Side by side."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from PySide6.QtCore import Qt

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.steps.slices.compare import DEADLINE_LABEL, SMALLEST_KEY, SURE_LABEL
from scoping_app.ui.steps.slices.page import SlicesStep
from scoping_app.ui.widgets.fields import DateField
from tests.ui.conftest import project_view, wait_for_scope
from tests.ui.test_enter_example import fill_date


def _project_step(window: MainWindow, qtbot: Any) -> ProjectInfoStep:
    view = project_view(window)
    view.show_step(0)
    step = view.steps[0]
    assert isinstance(step, ProjectInfoStep)
    qtbot.waitUntil(step.isVisible)
    return step


def _slices(window: MainWindow, qtbot: Any) -> SlicesStep:
    view = project_view(window)
    view.show_step(view.step_index(view.slices))
    step = view.slices
    qtbot.waitUntil(lambda: "Effort range" in step.figures.text(), timeout=20_000)
    return step


def type_and_enter(qtbot: Any, widget: Any, text: str) -> None:
    """Type ``text`` over what the field holds and press Enter, as a user commits it."""
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def _chance(step: SlicesStep) -> int:
    found = re.search(
        r"Chance of meeting the deadline \(([^)]*)\), ([^:]*): <b>(\d+)%", step.figures.text()
    )
    assert found, step.figures.text()
    return int(found.group(3))


def test_team_size_and_start_date_are_typed_and_undone(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _project_step(open_example, qtbot)
    assert "deadline's odds" in step.units["team_size"].text()
    type_and_enter(qtbot, step.team_size, "3")
    start = step.fields["start_date"].editor
    assert isinstance(start, DateField)
    fill_date(qtbot, start, "2026-09-01")
    stored = service.load(example_id).info
    assert stored.team_size == 3 and stored.start_date == date(2026, 9, 1)
    assert open_example.undo_action.text() == "Undo Change start date"
    type_and_enter(qtbot, step.team_size, "0")
    assert "at least 1" in step.error_text("team_size")
    assert service.load(example_id).info.team_size == 3  # nothing stored
    type_and_enter(qtbot, step.team_size, "2")
    for _edit in range(3):  # the team of 2, the date typed, and "Today" that came first
        open_example.undo_action.trigger()
    assert service.load(example_id).info.start_date is None
    assert step.team_size.text() == "3"


def test_the_figures_say_how_sure_and_the_team_changes_the_chance(
    open_example: MainWindow, qtbot: Any
) -> None:
    info = _project_step(open_example, qtbot)
    start = info.fields["start_date"].editor
    assert isinstance(start, DateField)
    fill_date(qtbot, start, "2027-01-04")
    step = _slices(open_example, qtbot)
    step.select("everything")
    qtbot.waitUntil(lambda: "Effort range" in step.figures.text(), timeout=20_000)
    text = step.figures.text()
    assert re.search(r"80% sure within [\d.,]+ person-days \(P10 [\d.,]+ - P90 [\d.,]+\)", text)
    assert re.search(r"80% sure within [\d.,]+ working days", text)
    assert "the critical path alone (no team size set)" in text
    assert "30 April 2027" in text
    alone = _chance(step)

    info = _project_step(open_example, qtbot)
    type_and_enter(qtbot, info.team_size, "1")
    step = _slices(open_example, qtbot)
    qtbot.waitUntil(lambda: "team of 1" in step.figures.text(), timeout=20_000)
    one = _chance(step)
    assert one < alone  # one person does all the effort: later than the critical path alone
    open_example.undo_action.trigger()  # back to no team size
    step = _slices(open_example, qtbot)
    qtbot.waitUntil(lambda: "critical path alone" in step.figures.text(), timeout=20_000)
    assert _chance(step) == alone


def test_side_by_side_has_rows_for_how_sure_and_the_deadline(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _slices(open_example, qtbot)
    wait_for_scope(qtbot, open_example)
    step.tabs.setCurrentWidget(step.compare)
    step.compare.choices.set_ticked(["agent_assist", "everything"])
    model = step.compare.model
    sure, chance = model.row_of(SURE_LABEL), model.row_of(DEADLINE_LABEL)
    assert sure >= 0 and chance >= 0
    qtbot.waitUntil(lambda: model.index(sure, 1).data() != "working it out…", timeout=20_000)
    assert re.fullmatch(r"within [\d.,]+", model.index(sure, 0).data())
    assert re.fullmatch(r"\d+%", model.index(chance, 1).data())
    tooltip = model.headerData(chance, Qt.Orientation.Vertical, Qt.ItemDataRole.ToolTipRole)
    assert "30 April 2027" in tooltip and "critical path alone" in tooltip
    # the smallest viable scope's column is worked out as it is ticked
    step.compare.choices.set_ticked(["agent_assist", SMALLEST_KEY])
    qtbot.waitUntil(
        lambda: model.index(sure, 1).data() not in ("working it out…", None), timeout=20_000
    )

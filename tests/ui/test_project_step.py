"""The Project step: fields edited by keyboard, stored as one undoable edit each, checked inline."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.widgets.fields import DateField
from tests.ui.test_enter_example import fill_date


def _step(window: MainWindow, qtbot: Any) -> ProjectInfoStep:
    view = window.project_view
    assert view is not None
    view.show_step(0)
    step = view.steps[0]
    assert isinstance(step, ProjectInfoStep)
    window.activateWindow()
    qtbot.waitUntil(lambda: step.isVisible())
    return step


def _type(qtbot: Any, widget: QLineEdit, text: str, key: Qt.Key = Qt.Key.Key_Return) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, key)


def test_fields_are_edited_by_keyboard_and_stored(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    assert step.latency.text() == "2,500" and step.currency.text() == "EUR"
    _type(qtbot, step.latency, "1800")
    _type(qtbot, step.monthly_budget, "7,500", Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is step.monthly_value  # Tab moved on and saved
    _type(qtbot, step.owner, "  COO  ")
    fill_date(qtbot, _deadline(step), "2027-06-01")
    stored = service.load(example_id).info
    assert stored.latency_budget_ms == 1800
    assert stored.monthly_budget == 7500
    assert stored.owner == "COO"
    assert stored.deadline == date(2027, 6, 1)
    assert open_example.undo_action.text() == "Undo Change deadline"
    assert open_example.session.undo_stack.count() == 4  # type: ignore[union-attr]  # one each


def _deadline(step: ProjectInfoStep, field: str = "deadline") -> DateField:
    editor = step.fields[field].editor
    assert isinstance(editor, DateField)
    return editor


def test_the_deadline_is_picked_as_a_date_today_or_none(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    deadline = _deadline(step)
    assert step.deadline.text() == "2027-04-30"
    qtbot.mouseClick(deadline.clear_button, Qt.MouseButton.LeftButton)
    assert service.load(example_id).info.deadline is None
    assert step.deadline.text() == "No deadline"
    assert open_example.undo_action.text() == "Undo Change deadline"
    qtbot.mouseClick(deadline.today_button, Qt.MouseButton.LeftButton)
    assert service.load(example_id).info.deadline == date.today()
    fill_date(qtbot, deadline, "2028-02-29")
    assert service.load(example_id).info.deadline == date(2028, 2, 29)
    open_example.undo_action.trigger()
    assert service.load(example_id).info.deadline == date.today()
    assert step.deadline.text() == date.today().isoformat()


def test_multi_line_objective_is_saved_when_left(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    step.objective.setFocus()
    step.objective.selectAll()
    qtbot.keyClicks(step.objective, "First line")
    qtbot.keyClick(step.objective, Qt.Key.Key_Return)  # Enter is a new line here
    long_line = "a long objective " * 60
    qtbot.keyClicks(step.objective, long_line)
    assert service.load(example_id).info.objective.startswith("Answer routine")
    qtbot.keyClick(step.objective, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is step.deadline
    assert service.load(example_id).info.objective == "First line\n" + long_line
    assert open_example.undo_action.text() == "Undo Change objective"


def test_empty_number_means_none(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    step.value_target.setFocus()
    step.value_target.clear()
    qtbot.keyClick(step.value_target, Qt.Key.Key_Return)
    assert service.load(example_id).info.value_target is None


def test_invalid_values_are_refused_beside_the_field(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    before = service.load(example_id)
    undo_text = open_example.undo_action.text()
    for widget, text, field, words in (
        (step.latency, "0", "latency_budget_ms", "must be greater than 0 (it is 0.0)"),
        (step.monthly_value, "-5", "monthly_value", "must be at least 0 (it is -5.0)"),
        (step.monthly_budget, "lots", "monthly_budget", "must be a number"),
        (step.currency, "E1", "currency", "three-letter ISO 4217 currency code"),
    ):
        _type(qtbot, widget, text)
        assert words in step.error_text(field), step.error_text(field)
        assert step.errors[field].isVisible()
        assert widget.text() == text  # not lost from the field
        assert widget.accessibleDescription() == step.error_text(field)
    step.name.setFocus()
    step.name.clear()
    qtbot.keyClick(step.name, Qt.Key.Key_Return)
    assert step.error_text("name") == "must not be empty"
    assert service.load(example_id) == before
    assert open_example.undo_action.text() == undo_text
    # another edit does not wipe what is still being fixed
    _type(qtbot, step.owner, "COO")
    assert step.latency.text() == "0" and step.errors["latency_budget_ms"].isVisible()
    # fixing the value stores it and clears the message
    _type(qtbot, step.latency, "900")
    assert not step.errors["latency_budget_ms"].isVisible()
    assert service.load(example_id).info.latency_budget_ms == 900


def test_a_name_another_project_has_is_refused(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    other = service.duplicate(example_id)
    step = _step(open_example, qtbot)
    _type(qtbot, step.name, other.name)
    assert "already named" in step.error_text("name")
    assert step.name.text() == other.name
    assert service.load(example_id).name == "Support answer assistant"
    _type(qtbot, step.name, "Card answers")
    assert step.error_text("name") == ""
    assert service.load(example_id).name == "Card answers"
    assert open_example.undo_action.text() == "Undo Rename project"


def test_choices_are_stored_and_regulated_is_shown(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    assert step.regulated_note.isVisible()  # fintech
    step.industry.setFocus()
    qtbot.keyClick(step.industry, Qt.Key.Key_Home)  # general
    assert service.load(example_id).info.industry.value == "general"
    assert not step.regulated_note.isVisible()
    assert open_example.undo_action.text() == "Undo Change industry"
    index = step.industry.findData("healthcare")
    step.industry.setCurrentIndex(index)
    step.industry.activated.emit(index)
    assert step.regulated_note.isVisible()
    assert step.industry.currentText() == "Healthcare (regulated)"
    step.pattern.setCurrentIndex(step.pattern.findData("agent"))
    step.pattern.activated.emit(step.pattern.currentIndex())
    assert service.load(example_id).info.pattern.value == "agent"


def test_undo_and_redo_return_the_exact_states(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    original = service.load(example_id)
    _type(qtbot, step.latency, "1200")
    after_latency = service.load(example_id)
    _type(qtbot, step.currency, "usd")
    assert step.currency.text() == "USD"
    after_currency = service.load(example_id)
    assert after_currency.info.currency == "USD"
    assert "USD per month" in step.units["monthly_budget"].text()
    open_example.undo_action.trigger()
    assert service.load(example_id) == after_latency
    assert step.currency.text() == "EUR"
    open_example.undo_action.trigger()
    assert service.load(example_id) == original
    assert step.latency.text() == "2,500"
    open_example.redo_action.trigger()
    open_example.redo_action.trigger()
    assert service.load(example_id) == after_currency
    assert step.latency.text() == "1,200" and step.currency.text() == "USD"


def test_every_field_has_an_accessible_name_and_tab_order(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    names = [widget.accessibleName() for widget in step.inputs.values()]
    assert all(names) and len(set(names)) == len(names)
    order = [
        step.name,
        step.industry,
        step.pattern,
        step.owner,
        step.problem,
        step.objective,
        step.deadline,
        _deadline(step).today_button,
        _deadline(step).clear_button,
        step.start_date,
        _deadline(step, "start_date").today_button,
        _deadline(step, "start_date").clear_button,
        step.team_size,
        step.latency,
        step.monthly_budget,
        step.monthly_value,
        step.currency,
        step.value_target,
    ]
    for first, second in itertools.pairwise(order):
        assert first.nextInFocusChain() is second or _next_focusable(first) is second


def _next_focusable(widget: Any) -> Any:
    candidate = widget.nextInFocusChain()
    while candidate is not widget and (
        candidate.focusPolicy() & Qt.FocusPolicy.TabFocus == 0 or widget.isAncestorOf(candidate)
    ):  # a date edit's own text is part of it
        candidate = candidate.nextInFocusChain()
    return candidate


def test_leaving_the_project_with_a_field_being_edited_saves_it(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _step(open_example, qtbot)
    step.owner.setFocus()
    step.owner.selectAll()
    qtbot.keyClicks(step.owner, "Head of Support")
    open_example.projects_action.trigger()
    open_example.start_screen.table.setFocus()
    assert service.load(example_id).info.owner == "Head of Support"

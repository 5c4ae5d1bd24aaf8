"""The forms show stored numbers exactly and never write back a number the user did not
touch; a number past its range is refused in words at the field, never clamped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from scoping_app.domain.bounds import EFFORT_DAYS, MONEY, RECORDS, VALUE_POINTS
from scoping_app.domain.model import Project
from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from tests.conftest import EXAMPLE_FILE
from tests.ui.conftest import OpenPage
from tests.ui.test_capabilities import _type


@pytest.fixture
def exact(service: ProjectService, tmp_path: Path) -> ProjectSession:
    """The example with numbers a rounding or clamping form would change."""
    document = json.loads(EXAMPLE_FILE.read_text(encoding="utf-8"))
    ticket = next(c for c in document["capabilities"] if c["key"] == "ticket_export")
    ticket.update(
        value=150_000,
        effort={"optimistic": 0.25, "likely": 2.25, "pessimistic": 4.75},
        monthly_cost=12.34,
        latency_ms=12.345,
    )
    document["project"].update(monthly_budget=1234.56, value_target=VALUE_POINTS.high)
    document["data_sources"][0]["records"] = RECORDS.high
    document["process_steps"][1]["minutes_per_item"] = 1 / 3
    path = tmp_path / "exact.scope.json"
    path.write_text(json.dumps(document), encoding="utf-8")
    return ProjectSession(service, service.import_file(path).id)


def _stored(session: ProjectSession) -> Project:
    return session.service.load(session.project_id)


def _pass_through(qtbot: Any, widgets: list[QWidget], elsewhere: QWidget) -> None:
    """Focus each widget and leave it without typing, as Tab through a form does."""
    for widget in widgets:
        widget.setFocus()
        qtbot.waitUntil(widget.hasFocus)
        qtbot.keyClick(widget, Qt.Key.Key_Return)
    elsewhere.setFocus()


def _ticket_export(open_page: OpenPage, session: ProjectSession) -> CapabilitiesStep:
    step: CapabilitiesStep = open_page(CapabilitiesStep, session)
    step.select("ticket_export")
    return step


def test_renaming_a_capability_changes_its_name_and_nothing_else(
    open_page: OpenPage, exact: ProjectSession, qtbot: Any
) -> None:
    before = _stored(exact)
    step = _ticket_export(open_page, exact)
    form = step.form
    effort = form.fields["effort"]
    assert [box.text() for box in effort.boxes.values()] == ["0.25", "2.25", "4.75"]
    assert form.fields["value"].edit.text() == "150,000"
    assert form.fields["monthly_cost"].edit.text() == "12.34"
    assert form.fields["latency_ms"].edit.text() == "12.345"

    _type(qtbot, form.fields["name"].edit, "Helpdesk ticket export")
    numbers = [
        *effort.boxes.values(),
        *(form.fields[f].edit for f in ("value", "latency_ms", "monthly_cost")),
    ]
    _pass_through(qtbot, numbers, form.fields["name"].edit)

    after = _stored(exact)
    renamed = before.capability("ticket_export").model_copy(
        update={"name": "Helpdesk ticket export"}
    )
    assert after.capability("ticket_export") == renamed
    assert after.model_copy(update={"capabilities": before.capabilities}) == before
    assert exact.undo_stack.count() == 1


@pytest.mark.parametrize(
    ("field", "typed", "words"),
    [
        ("value", "1e308", "1e308 is more than the most allowed, 1,000,000,000 points"),
        (
            "monthly_cost",
            "2e12",
            "2000000000000.0 is more than the most allowed, 1,000,000,000,000 a month",
        ),
        ("latency_ms", "20000000", "20000000.0 is more than the most allowed, 10,000,000 ms"),
    ],
)
def test_a_figure_past_its_most_is_refused_in_words_at_the_field(
    open_page: OpenPage, exact: ProjectSession, qtbot: Any, field: str, typed: str, words: str
) -> None:
    before = _stored(exact)
    step = _ticket_export(open_page, exact)
    _type(qtbot, step.form.fields[field].edit, typed)
    assert step.form.error_text(field) == words
    assert step.form.fields[field].edit.text() == typed  # kept as typed, never clamped
    assert _stored(exact) == before


def test_an_effort_past_its_most_is_refused_in_words_and_at_the_most_stored(
    open_page: OpenPage, exact: ProjectSession, qtbot: Any
) -> None:
    before = _stored(exact)
    step = _ticket_export(open_page, exact)
    pessimistic = step.form.fields["effort"].pessimistic
    _type(qtbot, pessimistic, "100001")
    assert step.form.error_text("effort") == (
        "pessimistic: 100001.0 is more than the most allowed, 100,000 person-days"
    )
    assert _stored(exact) == before
    _type(qtbot, pessimistic, f"{EFFORT_DAYS.high:,.0f}")
    assert step.form.error_text("effort") == ""
    assert _stored(exact).capability("ticket_export").effort.pessimistic == EFFORT_DAYS.high


def test_passing_through_the_data_and_process_forms_changes_nothing(
    open_page: OpenPage, exact: ProjectSession, qtbot: Any
) -> None:
    before = _stored(exact)
    data: DataStep = open_page(DataStep, exact)
    data.editor.select(before.data_sources[0].key)
    records = data.editor.form.fields["records"]
    assert records.edit.text() == f"{RECORDS.high:,}"
    _pass_through(qtbot, [records.edit], data.editor.table)
    assert data.editor.form.error_text("records") == ""
    steps: BusinessLogicStep = open_page(BusinessLogicStep, exact)
    steps.editor.select(before.process_steps[1].key)
    minutes = steps.editor.form.fields["minutes_per_item"]
    assert minutes.edit.text() == repr(1 / 3)
    # a number longer than its box shows its first digits (0.3333…), as it is read
    assert minutes.edit.cursorPosition() == 0
    _pass_through(qtbot, [minutes.edit], steps.editor.table)
    assert steps.editor.form.error_text("minutes_per_item") == ""
    assert _stored(exact) == before
    assert exact.undo_stack.count() == 0


def test_passing_through_the_project_figures_changes_nothing(
    open_page: OpenPage, exact: ProjectSession, qtbot: Any
) -> None:
    before = _stored(exact)
    page: ProjectInfoStep = open_page(ProjectInfoStep, exact)
    budget = page.monthly_budget
    assert getattr(budget, "edit", budget).text() == "1234.56"
    widgets = [getattr(w, "edit", w) for w in (page.monthly_budget, page.value_target)]
    _pass_through(qtbot, widgets, page.inputs["name"])
    assert page.error_text("monthly_budget") == page.error_text("value_target") == ""
    assert _stored(exact) == before
    assert MONEY.high > 1234.56

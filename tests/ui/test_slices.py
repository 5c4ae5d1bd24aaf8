"""The Scope slices step: slices with figures, picking, the smallest viable scope."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from scoping_app.domain import edits
from scoping_app.domain.model import Capability
from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.slices.page import SlicesStep
from tests.ui.conftest import FakeDialogs, wait_for_scope


def _slices(window: MainWindow) -> SlicesStep:
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    return view.slices


def test_slices_are_listed_with_their_figures(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example)
    model = step.model
    assert model.rowCount() == 3
    assert [model.index(r, 0).data() for r in range(3)] == [
        "Agent assist first",
        "Customer self-service",
        "Everything at once",
    ]
    assert model.index(2, 7).data() == "Viable"
    assert model.index(0, 7).data().startswith("Not viable")
    assert "Severe risks are not mitigated" in model.index(0, 7).data(Qt.ItemDataRole.ToolTipRole)
    text = step.figures.text()
    assert "person-days" in text and "Not viable" in text and "2,500 ms" in text


def test_create_a_slice_and_pick_a_capability(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _slices(open_example)
    step.add_button.click()
    stored = service.load(example_id)
    assert [s.name for s in stored.slices][-1] == "New slice"
    assert step.selected_key() == "new_slice"

    picks = step.picks_model
    row = picks.row_of("agent_panel")
    assert picks.setData(
        picks.index(row), Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole
    )
    assert service.load(example_id).slice("new_slice").capabilities == ["agent_panel"]
    # the prerequisites are pulled in, shown as such, and never stored
    pulled = picks.index(picks.row_of("answer_llm"))
    assert pulled.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert pulled.data() == "Answer drafting with citations (pulled in)"
    figures_row = step.model.row_of("new_slice")
    assert step.model.index(figures_row, 1).data() == "1 + 3 pulled in"
    assert step.model.index(figures_row, 2).data() == "23.0 pd"
    assert "23.0 person-days" in step.figures.text()
    assert open_example.undo_action.text() == ("Undo Add Agent suggestion panel to slice New slice")

    assert step.model.setData(step.model.index(figures_row, 0), "Drafts only")
    # stored once the in-place editor has closed; the key made from the old name follows
    qtbot.waitUntil(lambda: service.load(example_id).find_slice("Drafts only") is not None)
    assert service.load(example_id).slice("drafts_only").capabilities == ["agent_panel"]
    assert step.selected_key() == "drafts_only"
    step.delete_button.click()
    assert "drafts_only" not in {s.key for s in service.load(example_id).slices}
    open_example.undo_action.trigger()
    assert service.load(example_id).slice("drafts_only").name == "Drafts only"


def test_smallest_viable_scope_is_shown_and_saved_as_a_slice(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _slices(open_example)
    wait_for_scope(qtbot, open_example)
    scope = step.scope
    assert scope is not None and scope.viable
    assert "Viable" in step.scope_text.text()
    assert "PII redaction" in step.scope_text.text()
    assert step.save_scope_button.isEnabled()
    before = service.load(example_id)

    step.save_scope_button.click()
    saved = service.load(example_id).slices[-1]
    assert saved.name == "Smallest viable scope"
    assert saved.capabilities == list(scope.capabilities)
    assert step.selected_key() == saved.key
    assert open_example.undo_action.text().startswith("Undo Save the smallest viable scope")
    open_example.undo_action.trigger()
    assert service.load(example_id) == before


def test_when_nothing_is_viable_the_reasons_are_given(
    window: MainWindow, dialogs: FakeDialogs, service: ProjectService, qtbot: Any
) -> None:
    dialogs.new_project_answer = ("Fraud scoring", "fintech", "classifier")
    window.new_action.trigger()
    session = window.session
    assert session is not None
    session.apply(lambda p: edits.set_info(p, latency_budget_ms=100), "Set latency budget")
    slow = Capability(key="model", name="Scoring model", latency_ms=400, mandatory=True)
    session.apply(lambda p: edits.add_item(p, "capabilities", slow), "Add capability Scoring model")
    step = _slices(window)
    qtbot.waitUntil(lambda: step.scope is not None and not step.scope.viable, timeout=20_000)
    assert "No set of capabilities meets every condition" in step.scope_text.text()
    assert "latency" in step.scope_text.text().lower()
    assert not step.save_scope_button.isEnabled()


def test_the_scope_follows_edits(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example)
    wait_for_scope(qtbot, open_example)
    first = step.scope
    session = open_example.session
    assert session is not None
    session.apply(
        lambda p: edits.delete_item(p, "capabilities", "reindex"), "Delete capability reindex"
    )
    qtbot.waitUntil(lambda: step.scope is not first and not step.computing, timeout=20_000)
    assert step.scope is not None and "reindex" not in step.scope.capabilities


def test_large_figures_are_not_cut_off(open_example: MainWindow, qtbot: Any) -> None:
    step = _slices(open_example)
    session = open_example.session
    assert session is not None
    session.apply(
        lambda p: edits.set_fields(p, "capabilities", "agent_panel", effort=43210.5),
        "Set effort",
    )
    effort = [c.title for c in step.model.columns].index("Effort")
    text = step.model.index(step.model.row_of("agent_assist"), effort).data()
    assert text == "43,250.8 pd"
    # the cell's text with the view's margins: shown whole, not "43,25…"
    assert step.table.columnWidth(effort) >= step.table.sizeHintForColumn(effort)
    assert step.table.columnWidth(effort) > step.table.fontMetrics().horizontalAdvance(text)

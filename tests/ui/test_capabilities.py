"""The Capabilities step: add, edit, depend, refuse cycles, delete; undo and redo exactly."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.ui.conftest import FakeDialogs, OpenPage, cell


def _open_new(window: MainWindow, dialogs: FakeDialogs) -> CapabilitiesStep:
    dialogs.new_project_answer = ("Claims triage", "insurance", "classifier")
    window.new_action.trigger()
    assert window.project_view is not None
    window.project_view.show_step(window.project_view.step_index(window.project_view.capabilities))
    return window.project_view.capabilities


def _add(step: CapabilitiesStep, name: str) -> str:
    step.add_button.click()
    key = step.selected_key()
    assert key is not None
    step.form.fields["name"].edit.setText(name)
    step.form.fields["name"].edit.editingFinished.emit()
    return step.selected_key()  # type: ignore[return-value]


def _tick(step: CapabilitiesStep, prerequisite: str, on: bool = True) -> None:
    item = step.form.prerequisite_item(prerequisite)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)


def test_add_two_capabilities_and_a_dependency(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    step = _open_new(window, dialogs)
    project_id = window.session.project_id  # type: ignore[union-attr]
    first = _add(step, "Ticket export")
    second = _add(step, "Answer drafting")
    stored = service.load(project_id)
    assert [c.name for c in stored.capabilities] == ["Ticket export", "Answer drafting"]
    assert [c.key for c in stored.capabilities] == [first, second]
    assert step.model.rowCount() == 2
    assert step.model.index(0, 0).data() == "Ticket export"

    step.select(second)
    _tick(step, first)
    stored = service.load(project_id)
    assert stored.capability(second).requires == [first]
    assert cell(step.model, 1, "Requires") == "Ticket export"
    # the graph: two nodes, one edge, the prerequisite on the left
    assert set(step.graph.nodes) == {first, second}
    assert step.graph.edges == [(first, second)]
    assert step.graph.nodes[first].pos().x() < step.graph.nodes[second].pos().x()
    assert dialogs.errors == []


def test_the_reverse_dependency_is_refused_naming_the_cycle(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    step = _open_new(window, dialogs)
    project_id = window.session.project_id  # type: ignore[union-attr]
    first = _add(step, "Ticket export")
    second = _add(step, "Answer drafting")
    step.select(second)
    _tick(step, first)
    before = service.load(project_id)
    depth = window.session.undo_stack.count()  # type: ignore[union-attr]

    step.select(first)
    _tick(step, second)

    [(title, _text, details)] = dialogs.errors
    assert "cycle" in title.lower()
    assert "Ticket export requires Answer drafting" in details
    assert "Answer drafting requires Ticket export" in details
    assert service.load(project_id) == before
    assert window.session.undo_stack.count() == depth  # type: ignore[union-attr]
    item = step.form.prerequisite_item(second)
    assert item is not None and item.checkState() == Qt.CheckState.Unchecked


def test_undo_and_redo_give_back_the_stored_state_exactly(
    window: MainWindow, service: ProjectService, dialogs: FakeDialogs
) -> None:
    step = _open_new(window, dialogs)
    project_id = window.session.project_id  # type: ignore[union-attr]
    states = [service.load(project_id)]
    first = _add(step, "Ticket export")
    states.append(service.load(project_id))
    second = _add(step, "Answer drafting")
    states.append(service.load(project_id))
    step.select(second)
    _tick(step, first)
    states.append(service.load(project_id))

    assert window.undo_action.text() == (
        "Undo Add dependency: Answer drafting requires Ticket export"
    )
    window.undo_action.trigger()
    assert service.load(project_id) == states[2]
    assert step.graph.edges == []
    window.undo_action.trigger()  # the rename of the second capability
    window.undo_action.trigger()  # adding it
    assert service.load(project_id) == states[1]
    assert step.model.rowCount() == 1
    window.redo_action.trigger()
    window.redo_action.trigger()
    window.redo_action.trigger()
    assert service.load(project_id) == states[3]
    assert window.session.project == states[3]  # type: ignore[union-attr]
    assert step.graph.edges == [(first, second)]
    assert not window.redo_action.isEnabled()


def test_delete_a_capability_and_undo(
    open_example: MainWindow, service: ProjectService, example_id: int
) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.capabilities))
    step = view.capabilities
    before = service.load(example_id)
    step.select("index")
    step.delete_button.click()
    after = service.load(example_id)
    assert "index" not in after.capabilities_by_key()
    assert after.capability("rerank").requires == []  # references go with it
    assert "index" not in step.graph.nodes
    assert window.undo_action.text() == "Undo Delete capability Chunking and vector index"
    window.undo_action.trigger()
    assert service.load(example_id) == before
    assert "index" in step.graph.nodes
    assert step.model.rowCount() == 15


def test_form_edits_are_stored_at_once_with_a_named_undo(
    open_example: MainWindow, service: ProjectService, example_id: int
) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.capabilities))  # edits are made on the page shown
    step = view.capabilities
    step.select("ticket_export")
    form = step.form
    form.fields["effort"].likely.setValue(6)
    form.fields["effort"].likely.editingFinished.emit()
    assert service.load(example_id).capability("ticket_export").effort.likely == 6
    assert window.undo_action.text() == "Undo Change likely effort of Ticket export"
    form.fields["mandatory"].box.click()
    assert service.load(example_id).capability("ticket_export").mandatory
    form.fields["key"].edit.setText("tickets_out")
    form.fields["key"].edit.editingFinished.emit()
    stored = service.load(example_id)
    assert "tickets_out" in stored.capabilities_by_key()
    assert stored.capability("pii_redaction").requires == ["tickets_out"]
    assert step.selected_key() == "tickets_out"


def test_an_invalid_effort_is_explained_and_not_stored(
    open_example: MainWindow, service: ProjectService, example_id: int
) -> None:
    window = open_example
    step = window.project_view.capabilities  # type: ignore[union-attr]
    step.select("ticket_export")
    before = service.load(example_id)
    step.form.fields["effort"].optimistic.setValue(50)
    step.form.fields["effort"].optimistic.editingFinished.emit()
    assert not step.form.details.errors["effort"].isHidden()
    assert "optimistic (50 d) must not exceed likely" in step.form.details.errors["effort"].text()
    assert service.load(example_id) == before


def test_shortcuts_are_in_place(window: MainWindow, dialogs: FakeDialogs) -> None:
    step = _open_new(window, dialogs)
    keys = [s.toString() for s in step.add_action.shortcuts()]
    assert keys == ["Ins", "Ctrl+N"]
    assert step.delete_action.shortcut() == QKeySequence(QKeySequence.StandardKey.Delete)
    step.add_action.trigger()
    assert step.model.rowCount() == 1
    step.delete_action.trigger()
    assert step.model.rowCount() == 0
    assert window.undo_action.shortcut().toString() == "Ctrl+Z"
    assert window.redo_action.shortcut().toString() == "Ctrl+Shift+Z"


def test_graph_fits_the_view(open_example: MainWindow, qtbot: Any) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.capabilities))
    graph = view.capabilities.graph
    qtbot.waitUntil(lambda: graph.isVisible())
    assert len(graph.nodes) == 15
    visible = graph.mapToScene(graph.viewport().rect()).boundingRect()
    assert visible.contains(graph.scene().itemsBoundingRect())
    assert 0.5 < graph.scale_factor() <= 1.0


# The whole form, the links and the models, on the step alone (a session over the example).


@pytest.fixture
def step(open_page: OpenPage) -> CapabilitiesStep:
    page = open_page(CapabilitiesStep)
    return page


def _type(qtbot: Any, widget: Any, text: str) -> None:
    """Replace what a field holds by typing, then press Enter (which commits it)."""
    widget.setFocus()
    qtbot.keyClick(widget, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(widget, text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def test_every_field_is_stored_as_one_named_edit(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    step.select("ticket_export")
    form = step.form
    stack = session.undo_stack
    _type(qtbot, form.fields["effort"].pessimistic, "12")
    assert stack.undoText() == "Change pessimistic effort of Ticket export"
    _type(qtbot, form.fields["effort"].optimistic, "3")
    assert stack.undoText() == "Change optimistic effort of Ticket export"
    _type(qtbot, form.fields["effort"].likely, "5")
    _type(qtbot, form.fields["value"].edit, "4")
    assert stack.undoText() == "Change value of Ticket export"
    _type(qtbot, form.fields["latency_ms"].edit, "250")
    assert stack.undoText() == "Change latency of Ticket export"
    _type(qtbot, form.fields["monthly_cost"].edit, "75")
    assert stack.undoText() == "Change monthly cost of Ticket export"
    qtbot.mouseClick(form.fields["mandatory"].box, Qt.MouseButton.LeftButton)
    assert stack.undoText() == "Change mandatory flag of Ticket export"
    form.fields["category"].combo.setCurrentIndex(
        form.fields["category"].combo.findData("integration")
    )
    form.fields["category"].combo.activated.emit(form.fields["category"].combo.currentIndex())
    assert stack.undoText() == "Change category of Ticket export"
    form.fields["description"].edit.setFocus()
    form.fields["description"].edit.selectAll()
    qtbot.keyClicks(form.fields["description"].edit, "Nightly export of resolved tickets.")
    form.fields["description"].edit.left.emit()  # what leaving the box does
    assert stack.undoText() == "Change description of Ticket export"

    stored = service.load(session.project_id).capability("ticket_export")
    assert stored.effort.model_dump() == {"optimistic": 3, "likely": 5, "pessimistic": 12}
    assert (stored.value, stored.latency_ms, stored.monthly_cost) == (4, 250, 75)
    assert stored.mandatory
    assert stored.category.value == "integration"
    assert stored.description == "Nightly export of resolved tickets."
    assert cell(step.model, step.model.row_of("ticket_export"), "Effort o/m/p") == "3/5/12"


def test_a_refused_effort_is_explained_beside_it_and_kept_as_typed(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    step.select("ticket_export")  # 2 / 4 / 10
    form = step.form
    before = service.load(session.project_id)
    depth = session.undo_stack.count()
    _type(qtbot, form.fields["effort"].optimistic, "7")
    assert form.details.errors["effort"].isVisible()
    assert "optimistic (7 d) must not exceed likely (4 d)" in form.details.errors["effort"].text()
    assert service.load(session.project_id) == before
    assert session.undo_stack.count() == depth
    # another field is stored; what was typed in the effort stays for the user to correct
    _type(qtbot, form.fields["value"].edit, "3")
    assert service.load(session.project_id).capability("ticket_export").value == 3
    assert service.load(session.project_id).capability("ticket_export").effort.optimistic == 2
    assert form.fields["effort"].optimistic.value() == 7
    assert form.details.errors["effort"].isVisible()
    _type(qtbot, form.fields["effort"].likely, "8")
    assert not form.details.errors["effort"].isVisible()
    effort = service.load(session.project_id).capability("ticket_export").effort
    assert (effort.optimistic, effort.likely, effort.pessimistic) == (7, 8, 10)


def test_link_a_metric_a_data_source_and_a_risk_then_undo_exactly(
    step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    step.select("ticket_export")
    form = step.form
    states = [service.load(session.project_id)]
    for field, key in (
        ("delivers", "deflection"),
        ("uses_data", "policies"),
        ("mitigates", "r_cost"),
    ):
        item = form.link_item(field, key)
        assert item is not None and item.checkState() == Qt.CheckState.Unchecked
        item.setCheckState(Qt.CheckState.Checked)
        states.append(service.load(session.project_id))
    stored = states[-1].capability("ticket_export")
    assert stored.delivers == ["deflection"]
    assert stored.uses_data == ["tickets", "policies"]
    assert stored.mitigates == ["r_cost"]
    assert session.undo_stack.undoText() == (
        "Ticket export mitigates risk “model calls cost more than the agent…”"
    )
    risk_item = form.link_item("mitigates", "r_stale")
    assert risk_item is not None and "16 SEVERE" in risk_item.text()
    assert "quoting last year's policies" in risk_item.text()
    # unticking is an edit too
    item = form.link_item("uses_data", "tickets")
    assert item is not None
    item.setCheckState(Qt.CheckState.Unchecked)
    assert service.load(session.project_id).capability("ticket_export").uses_data == ["policies"]
    assert (
        session.undo_stack.undoText()
        == "Ticket export no longer uses data Resolved tickets, 24 months"
    )
    session.undo_stack.undo()
    for state in reversed(states[:-1]):
        session.undo_stack.undo()
        assert service.load(session.project_id) == state
    assert form.link_item("delivers", "deflection").checkState() == Qt.CheckState.Unchecked  # type: ignore[union-attr]
    while session.undo_stack.canRedo():
        session.undo_stack.redo()
    assert service.load(session.project_id).capability("ticket_export").uses_data == ["policies"]


def test_fields_have_accessible_names(step: CapabilitiesStep) -> None:
    step.select("ticket_export")
    form = step.form
    for widget in (
        form.fields["name"].edit,
        form.fields["key"].edit,
        form.fields["category"].combo,
        form.fields["effort"].optimistic,
        form.fields["effort"].likely,
        form.fields["effort"].pessimistic,
        form.fields["value"].edit,
        form.fields["latency_ms"].edit,
        form.fields["monthly_cost"].edit,
        form.fields["mandatory"].box,
        form.fields["description"].edit,
        form.prerequisites,
        *form.links.values(),
    ):
        assert widget.accessibleName(), widget
    assert [form.tabs.tabText(i).replace("&", "") for i in range(3)] == [
        "Details",
        "Links",
        "Failure modes",
    ]


def test_capability_models_pass_the_model_tester(
    qtmodeltester: Any, step: CapabilitiesStep
) -> None:
    qtmodeltester.check(step.model)
    step.select("answer_llm")
    qtmodeltester.check(step.failures.model)
    step.select("ticket_export")
    qtmodeltester.check(step.failures.model)


def test_the_name_is_edited_in_place_in_the_table(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession, service: ProjectService
) -> None:
    row = step.model.row_of("ticket_export")
    step.table.setFocus()
    step.table.setCurrentIndex(step.model.index(row, 0))
    qtbot.keyClick(step.table, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Helpdesk ticket export")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(
        lambda: (
            session.undo_stack.undoText()
            == "Rename capability Ticket export to Helpdesk ticket export"
        )
    )
    stored = service.load(session.project_id).capability("ticket_export")
    assert stored.name == "Helpdesk ticket export"
    assert step.form.fields["name"].edit.text() == "Helpdesk ticket export"


def test_the_links_lists_are_filled_when_the_links_tab_is_shown(open_page: OpenPage) -> None:
    page = open_page(CapabilitiesStep)
    form = page.form
    page.select("rerank")
    assert form.prerequisites.shown_keys() == []  # Details shown: nothing filled yet
    form.tabs.setCurrentIndex(1)  # Links
    assert form.prerequisites.checked_keys() == ["index"]
    assert len(form.prerequisites.shown_keys()) == 14  # every other capability
    page.select("index")  # another capability while the Links tab stays shown
    assert "rerank" in form.prerequisites.shown_keys()
    assert "index" not in form.prerequisites.shown_keys()

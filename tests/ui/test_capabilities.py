"""The Capabilities step: add, edit, depend, refuse cycles, delete; undo and redo exactly."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from tests.ui.conftest import FakeDialogs


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
    step.form.name.setText(name)
    step.form.name.editingFinished.emit()
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
    assert step.model.index(1, 9).data() == "Ticket export"
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
    assert "Ticket export (ticket_export) requires Answer drafting (answer_drafting)" in details
    assert "Answer drafting (answer_drafting) requires Ticket export (ticket_export)" in details
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
    step = window.project_view.capabilities  # type: ignore[union-attr]
    step.select("ticket_export")
    form = step.form
    form.likely.setValue(6)
    form.likely.editingFinished.emit()
    assert service.load(example_id).capability("ticket_export").effort.likely == 6
    assert window.undo_action.text() == "Undo Change effort of Ticket export"
    form.mandatory.click()
    assert service.load(example_id).capability("ticket_export").mandatory
    form.key.setText("tickets_out")
    form.key.editingFinished.emit()
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
    step.form.optimistic.setValue(50)
    step.form.optimistic.editingFinished.emit()
    assert not step.form.error.isHidden()
    assert "optimistic" in step.form.error.text()
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

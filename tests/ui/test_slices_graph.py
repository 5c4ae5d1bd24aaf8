"""Picking a slice's capabilities in the graph; duplicating a slice; taking out what others
need; the smallest viable scope ringed in the graphs of both steps."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QPoint, Qt

from scoping_app.domain import edits
from scoping_app.domain.model import Capability
from scoping_app.services.projects import ProjectService
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.steps.slices.page import SlicesStep
from scoping_app.ui.widgets.graph_view import DependencyGraphView
from tests.ui.conftest import FakeDialogs, wait_for_scope


def _graph_tab(window: MainWindow, slice_key: str, qtbot: Any) -> SlicesStep:
    view = window.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    step = view.slices
    step.tabs.setCurrentWidget(step.graph_tab)
    chooser = step.graph_tab.chooser
    chooser.setCurrentIndex(chooser.findData(slice_key))
    chooser.activated.emit(chooser.currentIndex())  # as a user's choice does
    assert step.selected_key() == slice_key
    qtbot.waitUntil(lambda: step.graph_tab.graph.nodes != {})
    return step


def _at(graph: DependencyGraphView, key: str) -> QPoint:
    return graph.mapFromScene(graph.nodes[key].centre())


def _click(qtbot: Any, graph: DependencyGraphView, key: str) -> None:
    qtbot.mouseClick(graph.viewport(), Qt.MouseButton.LeftButton, pos=_at(graph, key))


def _overlay(step: SlicesStep, key: str) -> str:
    return step.graph_tab.graph.nodes[key].overlay


def test_click_in_the_graph_picks_and_unpicks(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _graph_tab(open_example, "agent_assist", qtbot)
    graph = step.graph_tab.graph
    assert _overlay(step, "cache") == "out"
    assert _overlay(step, "answer_llm") == "pulled"

    _click(qtbot, graph, "cache")  # out: now picked
    stored = service.load(example_id).slice("agent_assist")
    assert stored.capabilities == ["agent_panel", "rerank", "audit_log", "eval_set", "cache"]
    assert _overlay(step, "cache") == "picked"
    assert open_example.undo_action.text() == (
        "Undo Add Answer cache for frequent questions to slice Agent assist first"
    )
    # the figures beside the graph follow: 46.5 + 3.3 person-days
    assert "49.8 person-days" in step.graph_tab.figures.text()

    _click(qtbot, graph, "answer_llm")  # pulled in: now picked in its own right
    assert "answer_llm" in service.load(example_id).slice("agent_assist").capabilities
    assert _overlay(step, "answer_llm") == "picked"

    _click(qtbot, graph, "cache")  # picked, and nothing else needs it: out again
    assert "cache" not in service.load(example_id).slice("agent_assist").capabilities
    assert _overlay(step, "cache") == "out"
    # the list on the Slices tab shows the same slice
    assert step.picks_model.index(step.picks_model.row_of("answer_llm")).data(
        Qt.ItemDataRole.CheckStateRole
    ) == (Qt.CheckState.Checked)


def test_a_drag_pans_and_picks_nothing_and_draws_no_dependency(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    step = _graph_tab(open_example, "agent_assist", qtbot)
    graph = step.graph_tab.graph
    graph.set_zoom(1.5)
    before = service.load(example_id)
    viewport = graph.viewport()
    start = _at(graph, "index")
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, pos=start)
    qtbot.mouseMove(viewport, start + QPoint(60, 40))
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, pos=start + QPoint(60, 40))
    # a right drag between boxes draws a dependency on the Capabilities step, not here
    start, end = _at(graph, "ticket_export"), _at(graph, "rerank")
    qtbot.mousePress(viewport, Qt.MouseButton.RightButton, pos=start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=end)
    assert service.load(example_id) == before


def test_taking_out_what_other_picks_need_asks_first(
    open_example: MainWindow,
    service: ProjectService,
    example_id: int,
    dialogs: FakeDialogs,
    qtbot: Any,
) -> None:
    # "Customer self-service" picks the evaluation harness and the monitoring that needs it
    step = _graph_tab(open_example, "self_service", qtbot)
    graph = step.graph_tab.graph
    picks = ["customer_chat", "rerank", "audit_log", "eval_set", "monitoring"]
    assert service.load(example_id).slice("self_service").capabilities == picks

    dialogs.choose_answer = None  # cancelled: nothing changes
    _click(qtbot, graph, "eval_set")
    [(text, answers)] = dialogs.choices
    assert "Quality and drift monitoring" in text
    assert answers == [
        "Take out Evaluation harness on real questions and 1 other capability",
        "Take out only Evaluation harness on real questions",
    ]
    assert service.load(example_id).slice("self_service").capabilities == picks

    dialogs.choose_answer = 0  # with the one that needs it
    _click(qtbot, graph, "eval_set")
    assert service.load(example_id).slice("self_service").capabilities == [
        "customer_chat",
        "rerank",
        "audit_log",
    ]
    assert open_example.undo_action.text() == (
        "Undo Remove Evaluation harness on real questions from slice Customer self-service "
        "with the 1 that need it"
    )
    open_example.undo_action.trigger()
    assert service.load(example_id).slice("self_service").capabilities == picks

    dialogs.choose_answer = 1  # only it: it stays in, pulled in by the monitoring
    _click(qtbot, graph, "eval_set")
    assert service.load(example_id).slice("self_service").capabilities == [
        "customer_chat",
        "rerank",
        "audit_log",
        "monitoring",
    ]
    assert _overlay(step, "eval_set") == "pulled"
    assert len(dialogs.choices) == 3


def test_unticking_in_the_list_asks_the_same(
    open_example: MainWindow,
    service: ProjectService,
    example_id: int,
    dialogs: FakeDialogs,
    qtbot: Any,
) -> None:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    step = view.slices
    step.select("self_service")
    picks = step.picks_model
    dialogs.choose_answer = None
    index = picks.index(picks.row_of("eval_set"))
    picks.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(dialogs.choices) == 1
    # cancelled: the tick is still there
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    # nothing needs the monitoring: taken out without a question
    index = picks.index(picks.row_of("monitoring"))
    picks.setData(index, Qt.CheckState.Unchecked.value, Qt.ItemDataRole.CheckStateRole)
    assert len(dialogs.choices) == 1
    assert "monitoring" not in service.load(example_id).slice("self_service").capabilities


def test_duplicate_a_slice(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    step = view.slices
    step.select("agent_assist")
    step.duplicate_button.click()
    copy = service.load(example_id).slices[-1]
    original = service.load(example_id).slice("agent_assist")
    assert copy.name == "Agent assist first (copy)"
    assert copy.key != "agent_assist"
    assert copy.capabilities == original.capabilities
    assert copy.description == original.description
    assert step.selected_key() == copy.key
    assert open_example.undo_action.text() == (
        "Undo Duplicate slice Agent assist first as Agent assist first (copy)"
    )
    # Ctrl+D on the table, from the copy: a second free name
    step.table.setFocus()
    qtbot.keyClick(step.table, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    names = [s.name for s in service.load(example_id).slices]
    assert names[-1] == "Agent assist first (copy) (copy)"
    open_example.undo_action.trigger()
    open_example.undo_action.trigger()
    assert len(service.load(example_id).slices) == 3


def test_the_smallest_viable_scope_is_ringed(open_example: MainWindow, qtbot: Any) -> None:
    step = _graph_tab(open_example, "agent_assist", qtbot)
    wait_for_scope(qtbot, open_example)
    graph = step.graph_tab.graph
    assert step.scope is not None
    ringed = {key for key, node in graph.nodes.items() if node.ringed}
    assert ringed == set(step.scope.capabilities) and len(ringed) == 9
    step.graph_tab.ring_box.setChecked(False)
    assert not any(node.ringed for node in graph.nodes.values())
    step.graph_tab.ring_box.setChecked(True)
    assert {key for key, node in graph.nodes.items() if node.ringed} == ringed


def test_the_capabilities_graph_rings_the_smallest_viable_scope(
    open_example: MainWindow, qtbot: Any
) -> None:
    view = open_example.project_view
    assert view is not None
    wait_for_scope(qtbot, open_example)
    view.show_step(view.step_index(view.capabilities))
    step, slices = view.capabilities, view.slices
    graph = step.graph

    def ringed() -> set[str]:
        return {key for key, node in graph.nodes.items() if node.ringed}

    assert slices.scope is not None
    first = ringed()
    assert first == set(slices.scope.capabilities) and len(first) == 9
    assert "small_model" not in first
    qtbot.mouseClick(step.graph_ring, Qt.MouseButton.LeftButton)  # the switch, off
    assert ringed() == set()
    qtbot.mouseClick(step.graph_ring, Qt.MouseButton.LeftButton)
    assert ringed() == first

    # the fine-tuned model made mandatory: the scope is computed again and the ring follows
    step.select("small_model")
    step.form.fields["mandatory"].box.click()
    if slices.computing:  # while it computes, the last ring stays rather than blinking
        assert ringed() == first
    qtbot.waitUntil(lambda: "small_model" in ringed(), timeout=20_000)
    # the hidden Slices page catches up when asked for, and finds the same scope
    assert view.slices.computing
    wait_for_scope(qtbot, open_example)
    assert slices.scope is not None and ringed() == set(slices.scope.capabilities)


def test_the_chooser_and_the_table_show_the_same_slice(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = _graph_tab(open_example, "everything", qtbot)
    assert step.graph_tab.figures_title.text() == "Figures of “Everything at once”"
    assert _overlay(step, "small_model") == "picked"
    step.select("agent_assist")  # chosen in the table
    assert step.graph_tab.chooser.currentData() == "agent_assist"
    assert _overlay(step, "small_model") == "out"


def test_the_graph_follows_a_new_capability(
    open_example: MainWindow, service: ProjectService, qtbot: Any
) -> None:
    step = _graph_tab(open_example, "agent_assist", qtbot)
    session = step._session
    new = Capability(key="faq_bot", name="FAQ bot", requires=["cache"])
    session.apply(lambda p: edits.add_item(p, "capabilities", new), "Add capability FAQ bot")
    graph = step.graph_tab.graph
    assert "faq_bot" in graph.nodes and ("cache", "faq_bot") in graph.edges
    # the slice's overlay is kept on the redrawn graph
    assert _overlay(step, "agent_panel") == "picked" and _overlay(step, "faq_bot") == "out"
    # away from the graph tab, a change is drawn when the tab is shown again
    step.tabs.setCurrentIndex(0)
    session.apply(
        lambda p: edits.add_item(p, "capabilities", Capability(key="b2", name="B2")),
        "Add capability B2",
    )
    assert "b2" not in graph.nodes
    step.tabs.setCurrentWidget(step.graph_tab)
    assert "b2" in graph.nodes and _overlay(step, "b2") == "out"


def test_with_no_slice_the_graph_says_how_to_start(
    open_example: MainWindow, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    view = open_example.project_view
    assert view is not None
    view.show_step(view.step_index(view.slices))
    step = view.slices
    for key in ("agent_assist", "self_service", "everything"):
        step.select(key)
        step.delete_button.click()
    step.tabs.setCurrentWidget(step.graph_tab)
    assert not step.graph_tab.chooser.isEnabled()
    assert "Add one on the Slices tab" in step.graph_tab.figures.text()
    before = service.load(example_id)
    _click(qtbot, step.graph_tab.graph, "cache")
    assert service.load(example_id) == before
    assert not any(node.overlay for node in step.graph_tab.graph.nodes.values())

"""The dependency graph of the Capabilities step: find, zoom, draw and remove dependencies."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QHelpEvent, QPainterPath
from PySide6.QtWidgets import QApplication

from scoping_app.domain import edits
from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.widgets.graph_items import add_arrow, arrow_ends
from scoping_app.ui.widgets.graph_panel import GraphPanel
from scoping_app.ui.widgets.graph_view import DependencyGraphView
from tests.ui.conftest import FakeDialogs, OpenPage


@pytest.fixture
def step(open_page: OpenPage) -> CapabilitiesStep:
    page = open_page(CapabilitiesStep)
    return page


def _at(graph: DependencyGraphView, key: str) -> QPoint:
    """Where the centre of a box is on the viewport."""
    return graph.mapFromScene(graph.nodes[key].centre())


def _arrow_middle(graph: DependencyGraphView, prerequisite: str, dependant: str) -> QPoint:
    """Where the middle of an arrow is on the viewport (its item need not be made yet)."""
    path = QPainterPath()
    add_arrow(path, arrow_ends(graph.nodes[prerequisite].pos(), graph.nodes[dependant].pos()))
    return graph.mapFromScene(path.pointAtPercent(0.5))


def _hover_text(graph: DependencyGraphView, key: str) -> str:
    """The hover text of a box, as the mouse resting on it brings it up."""
    where = _at(graph, key)
    event = QHelpEvent(QEvent.Type.ToolTip, where, graph.viewport().mapToGlobal(where))
    QApplication.sendEvent(graph.viewport(), event)
    return graph.nodes[key].toolTip()


def _visible_centre_distance(graph: DependencyGraphView, key: str) -> float:
    visible = graph.mapToScene(graph.viewport().rect()).boundingRect()
    offset = visible.center() - graph.nodes[key].centre()
    return max(abs(offset.x()), abs(offset.y()))


def _in_view(graph: DependencyGraphView, key: str) -> bool:
    visible = graph.mapToScene(graph.viewport().rect()).boundingRect()
    return visible.contains(graph.nodes[key].sceneBoundingRect())


def test_search_centres_and_selects_and_enter_cycles(step: CapabilitiesStep) -> None:
    graph = step.graph
    graph.set_zoom(2.0)  # close in, so centring has to move the view
    step.graph_search.setText("VECTOR")  # the name, any case
    assert step.selected_key() == "index"
    assert _visible_centre_distance(graph, "index") < 5
    step.graph_search.setText("cache")  # the key
    assert step.selected_key() == "cache"
    assert _in_view(graph, "cache")  # on the scene's edge: as near the centre as scrolling goes

    step.graph_search.setText("re")  # several matches: Enter goes through them
    first = step.selected_key()
    assert graph.match_count() > 2
    step.graph_search.returnPressed.emit()
    second = step.selected_key()
    assert second != first
    assert _in_view(graph, second)  # type: ignore[arg-type]

    step.graph_search.setText("no such capability")
    assert step.selected_key() == second  # nothing found: the selection stays


def test_zoom_keys_wheel_fit_and_actual_size(step: CapabilitiesStep, qtbot: Any) -> None:
    graph = step.graph
    fitted = graph.scale_factor()
    graph.setFocus()
    qtbot.keyClick(graph, Qt.Key.Key_Plus)
    assert graph.scale_factor() == pytest.approx(fitted * 1.2)
    qtbot.keyClick(graph, Qt.Key.Key_Minus)
    qtbot.keyClick(graph, Qt.Key.Key_Minus)
    assert graph.scale_factor() == pytest.approx(fitted / 1.2)
    qtbot.keyClick(graph, Qt.Key.Key_0)
    assert graph.scale_factor() == pytest.approx(1.0)
    graph.fit()
    assert graph.scale_factor() == pytest.approx(fitted)
    graph.reset_zoom()
    assert graph.transform().m11() == pytest.approx(1.0)


def test_zoom_keys_keep_the_centre_of_the_view(step: CapabilitiesStep, qtbot: Any) -> None:
    graph = step.graph
    graph.set_zoom(2.0)  # close in: the view can scroll every way
    graph.centerOn(graph.nodes["answer_llm"].centre())
    before = graph.mapToScene(graph.viewport().rect().center())
    # the mouse rests near a corner of the view: the wheel would zoom there, keys do not
    graph.setAttribute(Qt.WidgetAttribute.WA_UnderMouse, True)
    qtbot.mouseMove(graph.viewport(), QPoint(20, 20))
    graph.setFocus()
    qtbot.keyClick(graph, Qt.Key.Key_Plus)
    qtbot.keyClick(graph, Qt.Key.Key_Plus)
    after = graph.mapToScene(graph.viewport().rect().center())
    assert graph.scale_factor() == pytest.approx(2.88)
    # within a few pixels of rounding (the mouse anchor would move it some 40)
    assert abs(after.x() - before.x()) < 6 and abs(after.y() - before.y()) < 6


def test_a_right_drag_adds_the_dependency(
    step: CapabilitiesStep, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    graph = step.graph
    viewport = graph.viewport()
    start, end = _at(graph, "ticket_export"), _at(graph, "rerank")
    qtbot.mousePress(viewport, Qt.MouseButton.RightButton, pos=start)
    qtbot.mouseMove(viewport, (start + end) / 2)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.RightButton, pos=end)
    # the end the drag started from is the prerequisite
    assert service.load(example_id).capability("rerank").requires == ["index", "ticket_export"]
    assert ("ticket_export", "rerank") in step.graph.edges
    assert step._session.undo_stack.undoText() == (
        "Add dependency: Retrieval re-ranking requires Ticket export"
    )


def test_a_shift_drag_adds_the_dependency(
    step: CapabilitiesStep, service: ProjectService, example_id: int, qtbot: Any
) -> None:
    graph = step.graph
    viewport = graph.viewport()
    start, end = _at(graph, "audit_log"), _at(graph, "customer_chat")
    shift = Qt.KeyboardModifier.ShiftModifier
    qtbot.mousePress(viewport, Qt.MouseButton.LeftButton, shift, start)
    qtbot.mouseMove(viewport, end)
    qtbot.mouseRelease(viewport, Qt.MouseButton.LeftButton, shift, end)
    assert "audit_log" in service.load(example_id).capability("customer_chat").requires


def test_a_drag_onto_the_background_adds_nothing(
    step: CapabilitiesStep, session: ProjectSession, qtbot: Any
) -> None:
    graph = step.graph
    depth = session.undo_stack.count()
    graph.begin_link("ticket_export")
    graph.finish_link(None)
    graph.begin_link("ticket_export")
    graph.finish_link("ticket_export")
    assert session.undo_stack.count() == depth


def test_a_cycle_is_refused_and_the_offered_fix_is_one_undoable_edit(
    step: CapabilitiesStep,
    service: ProjectService,
    example_id: int,
    dialogs: FakeDialogs,
    session: ProjectSession,
) -> None:
    before = service.load(example_id)
    depth = session.undo_stack.count()

    dialogs.choose_answer = None  # first refuse the offer: nothing changes
    step.graph.begin_link("rerank")
    step.graph.finish_link("kb_ingest")  # kb_ingest requires rerank: closes a cycle
    [(text, options)] = dialogs.choices
    assert "Help-centre and policy ingestion → Retrieval re-ranking" in text
    assert options == [
        "Retrieval re-ranking requires Chunking and vector index",
        "Chunking and vector index requires Help-centre and policy ingestion",
    ]
    assert service.load(example_id) == before
    assert session.undo_stack.count() == depth

    dialogs.choose_answer = 1  # now take it: remove "index requires kb_ingest" instead
    step.graph.begin_link("rerank")
    step.graph.finish_link("kb_ingest")
    after = service.load(example_id)
    assert after.capability("kb_ingest").requires == ["rerank"]
    assert after.capability("index").requires == []
    assert session.undo_stack.count() == depth + 1
    assert ("rerank", "kb_ingest") in step.graph.edges
    assert dialogs.errors == []

    session.undo_stack.undo()
    assert service.load(example_id) == before
    assert ("kb_ingest", "index") in step.graph.edges
    session.undo_stack.redo()
    assert service.load(example_id) == after


def test_del_on_a_selected_arrow_removes_it_and_undo_restores_it(
    step: CapabilitiesStep,
    service: ProjectService,
    example_id: int,
    session: ProjectSession,
    qtbot: Any,
) -> None:
    graph = step.graph
    before = service.load(example_id)
    graph.arrow("index", "rerank").setSelected(True)
    graph.setFocus()
    qtbot.keyClick(graph, Qt.Key.Key_Delete)
    assert service.load(example_id).capability("rerank").requires == []
    assert ("index", "rerank") not in graph.edges
    assert session.undo_stack.undoText() == (
        "Remove dependency: Retrieval re-ranking no longer requires Chunking and vector index"
    )
    assert len(service.load(example_id).capabilities) == len(before.capabilities)
    session.undo_stack.undo()
    assert service.load(example_id) == before
    assert ("index", "rerank") in graph.edges


def test_an_arrow_can_be_picked_with_the_mouse(step: CapabilitiesStep, qtbot: Any) -> None:
    graph = step.graph
    assert ("index", "rerank") not in graph.edge_items  # its item is made when needed
    middle = _arrow_middle(graph, "index", "rerank")
    qtbot.mouseClick(graph.viewport(), Qt.MouseButton.LeftButton, pos=middle)
    assert graph.selected_edge() == ("index", "rerank")
    assert graph.edge_items[("index", "rerank")].isSelected()


def test_an_arrow_tells_what_it_means_when_the_mouse_rests_on_it(step: CapabilitiesStep) -> None:
    graph = step.graph
    where = _arrow_middle(graph, "index", "rerank")
    event = QHelpEvent(QEvent.Type.ToolTip, where, graph.viewport().mapToGlobal(where))
    QApplication.sendEvent(graph.viewport(), event)
    tip = graph.edge_items[("index", "rerank")].toolTip()
    assert tip.startswith("Retrieval re-ranking requires Chunking and vector index\n")


def test_the_tooltip_gives_every_figure(step: CapabilitiesStep) -> None:
    tip = _hover_text(step.graph, "pii_redaction")
    assert tip.splitlines()[0] == "PII redaction" and "pii_redaction" not in tip
    assert "Category: Compliance" in tip
    assert "3.0 / 5.0 / 8.0 d" in tip
    assert "expected 5.2 d" in tip
    assert "Latency: 30 ms" in tip
    assert "Monthly cost: EUR 100" in tip
    assert "Mandatory: Yes" in tip
    assert "Requires: Ticket export" in tip
    rerank = _hover_text(step.graph, "rerank")
    assert "Value: 2" in rerank
    assert "Delivers: " in rerank and "Delivers: nothing" not in rerank


def test_the_tooltip_follows_the_names_and_currency_it_mentions(
    step: CapabilitiesStep, session: ProjectSession
) -> None:
    graph = step.graph
    unchanged = _hover_text(graph, "rerank")
    session.apply(
        lambda p: edits.set_fields(p, "capabilities", "ticket_export", name="Nightly export"),
        "Rename capability",
    )
    assert "Requires: Nightly export" in _hover_text(graph, "pii_redaction")
    session.apply(lambda p: edits.set_info(p, currency="GBP"), "Set currency")
    assert "Monthly cost: GBP 100" in _hover_text(graph, "pii_redaction")
    assert _hover_text(graph, "rerank") == unchanged.replace("EUR", "GBP")
    session.apply(lambda p: edits.set_fields(p, "capabilities", "pii_redaction", value=4), "Value")
    assert "Value: 4" in _hover_text(graph, "pii_redaction")


def test_the_legend_names_the_categories_present(step: CapabilitiesStep) -> None:
    legend = step.graph.legend.text()
    assert "DATA" in legend and "Compliance" in legend
    assert "OTHER" not in legend  # the example has no capability of category other


def test_a_slice_chosen_in_the_header_marks_the_graph(step: CapabilitiesStep) -> None:
    graph = step.graph
    assert step.graph_slice.itemText(0) == "No slice"
    step.graph_slice.setCurrentIndex(step.graph_slice.findData("agent_assist"))
    assert graph.nodes["agent_panel"].overlay == "picked"
    assert graph.nodes["answer_llm"].overlay == "pulled"  # agent_panel requires it
    assert graph.nodes["customer_chat"].overlay == "out"
    critical = {key for key, edge in graph.edge_items.items() if edge.critical}
    assert critical and all(a in graph.nodes and b in graph.nodes for a, b in critical)
    assert all(graph.nodes[b].overlay != "out" for _a, b in critical)
    step.graph_slice.setCurrentIndex(0)
    assert graph.nodes["customer_chat"].overlay == ""
    assert not any(edge.critical for edge in graph.edge_items.values())


def test_an_edit_keeps_the_boxes_and_an_added_capability_joins_the_first_layer(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession
) -> None:
    graph = step.graph
    key = session.project.capabilities[0].key
    step.select(key)
    box = graph.nodes[key]
    layers = [list(layer) for layer in graph._layers]

    # a new name: the same box shows it, nothing is laid out again
    step.form.fields["name"].edit.setText("Ticket export, nightly")
    step.form.fields["name"].edit.editingFinished.emit()
    assert session.project.capability(key).name == "Ticket export, nightly"
    assert graph.nodes[key] is box
    assert box.name == "Ticket export, nightly"
    assert _hover_text(graph, key).startswith("Ticket export, nightly\n")

    # a capability with no dependency: every other box keeps its layer and row
    step.add_button.click()
    added = step.selected_key()
    assert added is not None and added in graph.nodes
    assert graph._layers[0] == [*layers[0], added]
    assert graph._layers[1:] == layers[1:]
    # undone: gone again, the others where they were
    session.undo_stack.undo()
    assert added not in graph.nodes
    assert graph._layers == layers

    # a new dependency lays the graph out again: the arrow is drawn, its end a layer on
    prerequisite, dependant = layers[0][0], layers[0][1]
    step.select(dependant)
    item = step.form.prerequisite_item(prerequisite)
    assert item is not None
    item.setCheckState(Qt.CheckState.Checked)
    assert (prerequisite, dependant) in graph.edges
    assert dependant not in graph._layers[0]


def test_adding_a_capability_moves_only_the_first_layer_and_keeps_every_box_and_arrow(
    qtbot: Any, step: CapabilitiesStep, session: ProjectSession
) -> None:
    graph = step.graph
    boxes = dict(graph.nodes)
    arrows = {pair: graph.arrow(*pair) for pair in graph.edges}
    first = set(graph._layers[0])
    places = {key: box.pos() for key, box in boxes.items()}

    step.add_button.click()
    added = step.selected_key()
    assert added is not None
    # the same boxes and arrows, not drawn anew; only the first layer moved, to stay centred
    assert all(graph.nodes[key] is box for key, box in boxes.items())
    assert all(graph.edge_items[pair] is arrow for pair, arrow in arrows.items())
    assert all(boxes[key].pos() == places[key] for key in boxes if key not in first)
    assert graph.nodes[added].pos().x() == min(p.x() for p in places.values())
    below = max(boxes[key].pos().y() for key in first)
    assert graph.nodes[added].pos().y() > below
    # every arrow still runs from its prerequisite's box to its dependant's
    for (prerequisite, dependant), arrow in graph.edge_items.items():
        path = arrow.path()
        start, end = path.elementAt(0), path.elementAt(path.elementCount() - 1)
        assert graph.nodes[prerequisite].sceneBoundingRect().contains(start.x - 1, start.y)
        assert graph.nodes[dependant].sceneBoundingRect().contains(end.x + 2, end.y)
    assert graph.scene().sceneRect().contains(graph.nodes[added].sceneBoundingRect())

    session.undo_stack.undo()
    assert added not in graph.nodes
    assert all(boxes[key].pos() == places[key] for key in boxes)


def test_on_a_short_panel_the_legend_gives_way_to_the_graph(qtbot: Any) -> None:
    panel = GraphPanel("Dependency graph", "Shift+drag to add a dependency", "details")
    qtbot.addWidget(panel)
    panel.graph.legend.setText("<b>DATA</b> Data &nbsp; <b>MODEL</b> Model &nbsp; " * 4)
    panel.resize(250, 700)
    panel.show()
    qtbot.waitExposed(panel)
    legend, graph = panel.graph.legend, panel.graph
    assert legend.isVisible()
    assert legend.geometry().top() >= graph.geometry().bottom()  # under the graph, not on it
    panel.resize(250, 260)  # a laptop's window: no room for both
    qtbot.waitUntil(lambda: not legend.isVisible())
    assert graph.height() >= graph.minimumHeight()
    panel.resize(250, 700)
    qtbot.waitUntil(legend.isVisible)

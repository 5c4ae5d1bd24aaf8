"""Accessibility of the window: every control a screen reader can reach has a name.

The walk opens the example project, visits every step and every tab of a tabbed
page, and asks each visible control for its name: the accessible name set on it,
or, for a button or check box, the words written on it (what a screen reader says).
A label's buddy is no name: Qt only borrows it from a sibling label, and not at all
once the field sits in a row of its own, so the name is set on the field itself.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsView,
    QHeaderView,
    QLineEdit,
    QPlainTextEdit,
    QSlider,
    QStackedWidget,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.start.new_project_dialog import NewProjectDialog
from tests.ui.conftest import wait_for_scope

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QAbstractSpinBox,
    QComboBox,
    QAbstractItemView,
    QSlider,
    QTabBar,
    QGraphicsView,
)
# parts of another control, named by it (a combo box's line, a line edit's clear button,
# a table's corner button)
PARTS_OF = (QComboBox, QAbstractSpinBox, QLineEdit, QTabBar, QAbstractItemView)


def spoken_name(widget: QWidget) -> str:
    """The name a screen reader gives ``widget``: its accessible name, else a button's words."""
    name = widget.accessibleName().strip()
    if not name and isinstance(widget, QAbstractButton):
        name = widget.text().replace("&", "").strip()
    return name


def visible_controls(root: QWidget) -> list[QWidget]:
    """Every control under ``root`` that is on screen now, in tree order."""
    found: list[QWidget] = []
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if isinstance(widget.parentWidget(), PARTS_OF) or not widget.isVisibleTo(root):
            continue
        if not widget.isVisible():
            continue
        found.append(widget)
    return found


def describe(widget: QWidget) -> str:
    """Where a nameless control is, for the failure message."""
    chain = []
    parent: Any = widget
    while parent is not None and len(chain) < 6:
        chain.append(parent.objectName() or type(parent).__name__)
        parent = parent.parentWidget()
    return " < ".join(chain)


def reveal(widget: QWidget) -> None:
    """Bring the tab holding ``widget`` (and the tabs holding that one) to the front."""
    child = widget
    parent = widget.parentWidget()
    while parent is not None:
        holder = parent.parentWidget()
        if isinstance(parent, QStackedWidget) and isinstance(holder, QTabWidget):
            holder.setCurrentWidget(child)
        child, parent = parent, holder


def every_view(page: QWidget, qtbot: Any) -> Iterator[str]:
    """Shows ``page`` as it is, then each tab of each of its tab widgets in turn (the tabs
    holding a tab widget brought to the front first); yields the tab's title ("" first)."""
    yield ""
    for tabs in page.findChildren(QTabWidget):
        reveal(tabs)
        for index in range(tabs.count()):
            tabs.setCurrentIndex(index)
            qtbot.wait(1)
            yield tabs.tabText(index).replace("&", "")


def nameless(root: QWidget) -> list[str]:
    return [describe(w) for w in visible_controls(root) if not spoken_name(w)]


def test_every_control_of_every_step_has_a_name(open_example: MainWindow, qtbot: Any) -> None:
    window = open_example
    view = window.project_view
    assert view is not None
    missing: dict[str, set[str]] = {}
    walked = 0
    for index, step in enumerate(view.steps):
        view.show_step(index)
        qtbot.waitUntil(step.isVisible)
        for tab in every_view(step, qtbot):
            walked += len(visible_controls(window))
            for where in nameless(window):
                missing.setdefault(f"{step.title} {tab}".strip(), set()).add(where)
    assert walked > 200  # the walk did reach the controls
    assert not missing, "\n".join(f"{k}: {sorted(v)}" for k, v in missing.items())


def test_the_start_screen_and_the_new_project_dialog_name_their_controls(
    open_example: MainWindow, qtbot: Any
) -> None:
    window = open_example
    window.show_start()
    qtbot.waitUntil(window.start_screen.isVisible)
    assert visible_controls(window.start_screen)
    assert nameless(window) == []

    dialog = NewProjectDialog(window, taken=["Support assistant"])
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert len(visible_controls(dialog)) >= 4
    assert nameless(dialog) == []


def open_step(window: MainWindow, title: str) -> Any:
    """The step called ``title``, shown in ``window``."""
    view = window.project_view
    assert view is not None
    step = next(s for s in view.steps if s.title == title)
    view.show_step(view.step_index(step))
    return step


def accessible_description(widget: QWidget) -> str:
    """The description a screen reader is given for ``widget``."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Description)


def test_the_selected_box_of_the_graph_says_its_figures(
    open_example: MainWindow, qtbot: Any
) -> None:
    page = open_step(open_example, "Capabilities")
    graph = page.graph
    assert graph.accessibleName() == "Capability dependency graph"

    page.select("customer_chat")
    said = accessible_description(graph)
    assert said == graph.accessibleDescription()
    assert said.startswith("Customer self-service chat: User experience, ")
    assert "12.7 person-days expected (8.0 to 20.0)" in said
    assert "value 14" in said
    assert "requires Answer drafting with citations, Hand-off to agent with context" in said
    assert "customer_chat" not in said  # names, not keys

    page.select("audit_log")
    said = graph.accessibleDescription()
    assert said.startswith("Answer audit trail: ")
    assert "requires nothing, mandatory" in said

    # the smallest viable scope, once computed, is said with each box in it
    wait_for_scope(qtbot, open_example)
    ringed = [key for key, node in graph.nodes.items() if node.ringed]
    assert ringed
    for key, node in graph.nodes.items():
        page.select(key)
        in_scope = "; in the smallest viable scope" in graph.accessibleDescription()
        assert in_scope == node.ringed, key

    # a slice shown on the graph: picked, pulled in as a prerequisite, or outside it
    page.graph_slice.setCurrentIndex(page.graph_slice.findText("Agent assist first"))
    page.select("agent_panel")
    assert "picked in the slice shown" in graph.accessibleDescription()
    page.select("index")
    assert "in the slice shown as a prerequisite" in graph.accessibleDescription()
    page.select("small_model")
    assert "outside the slice shown" in graph.accessibleDescription()


def below(nodes: dict[str, Any], key: str) -> str:
    """The box just under ``key`` in its layer (same x, next y)."""
    here = nodes[key].pos()
    under = [k for k, n in nodes.items() if n.pos().x() == here.x() and n.pos().y() > here.y()]
    return min(under, key=lambda k: nodes[k].pos().y())


def test_the_arrow_keys_walk_the_boxes_and_the_table_follows(
    open_example: MainWindow, qtbot: Any
) -> None:
    page = open_step(open_example, "Capabilities")
    graph = page.graph
    nodes = graph.nodes
    first_layer = sorted(
        (k for k, n in nodes.items() if n.pos().x() == min(m.pos().x() for m in nodes.values())),
        key=lambda k: nodes[k].pos().y(),
    )
    page.select(first_layer[0])
    graph.setFocus()

    qtbot.keyClick(graph, Qt.Key.Key_Down)
    assert graph.selected_key() == below(nodes, first_layer[0]) == first_layer[1]
    assert page.selected_key() == first_layer[1]  # the table and the form follow
    assert graph.accessibleDescription().startswith(nodes[first_layer[1]].name + ":")

    qtbot.keyClick(graph, Qt.Key.Key_Up)
    qtbot.keyClick(graph, Qt.Key.Key_Up)  # stays on the top box
    assert page.selected_key() == first_layer[0]

    qtbot.keyClick(graph, Qt.Key.Key_Right)
    moved = graph.selected_key()
    assert moved is not None and nodes[moved].pos().x() > nodes[first_layer[0]].pos().x()
    assert page.selected_key() == moved
    assert graph.hasFocus()  # the user keeps walking the graph


def test_space_on_a_box_of_the_slices_graph_puts_it_in_the_slice(
    open_example: MainWindow, qtbot: Any
) -> None:
    step = open_step(open_example, "Scope slices")
    session = open_example.session
    assert session is not None
    step.tabs.setCurrentWidget(step.graph_tab)
    graph = step.graph_tab.graph
    qtbot.waitUntil(lambda: bool(graph.nodes))
    graph.setFocus()
    assert graph.accessibleDescription().startswith("No capability selected")

    slices_before = {s.key: set(s.capabilities) for s in session.project.slices}
    qtbot.keyClick(graph, Qt.Key.Key_Down)  # the first box
    key = graph.selected_key()
    assert key is not None
    qtbot.keyClick(graph, Qt.Key.Key_Space)
    changed = [s for s in session.project.slices if set(s.capabilities) != slices_before[s.key]]
    assert len(changed) == 1
    assert key in set(changed[0].capabilities) ^ slices_before[changed[0].key]


def test_the_graph_hint_tells_the_keys(open_example: MainWindow) -> None:
    page = open_step(open_example, "Capabilities")
    assert "arrow keys go from box to box" in page.graph_panel.hint.toolTip()

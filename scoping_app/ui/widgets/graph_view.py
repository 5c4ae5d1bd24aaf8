"""The capability dependency graph, drawn in layers: prerequisites on the left.

Positions come from :func:`scoping_app.analysis.graph.layered_layout` (remembered: the
window lays an opened project out on a worker), the same layout the PDF uses; this view
only turns (layer, row) into boxes and arrows. An edit that leaves the dependencies as
they were updates the boxes in place (see graph_layers). An arrow's own item, for the
mouse and the marks, is made only when needed (see :meth:`DependencyGraphView.arrow`).

Navigation: the wheel zooms (under the mouse), + and - zoom, 0 is 100%; dragging the
background or the scroll bars pans. Editing: a drag with the right mouse button, or
with Shift held, from a prerequisite onto the capability that needs it asks for that
dependency (:attr:`DependencyGraphView.dependency_drawn`); Del on a selected arrow, or
its context menu, asks to remove it (both off when :attr:`links_editable` is False). A
press on a box is :attr:`node_clicked`; a click that did not pan is :attr:`node_activated`.

Keyboard: the arrow keys select the box above or below in its layer, or the nearest box
in the layer to the left or right (as a press would, :attr:`node_clicked`); Enter or Space
activates it (as a click would). The selected box's figures are the view's accessible
description, which screen readers are told of when it changes.
The view never edits: the page does, through the session.
"""

from __future__ import annotations

from collections.abc import Collection
from itertools import pairwise
from typing import Any

from PySide6.QtCore import QEvent, QLineF, QPointF, Qt, Signal
from PySide6.QtGui import QBrush, QPainter, QPen
from PySide6.QtWidgets import (
    QApplication,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QLabel,
    QMenu,
    QSizePolicy,
    QWidget,
)

from scoping_app.analysis.graph import remembered_layout
from scoping_app.domain.model import Capability, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.graph_items import (
    EdgeItem,
    EdgeLayer,
    NodeItem,
    Overlay,
    arrow_ends,
    arrow_reach,
    box_positions,
    legend_text,
    node_contents,
    spoken_text,
    states_in_words,
)
from scoping_app.ui.widgets.graph_layers import Structure, layers_after
from scoping_app.ui.widgets.zoomable_view import ZOOM_STEP, ZoomableView

__all__ = ["DependencyGraphView", "EdgeItem", "NodeItem"]

MARGIN = 16.0
FAINT_EDGES = 150  # with more arrows than this, only the selected box's are drawn dark
ARROWS = {  # key: (layers, rows) to move the selection by
    Qt.Key.Key_Left: (-1, 0),
    Qt.Key.Key_Right: (1, 0),
    Qt.Key.Key_Up: (0, -1),
    Qt.Key.Key_Down: (0, 1),
}
MOVE_MODIFIERS = (
    Qt.KeyboardModifier.ShiftModifier
    | Qt.KeyboardModifier.ControlModifier
    | Qt.KeyboardModifier.AltModifier
)
# events for which the scene looks at what is under the mouse
POINTED_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseButtonDblClick,
    QEvent.Type.ToolTip,
    QEvent.Type.ContextMenu,
}
POSITIONED_EVENTS = {QEvent.Type.ToolTip, QEvent.Type.ContextMenu}  # pos(), not position()
NOTHING_SELECTED = "No capability selected; the arrow keys move from box to box"


class DependencyGraphView(ZoomableView):
    """Boxes for capabilities, arrows from each prerequisite to what requires it."""

    node_clicked = Signal(str)  # capability key, on the press
    node_activated = Signal(str)  # capability key: pressed and released there without panning
    dependency_drawn = Signal(str, str)  # dependant, prerequisite: "dependant requires it"
    dependency_remove_requested = Signal(str, str)  # dependant, prerequisite

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        scene = QGraphicsScene(self)
        # items never move: a plain list culls a thousand of them faster than building the BSP
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        scene.selectionChanged.connect(self._on_selection_changed)
        self._selected_edges: set[EdgeItem] = set()
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(theme.color(Role.SURFACE)))
        self.setMinimumSize(240, 180)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Capability dependency graph")
        self.nodes: dict[str, NodeItem] = {}
        self._project: Project | None = None
        self._layers: list[list[str]] = []  # the boxes' keys, layer by layer, top to bottom
        self._structure: Structure = {}  # what each box requires, as drawn
        self.edges: list[tuple[str, str]] = []  # (prerequisite, dependant)
        # the arrows' own items made so far: when the mouse came to them or they were marked
        self.edge_items: dict[tuple[str, str], EdgeItem] = {}
        self._reach: list[tuple[float, float, float, float, tuple[str, str]]] = []
        self._edge_layer: EdgeLayer | None = None
        self._selected: str | None = None
        self._ringed: frozenset[str] = frozenset()
        self._overlay: Overlay | None = None
        self._link_source: NodeItem | None = None
        self._link_line: QGraphicsLineItem | None = None
        self._pressed: tuple[str, QPointF] | None = None  # the box pressed, and where
        self.links_editable = True  # draw and remove dependencies with the mouse and Del
        self._matches: list[str] = []
        self._match = -1
        # the category legend: the page puts it under the view (see :attr:`legend`)
        self.legend = QLabel(parent)
        self.legend.setStyleSheet("QLabel { font-size: 8pt; }")
        self.legend.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.legend.setWordWrap(True)
        theme.changed.connect(self._on_theme_changed)

    # drawing

    def _on_theme_changed(self) -> None:
        """The background, the boxes (drawn once into a cache) and the legend in new colours."""
        self.setBackgroundBrush(QBrush(theme.color(Role.SURFACE)))
        for item in self.scene().items():
            if isinstance(item, QGraphicsSimpleTextItem):
                item.setBrush(theme.color(Role.MUTED))
            item.update()
        if self._project is not None:
            self._show_legend(self._project)

    def show_project(self, project: Project) -> None:
        """Show ``project``: the boxes in place when the dependencies are the same, else the
        graph redrawn (capabilities added or removed with no dependency keep the others'
        layers; any other change of dependencies lays the graph out again)."""
        structure = {c.key: tuple(c.requires) for c in project.capabilities}
        if self.nodes and structure == self._structure:
            self._project = project
            self._show_contents(project)
            return
        layers = layers_after(self._layers, self._structure, structure)
        self._structure = structure
        if layers is not None and self.nodes:
            self._regroup(project, layers)
        else:
            self._redraw(project, layers)

    def _show_contents(self, project: Project) -> None:
        """Same boxes, same arrows: each box's name, effort and marks; tooltips; legend."""
        names = {c.key: c.name for c in project.capabilities}
        metrics = {m.key: m.name for m in project.metrics}
        for capability in project.capabilities:
            node = self.nodes[capability.key]
            contents = node_contents(capability)
            if node.contents() != contents:
                node.show_contents(*contents)
            node.show_tooltip(project, capability, names, metrics)
        self._show_legend(project)
        self._apply_states()

    def _redraw(self, project: Project, layers: list[list[str]] | None) -> None:
        """Redraw the whole graph (400 capabilities take a few tens of ms); ``layers`` when
        known, else laid out."""
        self.cancel_link()
        self._project = project
        scene = self.scene()
        self._selected_edges = set()
        scene.clear()
        self._edge_layer = None
        self.nodes.clear()
        self.edges.clear()
        self.edge_items.clear()
        self._reach = []
        self._layers = []
        if not project.capabilities:
            text = scene.addSimpleText("No capabilities yet.")
            text.setBrush(theme.color(Role.MUTED))
            scene.setSceneRect(scene.itemsBoundingRect())
            self.legend.clear()
            self._describe_selected()
            self._fit()
            return
        if layers is None:
            layers = [list(layer) for layer in remembered_layout(project).layers]
        self._layers = layers
        by_key = project.capabilities_by_key()
        for key, position in box_positions(layers):
            self._add_node(by_key[key]).setPos(position)
        self.edges.extend(
            (prerequisite, capability.key)
            for capability in project.capabilities
            for prerequisite in capability.requires
            if prerequisite in self.nodes and capability.key in self.nodes
        )
        self._lay_edges()
        self._frame()
        self._show_contents(project)

    def _regroup(self, project: Project, layers: list[list[str]]) -> None:
        """Only capabilities with no dependency came or went (see graph_layers): their boxes
        leave or join, the boxes of a layer that grew or shrank move to stay centred, and
        only the arrows of boxes that moved are drawn again; the rest stays as it is."""
        self.cancel_link()
        self._project = project
        scene = self.scene()
        shown = {key for layer in layers for key in layer}
        for key in [key for key in self.nodes if key not in shown]:
            scene.removeItem(self.nodes.pop(key))  # no arrow: it had no dependency
        by_key = project.capabilities_by_key()
        moved = set()
        for key, position in box_positions(layers):
            node = self.nodes.get(key) or self._add_node(by_key[key])
            if node.pos() != position:
                node.setPos(position)
                moved.add(key)
        self._layers = layers
        for (a, b), edge in self.edge_items.items():
            if a in moved or b in moved:
                edge.join(self.nodes[a], self.nodes[b])
        if any(a in moved or b in moved for a, b in self.edges):
            self._lay_edges()
        self._frame()
        self._show_contents(project)

    def _add_node(self, capability: Capability) -> NodeItem:
        node = NodeItem(capability.key, *node_contents(capability))
        node.setZValue(1)
        self.scene().addItem(node)
        self.nodes[capability.key] = node
        return node

    def _lay_edges(self) -> None:
        """Every arrow drawn at once, under the boxes, where they run now; where each may
        be hit, for making its own item when the mouse comes there."""
        if self._edge_layer is not None:
            self.scene().removeItem(self._edge_layer)
        nodes = self.nodes
        ends = [arrow_ends(nodes[a].pos(), nodes[b].pos()) for a, b in self.edges]
        self._reach = [(*arrow_reach(e), pair) for e, pair in zip(ends, self.edges, strict=True)]
        self._edge_layer = EdgeLayer(ends, len(self.edges) > FAINT_EDGES)
        self.scene().addItem(self._edge_layer)

    def arrow(self, prerequisite: str, dependant: str) -> EdgeItem:
        """The item of the arrow from ``prerequisite`` to ``dependant`` (made when first
        asked for): for the mouse, selection and marks."""
        pair = (prerequisite, dependant)
        edge = self.edge_items.get(pair)
        if edge is None:
            edge = EdgeItem(self.nodes[prerequisite], self.nodes[dependant])
            self.scene().addItem(edge)
            self.edge_items[pair] = edge
        return edge

    def _arrows_near(self, position: QPointF) -> None:
        """Make the items of the arrows that may run under a viewport position, before the
        scene looks for what is there (a press, a hover text, a context menu)."""
        point = self.mapToScene(position.toPoint())
        x, y = point.x(), point.y()
        for left, top, right, bottom, pair in self._reach:
            if left <= x <= right and top <= y <= bottom and pair not in self.edge_items:
                self.arrow(*pair)

    def _frame(self) -> None:
        """The scene just holds the boxes; all of it in view until the user zooms."""
        scene = self.scene()
        bounds = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scene.setSceneRect(bounds)
        if self._fitted:
            self._fit()

    def _show_legend(self, project: Project) -> None:
        self.legend.setText(legend_text(project))

    # selection and highlights

    def select(self, key: str | None) -> None:
        """Select ``key``'s box: only it, the box selected before and their arrows change."""
        touched = {k for k in (self._selected, key) if k is not None}
        self._selected = key
        self._apply_states(touched)

    def ring(self, keys: Collection[str]) -> None:
        """Draw a ring around a set of capabilities (the smallest viable scope)."""
        ringed = frozenset(keys)
        if ringed != self._ringed:  # after most edits the audit finds the same scope
            self._ringed = ringed
            self._apply_states()

    def show_slice(
        self, picked: Collection[str], pulled_in: Collection[str], critical_path: Collection[str]
    ) -> None:
        """Mark a slice: picked boxes bold, pulled-in ones dashed, the rest faded;
        the arrows of its critical path thick."""
        self._overlay = (frozenset(picked), frozenset(pulled_in), tuple(critical_path))
        self._apply_states()

    def clear_slice(self) -> None:
        self._overlay = None
        self._apply_states()

    def _apply_states(self, only: Collection[str] | None = None) -> None:
        """Selection, ring and slice shown on every box and arrow, or ``only`` these boxes'."""
        picked, pulled, path = self._overlay or (frozenset(), frozenset(), ())
        critical = set(pairwise(path))
        selected = self._selected
        marked = [p for p in self.edges if p in critical or selected in p]
        for pair in marked:
            self.arrow(*pair)  # a marked arrow paints itself, on top
        nodes = self.nodes.items()
        edges = self.edge_items.items()
        if only is not None:
            nodes = {k: self.nodes[k] for k in only if k in self.nodes}.items()
            edges = {p: e for p, e in edges if p[0] in only or p[1] in only}.items()
        for key, node in nodes:
            if self._overlay is None:
                overlay = ""
            else:
                overlay = "picked" if key in picked else "pulled" if key in pulled else "out"
            node.set_state(key == self._selected, key in self._ringed, overlay)
        for (prerequisite, dependant), edge in edges:
            edge.critical = (prerequisite, dependant) in critical
            edge.set_emphasised(selected in (prerequisite, dependant))
        self._describe_selected()

    def _describe_selected(self) -> None:
        """The selected box's figures as the view's accessible description (setting it
        tells screen readers of the change)."""
        project, key = self._project, self._selected
        if project is None or key is None or key not in self.nodes:
            text = NOTHING_SELECTED if self.nodes else "No capabilities yet"
        else:
            names = {c.key: c.name for c in project.capabilities}
            states = states_in_words(key, self._ringed, self._overlay)
            text = spoken_text(project, project.capability(key), names, states)
        self.setAccessibleDescription(text)

    def selected_key(self) -> str | None:
        """The selected box's capability, if it is drawn."""
        return self._selected if self._selected in self.nodes else None

    def move_selection(self, layers: int, rows: int) -> str | None:
        """Select the box ``rows`` above or below in its layer, or the nearest one ``layers``
        to the left or right (the first box when none is selected), bring it into view and
        say so as a press would (:attr:`node_clicked`). Its key; None when there is none."""
        if not self._layers:
            return None
        current = self.selected_key()
        if current is None:
            key = self._layers[0][0]
        else:
            layer = next(i for i, keys in enumerate(self._layers) if current in keys)
            target = min(max(layer + layers, 0), len(self._layers) - 1)
            if layers:
                y = self.nodes[current].pos().y()
                keys = self._layers[target]
                key = min(keys, key=lambda k: abs(self.nodes[k].pos().y() - y))
            else:
                keys = self._layers[layer]
                key = keys[min(max(keys.index(current) + rows, 0), len(keys) - 1)]
        self.select(key)
        self.ensureVisible(self.nodes[key], 24, 24)
        self.node_clicked.emit(key)
        return key

    def _on_selection_changed(self) -> None:
        """A selected arrow paints itself, on top; one no longer selected goes back."""
        selected = {item for item in self.scene().selectedItems() if isinstance(item, EdgeItem)}
        for edge in selected ^ self._selected_edges:
            edge.show_contents()
        self._selected_edges = selected

    def selected_edge(self) -> tuple[str, str] | None:
        """(prerequisite, dependant) of the selected arrow."""
        for item in self.scene().selectedItems():
            if isinstance(item, EdgeItem):
                return item.prerequisite, item.dependant
        return None

    # search

    def search(self, text: str) -> str | None:
        """The first capability whose name or key contains ``text`` (any case), centred."""
        needle = text.strip().casefold()
        self._matches = (
            [
                key
                for key, node in self.nodes.items()
                if needle in key.casefold() or needle in node.name.casefold()
            ]
            if needle
            else []
        )
        self._match = -1
        return self.next_match()

    def next_match(self) -> str | None:
        """The next match of the last search (wrapping), centred; None when nothing matched."""
        if not self._matches:
            return None
        self._match = (self._match + 1) % len(self._matches)
        key = self._matches[self._match]
        self.centre_on(key)
        return key

    def match_count(self) -> int:
        return len(self._matches)

    def centre_on(self, key: str) -> None:
        node = self.nodes.get(key)
        if node is None:
            return
        if self.scale_factor() < 0.6:  # too small to read: come close enough first
            self.set_zoom(0.9)
        self.centerOn(node.centre())

    # events

    def viewportEvent(self, event: Any) -> bool:
        """Before the scene looks under the mouse: the arrows' items there are made, and a
        box's hover text is written when it is about to be shown."""
        kind = event.type()
        if kind in POINTED_EVENTS:
            position = QPointF(event.pos()) if kind in POSITIONED_EVENTS else event.position()
            self._arrows_near(position)
            if kind == QEvent.Type.ToolTip and (node := self.node_at(position)) is not None:
                node.write_tooltip()
        return super().viewportEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        key = event.key()
        if key in (Qt.Key.Key_Plus, Qt.Key.Key_Equal):
            self.zoom_by(ZOOM_STEP)
        elif key in (Qt.Key.Key_Minus, Qt.Key.Key_Underscore):
            self.zoom_by(1 / ZOOM_STEP)
        elif key == Qt.Key.Key_0:
            self.reset_zoom()
        elif (
            key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.links_editable
            and self.selected_edge()
        ):
            self.remove_selected_edge()
        elif key == Qt.Key.Key_Escape and self._link_source is not None:
            self.cancel_link()
        elif key in ARROWS and self._layers and not event.modifiers() & MOVE_MODIFIERS:
            self.move_selection(*ARROWS[key])
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space) and (
            selected := self.selected_key()
        ):
            self.node_activated.emit(selected)
        else:
            super().keyPressEvent(event)
            return
        event.accept()

    def remove_selected_edge(self) -> None:
        edge = self.selected_edge()
        if edge is not None:
            prerequisite, dependant = edge
            self.dependency_remove_requested.emit(dependant, prerequisite)

    def node_at(self, position: QPointF) -> NodeItem | None:
        """The box under a viewport position."""
        for item in self.items(position.toPoint()):
            while item is not None and not isinstance(item, NodeItem):
                item = item.parentItem()
            if isinstance(item, NodeItem):
                return item
        return None

    def mousePressEvent(self, event: Any) -> None:
        node = self.node_at(event.position())
        linking = self.links_editable and (
            event.button() == Qt.MouseButton.RightButton
            or (
                event.button() == Qt.MouseButton.LeftButton
                and bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            )
        )
        if node is not None and linking:
            self.begin_link(node.key)
            event.accept()
            return
        self._pressed = None
        if node is not None and event.button() == Qt.MouseButton.LeftButton:
            self._pressed = (node.key, event.position())
            self.scene().clearSelection()
            self.node_clicked.emit(node.key)
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: Any) -> None:
        if self._link_source is not None:
            self.update_link(self.mapToScene(event.position().toPoint()))
            event.accept()
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: Any) -> None:
        if self._link_source is not None:
            target = self.node_at(event.position())
            self.finish_link(target.key if target is not None else None)
            event.accept()
            return
        pressed, self._pressed = self._pressed, None
        super().mouseReleaseEvent(event)
        if pressed is not None and event.button() == Qt.MouseButton.LeftButton:
            key, where = pressed
            moved = (event.position() - where).manhattanLength()
            target = self.node_at(event.position())
            if (
                target is not None
                and target.key == key
                and moved < QApplication.startDragDistance()
            ):
                self.node_activated.emit(key)

    def contextMenuEvent(self, event: Any) -> None:
        item = self.itemAt(event.pos())
        if isinstance(item, EdgeItem) and self.links_editable:
            self.scene().clearSelection()
            item.setSelected(True)
            menu = QMenu(self)
            remove = menu.addAction("Remove dependency")
            remove.triggered.connect(self.remove_selected_edge)
            menu.exec(event.globalPos())
            menu.deleteLater()
        event.accept()  # a right drag on a box draws a dependency: no menu there

    # drawing a dependency

    def begin_link(self, source: str) -> None:
        """Start a dependency from ``source``, the prerequisite."""
        self.cancel_link()
        node = self.nodes.get(source)
        if node is None:
            return
        self._link_source = node
        line = QGraphicsLineItem(QLineF(node.centre(), node.centre()))
        pen = QPen(theme.color(Role.SELECTION), 2.0, Qt.PenStyle.DashLine)
        pen.setCosmetic(True)
        line.setPen(pen)
        line.setZValue(5)
        line.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable, False)
        self.scene().addItem(line)
        self._link_line = line
        self.viewport().setCursor(Qt.CursorShape.CrossCursor)

    def update_link(self, scene_position: QPointF) -> None:
        if self._link_source is not None and self._link_line is not None:
            self._link_line.setLine(QLineF(self._link_source.centre(), scene_position))

    def finish_link(self, target: str | None) -> None:
        """End the drag on ``target``: 'target requires the source' is asked for."""
        source = self._link_source
        self.cancel_link()
        if source is not None and target is not None and target != source.key:
            self.dependency_drawn.emit(target, source.key)

    def cancel_link(self) -> None:
        if self._link_line is not None:
            self.scene().removeItem(self._link_line)
        self._link_line = None
        self._link_source = None
        self.viewport().unsetCursor()

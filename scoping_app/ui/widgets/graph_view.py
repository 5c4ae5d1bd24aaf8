"""The capability dependency graph, drawn in layers: prerequisites on the left.

Positions come from :func:`scoping_app.analysis.graph.layered_layout`, the same
layout the PDF uses; this view only turns (layer, row) into boxes and arrows.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import (
    QGraphicsPathItem,
    QGraphicsPolygonItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from scoping_app.analysis.graph import layered_layout
from scoping_app.domain.enums import Category
from scoping_app.domain.model import Project
from scoping_app.ui import format as fmt

NODE_WIDTH = 160.0
NODE_HEIGHT = 62.0
LAYER_GAP = 46.0
ROW_GAP = 12.0
MARGIN = 16.0
PADDING = 8.0

CATEGORY_COLOURS = {
    Category.DATA: "#e3effa",
    Category.MODEL: "#f3e5f5",
    Category.RETRIEVAL: "#ede7f6",
    Category.SERVING: "#e0f2f1",
    Category.EVALUATION: "#fff3e0",
    Category.MONITORING: "#fff8e1",
    Category.COMPLIANCE: "#fde7e9",
    Category.UX: "#e8f5e9",
    Category.INTEGRATION: "#e0f7fa",
    Category.OTHER: "#eeeeee",
}
BORDER = QColor("#7a8794")
SELECTED = QColor("#1565c0")
HIGHLIGHT = QColor("#2e7d32")
EDGE = QColor("#8a96a3")
TEXT = QColor("#1d232a")
MUTED = QColor("#56606b")


def wrap_lines(text: str, metrics: QFontMetricsF, width: float, most: int) -> list[str]:
    """``text`` broken at spaces into at most ``most`` lines of ``width``; the last one elided."""
    lines: list[str] = []
    words = text.split()
    while words and len(lines) < most:
        line = words.pop(0)
        while words and metrics.horizontalAdvance(f"{line} {words[0]}") <= width:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    if words:
        lines[-1] = f"{lines[-1]} {' '.join(words)}"
    return [metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) for line in lines]


class NodeItem(QGraphicsRectItem):
    """One capability: its name (elided to fit) and its expected effort."""

    def __init__(self, key: str, name: str, detail: str, fill: str, mandatory: bool) -> None:
        super().__init__(0, 0, NODE_WIDTH, NODE_HEIGHT)
        self.key = key
        self.setBrush(QBrush(QColor(fill)))
        self._mandatory = mandatory
        self.set_state(selected=False, in_scope=False)
        extra = "\nMandatory: every viable scope contains it" if mandatory else ""
        self.setToolTip(f"{name} ({key})\n{detail}{extra}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        title_font = QFont()
        title_font.setBold(True)
        metrics = QFontMetricsF(title_font)
        width = NODE_WIDTH - 2 * PADDING
        y = 6.0
        for line in wrap_lines(name, metrics, width, 2):
            title = QGraphicsSimpleTextItem(line, self)
            title.setFont(title_font)
            title.setBrush(TEXT)
            title.setPos(PADDING, y)
            y += metrics.height()
        detail_font = QFont()
        detail_metrics = QFontMetricsF(detail_font)
        detail_item = QGraphicsSimpleTextItem(
            detail_metrics.elidedText(detail, Qt.TextElideMode.ElideRight, width), self
        )
        detail_item.setFont(detail_font)
        detail_item.setBrush(MUTED)
        detail_item.setPos(PADDING, NODE_HEIGHT - 6 - detail_metrics.height())

    def set_state(self, selected: bool, in_scope: bool) -> None:
        if selected:
            pen = QPen(SELECTED, 2.6)
        elif in_scope:
            pen = QPen(HIGHLIGHT, 2.6)
        elif self._mandatory:
            pen = QPen(QColor("#39434d"), 1.8)
        else:
            pen = QPen(BORDER, 1.0)
        self.setPen(pen)

    def paint(self, painter: QPainter, option: Any, widget: QWidget | None = None) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(self.pen())
        painter.setBrush(self.brush())
        painter.drawRoundedRect(self.rect(), 6, 6)


class DependencyGraphView(QGraphicsView):
    """Boxes for capabilities, arrows from each prerequisite to what requires it."""

    node_clicked = Signal(str)  # capability key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setBackgroundBrush(QBrush(QColor("#fbfcfd")))
        self.setMinimumSize(240, 180)
        self.nodes: dict[str, NodeItem] = {}
        self.edges: list[tuple[str, str]] = []
        self._selected: str | None = None
        self._highlighted: frozenset[str] = frozenset()
        self._fitted = True  # fit the whole graph until the user zooms

    def show_project(self, project: Project) -> None:
        """Redraw the whole graph for ``project`` (cheap: tens of nodes)."""
        scene = self.scene()
        scene.clear()
        self.nodes.clear()
        self.edges.clear()
        if not project.capabilities:
            text = scene.addSimpleText("No capabilities yet.")
            text.setBrush(MUTED)
            self._fit()
            return
        layout = layered_layout(project)
        by_key = project.capabilities_by_key()
        tallest = max(len(layer) for layer in layout.layers)
        for layer_index, layer in enumerate(layout.layers):
            offset = (tallest - len(layer)) * (NODE_HEIGHT + ROW_GAP) / 2
            for row, key in enumerate(layer):
                capability = by_key[key]
                detail = (
                    f"{fmt.effort_days(capability.effort.expected)} · "
                    f"{fmt.category(capability.category)}"
                )
                node = NodeItem(
                    key,
                    capability.name,
                    detail,
                    CATEGORY_COLOURS.get(capability.category, "#eeeeee"),
                    capability.mandatory,
                )
                node.setPos(
                    layer_index * (NODE_WIDTH + LAYER_GAP),
                    offset + row * (NODE_HEIGHT + ROW_GAP),
                )
                node.setZValue(1)
                scene.addItem(node)
                self.nodes[key] = node
        for capability in project.capabilities:
            for prerequisite in capability.requires:
                if prerequisite in self.nodes and capability.key in self.nodes:
                    self._add_edge(self.nodes[prerequisite], self.nodes[capability.key])
                    self.edges.append((prerequisite, capability.key))
        bounds = scene.itemsBoundingRect().adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN)
        scene.setSceneRect(bounds)
        self._apply_states()
        if self._fitted:
            self._fit()

    def _add_edge(self, source: NodeItem, target: NodeItem) -> None:
        start = source.pos() + QPointF(NODE_WIDTH, NODE_HEIGHT / 2)
        end = target.pos() + QPointF(0, NODE_HEIGHT / 2)
        path = QPainterPath(start)
        bend = max((end.x() - start.x()) / 2, 24.0)
        path.cubicTo(start + QPointF(bend, 0), end - QPointF(bend, 0), end)
        line = QGraphicsPathItem(path)
        line.setPen(QPen(EDGE, 1.3))
        line.setZValue(0)
        self.scene().addItem(line)
        head = QPolygonF([end, end + QPointF(-8, -4.5), end + QPointF(-8, 4.5)])
        arrow = QGraphicsPolygonItem(head)
        arrow.setBrush(QBrush(EDGE))
        arrow.setPen(QPen(EDGE, 1))
        arrow.setZValue(0.5)
        self.scene().addItem(arrow)

    def select(self, key: str | None) -> None:
        self._selected = key
        self._apply_states()

    def highlight(self, keys: Collection[str]) -> None:
        """Outline a set of capabilities (a slice's closure) in green."""
        self._highlighted = frozenset(keys)
        self._apply_states()

    def _apply_states(self) -> None:
        for key, node in self.nodes.items():
            node.set_state(key == self._selected, key in self._highlighted)

    def fit(self) -> None:
        self._fitted = True
        self._fit()

    def _fit(self) -> None:
        rect: QRectF = self.scene().sceneRect()
        if rect.isEmpty():
            return
        self.resetTransform()
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() > 1.0:  # never blow a small graph up past its natural size
            self.resetTransform()

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self._fitted:
            self._fit()

    def showEvent(self, event: Any) -> None:
        super().showEvent(event)
        if self._fitted:
            self._fit()

    def wheelEvent(self, event: Any) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            factor = 1.15 if event.angleDelta().y() > 0 else 1 / 1.15
            self._fitted = False
            self.scale(factor, factor)
            event.accept()
            return
        super().wheelEvent(event)

    def mousePressEvent(self, event: Any) -> None:
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        if isinstance(item, NodeItem):
            self.node_clicked.emit(item.key)
        super().mousePressEvent(event)

    def scale_factor(self) -> float:
        return self.transform().m11()

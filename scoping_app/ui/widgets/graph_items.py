"""The items of the dependency graph: capability boxes and dependency arrows.

Boxes paint their own text (no child items) so 400 of them build and draw quickly, and
skip the text when zoomed far out, where it could not be read anyway.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QGraphicsItem, QGraphicsPathItem, QStyleOptionGraphicsItem, QWidget

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Category
from scoping_app.domain.model import Capability, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role

NODE_WIDTH = 160.0
NODE_HEIGHT = 62.0
PADDING = 8.0
STRIPE = 5.0
# below this zoom the words are a few pixels high: draw only the boxes
TEXT_MIN_DETAIL = 0.32


LAYER_GAP = 44.0
ROW_GAP = 12.0
RING_GAP = 4.0  # the ring around a box of the smallest viable scope (Role.SCOPE_RING)
FAINT_ALPHA = 80  # the arrows of a large graph, drawn faint under the selected box's


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


def tooltip_text(
    project: Project,
    capability: Capability,
    names: Mapping[str, str] | None = None,
    metrics: Mapping[str, str] | None = None,
) -> str:
    """Every figure of a capability, as the hover text of its box.

    ``names`` and ``metrics`` (key to name) may be given, built once for many boxes.
    """
    if names is None:
        names = {c.key: c.name for c in project.capabilities}
    if metrics is None:
        metrics = {m.key: m.name for m in project.metrics}
    effort = capability.effort
    requires = ", ".join(names.get(k, k) for k in capability.requires) or "nothing"
    delivers = ", ".join(metrics.get(k, k) for k in capability.delivers) or "nothing"
    lines = [
        capability.name,
        f"Category: {fmt.category(capability.category)}",
        f"Effort: {fmt.days(effort.optimistic)} / {fmt.days(effort.likely)} / "
        f"{fmt.days(effort.pessimistic)} d (optimistic / likely / pessimistic), "
        f"expected {fmt.effort_days(effort.expected)}",
        f"Value: {fmt.points(capability.value)}",
        f"Latency: {fmt.milliseconds(capability.latency_ms)}",
        f"Monthly cost: {fmt.money(capability.monthly_cost, project.info.currency)}",
        f"Mandatory: {fmt.yes_no(capability.mandatory)}",
        f"Requires: {requires}",
        f"Delivers: {delivers}",
    ]
    return "\n".join(lines)


def spoken_text(
    project: Project, capability: Capability, names: Mapping[str, str], states: Sequence[str] = ()
) -> str:
    """A capability's figures in one sentence, for a screen reader: "Answer model: Model,
    8.2 person-days expected (5.0 to 12.0), value 5, requires Retrieval; in the smallest
    viable scope". ``states`` say how the graph shows it (ringed, in the slice shown)."""
    effort = capability.effort
    requires = ", ".join(names.get(k, k) for k in capability.requires)
    parts = [
        fmt.category(capability.category),
        f"{fmt.days(effort.expected)} person-days expected "
        f"({fmt.days(effort.optimistic)} to {fmt.days(effort.pessimistic)})",
        f"value {fmt.points(capability.value)}",
        f"requires {requires}" if requires else "requires nothing",
    ]
    if capability.mandatory:
        parts.append("mandatory")
    text = f"{capability.name}: {', '.join(parts)}"
    return "; ".join([text, *states])


def box_positions(layers: list[list[str]]) -> Iterator[tuple[str, QPointF]]:
    """Where each box goes: layers left to right, each centred on the same middle line (so a
    layer that grows or shrinks moves only its own boxes)."""
    step = NODE_HEIGHT + ROW_GAP
    for index, layer in enumerate(layers):
        top = -len(layer) * step / 2
        for row, key in enumerate(layer):
            yield key, QPointF(index * (NODE_WIDTH + LAYER_GAP), top + row * step)


Ends = tuple[float, float, float, float]  # an arrow's start x, y and end x, y


def arrow_ends(source: QPointF, target: QPointF) -> Ends:
    """Where the arrow between boxes at ``source`` and ``target`` (their top left corners)
    starts (the prerequisite's right side) and ends (the dependant's left side)."""
    middle = NODE_HEIGHT / 2
    return source.x() + NODE_WIDTH, source.y() + middle, target.x() - 1, target.y() + middle


def _bend(ends: Ends) -> float:
    return max((ends[2] - ends[0]) / 2, 24.0)


def arrow_reach(ends: Ends) -> tuple[float, float, float, float]:
    """The area an arrow may cover, with room for its head and the mouse: left, top, right,
    bottom."""
    x0, y0, x1, y1 = ends
    bend = _bend(ends)
    return (
        min(x0, x1 - bend) - 9,
        min(y0, y1) - 9,
        max(x1, x0 + bend) + 9,
        max(y0, y1) + 9,
    )


def add_arrow(curves: QPainterPath, ends: Ends) -> QPolygonF:
    """Add the curve of an arrow to ``curves``; its head."""
    x0, y0, x1, y1 = ends
    bend = _bend(ends)
    curves.moveTo(x0, y0)
    curves.cubicTo(x0 + bend, y0, x1 - bend, y1, x1, y1)
    return QPolygonF([QPointF(x1, y1), QPointF(x1 - 9, y1 - 4.5), QPointF(x1 - 9, y1 + 4.5)])


def legend_text(project: Project) -> str:
    """The categories present, each in its accent colour: the legend under the graph."""
    present = {c.category for c in project.capabilities}
    parts = []
    for category in Category:
        if category in present:
            accent = theme.hex(theme.category_accent(category))
            parts.append(
                f"<b style='color:{accent}'>&#9632;&nbsp;{fmt.category_tag(category)}</b>"
                f"&nbsp;{fmt.category(category)}"
            )
    return " &nbsp; ".join(parts)


Overlay = tuple[frozenset[str], frozenset[str], tuple[str, ...]]  # picked, pulled in, path


def states_in_words(key: str, ringed: Collection[str], overlay: Overlay | None) -> list[str]:
    """How the graph shows the box ``key``, in words: ringed, in or out of the slice."""
    states = ["in the smallest viable scope"] if key in ringed else []
    if overlay is not None:
        picked, pulled, _path = overlay
        if key in picked:
            states.append("picked in the slice shown")
        elif key in pulled:
            states.append("in the slice shown as a prerequisite")
        else:
            states.append("outside the slice shown")
    return states


def node_contents(capability: Capability) -> tuple[str, str, Category, bool]:
    """What a capability's box shows: name, expected effort, category, mandatory."""
    effort = fmt.effort_days(capability.effort.expected)
    return capability.name, effort, capability.category, capability.mandatory


class NodeItem(QGraphicsItem):
    """One capability: a box with its name, expected effort and a category stripe and tag."""

    def __init__(self, key: str, name: str, effort: str, category: Category, mandatory: bool):
        super().__init__()
        self.key = key
        self._border = (Role.NODE_BORDER, 1.0)
        self.overlay = ""  # "picked", "pulled" or "out" when a slice is shown
        self.ringed = False  # in the smallest viable scope, when that is shown
        self._tooltip_of: tuple[object, ...] = ()  # what the hover text was written from
        # what it is to be written from, when the mouse rests on the box
        self._tooltip_from: (
            tuple[Project, Capability, Mapping[str, str], Mapping[str, str]] | None
        ) = None
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        self.show_contents(name, effort, category, mandatory)
        self.set_state(selected=False, ringed=False)

    def contents(self) -> tuple[str, str, Category, bool]:
        """What the box shows: name, expected effort, category, whether mandatory."""
        return self.name, self._effort, self.category, self._mandatory

    def show_tooltip(
        self,
        project: Project,
        capability: Capability,
        names: Mapping[str, str],
        metrics: Mapping[str, str],
    ) -> None:
        """Take ``capability``'s figures for the hover text; it is written when the mouse
        rests on the box (:meth:`write_tooltip`), not for each of hundreds of boxes after
        every edit."""
        self._tooltip_from = (project, capability, names, metrics)

    def write_tooltip(self) -> None:
        """Write the hover text from the figures last taken, when one of them, or a name it
        mentions, changed since it was last written."""
        if self._tooltip_from is None:
            return
        project, capability, names, metrics = self._tooltip_from
        self._tooltip_from = None
        effort = capability.effort
        facts = (  # plain values: comparing models field by field costs several times more
            capability.name,
            capability.category,
            effort.optimistic,
            effort.likely,
            effort.pessimistic,
            capability.value,
            capability.latency_ms,
            capability.monthly_cost,
            capability.mandatory,
            [names.get(k, k) for k in capability.requires],
            [metrics.get(k, k) for k in capability.delivers],
            project.info.currency,
        )
        if facts != self._tooltip_of:
            self._tooltip_of = facts
            self.setToolTip(tooltip_text(project, capability, names, metrics))

    def show_contents(self, name: str, effort: str, category: Category, mandatory: bool) -> None:
        """Show another name, effort, category or mandatory mark in the same place."""
        self.name = name
        self.category = category
        self._tag = fmt.category_tag(category)
        self._mandatory = mandatory
        title_metrics, small_metrics = _metrics()
        width = NODE_WIDTH - 2 * PADDING - STRIPE
        self._title = wrap_lines(name, title_metrics, width, 2)
        self._title_height = title_metrics.height()
        self._title_ascent = title_metrics.ascent()
        self._effort = effort
        self._effort_width = small_metrics.horizontalAdvance(effort)
        self._mandatory_width = _tag_width("mandatory") - 8
        self._small_ascent = small_metrics.ascent()
        self._tag_width = _tag_width(self._tag)
        self._small_height = small_metrics.height()
        self.update()

    def boundingRect(self) -> QRectF:
        margin = RING_GAP + 2
        return QRectF(-margin, -margin, NODE_WIDTH + 2 * margin, NODE_HEIGHT + 2 * margin)

    def shape(self) -> QPainterPath:
        path = QPainterPath()
        path.addRect(QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT))
        return path

    def centre(self) -> QPointF:
        return self.pos() + QPointF(NODE_WIDTH / 2, NODE_HEIGHT / 2)

    def set_state(self, selected: bool, ringed: bool, overlay: str = "") -> None:
        """``selected``: a blue border; ``ringed``: a ring around the box (smallest scope);
        ``overlay``: how a slice shown marks it. The box repaints only when one changed."""
        if selected:
            border = (Role.SELECTION, 3.0)
        elif self._mandatory:
            border = (Role.MANDATORY, 1.8)
        else:
            border = (Role.NODE_BORDER, 1.0)
        if (border, ringed, overlay) != (self._border, self.ringed, self.overlay):
            self._border, self.ringed, self.overlay = border, ringed, overlay
            self.update()

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        rect = QRectF(0, 0, NODE_WIDTH, NODE_HEIGHT)
        if self.ringed:
            ring = QPen(theme.color(Role.SCOPE_RING), 2.0, Qt.PenStyle.DotLine)
            painter.setPen(ring)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect.adjusted(-RING_GAP, -RING_GAP, RING_GAP, RING_GAP), 9, 9)
        border, width = self._border
        accent = theme.color(theme.category_accent(self.category))
        if self.overlay == "picked" and border is Role.NODE_BORDER:
            border = Role.OK
        pen = QPen(theme.color(border), width)
        if self.overlay == "out":
            painter.setOpacity(0.35)  # outside the slice: faded
        elif self.overlay == "pulled":
            pen.setStyle(Qt.PenStyle.DashLine)  # in only as a prerequisite: dashed border
            pen.setWidthF(max(pen.widthF(), 2.0))
        elif self.overlay == "picked":
            pen.setWidthF(max(pen.widthF(), 3.0))
        painter.setPen(pen)
        fill = Role.SURFACE if self.overlay == "pulled" else theme.category_fill(self.category)
        painter.setBrush(theme.color(fill))
        painter.drawRoundedRect(rect, 6, 6)
        if self.overlay == "out" and border is Role.SELECTION:
            painter.setOpacity(1.0)  # the selected box stands out even when faded
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(rect, 6, 6)
            painter.setOpacity(0.35)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRect(QRectF(1, 4, STRIPE, NODE_HEIGHT - 8))
        detail = option.levelOfDetailFromTransform(painter.worldTransform())
        if detail < TEXT_MIN_DETAIL:
            return
        left = PADDING + STRIPE
        painter.setPen(theme.color(Role.TEXT))
        painter.setFont(_title_font())
        y = 5.0 + self._title_ascent
        for line in self._title:
            painter.drawText(QPointF(left, y), line)
            y += self._title_height
        painter.setFont(_small_font())
        baseline = NODE_HEIGHT - 6 - self._small_height + self._small_ascent
        painter.setPen(theme.color(Role.MUTED))
        painter.drawText(QPointF(left, baseline), self._effort)
        # the category tag: a pill in the accent colour, bottom right
        tag = QRectF(
            NODE_WIDTH - PADDING - self._tag_width,
            NODE_HEIGHT - 7 - self._small_height,
            self._tag_width,
            self._small_height + 2,
        )
        painter.setPen(QPen(accent, 1.0))
        painter.setBrush(theme.color(Role.SURFACE))
        painter.drawRoundedRect(tag, 4, 4)
        painter.setPen(accent)
        painter.drawText(tag, Qt.AlignmentFlag.AlignCenter, self._tag)
        after_effort = left + self._effort_width + 6
        if self._mandatory and after_effort + self._mandatory_width <= tag.left() - 4:
            painter.setPen(theme.color(Role.TEXT))
            painter.drawText(QPointF(after_effort, baseline), "mandatory")


class EdgeItem(QGraphicsPathItem):
    """An arrow from a prerequisite to the capability that requires it; selectable.

    A plain arrow paints nothing itself (the :class:`EdgeLayer` draws every arrow at once,
    far faster than a thousand items one by one); it is there for its shape, for the mouse,
    the tooltip and selection, and is made only when the mouse comes to it or it is marked.
    Only a selected, emphasised or critical arrow paints, on top.
    """

    def __init__(self, source: NodeItem, target: NodeItem) -> None:
        super().__init__()
        self.prerequisite = source.key
        self.dependant = target.key
        self._critical = False
        self.emphasised = False  # touches the selected capability
        self.head = QPolygonF()
        self._bounds = QRectF()
        self._shape: QPainterPath | None = None  # built when first hit-tested: saves time
        self.join(source, target)
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemHasNoContents
        )
        self.setToolTip(f"{target.name} requires {source.name}\nSelect and press Del to remove")
        self.setZValue(0)

    def join(self, source: NodeItem, target: NodeItem) -> None:
        """Run from ``source``'s right side to ``target``'s left side, where they are now."""
        path = QPainterPath()
        self.head = add_arrow(path, arrow_ends(source.pos(), target.pos()))
        self.prepareGeometryChange()
        self.setPath(path)
        self._bounds = path.controlPointRect().adjusted(-9, -9, 9, 9)
        self._shape = None

    def shape(self) -> QPainterPath:
        if self._shape is None:
            stroker = QPainterPathStroker()
            stroker.setWidth(9)  # easy to hit with the mouse
            self._shape = stroker.createStroke(self.path())
            self._shape.addPolygon(self.head)
        return self._shape

    @property
    def critical(self) -> bool:
        return self._critical

    @critical.setter
    def critical(self, on: bool) -> None:
        if on != self._critical:
            self._critical = on
            self.show_contents()

    def set_emphasised(self, on: bool) -> None:
        if on != self.emphasised:
            self.emphasised = on
            self.setZValue(0.8 if on else 0)
            self.show_contents()

    def show_contents(self) -> None:
        """Paint itself when selected, emphasised or critical; else leave it to the layer.
        (The view calls this when the selection changes: an itemChange override would be
        called for every change of every arrow, and slow down building a large graph.)"""
        plain = not (self._critical or self.emphasised or self.isSelected())
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemHasNoContents, plain)
        self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if self.isSelected():
            role, width = Role.SELECTION, 3.0
        elif self.emphasised:
            role, width = Role.EDGE_EMPHASIS, 2.0
        else:
            role, width = Role.CRITICAL_PATH, 3.2  # on the critical path
        colour = theme.color(role)
        painter.setPen(QPen(colour, width))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path())
        painter.setPen(QPen(colour, 1))
        painter.setBrush(colour)
        painter.drawPolygon(self.head)


class EdgeLayer(QGraphicsItem):
    """Every arrow as two paths, curves and heads, drawn in two calls under the boxes.

    It is drawn from the arrows' ends alone: an arrow's own :class:`EdgeItem`, for the
    mouse and the marks, is made only when needed (see the view's ``arrow``).
    """

    def __init__(self, arrows: Iterable[Ends], faint: bool) -> None:
        super().__init__()
        self._curves = QPainterPath()
        self._heads = QPainterPath()
        for ends in arrows:
            self._heads.addPolygon(add_arrow(self._curves, ends))
        self._alpha = FAINT_ALPHA if faint else 255
        self._bounds = self._curves.controlPointRect().united(self._heads.boundingRect())
        self._bounds.adjust(-2, -2, 2, 2)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setAcceptHoverEvents(False)
        self.setZValue(-1)

    def boundingRect(self) -> QRectF:
        return self._bounds

    def shape(self) -> QPainterPath:
        return QPainterPath()  # never under the mouse: the arrows' own items are

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        if option.levelOfDetailFromTransform(painter.worldTransform()) < TEXT_MIN_DETAIL:
            # far out, hundreds of arrows: plain lines draw several times faster
            painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        colour = theme.color(Role.LINE, alpha=self._alpha)
        # width 0: a one-pixel hairline, which Qt draws far faster than a stroked curve
        painter.setPen(QPen(colour, 0.0))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._curves)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(colour)
        painter.drawPath(self._heads)


_FONTS: dict[str, QFont] = {}


def _title_font() -> QFont:
    if "title" not in _FONTS:
        font = QFont()
        font.setBold(True)
        _FONTS["title"] = font
    return _FONTS["title"]


def _small_font() -> QFont:
    if "small" not in _FONTS:
        font = QFont()
        font.setPointSizeF(max(font.pointSizeF() - 1, 7))
        _FONTS["small"] = font
    return _FONTS["small"]


_METRICS: list[QFontMetricsF] = []
_TAG_WIDTHS: dict[str, float] = {}


def _metrics() -> tuple[QFontMetricsF, QFontMetricsF]:
    """Metrics of the title and the small font, made once (hundreds of boxes ask)."""
    if not _METRICS:
        _METRICS.extend([QFontMetricsF(_title_font()), QFontMetricsF(_small_font())])
    return _METRICS[0], _METRICS[1]


def _tag_width(text: str) -> float:
    if text not in _TAG_WIDTHS:
        _TAG_WIDTHS[text] = _metrics()[1].horizontalAdvance(text) + 8
    return _TAG_WIDTHS[text]

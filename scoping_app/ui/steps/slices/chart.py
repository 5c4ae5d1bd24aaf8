"""Value against effort: every slice as a labelled point, and the efficient frontier as steps.

A viable slice is a filled circle, a slice that is not viable a hollow diamond, and the
smallest viable scope a square; the value target, when the project sets one, is a dashed
level line, so the frontier points below it (they meet every other condition) read as such.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QLineF, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QFontMetricsF,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QPolygonF,
)
from PySide6.QtWidgets import QToolTip, QWidget

from scoping_app.analysis.frontier import FrontierPoint
from scoping_app.domain import words as fmt
from scoping_app.ui import theme
from scoping_app.ui.theme import Role

HIT = 9.0  # pixels: how near a click must be to a frontier point
MARKER = 7.0  # pixels: half the size of a slice's marker
LEFT, RIGHT, TOP, BOTTOM = 64, 28, 14, 52  # TOP: below the legend and the status line
LEGEND_TOP = 8.0
SWATCH = 28.0  # the width of a legend item's symbol, with its gap

FRONTIER_LEGEND = "Efficient frontier: most value for the effort within every budget and condition"
FRONTIER_HINT = "(click a point to make it a slice)"
# the frontier's legend, shorter and shorter for narrower charts
FRONTIER_TEXTS = (f"{FRONTIER_LEGEND} {FRONTIER_HINT}", FRONTIER_LEGEND, "Efficient frontier")
LEGEND_TEXTS = {
    "frontier": FRONTIER_TEXTS[0],
    "circle": "Viable slice",
    "diamond": "Slice not viable",
    "square": "Smallest viable scope",
    "target": "Value target",
}


@dataclass(frozen=True)
class ChartPoint:
    """A named scope on the chart (a slice, or the smallest viable scope)."""

    name: str
    effort: float
    value: float
    smallest: bool = False
    viable: bool = True


def nice_ticks(low: float, high: float, count: int = 6) -> list[float]:
    """Round tick values covering [low, high], about ``count`` of them."""
    if high <= low:
        high = low + 1.0
    raw = (high - low) / max(1, count)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    first = math.floor(low / step) * step
    ticks = [round(first, 10)]
    while ticks[-1] < high - 1e-9:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


class ValueEffortChart(QWidget):
    """Painted with QPainter; emits ``frontier_clicked`` when a frontier point is clicked."""

    frontier_clicked = Signal(object)  # FrontierPoint

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.points: list[ChartPoint] = []
        self.frontier: list[FrontierPoint] = []
        self.value_target: float | None = None
        self.status = "Computing the efficient frontier…"
        self._x: list[float] = [0.0, 1.0]
        self._y: list[float] = [0.0, 1.0]
        self.setMouseTracking(True)
        self.setMinimumSize(480, 320)
        self.setAccessibleName("Value against effort chart")
        self.setToolTip("")

    def sizeHint(self) -> QSize:
        return QSize(900, 560)

    def show_points(self, points: list[ChartPoint], value_target: float | None = None) -> None:
        """The slices (and the smallest viable scope), and the project's value target."""
        self.points = list(points)
        self.value_target = value_target
        self._rescale()
        self.update()

    def show_frontier(self, frontier: list[FrontierPoint], status: str = "") -> None:
        self.frontier = list(frontier)
        self.status = status
        self._rescale()
        self.update()

    # geometry

    def _rescale(self) -> None:
        efforts = [p.effort for p in self.points] + [p.effort for p in self.frontier]
        values = [p.value for p in self.points] + [p.value for p in self.frontier]
        if self.value_target is not None:
            values.append(self.value_target)
        self._x = nice_ticks(0.0, max(efforts, default=1.0) * 1.04)
        self._y = nice_ticks(0.0, max(values, default=1.0) * 1.06)

    def _plot(self) -> QRectF:
        metrics = QFontMetricsF(self.font())
        legend = self.legend_items(metrics)
        top = max(box.bottom() for _kind, box in legend) + metrics.height() + TOP
        return QRectF(LEFT, top, self.width() - LEFT - RIGHT, self.height() - top - BOTTOM)

    def legend_items(self, metrics: QFontMetricsF) -> list[tuple[str, QRectF]]:
        """Each legend entry (a key of :data:`LEGEND_TEXTS`) and where it goes: left to right,
        on as many lines as the width needs."""
        kinds = ["frontier", "circle", "diamond", "square"]
        if self.value_target is not None:
            kinds.append("target")
        right = self.width() - RIGHT
        x, y = float(LEFT), LEGEND_TOP
        height = metrics.height() + 4
        out: list[tuple[str, QRectF]] = []
        for kind in kinds:
            width = SWATCH + metrics.horizontalAdvance(self.legend_text(kind, metrics))
            if x > LEFT and x + width > right:
                x, y = float(LEFT), y + height
            out.append((kind, QRectF(x, y, width, height)))
            x += width + 20
        return out

    def legend_text(self, kind: str, metrics: QFontMetricsF) -> str:
        """A legend entry's words; the frontier's, as long as fits on one line."""
        if kind != "frontier":
            return LEGEND_TEXTS[kind]
        room = self.width() - RIGHT - LEFT - SWATCH
        fitting = (t for t in FRONTIER_TEXTS if metrics.horizontalAdvance(t) <= room)
        return next(fitting, FRONTIER_TEXTS[-1])

    @staticmethod
    def marker_shape(point: ChartPoint) -> str:
        """ "square" (the smallest viable scope), "circle" (viable) or "diamond" (not viable)."""
        if point.smallest:
            return "square"
        return "circle" if point.viable else "diamond"

    def value_target_line(self) -> QLineF | None:
        """Where the value target is drawn: across the plot; None when there is none."""
        if self.value_target is None:
            return None
        plot = self._plot()
        y = self.position(self._x[0], self.value_target).y()
        return QLineF(plot.left(), y, plot.right(), y)

    def value_target_label(self, metrics: QFontMetricsF) -> tuple[QRectF, str] | None:
        """The value target's label, at the right end of its line, above it."""
        line = self.value_target_line()
        if line is None or self.value_target is None:
            return None
        text = f"Value target: {fmt.points(self.value_target)}"
        width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
        return QRectF(line.x2() - width, line.y1() - height - 1, width, height), text

    def position(self, effort: float, value: float) -> QPointF:
        """Where (effort, value) is drawn, in widget coordinates."""
        plot = self._plot()
        x0, x1 = self._x[0], self._x[-1]
        y0, y1 = self._y[0], self._y[-1]
        x = plot.left() + (effort - x0) / (x1 - x0) * plot.width()
        y = plot.bottom() - (value - y0) / (y1 - y0) * plot.height()
        return QPointF(x, y)

    def frontier_at(self, pos: QPointF) -> FrontierPoint | None:
        """The frontier point nearest ``pos`` within a few pixels, if any."""
        best: tuple[float, FrontierPoint] | None = None
        for point in self.frontier:
            at = self.position(point.effort, point.value)
            distance = math.hypot(at.x() - pos.x(), at.y() - pos.y())
            if distance <= HIT and (best is None or distance < best[0]):
                best = (distance, point)
        return best[1] if best else None

    # events

    def click_at(self, pos: QPointF) -> None:
        point = self.frontier_at(pos)
        if point is not None:
            self.frontier_clicked.emit(point)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.click_at(event.position())
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        point = self.frontier_at(event.position())
        if point is None:
            self.unsetCursor()
            QToolTip.hideText()
        else:
            self.setCursor(Qt.CursorShape.PointingHandCursor)
            QToolTip.showText(
                event.globalPosition().toPoint(),
                self.frontier_tip(point),
                self,
            )
        super().mouseMoveEvent(event)

    def frontier_tip(self, point: FrontierPoint) -> str:
        """What a frontier point is, in words: its figures, and whether it reaches the target."""
        target = self.value_target
        short = not fmt.within(point.value, target, at_most=False) and target is not None
        reach = (
            f"Within every budget and condition, below the value target of {fmt.points(target)}."
            if short and target is not None
            else "Within every budget and condition."
        )
        return (
            f"Frontier: {fmt.days(point.effort)} person-days, value {fmt.points(point.value)}, "
            f"{len(point.capabilities)} capabilities.\n{reach}\nClick to make it a slice."
        )

    # painting

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), theme.color(Role.SURFACE))
        plot = self._plot()
        self._paint_axes(painter, plot)
        self._paint_value_target(painter)
        self._paint_frontier(painter)
        self._paint_points(painter, plot)
        self._paint_legend(painter)
        painter.end()

    def _paint_axes(self, painter: QPainter, plot: QRectF) -> None:
        metrics = painter.fontMetrics()
        for tick in self._x:
            x = self.position(tick, self._y[0]).x()
            painter.setPen(QPen(theme.color(Role.CHART_GRID), 1))
            painter.drawLine(QPointF(x, plot.top()), QPointF(x, plot.bottom()))
            painter.setPen(theme.color(Role.MUTED))
            painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4))
            label = fmt.points(tick)
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(x - width / 2, plot.bottom() + 6 + metrics.ascent()), label)
        for tick in self._y:
            y = self.position(self._x[0], tick).y()
            painter.setPen(QPen(theme.color(Role.CHART_GRID), 1))
            painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
            painter.setPen(theme.color(Role.MUTED))
            painter.drawLine(QPointF(plot.left() - 4, y), QPointF(plot.left(), y))
            label = fmt.points(tick)
            width = metrics.horizontalAdvance(label)
            painter.drawText(QPointF(plot.left() - 8 - width, y + metrics.ascent() / 2 - 1), label)
        painter.setPen(QPen(theme.color(Role.MUTED), 1.2))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.drawLine(plot.bottomLeft(), plot.topLeft())
        title = QFont(painter.font())
        title.setBold(True)
        painter.save()
        painter.setFont(title)
        x_title = "Effort (person-days)"
        width = painter.fontMetrics().horizontalAdvance(x_title)
        painter.drawText(QPointF(plot.center().x() - width / 2, self.height() - 10), x_title)
        y_title = "Value (points)"
        width = painter.fontMetrics().horizontalAdvance(y_title)
        painter.translate(16, plot.center().y() + width / 2)
        painter.rotate(-90)
        painter.drawText(QPointF(0, 0), y_title)
        painter.restore()

    def _paint_value_target(self, painter: QPainter) -> None:
        line = self.value_target_line()
        label = self.value_target_label(QFontMetricsF(painter.font()))
        if line is None or label is None:
            return
        painter.setPen(_target_pen())
        painter.drawLine(line)
        box, text = label
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(theme.color(Role.SURFACE, alpha=225))
        painter.drawRect(box)
        painter.setPen(theme.color(Role.MUTED))
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_frontier(self, painter: QPainter) -> None:
        if not self.frontier:
            return
        path = QPainterPath()
        first = self.frontier[0]
        path.moveTo(self.position(first.effort, first.value))
        for before, point in zip(self.frontier, self.frontier[1:], strict=False):
            # the value stays where it was until the effort reaches the next point
            path.lineTo(self.position(point.effort, before.value))
            path.lineTo(self.position(point.effort, point.value))
        painter.setPen(QPen(theme.color(Role.FRONTIER), 1.6))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(path)
        painter.setPen(QPen(theme.color(Role.SURFACE), 1))
        painter.setBrush(theme.color(Role.FRONTIER))
        for point in self.frontier:
            at = self.position(point.effort, point.value)
            painter.drawEllipse(at, 4.5, 4.5)

    def _frontier_segments(self) -> list[QRectF]:
        """The frontier's steps as thin rectangles (they are all level or upright)."""
        segments: list[QRectF] = []
        for before, point in zip(self.frontier, self.frontier[1:], strict=False):
            corner = self.position(point.effort, before.value)
            for start, end in (
                (self.position(before.effort, before.value), corner),
                (corner, self.position(point.effort, point.value)),
            ):
                segments.append(QRectF(start, end).normalized().adjusted(-2, -2, 2, 2))
        segments.extend(
            QRectF(at.x() - 5, at.y() - 5, 10, 10)
            for at in (self.position(f.effort, f.value) for f in self.frontier)
        )
        return segments

    def label_boxes(self, metrics: QFontMetricsF, plot: QRectF) -> list[tuple[QRectF, str]]:
        """Each point's label (in :attr:`points` sorted by effort, then value) and where it
        goes: the nearest spot that covers no marker, frontier step or other label."""
        obstacles = [_marker(a) for a in self._anchors()] + self._frontier_segments()
        target = self.value_target_label(metrics)
        if target is not None:
            obstacles.append(target[0])
        labels: list[tuple[QRectF, str]] = []
        for point, at in zip(self._ordered(), self._anchors(), strict=True):
            text = f"{point.name} ({fmt.days(point.effort)} pd, {fmt.points(point.value)})"
            taken = [*obstacles, *(box for box, _text in labels)]
            width, height = metrics.horizontalAdvance(text) + 8, metrics.height() + 2
            labels.append((_label_spot(at, width, height, plot, taken), text))
        return labels

    def _ordered(self) -> list[ChartPoint]:
        return sorted(self.points, key=lambda p: (p.effort, p.value))

    def _anchors(self) -> list[QPointF]:
        return [self.position(p.effort, p.value) for p in self._ordered()]

    def _paint_points(self, painter: QPainter, plot: QRectF) -> None:
        """Each slice's label and a leader when it had to go further, then its marker on top."""
        ordered, anchors = self._ordered(), self._anchors()
        labels = self.label_boxes(QFontMetricsF(painter.font()), plot)
        for point, at, (box, _text) in zip(ordered, anchors, labels, strict=True):
            if not box.adjusted(-MARKER - 8, -MARKER - 8, MARKER + 8, MARKER + 8).contains(at):
                colour = theme.color(Role.OK if point.smallest else Role.SLICE)
                painter.setPen(QPen(colour.lighter(140), 1))
                painter.drawLine(at, _nearest_on(box, at))
        for point, (box, text) in zip(ordered, labels, strict=True):
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.color(Role.SURFACE, alpha=225))
            painter.drawRoundedRect(box, 3, 3)
            painter.setPen(theme.color(Role.OK if point.smallest else Role.SLICE).darker(130))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)
        for point, at in zip(ordered, anchors, strict=True):
            _draw_marker(painter, self.marker_shape(point), at, MARKER)

    def _paint_legend(self, painter: QPainter) -> None:
        metrics = QFontMetricsF(painter.font())
        items = self.legend_items(metrics)
        for kind, box in items:
            middle = QPointF(box.left() + 11, box.center().y())
            if kind == "frontier":
                painter.setPen(QPen(theme.color(Role.FRONTIER), 1.6))
                painter.drawLine(
                    QPointF(box.left(), middle.y()), QPointF(box.left() + 22, middle.y())
                )
                painter.setBrush(theme.color(Role.FRONTIER))
                painter.drawEllipse(middle, 4, 4)
            elif kind == "target":
                painter.setPen(_target_pen())
                painter.drawLine(
                    QPointF(box.left(), middle.y()), QPointF(box.left() + 22, middle.y())
                )
            else:
                _draw_marker(painter, kind, middle, 6)
            text = self.legend_text(kind, metrics)
            painter.setPen(theme.color(Role.MUTED))
            baseline = box.center().y() + metrics.ascent() / 2 - 1
            painter.drawText(QPointF(box.left() + SWATCH, baseline), text)
        if self.status:
            bottom = max(box.bottom() for _kind, box in items)
            painter.setPen(theme.color(Role.MUTED))
            room = self.width() - LEFT - RIGHT
            status = metrics.elidedText(self.status, Qt.TextElideMode.ElideRight, room)
            painter.drawText(QPointF(LEFT, bottom + metrics.ascent()), status)


def _target_pen() -> QPen:
    pen = QPen(theme.color(Role.MUTED), 1.4)
    pen.setStyle(Qt.PenStyle.DashLine)
    return pen


def _draw_marker(painter: QPainter, shape: str, at: QPointF, size: float) -> None:
    """A square (the smallest viable scope), a filled circle (a viable slice) or a hollow
    diamond (a slice that is not viable), ``size`` pixels from its centre to its side."""
    colour = theme.color(Role.OK if shape == "square" else Role.SLICE)
    painter.setPen(QPen(colour, 2))
    painter.setBrush(colour if shape == "circle" else theme.color(Role.SURFACE))
    if shape == "square":
        painter.drawRect(QRectF(at.x() - size, at.y() - size, 2 * size, 2 * size))
    elif shape == "circle":
        painter.drawEllipse(at, size, size)
    else:
        reach = size * 1.3
        painter.drawPolygon(
            QPolygonF(
                [
                    QPointF(at.x(), at.y() - reach),
                    QPointF(at.x() + reach, at.y()),
                    QPointF(at.x(), at.y() + reach),
                    QPointF(at.x() - reach, at.y()),
                ]
            )
        )


def _marker(at: QPointF) -> QRectF:
    return QRectF(at.x() - MARKER, at.y() - MARKER, 2 * MARKER, 2 * MARKER)


def _label_spot(
    at: QPointF, width: float, height: float, plot: QRectF, taken: list[QRectF]
) -> QRectF:
    """Where a label of ``width`` x ``height`` goes for the point ``at``: around it, first
    close and then further out, the first spot inside the plot that covers nothing taken;
    failing that, the spot that covers the least."""
    best: tuple[float, QRectF] | None = None
    for reach in (1.0, 2.0, 3.5, 5.0, 7.0, 9.0, 12.0, 15.0):
        gap = 8.0 * reach
        spots = [
            QRectF(at.x() - width - gap, at.y() - height - gap / 2, width, height),  # above left
            QRectF(at.x() + gap, at.y() - height - gap / 2, width, height),  # above right
            QRectF(at.x() + gap, at.y() + gap / 2, width, height),  # below right
            QRectF(at.x() - width - gap, at.y() + gap / 2, width, height),  # below left
            QRectF(at.x() - width / 2, at.y() - height - gap, width, height),  # above
            QRectF(at.x() - width / 2, at.y() + gap, width, height),  # below
            QRectF(at.x() + gap, at.y() - height / 2, width, height),  # right
            QRectF(at.x() - width - gap, at.y() - height / 2, width, height),  # left
        ]
        for spot in spots:
            if not plot.contains(spot):
                continue
            covered = sum(_overlap(spot, other) for other in taken)
            if covered == 0:
                return spot
            if best is None or covered < best[0]:
                best = (covered, spot)
    if best is not None:
        return best[1]
    return QRectF(at.x() + 8, at.y() - height - 4, width, height)


def _overlap(a: QRectF, b: QRectF) -> float:
    common = a.intersected(b)
    return 0.0 if common.isEmpty() else common.width() * common.height()


def _nearest_on(box: QRectF, at: QPointF) -> QPointF:
    """The point of ``box``'s edge nearest to ``at`` (for a leader line)."""
    return QPointF(
        min(max(at.x(), box.left()), box.right()), min(max(at.y(), box.top()), box.bottom())
    )

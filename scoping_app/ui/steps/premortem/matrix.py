"""The 5 x 5 likelihood x impact matrix of the pre-mortem, drawn and clickable.

Rows are likelihood (5 at the top), columns impact (5 on the right). Each cell
is coloured by its score and shows how many risks sit there and their keys;
cells scoring 15 or more say "severe" in words, not only in red. Clicking a
cell (or Enter on the focused one, moved with the arrow keys) asks the page to
show only its risks; clicking it again shows all.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from scoping_app.domain import words as fmt
from scoping_app.domain.model import SEVERE_SCORE, Risk
from scoping_app.ui import theme
from scoping_app.ui.theme import Role

Cell = tuple[int, int]  # likelihood, impact
AXIS = 22.0


def cell_colour(score: int) -> QColor:
    if score >= SEVERE_SCORE:
        return theme.color(Role.HEAT_SEVERE)
    if score >= 10:
        return theme.color(Role.HEAT_HIGH)
    if score >= 5:
        return theme.color(Role.HEAT_MEDIUM)
    return theme.color(Role.HEAT_LOW)


class RiskMatrix(QWidget):
    """Counts and keys of risks per (likelihood, impact) cell; emits the cell clicked."""

    cell_clicked = Signal(int, int)  # likelihood, impact

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cells: dict[Cell, list[Risk]] = {}
        self._selected: Cell | None = None
        self._focused: Cell = (3, 3)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMouseTracking(True)
        self.setMinimumSize(260, 230)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAccessibleName("Risk matrix, likelihood by impact")

    def sizeHint(self) -> QSize:
        return QSize(320, 280)

    # state

    def show_risks(self, risks: Iterable[Risk]) -> None:
        self._cells = {}
        for risk in risks:
            self._cells.setdefault((risk.likelihood, risk.impact), []).append(risk)
        self._update_description()
        self.update()

    def count(self, likelihood: int, impact: int) -> int:
        return len(self._cells.get((likelihood, impact), []))

    def cell_text(self, likelihood: int, impact: int) -> str:
        """What the cell says: its count, its risks' causes, and "severe" from a score of 15."""
        risks = self._cells.get((likelihood, impact), [])
        lines = []
        if likelihood * impact >= SEVERE_SCORE:
            lines.append("severe")
        if risks:
            lines.append(str(len(risks)))
            lines.append(_causes(risks))
        return "\n".join(lines)

    @property
    def selected_cell(self) -> Cell | None:
        return self._selected

    def set_selected(self, cell: Cell | None) -> None:
        self._selected = cell
        if cell is not None:
            self._focused = cell
        self._update_description()
        self.update()

    def _update_description(self) -> None:
        filled = [
            f"likelihood {lik}, impact {imp}: {len(risks)}"
            for (lik, imp), risks in sorted(self._cells.items(), reverse=True)
        ]
        self.setAccessibleDescription(
            "Risks per cell: " + ("; ".join(filled) if filled else "none")
        )

    # geometry

    def _grid(self) -> QRectF:
        side = min(self.width() - AXIS - 4, self.height() - AXIS - 4)
        return QRectF(AXIS + 2, 2, max(side, 50), max(side, 50))

    def cell_rect(self, likelihood: int, impact: int) -> QRectF:
        grid = self._grid()
        size = grid.width() / 5
        return QRectF(
            grid.left() + (impact - 1) * size, grid.top() + (5 - likelihood) * size, size, size
        )

    def cell_at(self, x: float, y: float) -> Cell | None:
        grid = self._grid()
        if not grid.contains(x, y):
            return None
        size = grid.width() / 5
        impact = int((x - grid.left()) // size) + 1
        likelihood = 5 - int((y - grid.top()) // size)
        return (min(max(likelihood, 1), 5), min(max(impact, 1), 5))

    # painting

    def paintEvent(self, event: Any) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        small = QFont(self.font())
        small.setPointSizeF(max(small.pointSizeF() * 0.8, 6.5))
        bold = QFont(self.font())
        bold.setBold(True)
        bold.setPointSizeF(bold.pointSizeF() * 1.15)
        for likelihood in range(1, 6):
            for impact in range(1, 6):
                self._paint_cell(painter, likelihood, impact, small, bold)
        if self._selected is not None:
            painter.setPen(QPen(theme.color(Role.SELECTION), 3))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRect(self.cell_rect(*self._selected).adjusted(1.5, 1.5, -1.5, -1.5))
        if self.hasFocus():
            painter.setPen(QPen(theme.color(Role.TEXT), 1, Qt.PenStyle.DashLine))
            painter.drawRect(self.cell_rect(*self._focused).adjusted(4, 4, -4, -4))
        # axes
        grid = self._grid()
        painter.setPen(theme.color(Role.MUTED))
        painter.setFont(small)
        size = grid.width() / 5
        for n in range(1, 6):
            painter.drawText(
                QRectF(grid.left() + (n - 1) * size, grid.bottom(), size, AXIS),
                int(Qt.AlignmentFlag.AlignCenter),
                str(n),
            )
            painter.drawText(
                QRectF(0, grid.top() + (5 - n) * size, AXIS - 4, size),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(n),
            )
        painter.end()

    def _paint_cell(
        self, painter: QPainter, likelihood: int, impact: int, small: QFont, bold: QFont
    ) -> None:
        rect = self.cell_rect(likelihood, impact)
        score = likelihood * impact
        painter.setPen(QPen(theme.color(Role.SURFACE), 2))
        painter.setBrush(cell_colour(score))
        painter.drawRect(rect)
        risks = self._cells.get((likelihood, impact), [])
        inner = rect.adjusted(3, 2, -3, -2)
        painter.setPen(theme.color(Role.BAD_TEXT if score >= SEVERE_SCORE else Role.MUTED))
        painter.setFont(small)
        top = "severe" if score >= SEVERE_SCORE else str(score)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft), top)
        if not risks:
            return
        painter.setPen(theme.color(Role.TEXT))
        painter.setFont(bold)
        painter.drawText(inner, int(Qt.AlignmentFlag.AlignCenter), str(len(risks)))
        painter.setFont(small)
        metrics = QFontMetricsF(small)
        causes = metrics.elidedText(_causes(risks), Qt.TextElideMode.ElideRight, inner.width())
        painter.drawText(
            inner, int(Qt.AlignmentFlag.AlignBottom | Qt.AlignmentFlag.AlignHCenter), causes
        )

    # interaction

    def event(self, event: Any) -> bool:
        if event.type() == event.Type.ToolTip:
            cell = self.cell_at(event.pos().x(), event.pos().y())
            if cell is not None:
                self.setToolTip(self._tooltip(cell))
        return super().event(event)

    def _tooltip(self, cell: Cell) -> str:
        likelihood, impact = cell
        risks = self._cells.get(cell, [])
        head = f"Likelihood {likelihood} x impact {impact} = {likelihood * impact}"
        if likelihood * impact >= SEVERE_SCORE:
            head += " (severe while open)"
        lines = [head, *(f"• {r.story}" for r in risks)]
        if risks:
            lines.append("Click to show only these risks")
        return "\n".join(lines)

    def mousePressEvent(self, event: Any) -> None:
        cell = self.cell_at(event.position().x(), event.position().y())
        if cell is not None and event.button() == Qt.MouseButton.LeftButton:
            self._focused = cell
            self.cell_clicked.emit(*cell)
            event.accept()
            return
        super().mousePressEvent(event)

    def keyPressEvent(self, event: Any) -> None:
        likelihood, impact = self._focused
        moves = {
            Qt.Key.Key_Up: (1, 0),
            Qt.Key.Key_Down: (-1, 0),
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
        }
        key = event.key()
        if key in moves:
            d_lik, d_imp = moves[key]
            self._focused = (min(max(likelihood + d_lik, 1), 5), min(max(impact + d_imp, 1), 5))
            self.update()
            event.accept()
            return
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Space):
            self.cell_clicked.emit(*self._focused)
            event.accept()
            return
        super().keyPressEvent(event)


def _causes(risks: list[Risk]) -> str:
    """The risks of a cell in a word each, by their cause (the register's first column)."""
    return ", ".join(fmt.choice(r.cause) for r in risks)

"""The audit's findings as a list: each says what is missing, what to do, and where to fix it.

Every check maps to the step where it is fixed (and the list there holding its
items), so activating a finding can take the user to the first item concerned.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, QRectF, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QApplication, QStyle, QStyledItemDelegate, QStyleOptionViewItem

from scoping_app.analysis.readiness import Finding
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Index, row_of

# the steps of the guided path, by position in the sidebar (see ProjectView.steps)
PROJECT, BUSINESS_LOGIC, DATA, GOOD, DECISIONS, CAPABILITIES, PREMORTEM, SLICES = range(8)
STEP_TITLES = {
    PROJECT: "Project",
    BUSINESS_LOGIC: "Business logic",
    DATA: "Data",
    GOOD: "Definition of good",
    DECISIONS: "Architecture decisions",
    CAPABILITIES: "Capabilities",
    PREMORTEM: "Pre-mortem",
    SLICES: "Scope slices",
}

# check -> (step, the project's list holding its items; "" when it concerns none)
TARGETS: dict[str, tuple[int, str]] = {
    "A1": (BUSINESS_LOGIC, "process_steps"),
    "A2": (DATA, "data_sources"),
    "A3": (DATA, "data_sources"),
    "B1": (GOOD, "metrics"),
    "B2": (GOOD, "metrics"),
    "B3": (GOOD, "metrics"),
    "C1": (CAPABILITIES, "capabilities"),
    "C2": (CAPABILITIES, "failure_modes"),
    "C3": (CAPABILITIES, "failure_modes"),
    "D1": (PROJECT, ""),
    "D2": (PROJECT, ""),
    "D3": (DECISIONS, "decisions"),
    "E1": (DATA, "data_sources"),
    "E2": (DECISIONS, "decisions"),
    "E3": (CAPABILITIES, "capabilities"),
    "F1": (CAPABILITIES, "capabilities"),
    "F2": (CAPABILITIES, "capabilities"),
    "F3": (DECISIONS, "decisions"),
    "G1": (PREMORTEM, "risks"),
    "G2": (PREMORTEM, "risks"),
    "G3": (SLICES, "slices"),
}

# severity -> (background, text colour) of its chip; the word says it too
SEVERITY_COLOURS = {
    "high": (Role.BAD_FILL, Role.ERROR),
    "medium": (Role.CAUTION_FILL, Role.CAUTION_TEXT),
}
FINDING_ROLE = Qt.ItemDataRole.UserRole + 1  # the FindingRow
HTML_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass(frozen=True)
class FindingRow:
    """A finding with where it is fixed: the step, its list, and the first item to select."""

    finding: Finding
    step: int
    list_name: str
    # the first item concerned, in the order the step lists them; "" for none. For C1
    # list_name is "failure_modes" and key a capability: its failure modes are shown
    key: str
    names: tuple[str, ...]  # the items concerned, by name, in list order

    @property
    def step_title(self) -> str:
        return STEP_TITLES[self.step]


def finding_rows(project: Project, findings: tuple[Finding, ...]) -> list[FindingRow]:
    rows = []
    for finding in findings:
        step, list_name = TARGETS[finding.check]
        # D1, D2: with the budget set, it is the scope that misses it
        budget = {"D1": project.info.latency_budget_ms, "D2": project.info.monthly_value}
        if budget.get(finding.check) is not None:
            step = SLICES
        items = getattr(project, list_name, []) if list_name else []
        concerned = [item for item in items if item.key in set(finding.items)]
        key = concerned[0].key if concerned else ""
        names = tuple(fmt.item_name(item) for item in concerned)
        if finding.check == "C1":
            list_name = "failure_modes"  # a capability, shown on its failure modes tab
        rows.append(FindingRow(finding, step, list_name if key else "", key, names))
    return rows


def finding_html(row: FindingRow) -> str:
    finding = row.finding
    muted = theme.hex(Role.MUTED)
    background, colour = SEVERITY_COLOURS.get(finding.severity, (Role.PANEL, Role.TEXT))
    words = fmt.choice(finding.severity)
    head = (
        f"<span style='background:{theme.hex(background)}; color:{theme.hex(colour)};"
        " font-weight:bold'>"
        f"&nbsp;{escape(words)}&nbsp;</span>&nbsp;&nbsp;"
        f"<b>{escape(finding.check)}&nbsp;&nbsp;{escape(finding.title)}</b>"
    )
    parts = [
        f"<table width='100%' cellspacing='0' cellpadding='0'><tr><td>{head}</td>"
        f"<td align='right' style='color:{muted}'>"
        f"Fix in {escape(row.step_title)} →</td>"
        "</tr></table>",
        f"<div style='margin-top:3px'>{escape(finding.message)}</div>",
        f"<div style='margin-top:3px; color:{muted}'><i>What to do:</i> "
        f"{escape(finding.advice)}</div>",
    ]
    if row.names and not all(f"“{n.rstrip('.')}”" in finding.message for n in row.names):
        # the items by name, unless the sentence already names them all
        names = ", ".join(f"“{escape(n)}”" for n in row.names)
        parts.append(f"<div style='margin-top:3px; color:{muted}'><i>Concerns:</i> {names}</div>")
    return "".join(parts)


def finding_text(row: FindingRow) -> str:
    """The finding in plain words (display and accessible text)."""
    finding = row.finding
    words = fmt.choice(finding.severity)
    text = f"{words} severity, {finding.check} {finding.title}: {finding.message}"
    return text + f" What to do: {finding.advice} Fixed in the {row.step_title} step."


class FindingsModel(QAbstractListModel):
    """One row per finding, in check order."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[FindingRow] = []

    def show_rows(self, rows: list[FindingRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def record(self, row: int) -> FindingRow:
        return self._rows[row]

    def row_of(self, check: str) -> int:
        return row_of(self._rows, check, lambda record: record.finding.check)

    def checks(self) -> list[str]:
        return [r.finding.check for r in self._rows]

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return finding_text(row)
        if role == Qt.ItemDataRole.ToolTipRole:
            where = f"Click or press Enter to go to the {row.step_title} step"
            return where + (f" and select “{row.names[0]}”." if row.names else ".")
        if role == HTML_ROLE:
            return finding_html(row)
        if role == FINDING_ROLE:
            return row
        return None


class FindingDelegate(QStyledItemDelegate):
    """Draws a finding as a short rich-text card, as tall as its wrapped text."""

    PADDING = 8

    def _document(self, option: QStyleOptionViewItem, index: Index, width: float) -> Any:
        document = QTextDocument()
        document.setDefaultFont(option.font)
        document.setDocumentMargin(0)
        document.setHtml(index.data(HTML_ROLE) or "")
        document.setTextWidth(max(50.0, width))
        return document

    def _width(self, option: QStyleOptionViewItem) -> float:
        widget = option.widget
        width = option.rect.width()
        if widget is not None and hasattr(widget, "viewport"):
            width = widget.viewport().width()
        return float(width - 2 * self.PADDING)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)
        document = self._document(opt, index, opt.rect.width() - 2 * self.PADDING)
        painter.save()
        painter.translate(opt.rect.left() + self.PADDING, opt.rect.top() + self.PADDING)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        colour_role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, opt.palette.color(colour_role))
        context.clip = QRectF(0, 0, opt.rect.width(), opt.rect.height())
        document.documentLayout().draw(painter, context)
        painter.restore()
        painter.save()
        painter.setPen(opt.palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(opt.rect.bottomLeft(), opt.rect.bottomRight())
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        document = self._document(option, index, self._width(option))
        return QSize(int(self._width(option)), int(document.size().height()) + 2 * self.PADDING)

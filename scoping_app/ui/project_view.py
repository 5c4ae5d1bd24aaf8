"""An open project: the guided path in a sidebar, and the page of the chosen step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from scoping_app.domain.completeness import Status, StepStatus, completeness
from scoping_app.services.projects import Change
from scoping_app.ui import theme
from scoping_app.ui.dialogs import Dialogs
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.decisions.page import DecisionsStep
from scoping_app.ui.steps.export.page import ExportStep
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from scoping_app.ui.steps.premortem.page import PreMortemStep
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.steps.readiness.page import ReadinessStep
from scoping_app.ui.steps.slices.page import SlicesStep
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Index
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.workers import TaskRunner

COMPLETION_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2  # a completeness.Status
HINT_ROLE = Qt.ItemDataRole.UserRole + 3  # what is missing, one line ("" when complete)
SIDEBAR_WIDTH = 248

MARKS = {Status.EMPTY: "○", Status.STARTED: "◐", Status.COMPLETE: "✓"}
STATUS_WORDS = {Status.EMPTY: "not started", Status.STARTED: "started", Status.COMPLETE: "complete"}
MARK_COLOURS = {Status.EMPTY: Role.LINE, Status.STARTED: Role.WARNING, Status.COMPLETE: Role.OK}


class _StepDelegate(QStyledItemDelegate):
    """Draws a step as a mark (✓ ◐ ○), its title, its count on the right, and the hint below.

    The mark's shape carries the status (colour only repeats it), and the hint
    says in a few words what is missing; the full hint is also the tooltip.
    """

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        opt = QStyleOptionViewItem(option)
        self.initStyleOption(opt, index)
        text = opt.text
        opt.text = ""
        style = opt.widget.style() if opt.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, opt, painter, opt.widget)

        selected = bool(opt.state & QStyle.StateFlag.State_Selected)
        status = index.data(STATUS_ROLE)
        hint = index.data(HINT_ROLE) or ("Complete" if status == Status.COMPLETE else "")
        completion = index.data(COMPLETION_ROLE)
        strong = opt.palette.highlightedText().color() if selected else opt.palette.text().color()
        muted = opt.palette.highlightedText().color() if selected else theme.color(Role.MUTED)
        area = QRect(opt.rect).adjusted(10, 5, -10, -5)
        metrics = QFontMetrics(opt.font)
        line = metrics.height()

        painter.save()
        painter.setFont(opt.font)
        if status is not None:
            mark_font = QFont(opt.font)
            mark_font.setBold(True)
            painter.setFont(mark_font)
            painter.setPen(strong if selected else theme.color(MARK_COLOURS[status]))
            painter.drawText(
                QRect(area.left(), area.top(), 18, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                MARKS[status],
            )
            painter.setFont(opt.font)
        left = area.left() + 20
        right = area.right()
        if completion:
            painter.setPen(muted)
            width = metrics.horizontalAdvance(str(completion))
            painter.drawText(
                QRect(right - width, area.top(), width, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                str(completion),
            )
            right -= width + 8
        painter.setPen(strong)
        title = metrics.elidedText(text, Qt.TextElideMode.ElideRight, max(0, right - left))
        painter.drawText(
            QRect(left, area.top(), right - left, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            title,
        )
        if hint:
            small = QFont(opt.font)
            small.setPointSizeF(max(7.0, opt.font.pointSizeF() * 0.88))
            small_metrics = QFontMetrics(small)
            painter.setFont(small)
            painter.setPen(muted)
            shown = small_metrics.elidedText(hint, Qt.TextElideMode.ElideRight, area.right() - left)
            painter.drawText(
                QRect(left, area.top() + line + 1, area.right() - left, small_metrics.height()),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                shown,
            )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        size = super().sizeHint(option, index)
        line = QFontMetrics(option.font).height()
        return QSize(size.width(), max(size.height(), 2 * line + 14))


class ProjectView(QWidget):
    """The sidebar of the ten steps and their pages; refreshes from the session's one signal."""

    pdf_requested = Signal(str, object, object)  # page size, slice key or None, sections
    json_requested = Signal()
    pdf_cancel_requested = Signal()
    step_changed = Signal(int)

    def __init__(
        self,
        session: ProjectSession,
        dialogs: Dialogs,
        runner: TaskRunner,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self._plan_written = False
        self.capabilities = CapabilitiesStep(session, dialogs)
        self.slices = SlicesStep(session, dialogs, runner)
        self.export = ExportStep(runner)
        self.readiness = ReadinessStep(runner)
        self.steps: list[StepPage] = [
            ProjectInfoStep(session),
            BusinessLogicStep(session),
            DataStep(session),
            DefinitionOfGoodStep(session),
            DecisionsStep(session),
            self.capabilities,
            PreMortemStep(session, dialogs),
            self.slices,
            self.readiness,
            self.export,
        ]
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("stepsSidebar")
        self.sidebar.setAccessibleName("Steps")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setItemDelegate(_StepDelegate(self.sidebar))
        theme.style(
            self.sidebar,
            lambda: (
                "QListWidget#stepsSidebar { border: none;"
                f" border-right: 1px solid {theme.hex(Role.PANEL_BORDER)};"
                f" background: {theme.hex(Role.PANEL)}; padding-top: 8px; }}"
                "QListWidget#stepsSidebar::item { padding-left: 10px; }"
            ),
        )
        self.pages = QStackedWidget(self)
        for number, step in enumerate(self.steps, start=1):
            item = QListWidgetItem(f"{number}.  {step.title}")
            self.sidebar.addItem(item)
            self.pages.addWidget(step)

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.pages, 1)

        self.sidebar.currentRowChanged.connect(self._on_step_chosen)
        session.project_changed.connect(self._on_project_changed)
        theme.changed.connect(self._show_all)
        self.export.pdf_requested.connect(self.pdf_requested)
        self.export.json_requested.connect(self.json_requested)
        self.export.cancel_requested.connect(self.pdf_cancel_requested)
        self.readiness.finding_activated.connect(self.go_to_item)
        self.readiness.audit_changed.connect(self._on_audit_changed)
        self.slices.smallest_scope_changed.connect(self.capabilities.show_smallest_scope)

        self._show_all()
        self.sidebar.setCurrentRow(0)

    def step_index(self, step: StepPage) -> int:
        return self.steps.index(step)

    def show_step(self, index: int) -> None:
        if 0 <= index < len(self.steps):
            self.sidebar.setCurrentRow(index)

    def current_step(self) -> int:
        return self.sidebar.currentRow()

    def next_step(self) -> None:
        """One step down the guided path (the last step stays)."""
        self.show_step(min(self.current_step() + 1, len(self.steps) - 1))

    def previous_step(self) -> None:
        """One step up the guided path (the first step stays)."""
        self.show_step(max(self.current_step() - 1, 0))

    def set_plan_written(self, written: bool) -> None:
        """Whether a plan of the project was written: the Export step's status reads it."""
        self._plan_written = written
        self.export.show_plan_written(written)
        self._update_completion()

    def _on_step_chosen(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self.step_changed.emit(row)

    def _on_project_changed(self, change: Change) -> None:
        for step in self.steps:
            if step.watches & change.parts:
                step.show_project(change.project, change.parts)
        self._update_completion()

    def _show_all(self) -> None:
        """Every step shows the whole project; after a change of scheme, in its colours."""
        project = self.session.project
        for step in self.steps:
            step.show_project(project, ALL_PARTS)
        self._update_completion()

    def go_to_item(self, index: int, list_name: str, key: str) -> None:
        """Show step ``index`` and, where ``key`` is given, select that item of ``list_name``."""
        if not 0 <= index < len(self.steps):
            return
        self.show_step(index)
        page: Any = self.steps[index]
        if key:
            if list_name == "failure_modes" and page is self.capabilities:
                # a failure mode, shown under its capability; or a capability's failure modes
                modes = {m.key: m for m in self.session.project.failure_modes}
                mode = modes.get(key)
                self.capabilities.select(mode.capability if mode else key)
                self.capabilities.form.tabs.setCurrentWidget(self.capabilities.failures)
                if mode is not None:
                    self.capabilities.failures.select(key)
            elif hasattr(page, "select"):
                page.select(key)
            elif hasattr(page, "editor"):
                page.editor.select(key)
        table = getattr(page, "table", None)
        if table is not None:
            table.setFocus()

    def _on_audit_changed(self) -> None:
        row = self.step_index(self.readiness)
        item = self.sidebar.item(row)
        item.setData(COMPLETION_ROLE, self.readiness.completion(self.session.project))

    def _update_completion(self) -> None:
        project = self.session.project
        self.statuses = completeness(
            project, viable_slices=self.slices.viable_slices(), plan_written=self._plan_written
        )
        for row, (step, status) in enumerate(zip(self.steps, self.statuses, strict=True)):
            item = self.sidebar.item(row)
            item.setData(COMPLETION_ROLE, step.completion(project))
            item.setData(STATUS_ROLE, status.status)
            item.setData(HINT_ROLE, status.hint)
            item.setToolTip(_tooltip(step.title, status))
            words = STATUS_WORDS[status.status]
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{step.title}, {words}")
            item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, status.hint)

    def step_status(self, index: int) -> StepStatus:
        return self.statuses[index]

    def sizeHint(self) -> Any:
        return QSize(1280, 760)


def _tooltip(title: str, status: StepStatus) -> str:
    head = f"{MARKS[status.status]} {title}: {STATUS_WORDS[status.status]}"
    if not status.missing:
        return head
    return head + "\n" + "\n".join(f"• {line}" for line in status.missing)

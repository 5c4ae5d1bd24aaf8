"""An open project: the guided path in a sidebar, and the page of the chosen step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from scoping_app.services.projects import Change
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
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.workers import TaskRunner

COMPLETION_ROLE = Qt.ItemDataRole.UserRole + 1
SIDEBAR_WIDTH = 214


class _StepDelegate(QStyledItemDelegate):
    """Draws a step's completion ("4/7", "15") right-aligned and muted beside its title."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        completion = index.data(COMPLETION_ROLE)
        if not completion:
            return
        painter.save()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        colour = option.palette.highlightedText().color() if selected else QColor("#7a8794")
        painter.setPen(colour)
        area = QRect(option.rect).adjusted(0, 0, -12, 0)
        painter.drawText(
            area, int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter), str(completion)
        )
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        size = super().sizeHint(option, index)
        return QSize(size.width(), max(size.height(), 34))


class ProjectView(QWidget):
    """The sidebar of the ten steps and their pages; refreshes from the session's one signal."""

    pdf_requested = Signal(str, object)  # page size, recommended slice key or None
    json_requested = Signal()
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
        self.capabilities = CapabilitiesStep(session, dialogs)
        self.slices = SlicesStep(session, dialogs, runner)
        self.export = ExportStep()
        self.steps: list[StepPage] = [
            ProjectInfoStep(),
            BusinessLogicStep(),
            DataStep(),
            DefinitionOfGoodStep(),
            DecisionsStep(),
            self.capabilities,
            PreMortemStep(),
            self.slices,
            ReadinessStep(),
            self.export,
        ]
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("stepsSidebar")
        self.sidebar.setFixedWidth(SIDEBAR_WIDTH)
        self.sidebar.setItemDelegate(_StepDelegate(self.sidebar))
        self.sidebar.setStyleSheet(
            "QListWidget#stepsSidebar { border: none; border-right: 1px solid #d8dde3;"
            " background: #f4f6f8; padding-top: 8px; }"
            "QListWidget#stepsSidebar::item { padding-left: 10px; }"
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
        self.export.pdf_requested.connect(self.pdf_requested)
        self.export.json_requested.connect(self.json_requested)

        project = session.project
        for step in self.steps:
            step.show_project(project, ALL_PARTS)
        self._update_completion()
        self.sidebar.setCurrentRow(0)

    def step_index(self, step: StepPage) -> int:
        return self.steps.index(step)

    def show_step(self, index: int) -> None:
        if 0 <= index < len(self.steps):
            self.sidebar.setCurrentRow(index)

    def current_step(self) -> int:
        return self.sidebar.currentRow()

    def _on_step_chosen(self, row: int) -> None:
        if row >= 0:
            self.pages.setCurrentIndex(row)
            self.step_changed.emit(row)

    def _on_project_changed(self, change: Change) -> None:
        for step in self.steps:
            if step.watches & change.parts:
                step.show_project(change.project, change.parts)
        self._update_completion()

    def _update_completion(self) -> None:
        project = self.session.project
        for row, step in enumerate(self.steps):
            self.sidebar.item(row).setData(COMPLETION_ROLE, step.completion(project))

    def sizeHint(self) -> Any:
        return QSize(1280, 760)

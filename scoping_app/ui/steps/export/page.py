"""Step 10, Export: the PDF plan for the sponsor, and the project file to share.

The step shows the plan's verdict on the recommended scope chosen here, in the
words the PDF prints (:mod:`scoping_app.analysis.verdict`). It runs the
optimizer and the audit, so it is worked out off the GUI thread, after every
change (debounced; the latest answer wins), and only while the step is shown.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QWidget,
)

from scoping_app.analysis.verdict import Verdict, verdict_for
from scoping_app.domain.model import Project
from scoping_app.services.export import SECTION_TITLES as TITLES
from scoping_app.services.export import SECTIONS
from scoping_app.ui.widgets.scroll_column import scrolling_column
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.verdict_card import VerdictCard
from scoping_app.ui.workers import TaskRunner

PAGE_SIZES = ("A4", "Letter")
SMALLEST = ""  # the combo's data for "the smallest viable scope"
DEBOUNCE_MS = 200
CARD_MAX_WIDTH = 900
SMALLEST_SCOPE_WORDS = "for the smallest viable scope, as the PDF plan will state it"
NO_PLAN_YET = "No PDF plan of this project has been written yet."
PLAN_WRITTEN = "A PDF plan of this project was written before; export again after changes."


class ExportStep(StepPage):
    title = "Export"
    advice = (
        "The PDF plan a sponsor reads in ten minutes: the recommended scope with its effort, "
        "duration, cost and value, what it leaves out, and what could kill it."
    )
    watches = ALL_PARTS  # the verdict reads the whole project

    # page size, recommended slice key (None: smallest), section ids (None: all)
    pdf_requested = Signal(str, object, object)
    json_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner  # the window's: closing the window waits for its work
        self._project: Project | None = None
        self._stale = False  # the project or the choice changed while the step was hidden
        self.verdict: Verdict | None = None
        self.updating = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_verdict)

        # everything below the title scrolls as one when the window is short
        self.scroll_area, column = scrolling_column("export")
        self.body.addWidget(self.scroll_area, 1)

        self.verdict_card = VerdictCard("Plan verdict")
        self.verdict_card.setMaximumWidth(CARD_MAX_WIDTH)
        column.addWidget(self.verdict_card)

        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.page_size = QComboBox(self)
        self.page_size.addItems(PAGE_SIZES)
        self.page_size.setMinimumWidth(120)
        self.page_size.setAccessibleName("Page size")
        form.addRow("Page size:", self.page_size)
        self.recommended = QComboBox(self)
        self.recommended.setMinimumWidth(360)
        self.recommended.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.recommended.setAccessibleName("Recommended scope")
        form.addRow("Recommended scope:", self.recommended)
        self.sections = QListWidget(self)
        self.sections.setAccessibleName("Sections to include")
        self.sections.setToolTip("The cover always comes; untick what the sponsor does not need.")
        for section in SECTIONS:
            item = QListWidgetItem(TITLES[section], self.sections)
            item.setData(Qt.ItemDataRole.UserRole, section)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
        rows = self.sections.sizeHintForRow(0) * len(SECTIONS)
        self.sections.setFixedSize(360, rows + 2 * self.sections.frameWidth() + 4)
        form.addRow("Sections:", self.sections)
        column.addLayout(form)

        buttons = QHBoxLayout()
        self.pdf_button = QPushButton("Export PDF plan…", self)
        self.pdf_button.setDefault(True)
        self.json_button = QPushButton("Export project file (JSON)…", self)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.json_button)
        buttons.addStretch(1)
        column.addLayout(buttons)

        progress_row = QHBoxLayout()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 100)
        self.busy.setMaximumWidth(320)
        self.busy.setAccessibleName("Export progress")
        self.busy.hide()
        self.cancel_button = QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop writing the PDF; no file is left behind")
        self.cancel_button.hide()
        progress_row.addWidget(self.busy)
        progress_row.addWidget(self.cancel_button)
        progress_row.addStretch(1)
        column.addLayout(progress_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        column.addWidget(self.status)
        column.addStretch(1)

        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.json_button.clicked.connect(self.json_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)
        self.recommended.currentIndexChanged.connect(self._schedule)

    def chosen_sections(self) -> list[str] | None:
        """The ticked section ids, or None when every section is ticked."""
        ticked = [
            self.sections.item(row).data(Qt.ItemDataRole.UserRole)
            for row in range(self.sections.count())
            if self.sections.item(row).checkState() == Qt.CheckState.Checked
        ]
        return None if len(ticked) == len(SECTIONS) else ticked

    def _on_pdf_clicked(self) -> None:
        key = self.recommended.currentData()
        self.pdf_requested.emit(self.page_size.currentText(), key or None, self.chosen_sections())

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self._project = project
        current = self.recommended.currentData()
        self.recommended.blockSignals(True)
        self.recommended.clear()
        self.recommended.addItem("The smallest viable scope (computed)", SMALLEST)
        for item in project.slices:
            self.recommended.addItem(f"Slice: {item.name}", item.key)
        index = self.recommended.findData(current)
        self.recommended.setCurrentIndex(max(index, 0))
        self.recommended.blockSignals(False)
        self._schedule()

    # the verdict, off the GUI thread

    def _schedule(self) -> None:
        if self._project is None:
            return
        self.updating = True
        self.verdict_card.set_updating(True)
        if self.isVisible():
            self._timer.start()  # restarts: a burst of changes gives one computation
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._stale = False
            self._timer.start()

    def _start_verdict(self) -> None:
        project = self._project
        if project is None:
            return
        # the service's project is read-only: the worker shares it, no copy
        key = self.recommended.currentData() or None
        chosen = project.find_slice(key) if key else None
        slice_key = chosen.key if chosen is not None else None
        scope = (
            f"for the slice “{chosen.name}”, as the PDF plan will state it"
            if chosen is not None
            else SMALLEST_SCOPE_WORDS
        )
        self._runner.start(
            lambda: verdict_for(project, slice_key),
            lambda verdict: self._on_verdict(verdict, scope),
            self._on_failed,
            newest_of=self,
        )

    def _on_verdict(self, verdict: Verdict, scope: str) -> None:
        if self._timer.isActive() or self._stale:
            return  # the project or the choice changed meanwhile; a newer answer is on its way
        self.updating = False
        self.verdict = verdict
        self.verdict_card.set_scope(scope)
        self.verdict_card.show_verdict(verdict)
        self.verdict_card.set_updating(False)

    def _on_failed(self, error: Exception) -> None:
        if self._timer.isActive() or self._stale:
            return
        self.updating = False
        self.verdict = None
        self.verdict_card.show_error(str(error))
        self.verdict_card.set_updating(False)

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.setValue(0)
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.pdf_button.setEnabled(not busy)
        if text:
            self.status.setText(text)

    def show_plan_written(self, written: bool) -> None:
        """Say whether a plan of the project was written, unless a plan is being written."""
        if not self.busy.isVisibleTo(self):
            self.status.setText(PLAN_WRITTEN if written else NO_PLAN_YET)

    def set_progress(self, share: float) -> None:
        """How much of the plan is laid out, 0 to 1."""
        self.busy.setValue(round(share * 100))

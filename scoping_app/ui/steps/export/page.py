"""Step 10, Export: the PDF plan for the sponsor, and the project file to share."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
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

from scoping_app.domain.model import Project
from scoping_app.report.sections import ALL as SECTIONS
from scoping_app.report.sections import TITLES
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage

PAGE_SIZES = ("A4", "Letter")
SMALLEST = ""  # the combo's data for "the smallest viable scope"


class ExportStep(StepPage):
    title = "Export"
    advice = (
        "The PDF plan a sponsor reads in ten minutes: the recommended scope with its effort, "
        "duration, cost and value, what it leaves out, and what could kill it."
    )
    watches = frozenset({"slices", "info"})

    # page size, recommended slice key (None: smallest), section ids (None: all)
    pdf_requested = Signal(str, object, object)
    json_requested = Signal()
    cancel_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout()
        form.setHorizontalSpacing(18)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        self.page_size = QComboBox(self)
        self.page_size.addItems(PAGE_SIZES)
        self.page_size.setMinimumWidth(120)
        form.addRow("Page size:", self.page_size)
        self.recommended = QComboBox(self)
        self.recommended.setMinimumWidth(360)
        self.recommended.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
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
        self.body.addLayout(form)

        buttons = QHBoxLayout()
        self.pdf_button = QPushButton("Export PDF plan…", self)
        self.pdf_button.setDefault(True)
        self.json_button = QPushButton("Export project file (JSON)…", self)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.json_button)
        buttons.addStretch(1)
        self.body.addLayout(buttons)

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
        self.body.addLayout(progress_row)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.body.addWidget(self.status)
        self.body.addStretch(1)

        self.pdf_button.clicked.connect(self._on_pdf_clicked)
        self.json_button.clicked.connect(self.json_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)

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
        current = self.recommended.currentData()
        self.recommended.clear()
        self.recommended.addItem("The smallest viable scope (computed)", SMALLEST)
        for item in project.slices:
            self.recommended.addItem(f"Slice: {item.name}", item.key)
        index = self.recommended.findData(current)
        self.recommended.setCurrentIndex(max(index, 0))

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy.setValue(0)
        self.busy.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.pdf_button.setEnabled(not busy)
        if text:
            self.status.setText(text)

    def set_progress(self, share: float) -> None:
        """How much of the plan is laid out, 0 to 1."""
        self.busy.setValue(round(share * 100))

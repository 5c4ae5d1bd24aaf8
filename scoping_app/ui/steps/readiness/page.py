"""Step 9, Readiness audit: the plan's verdict, the score, the gate, the sections, the findings.

The audit runs the optimizer, so it is computed off the GUI thread, again after
every change (debounced; the latest answer wins), together with the plan's
verdict on the smallest viable scope (:mod:`scoping_app.analysis.verdict`, the
words the PDF prints). The rubric's own gate stays shown, as one input to that
verdict. Activating a finding asks the project view to show the step and the
item where it is fixed.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QMargins, QModelIndex, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QPainter, QPen, QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListView,
    QSizePolicy,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.analysis.readiness import CONDITIONAL, GO, NO_GO, Audit, audit, load_rubric
from scoping_app.analysis.verdict import Recommendation, Verdict, plan_verdict
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.steps.readiness.findings import (
    FindingDelegate,
    FindingRow,
    FindingsModel,
    finding_rows,
)
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.read_only import section_label
from scoping_app.ui.widgets.scroll_column import scrolling_column
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.verdict_card import VerdictCard, badge_label, badge_style
from scoping_app.ui.workers import TaskRunner

DEBOUNCE_MS = 200
MAX_SCORE = 3.0
UPDATING = "updating…"
# gate -> (mark, words, background, border, text colour): the mark and words carry it
GATE_STYLES = {
    GO: ("✓", "Go", Role.GOOD_FILL, Role.OK, Role.GOOD_TEXT),
    CONDITIONAL: ("◐", "Conditional", Role.CAUTION_FILL, Role.WARNING, Role.CAUTION_TEXT),
    NO_GO: ("✕", "No-go", Role.BAD_FILL, Role.ERROR, Role.BAD_TEXT),
}
GATE_MEANING = {
    GO: "ready to build: readiness is 2 or more",
    CONDITIONAL: "build only once the findings are fixed: readiness is 1 or 1.5",
    NO_GO: "not ready: readiness is below 1",
}
FINDINGS_MIN_HEIGHT = 200  # about three findings; the page scrolls when the window is shorter
VERDICT_SCOPE = "of the smallest viable scope: viability and readiness together"


def score_text(value: float) -> str:
    return f"{value:g}"


def assess(project: Project) -> tuple[Audit, Verdict]:
    """The audit and the plan's verdict on the smallest viable scope, solved once for both."""
    scope = smallest_viable_scope(project)
    result = audit(project, scope=scope)
    return result, plan_verdict(project, Recommendation.smallest(scope), result)


class SectionBar(QWidget):
    """A horizontal bar from 0 to 3 with ticks at 1 and 2; its text is its accessible name."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.value = 0.0
        self.weakest = False
        self.setMinimumSize(80, 16)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_value(self, value: float, weakest: bool) -> None:
        self.value = value
        self.weakest = weakest
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 16)

    def paintEvent(self, _event: object) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        track = QRectF(self.rect()).adjusted(0.5, 2.5, -0.5, -2.5)
        painter.setPen(QPen(theme.color(Role.PANEL_BORDER), 1))
        painter.setBrush(theme.color(Role.PANEL))
        painter.drawRoundedRect(track, 3, 3)
        share = max(0.0, min(1.0, self.value / MAX_SCORE))
        if share > 0:
            colour = (
                Role.BAR_GOOD
                if self.value >= 2
                else Role.BAR_FAIR
                if self.value >= 1
                else Role.BAR_POOR
            )
            filled = QRectF(track.left(), track.top(), track.width() * share, track.height())
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(theme.color(colour))
            painter.drawRoundedRect(filled, 3, 3)
        painter.setPen(QPen(theme.color(Role.LINE), 1))
        for tick in (1, 2):
            x = track.left() + track.width() * tick / MAX_SCORE
            painter.drawLine(int(x), int(track.top()) - 2, int(x), int(track.bottom()) + 2)
        painter.end()


class _FindingsView(QListView):
    """The findings list; a resize re-wraps the cards."""

    def resizeEvent(self, event: object) -> None:
        super().resizeEvent(event)  # type: ignore[arg-type]  # Qt passes a QResizeEvent
        self.scheduleDelayedItemsLayout()


def _weakest_style() -> str:
    return theme.text_style(Role.ERROR, bold=True)


def _headed_column(owner: QWidget, title: str, beside: QLabel) -> QVBoxLayout:
    """The column of ``owner``, headed by a bold ``title`` with ``beside`` filling the rest."""
    column = QVBoxLayout(owner)
    column.setSpacing(6)
    head = QHBoxLayout()
    head.addWidget(section_label(title))
    head.addWidget(beside, 1)
    column.addLayout(head)
    return column


class ReadinessStep(StepPage):
    title = "Readiness audit"
    advice = (
        "Can this plan survive contact with production? The project as entered is scored on "
        "seven sections; readiness is the weakest of them. Click a finding to fix it."
    )
    watches = ALL_PARTS

    # a finding was activated: (step index, list name or "", item key or "")
    finding_activated = Signal(int, str, str)
    # a new audit is shown (or the audit failed): the sidebar's completion follows
    audit_changed = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._rubric = load_rubric()
        self._project: Project | None = None
        self.result: Audit | None = None
        self.verdict: Verdict | None = None
        self.updating = False
        self.error: str | None = None

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DEBOUNCE_MS)
        self._timer.timeout.connect(self._start_audit)

        # the plan's verdict: what the sponsor reads first
        self.verdict_card = VerdictCard("Plan verdict", self)
        self.verdict_card.set_scope(VERDICT_SCOPE)

        # the score and the gate
        self.score_label = QLabel("–")
        self.score_label.setObjectName("readinessScore")
        font = self.score_label.font()
        font.setPointSizeF(font.pointSizeF() * 2.6)
        font.setBold(True)
        self.score_label.setFont(font)
        self.gate_badge = badge_label("gateBadge", 1.15)
        self.gate_meaning = QLabel()
        self.gate_meaning.setWordWrap(True)
        theme.style(self.gate_meaning, lambda: theme.text_style(Role.MUTED))
        self.band_label = QLabel()
        self.band_label.setWordWrap(True)
        self.status_label = QLabel(UPDATING)
        theme.style(
            self.status_label, lambda: f"color: {theme.hex(Role.MUTED)}; font-style: italic;"
        )

        score_card = QFrame(self)
        score_card.setObjectName("scoreCard")
        theme.style(
            score_card,
            lambda: (
                f"QFrame#scoreCard {{ background: {theme.hex(Role.PANEL)};"
                f" border: 1px solid {theme.hex(Role.PANEL_BORDER)}; border-radius: 6px; }}"
            ),
        )
        score_card.setFixedWidth(330)
        self._score_card = score_card
        self.status_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        card = _headed_column(score_card, "Readiness", self.status_label)
        card.setContentsMargins(14, 10, 14, 12)
        score_row = QHBoxLayout()
        score_row.setSpacing(14)
        score_row.addWidget(self.score_label)
        gate_box = QVBoxLayout()
        gate_box.setSpacing(2)
        gate_caption = QLabel("Rubric gate")
        theme.style(gate_caption, lambda: theme.text_style(Role.MUTED))
        gate_box.addWidget(gate_caption)
        gate_box.addWidget(self.gate_badge, 0, Qt.AlignmentFlag.AlignLeft)
        score_row.addLayout(gate_box)
        score_row.addStretch(1)
        card.addLayout(score_row)
        card.addWidget(self.band_label)
        card.addWidget(self.gate_meaning)
        card.addStretch(1)

        # the seven sections
        sections_box = QWidget(self)
        self._sections_box = sections_box
        scale = QLabel("each scores 0 to 3; readiness is the lowest")
        theme.style(scale, lambda: theme.text_style(Role.MUTED))
        sections = _headed_column(sections_box, "Sections", scale)
        sections.setContentsMargins(8, 0, 0, 0)
        grid = QGridLayout()
        grid.setHorizontalSpacing(10)
        grid.setVerticalSpacing(5)
        self.section_titles: dict[str, QLabel] = {}
        self.section_bars: dict[str, SectionBar] = {}
        self.section_scores: dict[str, QLabel] = {}
        self.section_marks: dict[str, QLabel] = {}
        for row, (letter, title) in enumerate(self._rubric.sections.items()):
            name = QLabel(f"{letter}&nbsp;&nbsp;&nbsp;{escape(title)}")
            name.setTextFormat(Qt.TextFormat.RichText)
            bar = SectionBar(self)
            bar.setAccessibleName(title)
            value = QLabel("–")
            value.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            value.setMinimumWidth(44)
            mark = QLabel("")
            mark.setMinimumWidth(70)
            grid.addWidget(name, row, 0)
            grid.addWidget(bar, row, 1)
            grid.addWidget(value, row, 2)
            grid.addWidget(mark, row, 3)
            self.section_titles[letter] = name
            self.section_bars[letter] = bar
            self.section_scores[letter] = value
            self.section_marks[letter] = mark
        grid.setColumnStretch(1, 1)
        sections.addLayout(grid)
        sections.addStretch(1)

        # side by side when there is room, the sections under the score when narrow
        self._top = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._top.setSpacing(16)
        # in a row of its own, so that its height is asked at its own width, not the page's
        card_row = QHBoxLayout()
        card_row.setContentsMargins(0, 0, 0, 0)
        card_row.addWidget(score_card)
        card_row.addStretch(1)
        self._top.addLayout(card_row)
        self._top.addWidget(sections_box, 1)

        # the findings
        self.findings_title = section_label("Findings")
        findings_hint = QLabel("Click a finding, or press Enter on it, to go where it is fixed.")
        theme.style(findings_hint, lambda: theme.text_style(Role.MUTED))
        findings_head = QHBoxLayout()
        findings_head.addWidget(self.findings_title)
        findings_head.addSpacing(10)
        findings_head.addWidget(findings_hint, 1)
        self.model = FindingsModel(self)
        self.findings = _FindingsView(self)
        self.findings.setObjectName("findingsList")
        self.findings.setModel(self.model)
        self.findings.setItemDelegate(FindingDelegate(self.findings))
        self.findings.setUniformItemSizes(False)
        self.findings.setWordWrap(True)
        self.findings.setResizeMode(QListView.ResizeMode.Adjust)
        self.findings.setVerticalScrollMode(QListView.ScrollMode.ScrollPerPixel)
        self.findings.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.findings.setCursor(Qt.CursorShape.PointingHandCursor)
        theme.style(
            self.findings,
            lambda: (
                f"QListView#findingsList {{ border: 1px solid {theme.hex(Role.PANEL_BORDER)};"
                " border-radius: 4px; }"
                "QListView#findingsList::item:selected"
                f" {{ background: {theme.hex(Role.LIST_SELECTED)};"
                f" color: {theme.hex(Role.TEXT)}; }}"
                "QListView#findingsList::item:hover:!selected"
                f" {{ background: {theme.hex(Role.LIST_HOVER)}; }}"
            ),
        )
        self.findings.setAccessibleName("Findings")
        self.no_findings = QLabel("No findings: every check scores full marks.")
        theme.style(self.no_findings, lambda: theme.text_style(Role.MUTED))
        self.no_findings.hide()
        self.findings.setMinimumHeight(FINDINGS_MIN_HEIGHT)

        # everything below the title scrolls as one when the window is short
        self.scroll_area, column = scrolling_column("readiness")
        column.addWidget(self.verdict_card)
        column.addLayout(self._top)
        column.addSpacing(4)
        column.addLayout(findings_head)
        column.addWidget(self.no_findings)
        column.addWidget(self.findings, 1)
        self.body.addWidget(self.scroll_area, 1)

        self.findings.clicked.connect(self._on_activated)
        self.findings.activated.connect(self._on_activated)
        self._show_result()

    def resizeEvent(self, event: QResizeEvent) -> None:
        layout = self.layout()
        margins = layout.contentsMargins() if layout is not None else QMargins()
        scroll_bar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        room = event.size().width() - margins.left() - margins.right() - scroll_bar
        needed = (
            self._score_card.width()
            + self._top.spacing()
            + self._sections_box.minimumSizeHint().width()
        )
        narrow = room < needed
        direction = QBoxLayout.Direction.TopToBottom if narrow else QBoxLayout.Direction.LeftToRight
        if self._top.direction() != direction:
            self._top.setDirection(direction)
        super().resizeEvent(event)

    # the audit, off the GUI thread

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self._project = project
        self.updating = True
        self.status_label.setText(UPDATING)
        self.status_label.show()
        self.verdict_card.set_updating(True)
        self._timer.start()  # restarts: a burst of changes gives one audit

    def _start_audit(self) -> None:
        project = self._project
        if project is None:
            return
        # the service's project is read-only: the worker shares it, no copy
        self._runner.start(
            lambda: assess(project),
            lambda answer: self._on_audited(project, answer),
            self._on_failed,
            newest_of=self,
        )

    def _on_audited(self, project: Project, answer: tuple[Audit, Verdict]) -> None:
        if self._timer.isActive():
            return  # the project changed meanwhile; a newer audit is on its way
        self.updating = False
        self.error = None
        self.result, self.verdict = answer
        self._show_result(project)
        self.audit_changed.emit()

    def _on_failed(self, error: Exception) -> None:
        if self._timer.isActive():
            return
        self.updating = False
        self.error = str(error)
        self.result = None
        self.verdict = None
        self._show_result()
        self.audit_changed.emit()

    # showing the audit

    def _show_result(self, project: Project | None = None) -> None:
        result = self.result
        self.status_label.setVisible(self.updating)
        self.verdict_card.set_updating(self.updating)
        if self.verdict is not None:
            self.verdict_card.show_verdict(self.verdict)
        elif self.error:
            self.verdict_card.show_error(self.error)
        else:
            self.verdict_card.show_waiting()
        if result is None:
            self.score_label.setText("–")
            self.gate_badge.setText("")
            theme.style(self.gate_badge, theme.no_style)
            self.gate_meaning.setText("")
            self.band_label.setText(
                f"<span style='color:{theme.hex(Role.ERROR)}'>The audit could not be computed: "
                f"{escape(self.error)}</span>"
                if self.error
                else "Computing the audit…"
            )
            for letter in self.section_bars:
                self.section_bars[letter].set_value(0, False)
                self.section_scores[letter].setText("–")
                self.section_marks[letter].setText("")
            self.model.show_rows([])
            self.findings_title.setText("Findings")
            return
        self.score_label.setText(
            f"{score_text(result.readiness)}<span style='font-size:60%;"
            f" color:{theme.hex(Role.MUTED)}'> / {score_text(MAX_SCORE)}</span>"
        )
        self.score_label.setAccessibleName(
            f"Readiness {score_text(result.readiness)} out of {score_text(MAX_SCORE)}"
        )
        mark, words, background, border, colour = GATE_STYLES[result.gate]
        self.gate_badge.setText(f"{mark}  {words.upper()}")
        self.gate_badge.setAccessibleName(f"Gate: {words}")
        theme.style(
            self.gate_badge,
            lambda: badge_style("gateBadge", background, border, colour, "3px 10px"),
        )
        self.gate_meaning.setText(f"Rubric gate {words.lower()}: {GATE_MEANING[result.gate]}.")
        weakest_title = self._rubric.sections[result.weakest]
        self.band_label.setText(
            f"<b>{escape(result.band[:1].upper() + result.band[1:])}.</b> "
            f"Weakest section: {escape(weakest_title)}."
        )
        for letter, value in result.sections.items():
            weakest = letter == result.weakest
            self.section_bars[letter].set_value(value, weakest)
            title = self._rubric.sections[letter]
            self.section_bars[letter].setAccessibleDescription(
                f"{score_text(value)} of 3" + (", weakest" if weakest else "")
            )
            self.section_scores[letter].setText(f"{score_text(value)} / 3")
            label = self.section_titles[letter]
            text = f"{letter}&nbsp;&nbsp;&nbsp;{escape(title)}"
            label.setText(f"<b>{text}</b>" if weakest else text)
            self.section_marks[letter].setText("◀ weakest" if weakest else "")
            theme.style(self.section_marks[letter], _weakest_style if weakest else theme.no_style)
        shown = project or self._project
        rows = finding_rows(shown, result.findings) if shown is not None else []
        self.model.show_rows(rows)
        count = len(rows)
        self.findings_title.setText(f"Findings ({count})" if count else "Findings")
        self.no_findings.setVisible(count == 0)
        self.findings.setVisible(count > 0)

    # going where a finding is fixed

    def activate(self, row: int) -> None:
        """Go to the step (and the first item) where finding ``row`` is fixed."""
        if 0 <= row < self.model.rowCount():
            record: FindingRow = self.model.record(row)
            self.finding_activated.emit(record.step, record.list_name, record.key)

    def _on_activated(self, index: QModelIndex) -> None:
        if index.isValid():
            self.activate(index.row())

    def completion(self, project: Project) -> str:
        if self.result is None:
            return UPDATING if self.updating else ""
        return f"{score_text(self.result.readiness)} · {self.result.gate}"

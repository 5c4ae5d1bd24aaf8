"""Step 5, Architecture decisions: each question with its options, the choice and why."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from scoping_app.domain.enums import DecisionStatus
from scoping_app.domain.model import Decision, Project
from scoping_app.ui import format as fmt
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, summary_label
from scoping_app.ui.widgets.record_table import Column, RecordTableModel
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import make_table

COLUMNS: list[Column[Decision]] = [
    Column("Topic", lambda d: fmt.choice(d.topic), width=120),
    Column("Question", lambda d: d.question, width=240),
    Column(
        "Status",
        lambda d: fmt.choice(d.status),
        width=70,
        colour=lambda d: "#b35c00" if d.status is DecisionStatus.OPEN else None,
    ),
    Column("Choice", lambda d: d.choice or "—", width=170),
    Column("Options", lambda d: " / ".join(d.options) or "—", width=200),
    Column("Rationale", lambda d: d.rationale or "—"),
]


class DecisionsStep(StepPage):
    title = "Architecture decisions"
    advice = (
        "The calls to make before building: serving, caching, residency, PII, monitoring, "
        "drift and the questions of your AI pattern, each with options, choice and rationale."
    )
    read_only_note = READ_ONLY_NOTE
    watches = frozenset({"decisions"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        self.model: RecordTableModel[Decision] = RecordTableModel(COLUMNS, self)
        self.table = make_table(self.model, self, stretch=len(COLUMNS) - 1, wrap=True)
        self.body.addWidget(self.table, 1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        decisions = project.decisions
        self.model.set_rows(decisions)
        if not decisions:
            self.summary.setText("No architecture decisions yet.")
            return
        decided = sum(1 for d in decisions if d.status is DecisionStatus.DECIDED)
        still_open = len(decisions) - decided
        self.summary.setText(f"<b>{decided} decided</b>, {still_open} still open.")

    def completion(self, project: Project) -> str:
        decisions = project.decisions
        if not decisions:
            return ""
        decided = sum(1 for d in decisions if d.status is DecisionStatus.DECIDED)
        return f"{decided}/{len(decisions)}"

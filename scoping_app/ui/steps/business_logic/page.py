"""Step 2, Business logic: today's process, step by step, and where AI would help."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from scoping_app.domain.enums import AiRole
from scoping_app.domain.model import ProcessStep, Project
from scoping_app.ui import format as fmt
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, plural, summary_label
from scoping_app.ui.widgets.record_table import Column, RecordTableModel
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import make_table


def _columns(project: Project | None) -> list[Column[ProcessStep]]:
    sources = {s.key: s.name for s in project.data_sources} if project else {}
    return [
        Column("Step", lambda s: s.name, width=190),
        Column("Actor", lambda s: s.actor or "—", width=130),
        Column("Decision taken", lambda s: s.decision or "—", width=230),
        Column("AI role", lambda s: fmt.choice(s.ai_role), width=80),
        Column("Items/day", lambda s: fmt.number(s.volume_per_day), numeric=True, width=80),
        Column("Minutes/item", lambda s: fmt.number(s.minutes_per_item), numeric=True, width=95),
        Column("Data used", lambda s: ", ".join(sources.get(k, k) for k in s.data) or "—"),
    ]


class BusinessLogicStep(StepPage):
    title = "Business logic"
    advice = (
        "Today's process as ordered steps: who acts, what is decided, how much manual "
        "work it takes, and where AI would assist or automate."
    )
    read_only_note = READ_ONLY_NOTE
    watches = frozenset({"process_steps", "data_sources"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        self.model: RecordTableModel[ProcessStep] = RecordTableModel(_columns(None), self)
        self.table = make_table(self.model, self, stretch=len(self.model.columns) - 1, wrap=True)
        self.body.addWidget(self.table, 1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self.model.set_rows(project.process_steps, _columns(project))
        steps = project.process_steps
        if not steps:
            self.summary.setText("No process steps yet: today's process is not mapped.")
            return
        assist = sum(1 for s in steps if s.ai_role is AiRole.ASSIST)
        automate = sum(1 for s in steps if s.ai_role is AiRole.AUTOMATE)
        minutes = sum((s.volume_per_day or 0) * (s.minutes_per_item or 0) for s in steps)
        self.summary.setText(
            f"{plural(len(steps), 'step')}; AI would assist at {assist} and automate {automate}. "
            f"Manual work today: about <b>{fmt.points(round(minutes / 60))} hours a day</b>."
        )

    def completion(self, project: Project) -> str:
        return str(len(project.process_steps)) if project.process_steps else ""

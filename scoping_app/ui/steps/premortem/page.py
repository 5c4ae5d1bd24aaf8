"""Step 7, Pre-mortem: why the project failed, a year from now; and how capabilities fail."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from scoping_app.domain.model import FailureMode, Project, Risk
from scoping_app.ui import format as fmt
from scoping_app.ui.widgets.read_only import READ_ONLY_NOTE, section_label, summary_label
from scoping_app.ui.widgets.record_table import Column, RecordTableModel
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage
from scoping_app.ui.widgets.tables import make_table

SEVERE = "#b00020"


def _story(risk: Risk) -> str:
    """The story without the "It failed because" the column title already says."""
    story = risk.story.strip()
    prefix = "it failed because"
    if story.casefold().startswith(prefix) and len(story) > len(prefix) + 1:
        story = story[len(prefix) :].lstrip(" ,:…")
    return story


def _risk_columns(project: Project | None) -> list[Column[Risk]]:
    mitigators: dict[str, list[str]] = {}
    for capability in project.capabilities if project else []:
        for key in capability.mitigates:
            mitigators.setdefault(key, []).append(capability.name)
    return [
        Column("Cause", lambda r: fmt.choice(r.cause), width=105),
        Column("It failed because…", _story, width=330),
        Column("L", lambda r: str(r.likelihood), numeric=True, width=34, tooltip="Likelihood 1-5"),
        Column("I", lambda r: str(r.impact), numeric=True, width=34, tooltip="Impact 1-5"),
        Column(
            "Score",
            lambda r: f"{r.score} severe" if r.severe else str(r.score),
            numeric=True,
            width=100,
            tooltip="Likelihood x impact; 15 or more while open is severe",
            colour=lambda r: SEVERE if r.severe else None,
        ),
        Column("Status", lambda r: fmt.choice(r.status), width=85),
        Column("Owner", lambda r: r.owner or "—", width=140),
        Column("Mitigated by", lambda r: ", ".join(mitigators.get(r.key, [])) or "nothing yet"),
    ]


def _failure_columns(project: Project | None) -> list[Column[FailureMode]]:
    names = {c.key: c.name for c in project.capabilities} if project else {}
    return [
        Column("Capability", lambda m: names.get(m.capability, m.capability), width=190),
        Column("How it goes wrong", lambda m: m.description, width=280),
        Column("L", lambda m: str(m.likelihood), numeric=True, width=34, tooltip="Likelihood 1-5"),
        Column("I", lambda m: str(m.impact), numeric=True, width=34, tooltip="Impact 1-5"),
        Column("Detection", lambda m: m.detection or "—", width=200),
        Column(
            "Fallback",
            lambda m: fmt.choice(m.fallback),
            width=140,
            colour=lambda m: SEVERE if m.impact >= 4 and m.fallback.value == "none" else None,
        ),
        Column("Called at 3am", lambda m: m.owner or "nobody named"),
    ]


class PreMortemStep(StepPage):
    title = "Pre-mortem"
    advice = (
        "It is a year from now and the project failed: why? Each risk with likelihood, "
        "impact, owner and what mitigates it; below, how each capability can fail."
    )
    read_only_note = READ_ONLY_NOTE
    watches = frozenset({"risks", "failure_modes", "capabilities"})

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setChildrenCollapsible(False)
        self.risks_model: RecordTableModel[Risk] = RecordTableModel(_risk_columns(None), self)
        self.failures_model: RecordTableModel[FailureMode] = RecordTableModel(
            _failure_columns(None), self
        )
        for title, model in (
            ("Risks", self.risks_model),
            ("Failure modes and fallbacks", self.failures_model),
        ):
            holder = QWidget(splitter)
            layout = QVBoxLayout(holder)
            layout.setContentsMargins(0, 4, 0, 0)
            layout.addWidget(section_label(title))
            layout.addWidget(make_table(model, holder, stretch=len(model.columns) - 1, wrap=True))
        splitter.setSizes([380, 220])
        self.body.addWidget(splitter, 1)

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self.risks_model.set_rows(project.risks, _risk_columns(project))
        self.failures_model.set_rows(project.failure_modes, _failure_columns(project))
        mitigated = {key for c in project.capabilities for key in c.mitigates}
        severe = [r for r in project.risks if r.severe]
        bare = [r for r in severe if r.key not in mitigated]
        if not project.risks:
            self.summary.setText("No risks yet: the pre-mortem has not been run.")
            return
        self.summary.setText(
            f"{len(project.risks)} risks, <span style='color:{SEVERE}'><b>{len(severe)} severe"
            f"</b></span>; {len(bare)} severe with no capability mitigating it. "
            f"{len(project.failure_modes)} failure modes described."
        )

    def completion(self, project: Project) -> str:
        return str(len(project.risks)) if project.risks else ""

"""The executive brief's model: the verdict and the few facts a sponsor decides on."""

from __future__ import annotations

from datetime import date

from scoping_app.analysis.estimate import deadline_fit, effort_range
from scoping_app.analysis.figures import SliceFigures
from scoping_app.analysis.project_confidence import project_confidence, work_starts
from scoping_app.analysis.readiness import RUBRIC_TOPICS
from scoping_app.analysis.verdict import Verdict
from scoping_app.domain import words
from scoping_app.domain.enums import DecisionStatus, RiskStatus
from scoping_app.domain.model import Project
from scoping_app.report.model import Brief, BriefDecision, BriefRisk, DeferredRow

TOP_RISKS = 3
BLOCKING_SHOWN = 3
DEFERRED_SHOWN = 3


def build_brief(
    project: Project,
    verdict: Verdict,
    figures: SliceFigures | None,
    deferred: tuple[DeferredRow, ...],
    today: date,
) -> Brief:
    """The brief of ``project`` for the recommended scope's ``figures`` (None: none found)."""
    closure = frozenset(figures.closure) if figures is not None else frozenset()
    mitigated = {key for c in project.capabilities if c.key in closure for key in c.mitigates}
    numbers = {risk.key: f"R{n}" for n, risk in enumerate(project.risks, start=1)}
    open_risks = [risk for risk in project.risks if risk.status is RiskStatus.OPEN]
    # The worst first; among equals, the project's order (the register's numbers).
    worst = sorted(open_risks, key=lambda risk: -risk.score)[:TOP_RISKS]
    blocking = [
        d
        for d in project.decisions
        if d.status is not DecisionStatus.DECIDED and d.topic in RUBRIC_TOPICS
    ]
    open_decisions = [d for d in project.decisions if d.status is not DecisionStatus.DECIDED]
    largest = sorted(deferred, key=lambda row: (-row.value, row.added_effort))
    return Brief(
        verdict=verdict,
        effort=effort_range(project, closure) if figures is not None else None,
        deadline=(
            deadline_fit(figures.duration, project.info.deadline, work_starts(project, today))
            if figures is not None
            else None
        ),
        top_risks=tuple(
            BriefRisk(
                label=numbers[risk.key],
                story=risk.story,
                owner=risk.owner,
                likelihood=risk.likelihood,
                impact=risk.impact,
                severe=risk.severe,
                mitigated=risk.key in mitigated,
            )
            for risk in worst
        ),
        open_risks=len(open_risks),
        blocking_decisions=tuple(
            BriefDecision(words.choice(d.topic), d.question, tuple(d.options)) for d in blocking
        ),
        other_open_decisions=len(open_decisions) - len(blocking),
        deferred=len(deferred),
        deferred_largest=tuple(largest[:DEFERRED_SHOWN]),
        confidence=(project_confidence(project, closure, today) if figures is not None else None),
        team_size=project.info.team_size,
        work_starts=work_starts(project, today),
    )

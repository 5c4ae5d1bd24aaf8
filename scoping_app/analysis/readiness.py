"""The readiness audit (docs/readiness.md, rubric v1): 21 checks, seven sections, one gate.

The scoring rules are code, one small function per check
(:mod:`scoping_app.analysis.readiness_checks`, where the rubric's readings are
written down); the words (titles, finding sentences, advice, band texts) are data,
read from ``resources/rubric/readiness-v1.json``. Here the checks are run, summed by
section, gated, and their findings worded.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from typing import Any

from scoping_app.analysis.optimizer import ScopeResult
from scoping_app.analysis.readiness_checks import (
    CHECK_IDS,
    CHECKS,
    SECTIONS,
    Outcome,
    audit_context,
)
from scoping_app.domain.model import SEVERE_IMPACT as SEVERE_IMPACT
from scoping_app.domain.model import Project
from scoping_app.domain.rubric_topics import RUBRIC_TOPICS as RUBRIC_TOPICS
from scoping_app.paths import resource

RUBRIC_FILE = ("rubric", "readiness-v1.json")
GO, CONDITIONAL, NO_GO = "go", "conditional", "no-go"


# the audit -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """A check scoring below 1: what is missing, in words, and the items concerned."""

    check: str
    severity: str  # "high" (score 0) or "medium" (score 0.5)
    message: str
    items: tuple[str, ...]  # sorted keys
    title: str
    advice: str


@dataclass(frozen=True)
class Audit:
    """The readiness audit of one project."""

    readiness: float  # the lowest section score, 0 to 3
    gate: str  # "go", "conditional" or "no-go"
    weakest: str  # section letter
    band: str  # the meaning of the readiness, in words
    sections: dict[str, float]  # A..G, in order
    checks: dict[str, float]  # A1..G3, in order
    findings: tuple[Finding, ...]  # in check order
    scope_viable: bool  # whether the reference scope is the smallest viable one
    reference_scope: tuple[str, ...]  # sorted keys
    used_sources: tuple[str, ...]  # sorted keys


# the rubric's words ----------------------------------------------------------------------


@dataclass(frozen=True)
class Rubric:
    """The words of the rubric as shipped: titles, sentences, advice, bands."""

    sections: dict[str, str]  # letter -> title
    checks: dict[str, dict[str, Any]]  # id -> {"section", "title", "messages", "advice"}
    bands: tuple[tuple[float, float, str], ...]  # (from, to, text), inclusive

    def band(self, readiness: float) -> str:
        for low, high, text in self.bands:
            if low <= readiness <= high:
                return text
        raise ValueError(f"no band for readiness {readiness}")

    def section_title(self, section: str) -> str:
        return self.sections[section]


@cache
def load_rubric() -> Rubric:
    """The bundled rubric v1 (read once)."""
    data = json.loads(resource(*RUBRIC_FILE).read_text(encoding="utf-8"))
    return Rubric(
        sections={k: v["title"] for k, v in data["sections"].items()},
        checks=data["checks"],
        bands=tuple((float(b["from"]), float(b["to"]), b["text"]) for b in data["bands"]),
    )


# the whole audit -------------------------------------------------------------------------


def gate_of(readiness: float) -> str:
    if readiness >= 2:
        return GO
    return CONDITIONAL if readiness >= 1 else NO_GO


def weakest_of(sections: dict[str, float]) -> str:
    """The first section, in A..G order, among those with the lowest score."""
    lowest = min(sections.values())
    return next(s for s in SECTIONS if sections[s] == lowest)


def audit(project: Project, *, scope: ScopeResult | None = None) -> Audit:
    """Score a project on rubric v1; ``scope`` saves re-solving the smallest viable scope."""
    ctx = audit_context(project, scope)
    rubric = load_rubric()
    outcomes = {check: CHECKS[check](ctx) for check in CHECK_IDS}
    checks = {check: outcomes[check].score for check in CHECK_IDS}
    sections = {s: math.fsum(checks[f"{s}{n}"] for n in (1, 2, 3)) for s in SECTIONS}
    readiness = min(sections.values())
    findings = tuple(
        _finding(rubric, check, outcome) for check, outcome in outcomes.items() if outcome.score < 1
    )
    return Audit(
        readiness=readiness,
        gate=gate_of(readiness),
        weakest=weakest_of(sections),
        band=rubric.band(readiness),
        sections=sections,
        checks=checks,
        findings=findings,
        scope_viable=ctx.scope.viable,
        reference_scope=tuple(sorted(ctx.reference)),
        used_sources=tuple(sorted(s.key for s in ctx.used_sources)),
    )


def _finding(rubric: Rubric, check: str, outcome: Outcome) -> Finding:
    words = rubric.checks[check]
    key = outcome.message or ("0" if outcome.score == 0 else "0.5")
    return Finding(
        check=check,
        severity="high" if outcome.score == 0 else "medium",
        message=words["messages"][key].format_map(outcome.fields),
        items=outcome.items,
        title=words["title"],
        advice=words["advice"],
    )

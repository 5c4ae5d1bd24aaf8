"""The plain report model of the PDF plan: formatted text and numbers, no database, no pydantic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from scoping_app.analysis.confidence import Confidence
from scoping_app.analysis.estimate import DeadlineFit, EffortRange
from scoping_app.analysis.verdict import Verdict


@dataclass(frozen=True)
class CoverInfo:
    """What the cover page says about the project."""

    project_name: str
    report_date: date
    industry: str  # a label for people, e.g. "Fintech (regulated)"
    pattern: str  # a label for people, e.g. "Retrieval-augmented generation (RAG)"
    owner: str
    problem: str
    objective: str
    deadline: date | None = None


@dataclass(frozen=True)
class Budgets:
    """The project's budgets and targets; None where the user set none."""

    currency: str
    latency_budget_ms: float | None = None
    monthly_budget: float | None = None
    monthly_value: float | None = None
    value_target: float | None = None


@dataclass(frozen=True)
class _Numbered:
    """A thing numbered in the project's order, labelled with its kind's letter: R1, M2…"""

    number: int
    LETTER: ClassVar[str] = ""

    @property
    def label(self) -> str:
        return f"{self.LETTER}{self.number}"


@dataclass(frozen=True)
class RiskRef(_Numbered):
    """A severe risk of the pre-mortem, numbered R1, R2… in the project's order."""

    LETTER: ClassVar[str] = "R"
    story: str


@dataclass(frozen=True)
class MetricRef(_Numbered):
    """A metric of the definition of good, numbered M1, M2… in the project's order."""

    LETTER: ClassVar[str] = "M"
    name: str
    must: bool


@dataclass(frozen=True)
class ScopeFigures:
    """The derived figures of one set of capabilities, with names in place of keys."""

    capabilities: tuple[str, ...]  # names of every capability in the closure, in project order
    pulled_in: tuple[str, ...]  # names of the prerequisites that were not picked
    effort_days: float
    duration_days: float
    value: float
    latency_ms: float
    monthly_cost: float
    metrics_covered: tuple[MetricRef, ...]  # in project order
    metrics_total: int
    severe_risks_open: tuple[RiskRef, ...]  # severe risks the scope leaves unmitigated
    viable: bool
    violations: tuple[str, ...]  # the analysis's sentences, one per failed condition
    shortfalls: tuple[str, ...] = ()  # the same conditions in a few words, for narrow cells


@dataclass(frozen=True)
class SliceColumn:
    """One column of the slice comparison."""

    name: str
    description: str
    figures: ScopeFigures
    key: str | None = None  # None for the computed smallest viable scope
    recommended: bool = False


@dataclass(frozen=True)
class RecommendedScope:
    """The scope the plan recommends: the smallest viable one, or a slice the user chose."""

    title: str  # "Smallest viable scope" or the slice's name
    chosen_slice: str | None  # the slice's key when the user chose one
    description: str
    figures: ScopeFigures | None  # None when nothing is viable
    reasons: tuple[str, ...] = ()  # why nothing is viable, when figures is None

    @property
    def found(self) -> bool:
        return self.figures is not None


@dataclass(frozen=True)
class CapabilityRow:
    """One capability as the capabilities table shows it."""

    key: str
    name: str
    category: str
    effort_optimistic: float
    effort_likely: float
    effort_pessimistic: float
    effort_expected: float
    value: float
    latency_ms: float
    monthly_cost: float
    prerequisites: tuple[str, ...]  # names of the direct prerequisites
    mandatory: bool
    in_scope: bool
    cost_formula: str | None = None  # with cost drivers: the formula with its numbers
    latency_formula: str | None = None  # with latency drivers: the formula with its numbers


@dataclass(frozen=True)
class PlanReport:
    """Everything the PDF plan shows, ready to render."""

    cover: CoverInfo
    budgets: Budgets
    recommended: RecommendedScope
    slices: tuple[SliceColumn, ...]
    capabilities: tuple[CapabilityRow, ...]
    metrics: tuple[MetricRef, ...] = ()  # every metric of the project
    severe_risks: tuple[RiskRef, ...] = ()  # the severe risks some scope leaves open
    author: str = "AI Scoping Studio"
    details: PlanDetails | None = None
    sections: tuple[str, ...] = ()  # section ids to render, in order; empty means every one
    brief: Brief | None = None

    @property
    def title(self) -> str:
        return f"{self.cover.project_name}: AI scoping plan"


@dataclass(frozen=True)
class FindingRow:
    """One finding of the readiness audit, in words."""

    check: str  # e.g. "B1"
    title: str
    severity: str  # "high" or "medium"
    message: str
    advice: str


@dataclass(frozen=True)
class AuditSummary:
    """The readiness audit: the gate, the score per section, and the findings in check order."""

    readiness: float  # 0 to 3, the lowest section score
    gate: str  # "go", "conditional" or "no-go"
    band: str
    sections: tuple[tuple[str, str, float], ...]  # (letter, title, score), A..G
    findings: tuple[FindingRow, ...]

    @property
    def top_findings(self) -> tuple[FindingRow, ...]:
        """The three that matter most: high before medium, each group in check order."""
        ranked = sorted(self.findings, key=lambda f: f.severity != "high")
        return tuple(ranked[:3])


@dataclass(frozen=True)
class StepRow:
    """One step of today's process."""

    name: str
    actor: str
    decision: str
    ai_role: str  # "None", "Assist", "Automate"
    volume_per_day: float | None
    minutes_per_item: float | None

    @property
    def manual_minutes(self) -> float | None:
        if self.volume_per_day is None or self.minutes_per_item is None:
            return None
        return self.volume_per_day * self.minutes_per_item


@dataclass(frozen=True)
class SourceRow:
    """One data source and how real it is."""

    name: str
    status: str  # "have", "assumed" or "to_acquire"
    verified_on: date | None
    owner: str
    records: int | None
    quality: int | None
    pii: bool
    residency: str


@dataclass(frozen=True)
class MetricRow:
    """One metric of the definition of good."""

    label: str  # M1, M2…
    name: str
    kind: str
    unit: str
    baseline: float | None
    target: float | None
    direction: str
    method: str
    on_real_inputs: bool
    must: bool
    gaps: tuple[str, ...]  # what it lacks to be measurable: "unit", "baseline"…


@dataclass(frozen=True)
class DecisionRow:
    topic: str
    question: str
    choice: str
    rationale: str
    decided: bool
    options: tuple[str, ...] = ()  # the alternatives weighed, in the project's order


@dataclass(frozen=True)
class GraphNode:
    key: str
    name: str
    effort: float  # expected, person-days
    state: str  # "in" (picked), "pulled" (pulled in as a prerequisite) or "out"
    mandatory: bool = False  # the project marks it mandatory: every viable scope holds it


@dataclass(frozen=True)
class GraphInfo:
    """The dependency graph as the window lays it out: layers left to right."""

    layers: tuple[tuple[str, ...], ...]
    nodes: dict[str, GraphNode]
    edges: tuple[tuple[str, str], ...]  # (prerequisite, dependant)
    # Keys of the recommended scope's critical path (its longest chain of expected effort),
    # prerequisites first; empty when no scope is recommended.
    critical_path: tuple[str, ...] = ()


@dataclass(frozen=True)
class FailureRow:
    capability: str
    description: str
    likelihood: int
    impact: int
    detection: str
    fallback: str  # words; "None" when there is none
    owner: str
    severe_without_fallback: bool


@dataclass(frozen=True)
class RiskRow:
    label: str  # R1, R2… in the project's order
    story: str
    cause: str
    likelihood: int
    impact: int
    owner: str
    status: str
    severe: bool
    mitigated_by: tuple[str, ...]  # capability names


@dataclass(frozen=True)
class DeferredRow:
    """A capability left out of the recommended scope, and what adding it would bring."""

    name: str
    value: float
    effort: float  # its own expected effort
    added_effort: float  # with the prerequisites it would pull in
    added_value: float
    brings: tuple[str, ...]  # short phrases: metrics covered, risks mitigated, viability


@dataclass(frozen=True)
class PlanDetails:
    """The sections of the plan beyond the scope and the slices, each ready to render."""

    audit: AuditSummary | None = None
    steps: tuple[StepRow, ...] = ()
    sources: tuple[SourceRow, ...] = ()
    metric_rows: tuple[MetricRow, ...] = ()
    decisions: tuple[DecisionRow, ...] = ()
    graph: GraphInfo | None = None
    failures: tuple[FailureRow, ...] = ()
    risks: tuple[RiskRow, ...] = ()
    deferred: tuple[DeferredRow, ...] = ()


@dataclass(frozen=True)
class BriefRisk:
    """An open risk as the executive brief lists it: the worst few by likelihood x impact."""

    label: str  # R1, R2… as the register numbers them
    story: str
    owner: str
    likelihood: int
    impact: int
    severe: bool
    mitigated: bool  # a capability of the recommended scope mitigates it


@dataclass(frozen=True)
class BriefDecision:
    """A decision still open that holds the plan up (the readiness rubric asks for it)."""

    topic: str
    question: str
    options: tuple[str, ...]


@dataclass(frozen=True)
class Brief:
    """The one-page executive brief: the verdict and the few facts a sponsor decides on."""

    verdict: Verdict
    effort: EffortRange | None  # None when nothing is recommended
    deadline: DeadlineFit | None  # None without a deadline or a recommended scope
    top_risks: tuple[BriefRisk, ...]
    open_risks: int  # every risk with status open
    blocking_decisions: tuple[BriefDecision, ...]
    other_open_decisions: int  # open decisions on topics the rubric does not ask about
    deferred: int  # capabilities left out of the recommended scope
    deferred_largest: tuple[DeferredRow, ...]  # the most valuable of them, largest first
    confidence: Confidence | None = None  # None when nothing is recommended
    team_size: int | None = None  # the project's team, which the duration's P80 assumes
    work_starts: date | None = None  # the day the deadline's odds count from

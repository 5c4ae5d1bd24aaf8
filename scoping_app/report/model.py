"""The plain report model of the PDF plan: formatted text and numbers, no database, no pydantic."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


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
class RiskRef:
    """A severe risk of the pre-mortem, numbered R1, R2… in the project's order."""

    number: int
    story: str

    @property
    def label(self) -> str:
        return f"R{self.number}"


@dataclass(frozen=True)
class MetricRef:
    """A metric of the definition of good, numbered M1, M2… in the project's order."""

    number: int
    name: str
    must: bool

    @property
    def label(self) -> str:
        return f"M{self.number}"


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

    @property
    def title(self) -> str:
        return f"{self.cover.project_name}: AI scoping plan"

"""Build the plain report model of the PDF plan from a project and the analysis."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from scoping_app.analysis.figures import SliceFigures, figures_of_slices
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.analysis.readiness import audit
from scoping_app.analysis.verdict import Recommendation, plan_verdict
from scoping_app.domain import words
from scoping_app.domain.drivers import cost_formula, latency_formula
from scoping_app.domain.model import Project, Slice
from scoping_app.report import sections as plan_sections
from scoping_app.report.build_brief import build_brief
from scoping_app.report.build_details import build_details
from scoping_app.report.model import (
    Budgets,
    CapabilityRow,
    CoverInfo,
    MetricRef,
    PlanReport,
    RecommendedScope,
    RiskRef,
    ScopeFigures,
    SliceColumn,
)

DEFAULT_AUTHOR = "AI Scoping Studio"
SMALLEST_VIABLE_TITLE = "Smallest viable scope"
SMALLEST_VIABLE_DESCRIPTION = (
    "The set of capabilities of least effort, prerequisites included, "
    "that meets every condition of viability."
)


def build_plan(
    project: Project,
    *,
    recommended_slice: str | None = None,
    today: date | None = None,
    sections: Collection[str] | None = None,
) -> PlanReport:
    """The report model of ``project``.

    The recommended scope is the smallest viable scope, or the slice named by
    ``recommended_slice`` (its key or its name); an unknown slice raises ValueError.
    ``sections`` are the ids of :mod:`scoping_app.report.sections` to include (all by
    default; the cover always comes); an unknown id raises ValueError.
    """
    included = plan_sections.chosen(sections)
    chosen = _find_slice(project, recommended_slice) if recommended_slice is not None else None
    today = today or date.today()
    # One smallest viable scope and one audit for the whole plan: the brief, the audit
    # section and the comparison all read the same ones.
    result = smallest_viable_scope(project)
    readiness = audit(project, scope=result)
    risks = _RiskNumbers(project)
    all_figures = figures_of_slices(project, [item.capabilities for item in project.slices])
    figures_by_slice = {
        item.key: figures for item, figures in zip(project.slices, all_figures, strict=True)
    }

    columns: list[SliceColumn] = []
    recommended_figures: SliceFigures | None
    if chosen is not None:
        recommended_figures = figures_by_slice[chosen.key]
        recommendation = Recommendation.of_slice(chosen.name, recommended_figures)
        chosen_figures = _scope_figures(project, risks, recommended_figures)
        recommended = RecommendedScope(
            title=chosen.name,
            chosen_slice=chosen.key,
            description=chosen.description,
            figures=chosen_figures,
        )
        in_scope = frozenset(figures_by_slice[chosen.key].closure)
        pulled_in = frozenset(figures_by_slice[chosen.key].pulled_in)
    else:
        recommendation = Recommendation.smallest(result)
        recommended_figures = result.figures if result.viable else None
        if result.viable and result.figures is not None:
            smallest = _scope_figures(project, risks, result.figures)
            recommended = RecommendedScope(
                title=SMALLEST_VIABLE_TITLE,
                chosen_slice=None,
                description=SMALLEST_VIABLE_DESCRIPTION,
                figures=smallest,
            )
            in_scope = frozenset(result.figures.closure)
            pulled_in = frozenset(result.figures.pulled_in)
            # The computed scope leads the comparison, so every slice is read against it.
            columns.append(
                SliceColumn(
                    name=SMALLEST_VIABLE_TITLE,
                    description="Computed by the app: the least effort that meets every "
                    "condition of viability.",
                    figures=smallest,
                    recommended=True,
                )
            )
        else:
            recommended = RecommendedScope(
                title=SMALLEST_VIABLE_TITLE,
                chosen_slice=None,
                description="",
                figures=None,
                reasons=tuple(result.reasons),
            )
            in_scope = frozenset()
            pulled_in = frozenset()

    for item in project.slices:
        columns.append(
            SliceColumn(
                name=item.name,
                description=item.description,
                figures=_scope_figures(project, risks, figures_by_slice[item.key]),
                key=item.key,
                recommended=chosen is not None and item.key == chosen.key,
            )
        )

    info = project.info
    details = build_details(project, in_scope, pulled_in, recommended.found, readiness)
    verdict = plan_verdict(project, recommendation, readiness)
    return PlanReport(
        cover=CoverInfo(
            project_name=info.name,
            report_date=today,
            industry=words.industry(info.industry),
            pattern=words.pattern(info.pattern),
            owner=info.owner,
            problem=info.problem,
            objective=info.objective,
            deadline=info.deadline,
        ),
        budgets=Budgets(
            currency=info.currency,
            latency_budget_ms=info.latency_budget_ms,
            monthly_budget=info.monthly_budget,
            monthly_value=info.monthly_value,
            value_target=info.value_target,
        ),
        recommended=recommended,
        slices=tuple(columns),
        capabilities=_capability_rows(project, in_scope),
        metrics=tuple(_metric_refs(project).values()),
        severe_risks=risks.used(),
        author=info.owner.strip() or DEFAULT_AUTHOR,
        details=details,
        sections=included,
        brief=build_brief(project, verdict, recommended_figures, details.deferred, today),
    )


class _RiskNumbers:
    """Numbers risks R1, R2… in the project's order (as the register does), and remembers
    which severe ones were shown."""

    def __init__(self, project: Project) -> None:
        self._stories = {risk.key: risk.story for risk in project.risks}
        self._order = [risk.key for risk in project.risks]
        self._shown: set[str] = set()

    def refs(self, keys: tuple[str, ...]) -> tuple[RiskRef, ...]:
        for key in keys:
            if key not in self._order:  # the analysis judged it severe; keep it numbered
                self._order.append(key)
        self._shown.update(keys)
        ordered = sorted(keys, key=self._order.index)
        return tuple(self._ref(key) for key in ordered)

    def used(self) -> tuple[RiskRef, ...]:
        return tuple(self._ref(key) for key in self._order if key in self._shown)

    def _ref(self, key: str) -> RiskRef:
        return RiskRef(self._order.index(key) + 1, self._stories.get(key, key))


def _find_slice(project: Project, wanted: str) -> Slice:
    found = project.find_slice(wanted)
    if found is not None:
        return found
    known = ", ".join(f"“{name}”" for name in words.names_by_key(project.slices).values())
    raise ValueError(
        f"The project {project.name!r} has no slice {wanted!r}. "
        + (f"Its slices are: {known}." if known else "It has no slices yet.")
    )


def _scope_figures(project: Project, risks: _RiskNumbers, figures: SliceFigures) -> ScopeFigures:
    in_closure = set(figures.closure)
    pulled_in = set(figures.pulled_in)
    covered = set(figures.metrics_covered)
    metrics = _metric_refs(project)
    return ScopeFigures(
        capabilities=tuple(c.name for c in project.capabilities if c.key in in_closure),
        pulled_in=tuple(c.name for c in project.capabilities if c.key in pulled_in),
        effort_days=figures.effort,
        duration_days=figures.duration,
        value=figures.value,
        latency_ms=figures.latency_ms,
        monthly_cost=figures.monthly_cost,
        metrics_covered=tuple(ref for key, ref in metrics.items() if key in covered),
        metrics_total=len(project.metrics),
        severe_risks_open=risks.refs(figures.severe_risks_open),
        viable=figures.viable,
        violations=tuple(figures.violations),
        shortfalls=_shortfalls(project, figures, metrics, risks),
    )


def _metric_refs(project: Project) -> dict[str, MetricRef]:
    return {
        metric.key: MetricRef(number, metric.name, metric.must)
        for number, metric in enumerate(project.metrics, start=1)
    }


def _shortfalls(
    project: Project,
    figures: SliceFigures,
    metrics: dict[str, MetricRef],
    risks: _RiskNumbers,
) -> tuple[str, ...]:
    """The failed conditions of viability in a few words each, in the spec's order.

    The analysis's sentences name every item in full, which is right for the recommended
    scope but too long for a column of the comparison.
    """
    if figures.viable:
        return ()
    info = project.info
    closure = set(figures.closure)
    covered = set(figures.metrics_covered)
    missing = [c for c in project.capabilities if c.mandatory and c.key not in closure]
    uncovered = [metrics[m.key].label for m in project.metrics if m.must and m.key not in covered]
    found: list[str] = []
    if missing:
        found.append(
            _count(len(missing), "mandatory capability", "mandatory capabilities") + " missing"
        )
    if uncovered:
        found.append("Must-have metrics not covered: " + ", ".join(uncovered))
    if info.latency_budget_ms is not None and figures.latency_ms > info.latency_budget_ms:
        found.append("Over the latency budget")
    if info.monthly_budget is not None and figures.monthly_cost > info.monthly_budget:
        found.append("Over the running cost budget")
    if info.value_target is not None and figures.value < info.value_target:
        found.append("Value below the target")
    if figures.severe_risks_open:
        labels = ", ".join(ref.label for ref in risks.refs(figures.severe_risks_open))
        found.append("Severe risks left unmitigated: " + labels)
    # Should the words ever disagree with the analysis, its own sentences are shown instead.
    return tuple(found) if found else tuple(figures.violations)


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _capability_rows(project: Project, in_scope: frozenset[str]) -> tuple[CapabilityRow, ...]:
    names = {c.key: c.name for c in project.capabilities}
    return tuple(
        CapabilityRow(
            key=c.key,
            name=c.name,
            category=words.category(c.category),
            effort_optimistic=c.effort.optimistic,
            effort_likely=c.effort.likely,
            effort_pessimistic=c.effort.pessimistic,
            effort_expected=c.effort.expected,
            value=c.value,
            latency_ms=c.latency_ms,
            monthly_cost=c.monthly_cost,
            prerequisites=tuple(names.get(key, key) for key in c.requires),
            mandatory=c.mandatory,
            in_scope=c.key in in_scope,
            cost_formula=(
                cost_formula(c.cost_model, project.info.currency) if c.cost_model else None
            ),
            latency_formula=latency_formula(c.latency_model) if c.latency_model else None,
        )
        for c in project.capabilities
    )

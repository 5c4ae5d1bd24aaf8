"""The 21 checks of the readiness rubric (docs/readiness.md, rubric v1), one small function
each (:data:`CHECKS`), and what every check reads (:class:`AuditContext`).

:mod:`scoping_app.analysis.readiness` runs them and words their findings.

Readings of the rubric
----------------------
Where the rubric leaves a choice, the audit reads it as follows.

- **Set.** A text field is set when it is non-empty after stripping blanks
  (``"  "`` is not an owner); a number, a rating or a date is set when it is not
  null (a baseline of 0 is set). ``verified_on`` set means a date is recorded.
- **Decided** means a decision with status ``decided``; its ``choice`` text is
  not inspected (the status is what the user asserts).
- **Fraction rule.** With n items of which p pass: 1 when n >= 1 and p = n;
  0.5 when 2p >= n (exactly half counts); 0 otherwise. n = 0 is never scored by
  the rule: each check says what it scores then.
- **Reference scope** is the closed set of the smallest viable scope; when
  nothing is viable, all capabilities. Its latency and monthly cost (D1, D2)
  are the derived figures over that set.
- **Used sources** are the known data sources named in ``uses_data`` by
  capabilities of the reference scope (process steps' ``data`` do not count);
  when that set is empty, all data sources. A2 and A3 score 0 only when the
  project has no data source at all.
- **A1.** 1 needs two or more steps and at least one with ``ai_role`` assist or
  automate; one step alone is 0.5 whatever its role; no step is 0.
- **B1, B2, B3** look at all metrics of the project (not only those the scope
  delivers). B1's "unit, baseline, target and method" are all four required.
- **C1** counts failure modes attached to each model-facing capability of the
  reference scope; **C2, C3** look at every failure mode of the project with
  impact >= 4, whether or not its capability is in the reference scope (the
  rubric names no scope there). C3 needs both ``detection`` and ``owner`` set.
- **D2.** 1: ``monthly_value`` set, cost <= value and cost <= ``monthly_budget``
  where one is set. 0.5: value set, cost <= value, cost > budget. Cost over
  the monthly value is 0, whatever the budget; no monthly value is 0.
- **D3** counts decisions, not topics: two decided decisions on ``serving``
  score 1. **E2** counts topics with at least one decided decision (the rubric
  says "all four topics"), so 2 or 3 such topics score 0.5, 0 or 1 score 0.
  **F3**: 1 when any decision on its topics is decided; 0.5 when decisions on
  them exist but all are open; 0 when there is none.
- **E1** looks at every PII source of the project (personal data is a matter
  even when the first scope does not read it); "has a residency" means a
  non-empty ``residency``. With PII, the two conditions are: every PII source
  has a residency; the reference scope holds a ``compliance`` capability.
- **E3, F1, F2** check the category of the capabilities in the reference scope;
  F1 and F2 score 0.5 when such a capability exists only outside it.
- **G1** counts risks of any status; all four causes data, latency, drift and
  cost score 1, two or three 0.5, none or one 0.
- **G2** takes severe risks as the project format defines them (status open,
  likelihood x impact >= 15), each mitigated when a capability of the
  reference scope lists it in ``mitigates``.
- **G3** compares the smallest viable scope's effort (expected PERT effort
  over its closure) with the sum of expected effort over all capabilities:
  1 when it is at most 60% of it, with a relative tolerance of 1e-9 so that 60%
  on paper is 60% despite floating point; 0.5 above that; 0 when nothing is
  viable. A project whose capabilities all take 0 days scores 1 when viable.
- **Weakest section**: the first, in A..G order, among those with the lowest score.
- **Findings** come in check order A1..G3, one per check scoring below 1,
  severity ``high`` at 0 and ``medium`` at 0.5. ``items`` are the sorted keys
  of what fails, so the app can take the user there: A2, A3 the used sources
  that fail; B1 the must-metrics not measurable; B2 (0.5) the quality metrics
  none of which is on real inputs; B3 (0.5) the business metrics without a
  target; C1 the model-facing capabilities without a failure mode; C2, C3 the
  severe failure modes that fail; D3, E2, F3 the open decisions on the check's
  topics (E2: on the topics still undecided); E1 the PII sources without a
  residency; E3, F1, F2 the capabilities of the category outside the reference
  scope; G2 the severe risks not mitigated. A1, D1, D2, G1 and G3 concern no
  item, and list none.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from scoping_app.analysis._text import and_join, number, short
from scoping_app.analysis.figures import SliceFigures, slice_figures
from scoping_app.analysis.optimizer import ScopeResult, smallest_viable_scope
from scoping_app.domain import rubric_topics
from scoping_app.domain.enums import Category, MetricKind, Topic
from scoping_app.domain.model import DataSource, Decision, Project

SECTIONS = ("A", "B", "C", "D", "E", "F", "G")
CHECK_IDS = tuple(f"{s}{n}" for s in SECTIONS for n in (1, 2, 3))
HONEST_SHARE = 0.6  # G3
_SHARE_TOLERANCE = 1e-9
_TOPIC_WORDS = {Topic.PII: "PII"}


# the outcome of one check ----------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """A check's score, the keys it concerns, and how to word its finding.

    ``message`` names the rubric's sentence for this case; None means the one
    for the score ("0" or "0.5"). ``fields`` fill the sentence's placeholders.
    """

    score: float
    items: tuple[str, ...] = ()
    message: str | None = None
    fields: dict[str, str] = field(default_factory=dict)


# what every check reads ------------------------------------------------------------------


@dataclass(frozen=True)
class AuditContext:
    """The project with its reference scope worked out once for all checks."""

    project: Project
    scope: ScopeResult
    reference: frozenset[str]  # capability keys of the reference scope
    figures: SliceFigures  # figures of the reference scope
    used_sources: tuple[DataSource, ...]  # in project order

    def in_reference(self, category: Category) -> list[str]:
        return [
            c.key
            for c in self.project.capabilities
            if c.key in self.reference and c.category is category
        ]

    def outside_reference(self, category: Category) -> list[str]:
        return [
            c.key
            for c in self.project.capabilities
            if c.key not in self.reference and c.category is category
        ]


def audit_context(project: Project, scope: ScopeResult | None = None) -> AuditContext:
    """The reference scope (smallest viable, else everything) and the sources it uses."""
    if scope is None:
        scope = smallest_viable_scope(project)
    if scope.viable:
        keys: Iterable[str] = scope.capabilities
        figures = scope.figures or slice_figures(project, scope.capabilities)
    else:
        keys = [c.key for c in project.capabilities]
        figures = slice_figures(project, keys)
    reference = frozenset(figures.closure)
    used_keys = {k for c in project.capabilities if c.key in reference for k in c.uses_data}
    used = tuple(s for s in project.data_sources if s.key in used_keys)
    return AuditContext(project, scope, reference, figures, used or tuple(project.data_sources))


# small rules shared by the checks --------------------------------------------------------


def is_set(value: object) -> bool:
    """A text is set when it has more than blanks; anything else when it is not null."""
    if isinstance(value, str):
        return bool(value.strip())
    return value is not None


def fraction_rule(passing: int, total: int) -> float:
    """1 when all of at least one item pass, 0.5 when at least half, else 0 (total >= 1)."""
    if total < 1:
        raise ValueError("the fraction rule needs at least one item")
    if passing == total:
        return 1.0
    return 0.5 if 2 * passing >= total else 0.0


def _names(names: Sequence[str]) -> str:
    return and_join([f"“{short(n)}”" for n in names])


def _fraction(items: Sequence[tuple[str, str, bool]]) -> Outcome:
    """The fraction rule over (key, name, passes); the failing keys and names as the finding."""
    failing = [(key, name) for key, name, ok in items if not ok]
    score = fraction_rule(len(items) - len(failing), len(items))
    return Outcome(
        score,
        tuple(sorted(key for key, _ in failing)),
        fields={
            "failing": str(len(failing)),
            "total": str(len(items)),
            "names": _names([name for _, name in failing]),
        },
    )


def _decided(decisions: Iterable[Decision]) -> list[Decision]:
    return [d for d in decisions if d.decided]


def _on_topics(project: Project, topics: Sequence[Topic]) -> list[Decision]:
    return [d for d in project.decisions if d.topic in topics]


def _open_keys(decisions: Iterable[Decision]) -> tuple[str, ...]:
    return tuple(sorted(d.key for d in decisions if not d.decided))


def _in_scope_or_outside(ctx: AuditContext, category: Category) -> Outcome:
    """F1, F2: 1 in the reference scope, 0.5 when only outside it, 0 when there is none."""
    if ctx.in_reference(category):
        return Outcome(1.0)
    outside = ctx.outside_reference(category)
    names = [ctx.project.capability(k).name for k in outside]
    return Outcome(0.5 if outside else 0.0, tuple(sorted(outside)), fields={"names": _names(names)})


# A: business logic and data -------------------------------------------------------------


def check_a1(ctx: AuditContext) -> Outcome:
    steps = ctx.project.process_steps
    if not steps:
        return Outcome(0.0)
    if len(steps) == 1:
        return Outcome(0.5, message="one_step", fields={"names": _names([steps[0].name])})
    if any(s.uses_ai for s in steps):
        return Outcome(1.0)
    return Outcome(0.5, message="no_ai_role", fields={"total": str(len(steps))})


def check_a2(ctx: AuditContext) -> Outcome:
    if not ctx.used_sources:
        return Outcome(0.0, message="no_sources")
    return _fraction(
        [(s.key, s.name, s.in_hand and is_set(s.verified_on)) for s in ctx.used_sources]
    )


def check_a3(ctx: AuditContext) -> Outcome:
    if not ctx.used_sources:
        return Outcome(0.0, message="no_sources")
    return _fraction(
        [(s.key, s.name, is_set(s.quality) and is_set(s.refresh)) for s in ctx.used_sources]
    )


# B: definition of good -------------------------------------------------------------------


def check_b1(ctx: AuditContext) -> Outcome:
    musts = [m for m in ctx.project.metrics if m.must]
    if not musts:
        return Outcome(0.0, message="no_musts")
    return _fraction(
        [
            (m.key, m.name, all(is_set(v) for v in (m.unit, m.baseline, m.target, m.method)))
            for m in musts
        ]
    )


def check_b2(ctx: AuditContext) -> Outcome:
    quality = [m for m in ctx.project.metrics if m.kind is MetricKind.QUALITY]
    if not quality:
        return Outcome(0.0)
    if any(m.on_real_inputs for m in quality):
        return Outcome(1.0)
    keys = tuple(sorted(m.key for m in quality))
    return Outcome(0.5, keys, fields={"names": _names([m.name for m in quality])})


def check_b3(ctx: AuditContext) -> Outcome:
    business = [m for m in ctx.project.metrics if m.kind is MetricKind.BUSINESS]
    if not business:
        return Outcome(0.0)
    if any(is_set(m.target) for m in business):
        return Outcome(1.0)
    keys = tuple(sorted(m.key for m in business))
    return Outcome(0.5, keys, fields={"names": _names([m.name for m in business])})


# C: when the model is wrong --------------------------------------------------------------


def check_c1(ctx: AuditContext) -> Outcome:
    facing = [
        c for c in ctx.project.capabilities if c.key in ctx.reference and c.category.model_facing
    ]
    if not facing:
        return Outcome(1.0)
    with_modes = {f.capability for f in ctx.project.failure_modes}
    return _fraction([(c.key, c.name, c.key in with_modes) for c in facing])


def _severe_failures(ctx: AuditContext, passes: Callable[[Any], bool]) -> Outcome:
    severe = [f for f in ctx.project.failure_modes if f.severe]
    if not severe:
        return Outcome(1.0)
    return _fraction([(f.key, f.description, passes(f)) for f in severe])


def check_c2(ctx: AuditContext) -> Outcome:
    return _severe_failures(ctx, lambda f: f.has_fallback)


def check_c3(ctx: AuditContext) -> Outcome:
    return _severe_failures(ctx, lambda f: is_set(f.detection) and is_set(f.owner))


# D: latency, infrastructure and cost -----------------------------------------------------


def check_d1(ctx: AuditContext) -> Outcome:
    budget = ctx.project.info.latency_budget_ms
    latency = ctx.figures.latency_ms
    fields = {"latency": number(latency)}
    if budget is None:
        return Outcome(0.0, message="no_budget", fields=fields)
    if latency <= budget:
        return Outcome(1.0)
    return Outcome(0.0, fields={**fields, "budget": number(budget)})


def check_d2(ctx: AuditContext) -> Outcome:
    info = ctx.project.info
    cost = ctx.figures.monthly_cost
    fields = {"cost": number(cost), "currency": info.currency}
    if info.monthly_value is None:
        return Outcome(0.0, message="no_value", fields=fields)
    if cost > info.monthly_value:
        return Outcome(0.0, fields={**fields, "value": number(info.monthly_value)})
    if info.monthly_budget is not None and cost > info.monthly_budget:
        return Outcome(0.5, fields={**fields, "budget": number(info.monthly_budget)})
    return Outcome(1.0)


def check_d3(ctx: AuditContext) -> Outcome:
    decisions = _on_topics(ctx.project, rubric_topics.SERVING_TOPICS)
    decided = len(_decided(decisions))
    score = 1.0 if decided >= 2 else 0.5 if decided == 1 else 0.0
    return Outcome(score, _open_keys(decisions) if score < 1 else ())


# E: compliance ---------------------------------------------------------------------------


def check_e1(ctx: AuditContext) -> Outcome:
    pii = [s for s in ctx.project.data_sources if s.pii]
    if not pii:
        return Outcome(1.0)
    unplaced = [s for s in pii if not is_set(s.residency)]
    guarded = bool(ctx.in_reference(Category.COMPLIANCE))
    keys = tuple(sorted(s.key for s in unplaced))
    fields = {"names": _names([s.name for s in unplaced])}
    if not unplaced and guarded:
        return Outcome(1.0)
    if unplaced and not guarded:
        return Outcome(0.0, keys, fields=fields)
    return Outcome(0.5, keys, "no_residency" if unplaced else "no_compliance", fields)


def check_e2(ctx: AuditContext) -> Outcome:
    if not ctx.project.info.industry.regulated:
        return Outcome(1.0)
    decisions = _on_topics(ctx.project, rubric_topics.REGULATED_TOPICS)
    settled = {d.topic for d in _decided(decisions)}
    score = 1.0 if len(settled) == 4 else 0.5 if len(settled) >= 2 else 0.0
    if score == 1:
        return Outcome(1.0)
    undecided = [t for t in rubric_topics.REGULATED_TOPICS if t not in settled]
    return Outcome(
        score,
        _open_keys(d for d in decisions if d.topic not in settled),
        fields={
            "decided": str(len(settled)),
            "topics": and_join([_TOPIC_WORDS.get(t, t.value.replace("_", " ")) for t in undecided]),
        },
    )


def check_e3(ctx: AuditContext) -> Outcome:
    if not ctx.project.info.industry.regulated or ctx.in_reference(Category.COMPLIANCE):
        return Outcome(1.0)
    return Outcome(0.0, tuple(sorted(ctx.outside_reference(Category.COMPLIANCE))))


# F: operations ---------------------------------------------------------------------------


def check_f1(ctx: AuditContext) -> Outcome:
    return _in_scope_or_outside(ctx, Category.EVALUATION)


def check_f2(ctx: AuditContext) -> Outcome:
    return _in_scope_or_outside(ctx, Category.MONITORING)


def check_f3(ctx: AuditContext) -> Outcome:
    decisions = _on_topics(ctx.project, rubric_topics.DRIFT_TOPICS)
    if _decided(decisions):
        return Outcome(1.0)
    if not decisions:
        return Outcome(0.0)
    # none is decided here: every decision on the topics is still open
    return Outcome(
        0.5, _open_keys(decisions), fields={"names": _names([d.question for d in decisions])}
    )


# G: pre-mortem and scope -----------------------------------------------------------------


def check_g1(ctx: AuditContext) -> Outcome:
    present = {r.cause for r in ctx.project.risks}
    missing = [c for c in rubric_topics.PREMORTEM_CAUSES if c not in present]
    found = len(rubric_topics.PREMORTEM_CAUSES) - len(missing)
    score = 1.0 if found == 4 else 0.5 if found >= 2 else 0.0
    causes = [c.value for c in missing]
    either = f"{', '.join(causes[:-1])} or {causes[-1]}" if len(causes) > 1 else "".join(causes)
    return Outcome(score, fields={"causes": either})


def check_g2(ctx: AuditContext) -> Outcome:
    severe = [r for r in ctx.project.risks if r.severe]
    if not severe:
        return Outcome(1.0)
    mitigated = {k for c in ctx.project.capabilities if c.key in ctx.reference for k in c.mitigates}
    return _fraction([(r.key, r.story, r.key in mitigated) for r in severe])


def check_g3(ctx: AuditContext) -> Outcome:
    scope = ctx.scope
    if not scope.viable or scope.figures is None:
        return Outcome(0.0)
    effort = scope.figures.effort
    total = math.fsum(c.effort.expected for c in ctx.project.capabilities)
    if effort <= HONEST_SHARE * total + _SHARE_TOLERANCE * max(1.0, total):
        return Outcome(1.0)
    return Outcome(
        0.5,
        fields={
            "effort": number(round(effort, 1)),
            "total": number(round(total, 1)),
            "share": number(round(100 * effort / total)),
        },
    )


CHECKS: dict[str, Callable[[AuditContext], Outcome]] = {
    "A1": check_a1,
    "A2": check_a2,
    "A3": check_a3,
    "B1": check_b1,
    "B2": check_b2,
    "B3": check_b3,
    "C1": check_c1,
    "C2": check_c2,
    "C3": check_c3,
    "D1": check_d1,
    "D2": check_d2,
    "D3": check_d3,
    "E1": check_e1,
    "E2": check_e2,
    "E3": check_e3,
    "F1": check_f1,
    "F2": check_f2,
    "F3": check_f3,
    "G1": check_g1,
    "G2": check_g2,
    "G3": check_g3,
}

"""Why each capability is in a scope, what to add next, and what to relax when nothing is viable.

:func:`analyse_scope` gathers all of it, with the efficient frontier, for one project.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.analysis._mip import Condition, ScopeModel, conditions_of
from scoping_app.analysis._text import and_join, money, number_pair, risk_label, sentence
from scoping_app.analysis.frontier import FrontierPoint, frontier_search
from scoping_app.analysis.optimizer import ScopeResult, smallest_viable_scope
from scoping_app.domain.enums import RiskStatus
from scoping_app.domain.model import Project

TOP_ADDITIONS = 5
SHOWN_ADDITIONS = 3  # the next additions :func:`analyse_scope` keeps
FRONTIER_SECONDS = 3.0  # the time :func:`analyse_scope` gives the efficient frontier
_BUDGETS = ("latency", "cost", "value")  # relaxed by a number, not dropped


@dataclass(frozen=True)
class Reason:
    """Why one capability is in the scope.

    ``kind`` is "mandatory", "prerequisite" (related: the capabilities in the
    scope that require it), "metric" or "risk" (related: the must-have metric
    or severe risk), "value" (related: the capabilities that would go with it)
    or "none" (no condition needs it on its own).
    """

    capability: str
    kind: str
    related: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Addition:
    """One capability to add to a scope, with the prerequisites it pulls in."""

    capability: str
    pulled_in: tuple[str, ...]  # sorted keys added to the scope, the capability included
    effort: float  # added effort
    value: float  # added value
    value_per_effort: float  # math.inf when free and worth something
    viable: bool  # whether the scope with the addition is viable
    covers: tuple[str, ...]  # sorted metric keys newly covered
    mitigates: tuple[str, ...]  # sorted severe risk keys newly mitigated


@dataclass(frozen=True)
class Relaxation:
    """One condition relaxed so that a scope becomes viable, and that scope's effort."""

    kind: str  # "latency", "cost", "value", "metric", "risk" or "mandatory"
    key: str  # the metric's or risk's key; "" otherwise
    current: float | None  # the budget or target now (latency, cost, value)
    relaxed: float | None  # the least budget, or the highest target, that works
    effort: float  # effort of the smallest viable scope once relaxed
    capabilities: tuple[str, ...]  # that scope
    text: str


@dataclass(frozen=True)
class ScopeAnalysis:
    """The smallest viable scope, why, what next (or what to relax), and the frontier."""

    scope: ScopeResult
    reasons: tuple[Reason, ...]
    additions: tuple[Addition, ...]
    relaxations: tuple[Relaxation, ...]
    frontier: tuple[FrontierPoint, ...]
    frontier_error: str = ""  # why the frontier could not be computed ("" when it was)
    # the search ran out of its FRONTIER_SECONDS: the points are on the frontier, some
    # steps between them may be missing
    frontier_stopped_early: bool = False


def analyse_scope(project: Project) -> ScopeAnalysis:
    """The smallest viable scope with its reasons and next additions (or, when nothing is
    viable, the relaxations), and the efficient frontier: everything the slices step shows."""
    scope = smallest_viable_scope(project)
    if scope.viable:
        reasons = tuple(explain_scope(project, scope.capabilities))
        additions = tuple(next_additions(project, scope.capabilities, limit=SHOWN_ADDITIONS))
        relaxed: tuple[Relaxation, ...] = ()
    else:
        reasons, additions = (), ()
        relaxed = tuple(relaxations(project))
    try:
        found = frontier_search(project, time_limit=FRONTIER_SECONDS)
        frontier, error, stopped = found.points, "", found.stopped_early
    except Exception as failure:  # the scope is still worth showing without the frontier
        frontier, error, stopped = (), str(failure), False
    return ScopeAnalysis(scope, reasons, additions, relaxed, frontier, error, stopped)


def explain_scope(project: Project, capabilities: Iterable[str]) -> list[Reason]:
    """The reasons for every capability of the closed set, in project order."""
    index = build_index(project)
    chosen = index.closure(index.number[k] for k in capabilities if k in index.number)
    total = index.total(index.value, chosen)
    return [reason for i in sorted(chosen) for reason in _reasons(index, chosen, total, i)]


def _reasons(index: ProjectIndex, chosen: set[int], total: float, i: int) -> list[Reason]:
    names = index.names
    found: list[tuple[str, tuple[str, ...], str]] = []
    if i in index.mandatory:
        found.append(("mandatory", (), f"{names[i]} is mandatory"))
    users = [j for j in sorted(chosen) if i in index.requires[j]]
    if users:
        listed = and_join([names[j] for j in users])
        found.append(
            ("prerequisite", tuple(index.keys[j] for j in users), f"Prerequisite of {listed}")
        )
    for metric, deliverers in index.must_metrics:
        if i in deliverers:
            what = f"the must-have metric {metric.name}"
            found.append(("metric", (metric.key,), _share(deliverers, chosen, "cover", what)))
    for risk, mitigators in index.severe_risks:
        if i in mitigators:
            what = f"the severe risk {risk_label(risk.story)}"
            found.append(("risk", (risk.key,), _share(mitigators, chosen, "mitigate", what)))
    target = index.value_target
    if target is not None:
        going = _dependants(index, chosen, i)
        left = total - index.total(index.value, going)
        if left < target:
            with_it = tuple(sorted(index.keys[j] for j in going if j != i))
            have, wanted = number_pair(left, target)
            text = f"Needed to reach the value target of {wanted} (without it: {have})"
            found.append(("value", with_it, text))
    if not found:
        found.append(("none", (), f"No condition needs {names[i]} on its own"))
    return [Reason(index.keys[i], kind, related, sentence(text)) for kind, related, text in found]


def _share(members: tuple[int, ...], chosen: set[int], verb: str, thing: str) -> str:
    count = sum(1 for j in members if j in chosen)
    if count == 1:
        return f"The only capability here to {verb} {thing}"
    return f"One of {count} capabilities here to {verb} {thing}"


def _dependants(index: ProjectIndex, chosen: set[int], i: int) -> set[int]:
    """i with everything in ``chosen`` that requires it, transitively."""
    going = {i}
    changed = True
    while changed:
        changed = False
        for j in chosen:
            if j not in going and any(p in going for p in index.requires[j]):
                going.add(j)
                changed = True
    return going


def next_additions(
    project: Project, capabilities: Iterable[str], *, limit: int = TOP_ADDITIONS
) -> list[Addition]:
    """The best additions to the closed set, most added value per added effort first."""
    index = build_index(project)
    chosen = index.closure(index.number[k] for k in capabilities if k in index.number)
    covered = {m for j in chosen for m in index.delivers[j]}
    mitigated = {r for j in chosen for r in index.mitigates[j]}
    severe = {risk.key for risk, _ in index.severe_risks}
    # Adding capabilities never undoes a condition but the two budgets: the set with an
    # addition is viable when it meets those and the conditions the set alone fails.
    to_check = [c for c in conditions_of(index) if not (c.upward and c.holds(index, chosen))]
    out: list[Addition] = []
    for i in range(index.size):
        if i in chosen:
            continue
        new = index.closure([i]) - chosen
        effort = index.total(index.expected, new)
        value = index.total(index.value, new)
        ratio = value / effort if effort > 0 else (math.inf if value > 0 else 0.0)
        with_new = chosen | new
        out.append(
            Addition(
                capability=index.keys[i],
                pulled_in=index.sorted_keys(new),
                effort=effort,
                value=value,
                value_per_effort=ratio,
                viable=all(c.holds(index, with_new) for c in to_check),
                covers=tuple(sorted({m for j in new for m in index.delivers[j]} - covered)),
                mitigates=tuple(
                    sorted({r for j in new for r in index.mitigates[j]} & severe - mitigated)
                ),
            )
        )
    out.sort(key=lambda a: (-a.value_per_effort, a.effort, len(a.pulled_in), a.capability))
    return out[:limit]


def relaxations(project: Project) -> list[Relaxation]:
    """When nothing is viable: each condition whose relaxation alone makes a scope viable."""
    index = build_index(project)
    conditions = conditions_of(index)
    if ScopeModel(index, conditions).solve() is not None:
        return []
    out: list[Relaxation] = []
    for condition in conditions:
        others = [c for c in conditions if c is not condition]
        # a quick feasibility solve first: the optimizer only runs where it finds a scope
        # (where it finds none it would also explain why, which takes much longer)
        if condition.kind not in _BUDGETS and ScopeModel(index, others).solve() is None:
            continue
        relaxed = project.copy_deep()
        current: float | None = None
        needed: float | None = None
        if condition.kind in _BUDGETS:
            needed = _least_need(index, others, condition)
            if needed is None:
                continue
            if condition.kind == "latency":
                current, relaxed.info.latency_budget_ms = index.latency_budget, needed
            elif condition.kind == "cost":
                current, relaxed.info.monthly_budget = index.monthly_budget, needed
            else:
                current, relaxed.info.value_target = index.value_target, needed
        elif condition.kind == "metric":
            relaxed.metrics = [
                m.model_copy(update={"must": False}) if m.key == condition.key else m
                for m in relaxed.metrics
            ]
        elif condition.kind == "risk":
            relaxed.risks = [
                r.model_copy(update={"status": RiskStatus.ACCEPTED})
                if r.key == condition.key
                else r
                for r in relaxed.risks
            ]
        else:
            relaxed.capabilities = [
                c.model_copy(update={"mandatory": False}) for c in relaxed.capabilities
            ]
        result = smallest_viable_scope(relaxed)
        if not result.viable or result.figures is None:
            continue
        effort = result.figures.effort
        text = _relaxation_text(index, condition, current, needed, effort)
        out.append(
            Relaxation(
                condition.kind, condition.key, current, needed, effort, result.capabilities, text
            )
        )
    return out


def _least_need(index: ProjectIndex, others: list[Condition], condition: Condition) -> float | None:
    """The least budget (latency, cost) or the highest target (value) some viable set meets."""
    model = ScopeModel(index, others)
    column = {"latency": index.latency, "cost": index.cost, "value": index.value}[condition.kind]
    model.objective(column, maximise=condition.kind == "value")
    found = model.solve()
    return None if found is None else index.total(column, found)


def _relaxation_text(
    index: ProjectIndex,
    condition: Condition,
    current: float | None,
    needed: float | None,
    effort: float,
) -> str:
    then = f"the smallest viable scope then takes {effort:,.1f} person-days"
    kind = condition.kind
    if kind in ("latency", "cost", "value"):
        assert current is not None and needed is not None
        now, new = number_pair(current, needed)
        if kind == "latency":
            return sentence(f"Raise the latency budget from {now} ms to {new} ms: {then}")
        if kind == "cost":
            unit = index.currency
            return sentence(
                f"Raise the monthly budget from {money(now, unit)} to {money(new, unit)}: {then}"
            )
        return sentence(f"Lower the value target from {now} to {new}: {then}")
    if kind == "metric":
        return sentence(f"Drop the must-have on the metric {condition.name}: {then}")
    if kind == "risk":
        label = risk_label(condition.name)
        return sentence(f"Accept the severe risk {label} instead of mitigating it: {then}")
    listed = and_join([index.names[i] for i in condition.members])
    return sentence(f"Make {listed} optional: {then}")

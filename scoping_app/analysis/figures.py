"""Derived figures of a set of capabilities: closure, effort, critical path, budgets, viability."""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.analysis._text import listing, money, number_pair, risk_label, sentence
from scoping_app.domain.model import Project, Risk


@dataclass(frozen=True)
class SliceFigures:
    """Every derived figure of one set of capabilities, computed over its closure."""

    picked: tuple[str, ...]  # the keys asked for, in the order given (unknown keys dropped)
    closure: tuple[str, ...]  # sorted keys of closure(S)
    pulled_in: tuple[str, ...]  # sorted keys in the closure that were not picked (prerequisites)
    effort: float  # sum of expected (PERT) effort over the closure
    duration: float  # critical path of expected effort through the closure
    critical_path: tuple[str, ...]  # keys of one longest chain, prerequisites first
    value: float
    latency_ms: float
    monthly_cost: float
    metrics_covered: tuple[str, ...]  # sorted metric keys
    severe_risks_open: tuple[str, ...]  # sorted keys of severe risks NOT mitigated in the closure
    viable: bool
    violations: tuple[str, ...]  # one plain-English sentence per failed condition, spec order


def closure(project: Project, keys: Iterable[str]) -> frozenset[str]:
    """The keys with every capability they require, transitively."""
    index = build_index(project)
    chosen = index.closure(index.number[k] for k in keys if k in index.number)
    return frozenset(index.keys[i] for i in chosen)


def slice_figures(project: Project, keys: Iterable[str]) -> SliceFigures:
    """All figures of the set ``keys`` (picked capabilities)."""
    index = build_index(project)
    # a key asked for twice is picked once, where it first appears
    picked = tuple(dict.fromkeys(k for k in keys if k in index.number))
    return figures_of(index, picked)


def figures_of_slices(project: Project, picks: Iterable[Iterable[str]]) -> list[SliceFigures]:
    """The figures of several sets at once (every slice of a project), sharing one index."""
    index = build_index(project)
    return [
        figures_of(index, tuple(dict.fromkeys(k for k in keys if k in index.number)))
        for keys in picks
    ]


def figures_of(index: ProjectIndex, picked: tuple[str, ...]) -> SliceFigures:
    """The figures of ``picked`` (known keys, no repeats) on an index already built."""
    members = index.closure(index.number[k] for k in picked)
    closure_keys = index.sorted_keys(members)
    picked_set = set(picked)
    duration, path = _critical_path(index, members)

    latency = index.total(index.latency, members)
    cost = index.total(index.cost, members)
    value = index.total(index.value, members)
    delivered: set[str] = set()
    mitigated: set[str] = set()
    for i in members:
        delivered |= index.delivers[i]
        mitigated |= index.mitigates[i]
    severe_open = [risk for risk, _ in index.severe_risks if risk.key not in mitigated]
    violations = _violations(index, members, delivered, latency, cost, value, severe_open)

    return SliceFigures(
        picked=picked,
        closure=closure_keys,
        pulled_in=tuple(k for k in closure_keys if k not in picked_set),
        effort=index.total(index.expected, members),
        duration=duration,
        critical_path=path,
        value=value,
        latency_ms=latency,
        monthly_cost=cost,
        metrics_covered=tuple(sorted(m.key for m in index.metrics if m.key in delivered)),
        severe_risks_open=tuple(sorted(risk.key for risk in severe_open)),
        viable=not violations,
        violations=violations,
    )


def _critical_path(index: ProjectIndex, members: Collection[int]) -> tuple[float, tuple[str, ...]]:
    """Longest chain of expected effort through a closed set, prerequisites first.

    ``finish[i]`` is the earliest day capability i can be done with unlimited
    hands, computed in the index's prerequisites-first order. Ties go to the
    first prerequisite listed and, for the last link of the chain, to the
    smallest key, so the chain shown is stable.
    """
    requires, expected = index.requires, index.expected
    finish: dict[int, float] = {}
    before: dict[int, int | None] = {}
    for node in index.order:
        if node not in members:
            continue
        best: int | None = None
        best_finish = 0.0
        for p in requires[node]:
            done = finish.get(p)  # None only for a prerequisite on a cycle (invalid project)
            if done is not None and (best is None or done > best_finish):
                best, best_finish = p, done
        finish[node] = expected[node] + best_finish
        before[node] = best
    if not finish:
        return 0.0, ()
    keys = index.keys
    last = min(finish, key=lambda i: (-finish[i], keys[i]))
    chain: list[int] = []
    step: int | None = last
    while step is not None:
        chain.append(step)
        step = before[step]
    chain.reverse()
    return index.total(expected, chain), tuple(keys[i] for i in chain)


def _violations(
    index: ProjectIndex,
    members: Collection[int],
    delivered: set[str],
    latency: float,
    cost: float,
    value: float,
    severe_open: list[Risk],
) -> tuple[str, ...]:
    """One sentence per failed condition, in the spec's order, in the user's names."""
    out: list[str] = []
    missing = [index.names[i] for i in index.mandatory if i not in members]
    if missing:
        out.append(sentence(f"Mandatory capabilities are missing: {listing(missing)}"))
    undelivered = [m.name for m, _ in index.must_metrics if m.key not in delivered]
    if undelivered:
        out.append(sentence(f"Must-have metrics are not delivered: {listing(undelivered)}"))
    budget = index.latency_budget
    if budget is not None and latency > budget:
        have, allowed = number_pair(latency, budget)
        out.append(f"Latency of {have} ms is over the budget of {allowed} ms.")
    budget = index.monthly_budget
    if budget is not None and cost > budget:
        have, allowed = number_pair(cost, budget)
        currency = index.currency
        out.append(
            f"Monthly cost of {money(have, currency)} is over the budget of "
            f"{money(allowed, currency)}."
        )
    target = index.value_target
    if target is not None and value < target:
        have, wanted = number_pair(value, target)
        out.append(f"Value of {have} is below the target of {wanted}.")
    if severe_open:
        stories = "; ".join(risk_label(r.story) for r in severe_open)
        out.append(sentence(f"Severe risks are not mitigated: {stories}"))
    return tuple(out)

"""Why nothing is viable: the conditions named, alone or in the smallest conflicting sets."""

from __future__ import annotations

from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings

from scoping_app.analysis import infeasible
from scoping_app.analysis._index import build_index
from scoping_app.analysis._mip import conditions_of
from scoping_app.analysis.infeasible import _Explainer
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain.model import Capability, Metric, Project, ProjectInfo, Risk
from tests.analysis.strategies import closed_sets, small_projects


def reasons(project: Project) -> tuple[str, ...]:
    result = smallest_viable_scope(project)
    assert not result.viable
    assert result.capabilities == () and result.figures is None
    return result.reasons


def assistant(**info: float | None) -> Project:
    """Mandatory pieces needing 1,640 ms and EUR 10; a panel delivering the must-have metric."""
    return Project(
        info=ProjectInfo(name="Assistant", currency="EUR", **info),
        metrics=[Metric(key="handle", name="Agent handle time", must=True)],
        risks=[
            Risk(
                key="r_x",
                story="It failed because nobody checked the answers.",
                likelihood=2,  # 2 x 5: not severe until a test says so
                impact=5,
            )
        ],
        capabilities=[
            Capability(key="llm", name="LLM", mandatory=True, latency_ms=1600, value=6),
            Capability(key="audit", name="Audit", mandatory=True, latency_ms=40, monthly_cost=10),
            Capability(key="panel", name="Panel", delivers=["handle"], value=6),
            Capability(key="review", name="Review", latency_ms=300, mitigates=["r_x"]),
        ],
    )


def test_latency_budget_below_what_the_mandatory_capabilities_need() -> None:
    assert reasons(assistant(latency_budget_ms=800)) == (
        "The latency budget of 800 ms is below the 1,640 ms that the mandatory capabilities need.",
    )


def test_monthly_budget_below_what_the_mandatory_capabilities_need() -> None:
    project = assistant(monthly_budget=5)
    assert reasons(project) == (
        "The monthly budget of EUR 5 is below the EUR 10 that the mandatory capabilities need.",
    )


def test_metric_delivered_by_nobody() -> None:
    project = assistant()
    project.capabilities[2].delivers = []
    assert reasons(project) == (
        "The must-have metric Agent handle time is delivered by no capability.",
    )


def test_severe_risk_mitigated_by_nobody() -> None:
    project = assistant()
    project.risks[0].likelihood = 5
    project.capabilities[3].mitigates = []
    assert reasons(project) == (
        "The severe risk “It failed because nobody checked the answers” "
        "is mitigated by no capability.",
    )


def test_value_target_above_everything() -> None:
    assert reasons(assistant(value_target=400)) == (
        "The value target of 400 is above the 12 that all capabilities together deliver.",
    )


def test_value_target_out_of_reach_within_a_budget() -> None:
    project = Project(
        info=ProjectInfo(name="Value", latency_budget_ms=800, value_target=40),
        capabilities=[
            Capability(key="a", name="A", latency_ms=700, value=12),
            Capability(key="b", name="B", latency_ms=900, value=30),
        ],
    )
    assert reasons(project) == (
        "No slice within the latency budget of 800 ms reaches the value target of 40 (at most 12).",
    )


def test_budget_against_a_metric_and_a_risk() -> None:
    project = assistant(latency_budget_ms=1700)
    project.risks[0].likelihood = 5  # now severe: only the review mitigates it
    project.capabilities[2].latency_ms = 100
    project.capabilities[2].requires = ["llm", "audit"]  # the panel needs 1,740 ms in all
    project.capabilities[3].requires = ["llm", "audit"]  # the review 1,940 ms
    assert reasons(project) == (
        "The latency budget of 1,700 ms and the must-have metric Agent handle time cannot both "
        "be met: delivering it takes at least 1,740 ms.",
        "The latency budget of 1,700 ms and the severe risk “It failed because nobody checked "
        "the answers” cannot both be met: mitigating it takes at least 1,940 ms.",
    )


def test_budget_against_the_mandatory_capabilities_and_a_metric() -> None:
    project = assistant(latency_budget_ms=1700)
    project.risks[0].likelihood = 5
    project.capabilities[2].latency_ms = 100  # fits alone, not beside the mandatory 1,640 ms
    assert reasons(project) == (
        "The mandatory capabilities, the must-have metric Agent handle time and the latency "
        "budget of 1,700 ms cannot all be met together: meeting all but the latency budget "
        "takes at least 1,740 ms.",
        "The mandatory capabilities, the latency budget of 1,700 ms and the severe risk "
        "“It failed because nobody checked the answers” cannot all be met together: meeting "
        "all but the latency budget takes at least 1,940 ms.",
    )


def test_three_conditions_that_only_conflict_together() -> None:
    project = Project(
        info=ProjectInfo(name="Three", latency_budget_ms=100),
        metrics=[
            Metric(key="a", name="Accuracy", must=True),
            Metric(key="b", name="Recall", must=True),
        ],
        capabilities=[
            Capability(key="x", name="X", latency_ms=60, delivers=["a"]),
            Capability(key="y", name="Y", latency_ms=60, delivers=["b"]),
            Capability(key="z", name="Z", latency_ms=150, delivers=["a", "b"]),
        ],
    )
    assert reasons(project) == (
        "The must-have metric Accuracy, the must-have metric Recall and the latency budget of "
        "100 ms cannot all be met together: meeting all but the latency budget takes at least "
        "120 ms.",
    )


def test_alone_and_together_are_both_reported() -> None:
    project = assistant(latency_budget_ms=800)
    project.capabilities[2].delivers = []
    assert reasons(project) == (
        "The must-have metric Agent handle time is delivered by no capability.",
        "The latency budget of 800 ms is below the 1,640 ms that the mandatory capabilities need.",
    )


def condition_masks(project: Project) -> tuple[int, set[int]]:
    """Number of conditions, and for every closed set the bit mask of those it meets."""
    index = build_index(project)
    conditions = conditions_of(index)
    masks = set()
    for keys in closed_sets(project):
        chosen = {index.number[k] for k in keys}
        masks.add(sum(1 << i for i, c in enumerate(conditions) if c.holds(index, chosen)))
    return len(conditions), masks


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=8))
def test_conflicts_are_real_minimal_and_smallest(project: Project) -> None:
    count, masks = condition_masks(project)

    def feasible(subset: frozenset[int] | tuple[int, ...]) -> bool:
        want = sum(1 << i for i in subset)
        return any(mask & want == want for mask in masks)

    everything = frozenset(range(count))
    if feasible(everything):
        assert smallest_viable_scope(project).viable
        return
    index = build_index(project)
    explainer = _Explainer(index, conditions_of(index))
    alone = [i for i in range(count) if not feasible((i,))]
    assert alone == [
        i for i, c in enumerate(explainer.conditions) if not explainer.alone_feasible(c)
    ]
    rest = frozenset(everything - set(alone))
    assert explainer.feasible(rest) == feasible(rest)
    found: list[frozenset[int]] = []
    if not feasible(rest):
        found = explainer.smallest_conflicts(sorted(rest))
        size = len(found[0])
        assert all(len(c) == size for c in found)
        for conflict in found:
            assert not feasible(conflict)
            assert all(feasible(conflict - {i}) for i in conflict)
        for smaller in range(1, size):
            assert all(feasible(c) for c in combinations(sorted(rest), smaller))
        every = {frozenset(c) for c in combinations(sorted(rest), size) if not feasible(c)}
        assert set(found) == every
    result = smallest_viable_scope(project)
    assert len(result.reasons) == len(alone) + len(found)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=8))
def test_the_fallback_still_finds_a_minimal_conflict(project: Project) -> None:
    count, masks = condition_masks(project)

    def feasible(subset: frozenset[int]) -> bool:
        want = sum(1 << i for i in subset)
        return any(mask & want == want for mask in masks)

    index = build_index(project)
    explainer = _Explainer(index, conditions_of(index))
    rest = [i for i in range(count) if explainer.alone_feasible(explainer.conditions[i])]
    if feasible(frozenset(rest)):
        return
    conflict = explainer.deletion_filter(rest)  # what a search too big to finish falls back to
    assert not feasible(conflict)
    assert all(feasible(conflict - {i}) for i in conflict)


def test_a_search_too_big_falls_back_to_one_minimal_conflict(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(infeasible, "_MAX_COMBINATIONS", 0)
    project = assistant(latency_budget_ms=800)
    assert reasons(project) == (
        "The latency budget of 800 ms is below the 1,640 ms that the mandatory capabilities need.",
    )

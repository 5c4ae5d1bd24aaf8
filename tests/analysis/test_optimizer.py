"""The smallest viable scope against brute force over every closed set, and by hand."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings

from benchmarks.generate import large_project
from scoping_app.analysis.figures import slice_figures
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain.model import Capability, Effort, Metric, Project, ProjectInfo
from tests.analysis.strategies import brute_force_smallest, small_projects


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=9))
def test_matches_brute_force_over_every_closed_set(project: Project) -> None:
    check_against_brute_force(project)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=9, ties=True))
def test_matches_brute_force_when_many_sets_tie(project: Project) -> None:
    check_against_brute_force(project)


def check_against_brute_force(project: Project) -> None:
    expected = brute_force_smallest(project)
    result = smallest_viable_scope(project)
    if expected is None:
        assert not result.viable
        assert result.capabilities == ()
        assert result.figures is None
        assert result.reasons and all(r.strip() for r in result.reasons)
        return
    assert result.viable, result.reasons
    assert result.reasons == ()
    assert result.capabilities == expected.closure
    assert result.figures == slice_figures(project, result.capabilities)
    assert result.figures.effort == expected.effort
    assert result.figures.viable


def test_the_example(example_project: Project) -> None:
    result = smallest_viable_scope(example_project)
    print("\nsmallest viable scope of the example:", result)
    assert result.viable
    # by hand: the mandatory three with their prerequisites, r_stale needs reindex (-> index ->
    # kb_ingest), the must metrics need answer_llm, and the value target of 12 one more piece
    # of value: agent_panel (8 points) is the cheapest.
    assert result.capabilities == (
        "agent_panel",
        "answer_llm",
        "audit_log",
        "eval_set",
        "index",
        "kb_ingest",
        "pii_redaction",
        "reindex",
        "ticket_export",
    )
    assert result.figures is not None
    assert result.figures == slice_figures(example_project, result.capabilities)
    assert math.isclose(result.figures.effort, (37 + 32 + 19 + 38 + 37 + 32 + 31 + 13 + 28) / 6)
    assert result.figures.value == 16
    assert result.figures.latency_ms == 1740
    assert result.figures.monthly_cost == 3140
    assert result.figures.pulled_in == ()
    expected = brute_force_smallest(example_project)
    assert expected is not None and expected.closure == result.capabilities


def test_no_conditions_gives_the_empty_scope() -> None:
    project = Project(
        info=ProjectInfo(name="Free"),
        capabilities=[
            Capability(key="a", name="A", effort=0),
            Capability(key="b", name="B", effort=3, value=9),
        ],
    )
    result = smallest_viable_scope(project)
    assert result.viable
    assert result.capabilities == ()
    assert result.figures is not None and result.figures.effort == 0
    assert smallest_viable_scope(Project(info=ProjectInfo(name="Empty"))).capabilities == ()


def metric_project(*alternatives: list[Capability]) -> Project:
    """One must-have metric, delivered by the last capability of each alternative."""
    caps = [c for alternative in alternatives for c in alternative]
    for alternative in alternatives:
        alternative[-1].delivers = ["m"]
    return Project(
        info=ProjectInfo(name="Alternatives"),
        metrics=[Metric(key="m", name="M", must=True)],
        capabilities=caps,
    )


def test_ties_fewer_capabilities_first() -> None:
    project = metric_project(
        [
            Capability(key="a", name="A", effort=1),
            Capability(key="b", name="B", effort=1, requires=["a"]),
        ],
        [Capability(key="c", name="C", effort=2)],
    )
    assert smallest_viable_scope(project).capabilities == ("c",)


def test_ties_then_more_value() -> None:
    project = metric_project(
        [Capability(key="a", name="A", effort=2, value=1)],
        [Capability(key="b", name="B", effort=2, value=3)],
        [Capability(key="c", name="C", effort=2, value=2)],
    )
    assert smallest_viable_scope(project).capabilities == ("b",)


def test_ties_then_the_smallest_sorted_keys() -> None:
    project = metric_project(
        [Capability(key="zeta", name="Z", effort=2)],
        [Capability(key="beta", name="B", effort=2)],
        [Capability(key="gamma", name="G", effort=2)],
    )
    assert smallest_viable_scope(project).capabilities == ("beta",)
    # with two pieces each: ("a", "z") < ("b", "c") because a < b
    project = metric_project(
        [
            Capability(key="z", name="Z", effort=1),
            Capability(key="a", name="A", effort=1, requires=["z"]),
        ],
        [
            Capability(key="c", name="C", effort=1),
            Capability(key="b", name="B", effort=1, requires=["c"]),
        ],
    )
    assert smallest_viable_scope(project).capabilities == ("a", "z")


def test_many_tied_alternatives_pick_the_first_keys() -> None:
    # 30 interchangeable pairs: the tie-break has to look past its first block of keys
    metrics = [Metric(key="m1", name="M1", must=True), Metric(key="m2", name="M2", must=True)]
    caps = [
        Capability(key=f"k{i:02d}", name=f"K{i}", effort=1, delivers=["m1"] if i % 2 else ["m2"])
        for i in range(30, 0, -1)
    ]
    caps += [Capability(key=f"a{i:02d}", name=f"Filler {i}", effort=0) for i in range(14)]
    project = Project(info=ProjectInfo(name="Tied"), metrics=metrics, capabilities=caps)
    assert smallest_viable_scope(project).capabilities == ("k01", "k02")


def test_floating_point_noise_is_a_tie() -> None:
    # 1/6 + 4/6 is 0.8333333333333333 in floating point, 5/6 is 0.8333333333333334:
    # on paper the two alternatives cost the same, so the one with fewer pieces wins
    a = Capability(key="a", name="A", effort=Effort(optimistic=0, likely=0, pessimistic=1))
    b = Capability(key="b", name="B", effort=Effort(optimistic=0, likely=0, pessimistic=4))
    b.requires = ["a"]
    c = Capability(key="c", name="C", effort=Effort(optimistic=0, likely=0, pessimistic=5))
    project = metric_project([a, b], [c])
    assert math.fsum([a.effort.expected, b.effort.expected]) < c.effort.expected
    assert smallest_viable_scope(project).capabilities == ("c",)


def test_budget_checked_in_exact_floats_not_within_solver_tolerance() -> None:
    project = Project(
        info=ProjectInfo(name="Floats", latency_budget_ms=0.3),
        capabilities=[
            Capability(key="a", name="A", latency_ms=0.1, mandatory=True),
            Capability(key="b", name="B", latency_ms=0.2, mandatory=True),
        ],
    )
    result = smallest_viable_scope(project)
    assert not result.viable
    assert result.reasons == (
        "The latency budget of 0.3 ms is below the 0.30000000000000004 ms "
        "that the mandatory capabilities need.",
    )
    project.capabilities[1].latency_ms = 0.19
    assert smallest_viable_scope(project).capabilities == ("a", "b")


def test_a_large_random_project_gives_a_consistent_answer() -> None:
    project = large_project(seed=11, capabilities=400, dependencies=1200)
    project.info.latency_budget_ms = None
    result = smallest_viable_scope(project)
    assert result.viable, result.reasons
    assert result.figures == slice_figures(project, result.capabilities)
    assert result.figures.pulled_in == ()  # the set is closed

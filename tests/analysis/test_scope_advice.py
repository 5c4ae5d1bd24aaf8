"""Reasons for a scope, next additions, relaxations and the whole analysis: by hand and
against brute force."""

from __future__ import annotations

import math

import pytest
from hypothesis import HealthCheck, assume, given, settings

from scoping_app.analysis import scope_advice
from scoping_app.analysis.figures import closure, slice_figures
from scoping_app.analysis.frontier import Frontier
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.analysis.scope_advice import (
    SHOWN_ADDITIONS,
    Reason,
    analyse_scope,
    explain_scope,
    next_additions,
    relaxations,
)
from scoping_app.domain.enums import RiskStatus
from scoping_app.domain.model import Capability, Metric, Project, ProjectInfo, Risk
from tests.analysis.strategies import brute_force_smallest, closed_sets, small_projects

SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


def kinds(reasons: list[Reason], key: str) -> dict[str, tuple[str, ...]]:
    return {r.kind: r.related for r in reasons if r.capability == key}


# explain_scope ----------------------------------------------------------------


def every_kind() -> Project:
    return Project(
        info=ProjectInfo(name="Every reason", value_target=5),
        metrics=[
            Metric(key="m", name="Accuracy", must=True),
            Metric(key="m2", name="Coverage", must=True),
        ],
        risks=[Risk(key="r", story="It failed because of leaks.", likelihood=5, impact=5)],
        capabilities=[
            Capability(key="base", name="Base", mandatory=True),
            Capability(key="api", name="API", requires=["base"], delivers=["m"]),
            Capability(key="guard", name="Guard", mitigates=["r"]),
            Capability(key="x1", name="X one", delivers=["m2"]),
            Capability(key="x2", name="X two", delivers=["m2"]),
            Capability(key="val", name="Valuable", value=5),
            Capability(key="spare", name="Spare"),
        ],
    )


def test_each_kind_of_reason() -> None:
    project = every_kind()
    reasons = explain_scope(project, ["api", "guard", "x1", "x2", "val", "spare"])
    assert [r.capability for r in reasons][:3] == ["base", "base", "api"]  # project order
    assert kinds(reasons, "base") == {"mandatory": (), "prerequisite": ("api",)}
    assert kinds(reasons, "api") == {"metric": ("m",)}
    assert kinds(reasons, "guard") == {"risk": ("r",)}
    assert kinds(reasons, "x1") == {"metric": ("m2",)} == kinds(reasons, "x2")
    assert kinds(reasons, "val") == {"value": ()}
    assert kinds(reasons, "spare") == {"none": ()}
    text = {(r.capability, r.kind): r.text for r in reasons}
    assert text["base", "mandatory"] == "Base is mandatory."
    assert text["base", "prerequisite"] == "Prerequisite of API."
    assert text["api", "metric"] == (
        "The only capability here to cover the must-have metric Accuracy."
    )
    assert (
        text["x1", "metric"] == "One of 2 capabilities here to cover the must-have metric Coverage."
    )
    assert text["guard", "risk"] == (
        "The only capability here to mitigate the severe risk “It failed because of leaks”."
    )
    assert text["val", "value"] == "Needed to reach the value target of 5 (without it: 0)."
    assert text["spare", "none"] == "No condition needs Spare on its own."


def test_value_reason_counts_the_dependants_that_go_with_it() -> None:
    project = every_kind()
    project.capabilities[0].value = 0
    project.capabilities[1].value = 5  # api, which needs base
    project.capabilities[5].value = 0
    reasons = explain_scope(project, ["api"])
    assert kinds(reasons, "base")["value"] == ("api",)
    assert kinds(reasons, "api")["value"] == ()


def test_the_example_has_a_reason_for_every_capability(example_project: Project) -> None:
    scope = smallest_viable_scope(example_project)
    reasons = explain_scope(example_project, scope.capabilities)
    for key in scope.capabilities:
        assert set(kinds(reasons, key)) - {"none"}, key
    assert kinds(reasons, "reindex")["risk"] == ("r_stale",)
    panel = kinds(reasons, "agent_panel")
    assert "value" in panel and panel["risk"] == ("r_wrong",)
    assert kinds(reasons, "kb_ingest")["prerequisite"] == ("index",)
    assert kinds(reasons, "answer_llm")["metric"] in {("grounded",), ("handle_time",)}
    assert {"mandatory"} <= set(kinds(reasons, "audit_log"))


@settings(SETTINGS, max_examples=100)
@given(small_projects(max_capabilities=8))
def test_smallest_scope_has_a_real_reason_for_everything(project: Project) -> None:
    # one without any could go, and the set would stay viable with fewer capabilities
    scope = smallest_viable_scope(project)
    assume(scope.viable)
    reasons = explain_scope(project, scope.capabilities)
    assert {r.capability for r in reasons} == set(scope.capabilities)
    for key in scope.capabilities:
        assert set(kinds(reasons, key)) - {"none"}, (key, reasons)
    for reason in reasons:
        if reason.kind == "prerequisite":
            assert all(reason.capability in project.capability(k).requires for k in reason.related)


# next_additions ---------------------------------------------------------------


def brute_force_additions(project: Project, chosen: frozenset[str]) -> dict[str, tuple]:
    base = slice_figures(project, chosen)
    out = {}
    for capability in project.capabilities:
        if capability.key in chosen:
            continue
        after = slice_figures(project, [*chosen, capability.key])
        out[capability.key] = (
            tuple(sorted(set(after.closure) - chosen)),
            after.effort - base.effort,
            after.value - base.value,
            after.viable,
            tuple(sorted(set(after.metrics_covered) - set(base.metrics_covered))),
            tuple(sorted(set(base.severe_risks_open) - set(after.severe_risks_open))),
        )
    return out


@settings(SETTINGS, max_examples=150)
@given(small_projects(max_capabilities=8))
def test_next_additions_match_brute_force(project: Project) -> None:
    scope = smallest_viable_scope(project)
    mandatory = [c.key for c in project.capabilities if c.mandatory]
    chosen = frozenset(scope.capabilities if scope.viable else closure(project, mandatory))
    expected = brute_force_additions(project, chosen)
    every = next_additions(project, chosen, limit=len(project.capabilities))
    assert {a.capability for a in every} == set(expected)
    for a in every:
        pulled, effort, value, viable, covers, mitigates = expected[a.capability]
        assert a.pulled_in == pulled and a.capability in pulled
        assert math.isclose(a.effort, effort, abs_tol=1e-9)
        assert math.isclose(a.value, value, abs_tol=1e-9)
        assert (a.viable, a.covers, a.mitigates) == (viable, covers, mitigates)
        if a.effort > 0:
            assert math.isclose(a.value_per_effort, a.value / a.effort)
        else:
            assert a.value_per_effort == (math.inf if a.value > 0 else 0)
    ratios = [a.value_per_effort for a in every]
    assert ratios == sorted(ratios, reverse=True)
    assert next_additions(project, chosen) == every[:5]


def test_next_additions_of_the_example(example_project: Project) -> None:
    scope = smallest_viable_scope(example_project)
    additions = next_additions(example_project, scope.capabilities)
    assert len(additions) == 5
    best = additions[0]
    # customer chat pulls in the handoff: 16 more points for 16 more days
    assert (best.capability, best.pulled_in) == ("customer_chat", ("customer_chat", "handoff"))
    assert best.value == 16 and math.isclose(best.effort, 16)
    assert best.covers == ("deflection",) and best.viable


# relaxations ------------------------------------------------------------------


def relaxed_without(project: Project, kind: str, key: str = "") -> Project:
    """The project with one condition gone (a budget gone is a budget raised far enough)."""
    out = project.copy_deep()
    if kind == "latency":
        out.info.latency_budget_ms = None
    elif kind == "cost":
        out.info.monthly_budget = None
    elif kind == "value":
        out.info.value_target = None
    elif kind == "metric":
        out.metrics = [m.model_copy(update={"must": m.must and m.key != key}) for m in out.metrics]
    elif kind == "risk":
        for risk in out.risks:
            if risk.key == key:
                risk.status = RiskStatus.ACCEPTED
    else:
        for capability in out.capabilities:
            capability.mandatory = False
    return out


def conditions(project: Project) -> list[tuple[str, str]]:
    out = [("mandatory", "")] if any(c.mandatory for c in project.capabilities) else []
    out += [("metric", m.key) for m in project.metrics if m.must]
    info = project.info
    out += [("latency", "")] if info.latency_budget_ms is not None else []
    out += [("cost", "")] if info.monthly_budget is not None else []
    out += [("value", "")] if info.value_target is not None else []
    return out + [("risk", r.key) for r in project.risks if r.severe]


def least_needed(project: Project, kind: str) -> float:
    """Brute force: the least latency or cost, or the most value, of a set meeting the rest."""
    free = relaxed_without(project, kind)
    figures = [slice_figures(free, s) for s in closed_sets(free)]
    viable = [f for f in figures if f.viable]
    if kind == "latency":
        return min(f.latency_ms for f in viable)
    if kind == "cost":
        return min(f.monthly_cost for f in viable)
    return max(f.value for f in viable)


@settings(SETTINGS, max_examples=150)
@given(small_projects(max_capabilities=7))
def test_relaxations_match_brute_force(project: Project) -> None:
    assume(brute_force_smallest(project) is None)
    found = {(r.kind, r.key): r for r in relaxations(project)}
    for kind, key in conditions(project):
        best = brute_force_smallest(relaxed_without(project, kind, key))
        if best is None:
            assert (kind, key) not in found
            continue
        relaxation = found[kind, key]
        assert relaxation.text
        if kind in ("latency", "cost", "value"):
            assert relaxation.relaxed == least_needed(project, kind)
            best = brute_force_smallest(_with_level(project, kind, relaxation.relaxed))
            assert best is not None
        assert relaxation.capabilities == best.closure
        assert math.isclose(relaxation.effort, best.effort)


def _with_level(project: Project, kind: str, level: float | None) -> Project:
    out = project.copy_deep()
    if kind == "latency":
        out.info.latency_budget_ms = level
    elif kind == "cost":
        out.info.monthly_budget = level
    else:
        out.info.value_target = level
    return out


def test_relaxing_the_latency_budget_of_the_example(example_project: Project) -> None:
    project = _with_level(example_project, "latency", 300)
    assert not smallest_viable_scope(project).viable
    found = relaxations(project)
    assert [r.kind for r in found] == ["latency"]  # nothing else alone would do
    relaxation = found[0]
    need = least_needed(project, "latency")
    assert relaxation.relaxed == need and relaxation.current == 300
    assert smallest_viable_scope(_with_level(project, "latency", need)).viable
    assert not smallest_viable_scope(
        _with_level(project, "latency", math.nextafter(need, 0))
    ).viable
    best = brute_force_smallest(_with_level(project, "latency", need))
    assert best is not None and relaxation.capabilities == best.closure
    assert relaxation.text == (
        f"Raise the latency budget from 300 ms to {need:,.0f} ms: "
        f"the smallest viable scope then takes {best.effort:,.1f} person-days."
    )


def test_each_kind_of_relaxation() -> None:
    project = Project(
        info=ProjectInfo(name="Stuck", latency_budget_ms=50, currency="EUR"),
        capabilities=[Capability(key="a", name="Core", effort=2, latency_ms=100, mandatory=True)],
    )
    found = relaxations(project)
    assert [(r.kind, r.relaxed, r.effort) for r in found] == [
        ("mandatory", None, 0.0),
        ("latency", 100.0, 2.0),
    ]
    assert (
        found[0].text == "Make Core optional: the smallest viable scope then takes 0.0 person-days."
    )
    project.info.latency_budget_ms = None
    assert relaxations(project) == []  # viable: nothing to relax

    project.info.monthly_budget = 5
    project.capabilities[0].monthly_cost = 10
    assert [r.kind for r in relaxations(project)][-1] == "cost"
    assert relaxations(project)[-1].text.startswith("Raise the monthly budget from EUR 5 to EUR 10")

    project.info.monthly_budget = None
    project.info.value_target = 4
    project.capabilities[0].value = 3
    (value,) = relaxations(project)
    assert (value.kind, value.current, value.relaxed) == ("value", 4, 3)
    assert value.text.startswith("Lower the value target from 4 to 3:")

    project.info.value_target = None
    project.metrics = [Metric(key="m", name="Recall", must=True)]
    project.risks = [Risk(key="r", story="It failed because.", likelihood=5, impact=3)]
    found = relaxations(project)
    assert [(r.kind, r.key) for r in found] == []  # two conditions impossible alone
    project.risks[0].likelihood = 1
    (metric,) = relaxations(project)
    assert (metric.kind, metric.key) == ("metric", "m")
    assert metric.text.startswith("Drop the must-have on the metric Recall:")
    project.metrics[0].must = False
    project.risks[0].likelihood = 5
    (risk,) = relaxations(project)
    assert (risk.kind, risk.key) == ("risk", "r")
    assert risk.text.startswith("Accept the severe risk “It failed because” instead of")


# analyse_scope ----------------------------------------------------------------


def test_analysing_a_viable_scope(example_project: Project) -> None:
    analysis = analyse_scope(example_project)
    scope = smallest_viable_scope(example_project)
    assert analysis.scope == scope and scope.viable
    assert list(analysis.reasons) == explain_scope(example_project, scope.capabilities)
    assert list(analysis.additions) == next_additions(
        example_project, scope.capabilities, limit=SHOWN_ADDITIONS
    )
    assert len(analysis.additions) == SHOWN_ADDITIONS
    assert analysis.relaxations == ()
    assert analysis.frontier and analysis.frontier_error == ""
    assert not analysis.frontier_stopped_early


def test_a_frontier_out_of_time_says_so(
    example_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(scope_advice, "FRONTIER_SECONDS", 0.0)
    analysis = analyse_scope(example_project)
    assert analysis.frontier_stopped_early and analysis.frontier_error == ""
    # the two ends, both on the frontier
    assert len(analysis.frontier) == 2
    assert analysis.frontier[0].effort < analysis.frontier[1].effort


def test_analysing_when_nothing_is_viable(example_project: Project) -> None:
    project = _with_level(example_project, "latency", 300)
    analysis = analyse_scope(project)
    assert not analysis.scope.viable
    assert analysis.reasons == () and analysis.additions == ()
    assert [r.kind for r in analysis.relaxations] == ["latency"]


def test_a_frontier_that_fails_leaves_the_scope(
    example_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(project: Project, **_: object) -> Frontier:
        raise RuntimeError("the solver gave up")

    monkeypatch.setattr(scope_advice, "frontier_search", fail)
    analysis = analyse_scope(example_project)
    assert analysis.scope.viable and analysis.reasons
    assert analysis.frontier == () and analysis.frontier_error == "the solver gave up"

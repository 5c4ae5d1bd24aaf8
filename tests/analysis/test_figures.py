"""Closure and slice figures against numbers worked out by hand (spec: 'Derived figures')."""

from __future__ import annotations

import math

from hypothesis import given, settings
from hypothesis import strategies as st

from scoping_app.analysis.figures import closure, slice_figures
from scoping_app.domain.enums import RiskStatus
from scoping_app.domain.model import Capability, Effort, Metric, Project, ProjectInfo, Risk
from tests.analysis.strategies import closed_sets, small_projects


def pert(o: float, m: float, p: float) -> float:
    return (o + 4 * m + p) / 6


def chain_project(**info: float | None) -> Project:
    """a <- b <- c (c requires b requires a), d alone, e requires a and d."""
    caps = [
        Capability(key="a", name="A", effort=Effort(optimistic=1, likely=2, pessimistic=9)),
        Capability(key="b", name="B", effort=3, requires=["a"], value=2, latency_ms=100),
        Capability(key="c", name="C", effort=1, requires=["b"], value=5, monthly_cost=40),
        Capability(key="d", name="D", effort=8, value=1, latency_ms=7),
        Capability(key="e", name="E", effort=0.5, requires=["a", "d"], monthly_cost=10),
    ]
    return Project(info=ProjectInfo(name="Chain", **info), capabilities=caps)


def test_closure_follows_requires_transitively() -> None:
    project = chain_project()
    assert closure(project, ["c"]) == {"a", "b", "c"}
    assert closure(project, ["e"]) == {"a", "d", "e"}
    assert closure(project, ["c", "e"]) == {"a", "b", "c", "d", "e"}
    assert closure(project, []) == frozenset()
    assert closure(project, ["nope", "d"]) == {"d"}


def test_figures_of_a_chain_by_hand() -> None:
    project = chain_project()
    f = slice_figures(project, ["c", "nope", "e", "c"])
    assert f.picked == ("c", "e")  # unknown dropped, repeats once, order kept
    assert f.closure == ("a", "b", "c", "d", "e")
    assert f.pulled_in == ("a", "b", "d")
    a = pert(1, 2, 9)  # 3.0
    assert f.effort == a + 3 + 1 + 8 + 0.5
    # chains: a-b-c = 3+3+1 = 7; a-e = 3.5; d-e = 8.5 (the longest)
    assert f.duration == 8.5
    assert f.critical_path == ("d", "e")
    assert f.value == 8
    assert f.latency_ms == 107
    assert f.monthly_cost == 50
    assert f.metrics_covered == ()
    assert f.severe_risks_open == ()
    assert f.viable
    assert f.violations == ()


def test_critical_path_puts_prerequisites_first() -> None:
    f = slice_figures(chain_project(), ["c"])
    assert f.critical_path == ("a", "b", "c")
    assert f.duration == 7


def test_empty_set() -> None:
    f = slice_figures(chain_project(), [])
    assert (f.effort, f.duration, f.critical_path, f.closure) == (0, 0, (), ())
    assert f.viable


def test_agent_assist_slice_of_the_example(example_project: Project) -> None:
    picked = example_project.slice("agent_assist").capabilities
    f = slice_figures(example_project, picked)
    assert f.picked == ("agent_panel", "rerank", "audit_log", "eval_set")
    assert set(f.closure) == {
        "agent_panel",
        "answer_llm",
        "index",
        "kb_ingest",
        "rerank",
        "audit_log",
        "eval_set",
        "pii_redaction",
        "ticket_export",
    }
    assert f.pulled_in == ("answer_llm", "index", "kb_ingest", "pii_redaction", "ticket_export")
    efforts = {
        "agent_panel": pert(4, 6, 9),
        "answer_llm": pert(3, 5, 9),
        "index": pert(3, 6, 10),
        "kb_ingest": pert(3, 5, 9),
        "rerank": pert(2, 4, 7),
        "audit_log": pert(2, 3, 5),
        "eval_set": pert(4, 6, 10),
        "pii_redaction": pert(3, 5, 8),
        "ticket_export": pert(2, 4, 10),
    }
    assert math.isclose(f.effort, 279 / 6)
    assert f.effort == math.fsum(efforts.values())
    # kb_ingest -> index -> answer_llm -> agent_panel = (32 + 37 + 32 + 37) / 6 = 23 days
    assert f.critical_path == ("kb_ingest", "index", "answer_llm", "agent_panel")
    assert math.isclose(f.duration, 23.0)
    assert f.value == 8 + 2 + 6 + 1
    assert f.latency_ms == 40 + 180 + 1600 + 60 + 10 + 30
    assert f.monthly_cost == 0 + 250 + 2400 + 300 + 50 + 150 + 80 + 100
    assert f.metrics_covered == ("grounded", "handle_time")
    # r_wrong (3x5), r_leak (3x5), r_stale (4x4) are severe; only reindex mitigates r_stale
    assert f.severe_risks_open == ("r_stale",)
    assert not f.viable
    assert f.violations == (
        "Severe risks are not mitigated: “It failed because it kept quoting last year's policies”.",
    )


def test_everything_slice_of_the_example_is_viable(example_project: Project) -> None:
    f = slice_figures(example_project, example_project.slice("everything").capabilities)
    assert f.viable, f.violations
    assert f.severe_risks_open == ()
    assert len(f.closure) == 15


def violating_project() -> Project:
    """A project whose empty slice fails every one of the six conditions."""
    return Project(
        info=ProjectInfo(
            name="Strict",
            latency_budget_ms=1500,
            monthly_budget=100,
            value_target=12,
            currency="EUR",
        ),
        metrics=[
            Metric(key="handle", name="Agent handle time", must=True),
            Metric(key="nice", name="Nice to have"),
        ],
        risks=[
            Risk(
                key="r_wrong", story="It failed because answers were wrong.", likelihood=3, impact=5
            ),
            Risk(
                key="r_mild", story="It failed because of something mild.", likelihood=2, impact=5
            ),
            Risk(
                key="r_done",
                story="It failed because a contract was missing.",
                likelihood=5,
                impact=5,
                status=RiskStatus.MITIGATED,
            ),
        ],
        capabilities=[
            Capability(key="pii", name="PII redaction", mandatory=True, latency_ms=870),
            Capability(key="slow", name="Slow model", latency_ms=1000, monthly_cost=250.5),
            Capability(key="audit", name="Answer audit trail", mandatory=True, requires=["slow"]),
            Capability(key="draft", name="Draft", delivers=["handle"], mitigates=["r_wrong"]),
        ],
    )


def test_violations_one_sentence_per_condition_in_spec_order() -> None:
    project = violating_project()
    f = slice_figures(project, ["pii"])
    assert f.violations == (
        "Mandatory capabilities are missing: Answer audit trail.",
        "Must-have metrics are not delivered: Agent handle time.",
        "Value of 0 is below the target of 12.",
        "Severe risks are not mitigated: “It failed because answers were wrong”.",
    )
    f = slice_figures(project, ["audit"])
    assert f.violations == (
        "Mandatory capabilities are missing: PII redaction.",
        "Must-have metrics are not delivered: Agent handle time.",
        "Monthly cost of EUR 250.5 is over the budget of EUR 100.",
        "Value of 0 is below the target of 12.",
        "Severe risks are not mitigated: “It failed because answers were wrong”.",
    )
    f = slice_figures(project, ["audit", "pii"])
    assert f.violations[0] == "Must-have metrics are not delivered: Agent handle time."
    assert f.violations[1] == "Latency of 1,870 ms is over the budget of 1,500 ms."
    f = slice_figures(project, [])
    assert (
        f.violations[0] == "Mandatory capabilities are missing: PII redaction, Answer audit trail."
    )
    assert len(f.violations) == 4


def test_severe_risk_mitigated_and_metric_covered_by_the_closure() -> None:
    project = violating_project()
    project.capabilities[3].requires = ["audit"]
    f = slice_figures(project, ["draft", "pii"])
    assert f.metrics_covered == ("handle",)
    assert f.severe_risks_open == ()
    assert "r_done" not in f.severe_risks_open  # mitigated outside the system: not severe


def test_budgets_compare_exact_floats() -> None:
    project = Project(
        info=ProjectInfo(name="Floats", latency_budget_ms=0.3),
        capabilities=[
            Capability(key="a", name="A", latency_ms=0.1),
            Capability(key="b", name="B", latency_ms=0.2),
            Capability(key="c", name="C", latency_ms=0.3),
        ],
    )
    assert slice_figures(project, ["c"]).viable
    f = slice_figures(project, ["a", "b"])
    assert f.latency_ms == 0.30000000000000004
    assert f.violations == ("Latency of 0.30000000000000004 ms is over the budget of 0.3 ms.",)


@settings(max_examples=60, deadline=None)
@given(small_projects(max_capabilities=7), st.data())
def test_figures_of_a_set_are_those_of_its_closure(project: Project, data: st.DataObject) -> None:
    keys = [c.key for c in project.capabilities]
    picked = data.draw(st.lists(st.sampled_from(keys), unique=True) if keys else st.just([]))
    f = slice_figures(project, picked)
    assert frozenset(f.closure) in set(closed_sets(project))
    assert set(picked) <= set(f.closure)
    again = slice_figures(project, f.closure)
    for field in ("effort", "duration", "value", "latency_ms", "monthly_cost", "violations"):
        assert getattr(again, field) == getattr(f, field)
    assert f.viable == (not f.violations)
    # the critical path is a chain of requires inside the closure, and no longer than effort
    caps = project.capabilities_by_key()
    for before, after in zip(f.critical_path, f.critical_path[1:], strict=False):
        assert before in caps[after].requires
    assert f.duration <= f.effort + 1e-9

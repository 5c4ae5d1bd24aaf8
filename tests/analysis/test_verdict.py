"""The plan's one verdict: every level, each reason in the user's words and never a key."""

from __future__ import annotations

import re

import pytest

from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.analysis.readiness import audit
from scoping_app.analysis.verdict import (
    LABELS,
    Recommendation,
    Verdict,
    plan_verdict,
    verdict_for,
)
from scoping_app.domain.enums import RiskStatus
from scoping_app.domain.model import (
    Capability,
    Metric,
    Project,
    ProjectInfo,
    Risk,
    Slice,
)
from scoping_app.store.importing import read_file
from tests.analysis.test_readiness import SCOPE, perfect
from tests.conftest import EXAMPLE_FILE

SMALLEST_GO = (
    "The smallest viable scope meets every condition of viability and readiness is 3 of 3: "
    "ready to build."
)


def one_sentence(text: str) -> bool:
    """One sentence: a capital first, one full stop at the very end and none inside."""
    body = re.sub(r"“[^”]*”", "“…”", text)  # names may hold anything
    body = re.sub(r"\d\.\d", "0", body)  # 1.5 of 3
    return text[:1].isupper() and body.endswith(".") and "." not in body[:-1]


def keys_of(project: Project) -> set[str]:
    lists = (
        project.process_steps,
        project.data_sources,
        project.metrics,
        project.capabilities,
        project.failure_modes,
        project.decisions,
        project.risks,
        project.slices,
    )
    return {item.key for items in lists for item in items}


def words_of(verdict: Verdict) -> str:
    return "\n".join((verdict.label, verdict.reason, *verdict.conditions))


# the four levels ----------------------------------------------------------------------------


def test_go_when_viable_and_ready() -> None:
    project = perfect()
    assert audit(project).gate == "go"
    found = verdict_for(project)
    assert (found.level, found.label) == ("go", "Go")
    assert found.reason == SMALLEST_GO
    assert found.conditions == ()


def test_go_for_a_chosen_slice_names_it() -> None:
    project = perfect()
    project.slices = [Slice(key="core", name="Core first", capabilities=SCOPE)]
    found = verdict_for(project, "core")
    assert found.level == "go"
    assert found.reason == (
        "The recommended slice “Core first” meets every condition of viability and "
        "readiness is 3 of 3: ready to build."
    )
    assert verdict_for(project, "Core first") == found  # by name as well as by key


def test_conditional_names_the_findings_to_fix_high_first() -> None:
    project = perfect()
    project.process_steps = project.process_steps[:1]  # A1 scores 0.5 (medium)
    project.data_sources[0].verified_on = None  # A2 scores 0 (high)
    project.decisions = [d for d in project.decisions if d.key != "q_cache"]  # D3: 0.5
    result = audit(project)
    assert (result.gate, result.sections["A"], result.sections["D"]) == ("conditional", 1.5, 2.5)
    found = verdict_for(project)
    assert (found.level, found.label) == ("conditional", "Go with conditions")
    assert found.reason == (
        "The smallest viable scope meets every condition of viability, but readiness is 1.5 "
        "of 3, so the 2 findings in “Business logic & data” must be fixed before committing "
        "budget."
    )
    messages = {f.check: f.message for f in result.findings}
    # the high finding first; D3 is a finding too, but section D already scores enough for go
    assert found.conditions == (messages["A2"], messages["A1"])
    assert found.conditions == (
        "Data sources in use that are not in hand and verified (1 of 1): “Tickets”.",
        "Only one step of the business process is mapped (“Receive”).",
    )


def test_no_go_by_the_gate_names_the_weakest_section_and_its_worst_finding() -> None:
    project = perfect()
    project.process_steps = project.process_steps[:1]  # A1: 0.5, medium
    project.data_sources[0].verified_on = None  # A2: 0, high
    project.data_sources[0].quality = None  # A3: 0, high
    result = audit(project)
    assert (result.gate, result.weakest, result.readiness) == ("no-go", "A", 0.5)
    found = verdict_for(project)
    assert (found.level, found.label) == ("no-go", "No-go")
    assert found.reason == (
        "The smallest viable scope meets every condition of viability, but readiness is only "
        "0.5 of 3, weakest in “Business logic & data” — data sources in use that are not in "
        "hand and verified (1 of 1): “Tickets”."
    )
    assert found.conditions == ()


def test_no_go_when_nothing_is_viable_names_the_metric() -> None:
    project = perfect()
    project.metrics.append(Metric(key="m_speed", name="Answer in a second", must=True))
    result = smallest_viable_scope(project)
    assert not result.viable
    found = verdict_for(project, scope=result)
    assert found.level == "no-go"
    assert found.reason == (
        "No scope can be viable because the must-have metric “Answer in a second” is "
        "delivered by no capability."
    )


def test_no_go_when_a_budget_and_a_metric_clash() -> None:
    project = perfect()
    project.info.latency_budget_ms = 50  # the answer model alone takes 100 ms
    found = verdict_for(project)
    assert found.level == "no-go"
    # the model both delivers the metric and mitigates the severe risk: two clashes
    assert found.reason == (
        "No scope can be viable, for 2 reasons, the first being that the latency budget of "
        "50 ms and the must-have metric “Grounded” cannot both be met: delivering it takes at "
        "least 100 ms."
    )
    project.capabilities[1].mitigates = []
    project.risks[0].status = RiskStatus.MITIGATED  # handled outside the system
    assert verdict_for(project).reason == (
        "No scope can be viable because the latency budget of 50 ms and the must-have metric "
        "“Grounded” cannot both be met: delivering it takes at least 100 ms."
    )


def test_no_go_with_several_reasons_counts_them_and_gives_the_first() -> None:
    project = perfect()
    project.metrics.append(Metric(key="m_speed", name="Answer in a second", must=True))
    project.info.value_target = 1_000
    result = smallest_viable_scope(project)
    assert len(result.reasons) == 2
    found = plan_verdict(project, Recommendation.smallest(result), audit(project, scope=result))
    assert found.reason == (
        "No scope can be viable, for 2 reasons, the first being that the must-have metric "
        "“Answer in a second” is delivered by no capability."
    )


def test_no_go_for_a_chosen_slice_that_is_not_viable() -> None:
    project = perfect()
    # everything mandatory but the answer model: its metric and its severe risk are left
    project.slices = [Slice(key="thin", name="Thin slice", capabilities=["eval", "mon", "comp"])]
    found = verdict_for(project, "thin")
    assert found.level == "no-go"
    assert found.reason == (
        "The recommended slice “Thin slice” does not deliver the must-have metric “Grounded” "
        "and leaves the severe risk “Stale data” open."
    )


def test_a_slice_over_budget_and_missing_the_mandatory() -> None:
    project = perfect()
    project.capabilities[-1] = project.capabilities[-1].model_copy(
        update={"latency_ms": 2_500, "monthly_cost": 400}
    )
    project.info.value_target = 1
    project.slices = [Slice(key="chat", name="Chat only", capabilities=["extra"])]
    found = verdict_for(project, "chat")
    assert found.reason == (
        "The recommended slice “Chat only” leaves out the mandatory capabilities “Eval”, "
        "“Monitor” and “Audit log”, does not deliver the must-have metric “Grounded”, takes "
        "2,500 ms per interaction against a budget of 1,000 ms, costs USD 400 a month against "
        "a budget of USD 100, delivers 0 value points against a target of 1 and leaves the "
        "severe risk “Stale data” open."
    )


def test_not_needed_when_nothing_is_required() -> None:
    project = Project(
        info=ProjectInfo(name="Idle", latency_budget_ms=100),
        metrics=[Metric(key="m", name="Nice to have")],
        capabilities=[Capability(key="a", name="Anything", effort=3, latency_ms=500)],
        risks=[Risk(key="r", story="Minor", likelihood=2, impact=2)],
        slices=[Slice(key="s", name="Some slice", capabilities=["a"])],
    )
    found = verdict_for(project)
    assert (found.level, found.label) == ("not-needed", "No scope needed yet")
    assert found.reason == (
        "Nothing is required yet: no capability is mandatory, no metric is a must-have, no "
        "severe risk is open and no value target is set, so there is nothing for a scope to "
        "deliver."
    )
    assert found.conditions == ()
    # a chosen slice (here over the latency budget) changes nothing: nothing asks for a scope
    assert verdict_for(project, "s") == found

    project.info.value_target = 0
    assert verdict_for(project).reason.endswith(
        "and the value target is 0, so there is nothing for a scope to deliver."
    )
    # any one requirement makes a scope needed again
    for change in (
        lambda p: setattr(p.info, "value_target", 1),
        lambda p: setattr(p.capabilities[0], "mandatory", True),
        lambda p: setattr(p.metrics[0], "must", True),
        lambda p: setattr(p.risks[0], "impact", 5) or setattr(p.risks[0], "likelihood", 5),
    ):
        again = project.copy_deep()
        change(again)
        assert verdict_for(again).level != "not-needed"


def test_an_accepted_severe_risk_is_not_a_requirement() -> None:
    project = Project(
        info=ProjectInfo(name="Accepted"),
        risks=[Risk(key="r", story="Big", likelihood=5, impact=5, status=RiskStatus.ACCEPTED)],
    )
    assert verdict_for(project).level == "not-needed"


def test_labels() -> None:
    assert LABELS == {
        "go": "Go",
        "conditional": "Go with conditions",
        "no-go": "No-go",
        "not-needed": "No scope needed yet",
    }


# words, not keys ----------------------------------------------------------------------------


def keyed() -> Project:
    """A project whose keys are words found nowhere else, so a key shown is a key leaked."""
    return Project(
        info=ProjectInfo(name="Keyed", latency_budget_ms=1_000, monthly_budget=500),
        metrics=[
            Metric(key="kmgood", name="Grounded answers", must=True),
            Metric(key="kmfast", name="Fast", kind="latency"),
        ],
        capabilities=[
            Capability(key="kqbase", name="Base pipeline", effort=2),
            Capability(
                key="kqmodel",
                name="Answer model",
                effort=3,
                requires=["kqbase"],
                delivers=["kmgood"],
                mitigates=["krleak"],
                latency_ms=100,
            ),
            Capability(key="kqguard", name="Guard rails", effort=1, mandatory=True),
            Capability(
                key="kqfancy", name="Fancy panel", effort=4, latency_ms=5_000, monthly_cost=900
            ),
        ],
        risks=[
            Risk(
                key="krleak", story="It failed because card numbers leaked", likelihood=5, impact=5
            )
        ],
        slices=[Slice(key="ksui", name="Panel only", capabilities=["kqfancy"])],
    )


def _budget_clash(p: Project) -> None:
    p.info.latency_budget_ms = 50


def _metric_nobody_delivers(p: Project) -> None:
    p.metrics[1].must = True


def _risk_nobody_mitigates(p: Project) -> None:
    p.capabilities[1].mitigates = []


@pytest.mark.parametrize(
    ("change", "slice_key", "level"),
    [
        (None, None, "no-go"),  # viable; readiness is poor
        (None, "ksui", "no-go"),  # the slice breaks every condition
        (_budget_clash, None, "no-go"),
        (_metric_nobody_delivers, None, "no-go"),
        (_risk_nobody_mitigates, None, "no-go"),
    ],
)
def test_reasons_never_show_a_key(change, slice_key, level) -> None:  # type: ignore[no-untyped-def]
    project = keyed()
    if change is not None:
        change(project)
    found = verdict_for(project, slice_key)
    assert found.level == level
    shown = words_of(found)
    leaked = [key for key in keys_of(project) if key in shown]
    assert leaked == [], shown
    assert one_sentence(found.reason), found.reason


def test_the_keyed_reasons_name_things_by_name() -> None:
    project = keyed()
    found = verdict_for(project, "ksui")
    assert "“Panel only”" in found.reason
    assert "“Guard rails”" in found.reason and "“Grounded answers”" in found.reason
    assert "“It failed because card numbers leaked”" in found.reason
    _risk_nobody_mitigates(project)
    assert "“It failed because card numbers leaked”" in verdict_for(project).reason
    project = keyed()
    _metric_nobody_delivers(project)
    assert "“Fast”" in verdict_for(project).reason


def test_recommendation_of_the_optimizer() -> None:
    project = keyed()
    _metric_nobody_delivers(project)
    result = smallest_viable_scope(project)
    recommendation = Recommendation.smallest(result)
    assert recommendation.figures is None and recommendation.slice_name is None
    assert recommendation.reasons == result.reasons and recommendation.reasons
    viable = Recommendation.smallest(smallest_viable_scope(keyed()))
    assert viable.figures is not None and viable.figures.viable and viable.reasons == ()


def test_an_unknown_slice_is_refused() -> None:
    with pytest.raises(ValueError, match="no slice"):
        verdict_for(perfect(), "nope")


# the example project ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def example() -> Project:
    return read_file(EXAMPLE_FILE)


EXAMPLE_CONDITIONS = (
    "Data sources in use that are not in hand and verified (3 of 4): “Internal card and "
    "payment policies”, “Resolved tickets, 24 months” and “Graded answer set”.",
    "Data sources in use whose quality or refresh is unknown (1 of 4): “Graded answer set”.",
)


def test_the_example_goes_with_conditions(example: Project) -> None:
    """Viable smallest scope (44.5 days) and readiness 1.5, section A the weakest."""
    found = verdict_for(example)
    assert (found.level, found.label) == ("conditional", "Go with conditions")
    assert found.reason == (
        "The smallest viable scope meets every condition of viability, but readiness is 1.5 "
        "of 3, so the 2 findings in “Business logic & data” must be fixed before committing "
        "budget."
    )
    assert found.conditions == EXAMPLE_CONDITIONS
    # the rubric's own gate is untouched
    assert audit(example).gate == "conditional"


def test_the_example_slices(example: Project) -> None:
    stale = "“It failed because it kept quoting last year's policies”"
    for key, name in (
        ("agent_assist", "Agent assist first"),
        ("self_service", "Customer self-service"),
    ):
        found = verdict_for(example, key)
        assert found.level == "no-go"
        assert (
            found.reason == f"The recommended slice “{name}” leaves the severe risk {stale} open."
        )
    everything = verdict_for(example, "everything")
    assert everything.level == "conditional"
    assert everything.reason.startswith("The recommended slice “Everything at once” meets every")
    assert everything.conditions == EXAMPLE_CONDITIONS
    # keys that are not also plain words ("policies" is a key and a word of a name)
    handles = [k for k in keys_of(example) if "_" in k]
    for found in (verdict_for(example), everything, verdict_for(example, "agent_assist")):
        assert [k for k in handles if k in words_of(found)] == []


def test_the_example_with_a_must_have_nothing_delivers(example: Project) -> None:
    changed = example.copy_deep()
    next(m for m in changed.metrics if m.key == "p95").must = True
    found = verdict_for(changed)
    assert found.level == "no-go"
    assert found.reason == (
        "No scope can be viable because the must-have metric “Time to first answer” is "
        "delivered by no capability."
    )

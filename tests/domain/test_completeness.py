"""Completeness of each step, on small purpose-built projects."""

from __future__ import annotations

from datetime import date

from scoping_app.domain.completeness import Status, completeness
from scoping_app.domain.enums import (
    AiRole,
    Category,
    DataStatus,
    DecisionStatus,
    Fallback,
    Industry,
    MetricKind,
    RiskCause,
    Topic,
)
from scoping_app.domain.model import (
    Capability,
    DataSource,
    Decision,
    FailureMode,
    Metric,
    ProcessStep,
    Project,
    ProjectInfo,
    Risk,
    Slice,
)

PROJECT, LOGIC, DATA, GOOD, DECISIONS, CAPS, PREMORTEM, SLICES, READINESS, EXPORT = range(10)


def _blank(**info: object) -> Project:
    return Project(info=ProjectInfo(name="P", **info))


def test_a_blank_project_is_empty_everywhere() -> None:
    statuses = completeness(_blank())
    assert len(statuses) == 10
    assert all(s.status is Status.EMPTY for s in statuses)
    assert statuses[LOGIC].hint == "No process steps yet"
    assert statuses[PREMORTEM].hint.startswith("No risks yet")


def test_project_step_names_what_is_missing() -> None:
    started = completeness(_blank(problem="Slow answers", owner="Ops"))[PROJECT]
    assert started.status is Status.STARTED
    assert started.hint.startswith("5 fields not set: objective, latency budget")
    almost = _blank(
        problem="x",
        objective="y",
        owner="z",
        latency_budget_ms=2000,
        monthly_budget=100,
        monthly_value=1000,
    )
    assert completeness(almost)[PROJECT].hint == "Deadline not set"
    almost.info.deadline = date(2027, 1, 1)
    assert completeness(almost)[PROJECT].status is Status.COMPLETE


def test_business_logic_needs_ai_somewhere() -> None:
    project = _blank()
    project.process_steps = [
        ProcessStep(key="a", name="Read", volume_per_day=10, minutes_per_item=2),
        ProcessStep(key="b", name="Answer", volume_per_day=10, minutes_per_item=5),
    ]
    assert completeness(project)[LOGIC].hint == "No process step uses AI yet"
    project.process_steps[1].ai_role = AiRole.ASSIST
    assert completeness(project)[LOGIC].status is Status.COMPLETE


def test_data_counts_sources_never_verified() -> None:
    project = _blank()
    checked = DataSource(
        key="a",
        name="A",
        status=DataStatus.HAVE,
        quality=4,
        refresh="daily",
        verified_on=date(2026, 10, 1),
    )
    project.data_sources = [
        checked,
        DataSource(key="b", name="B", status=DataStatus.HAVE, quality=3, refresh="weekly"),
        DataSource(key="c", name="C", status=DataStatus.HAVE, quality=3, refresh="weekly"),
    ]
    status = completeness(project)[DATA]
    assert status.status is Status.STARTED and status.hint == "2 data sources never verified"
    project.data_sources = [checked, checked.model_copy(update={"key": "d", "pii": True})]
    assert completeness(project)[DATA].hint == "1 PII source without a residency"
    project.data_sources[1].residency = "EU"
    assert completeness(project)[DATA].status is Status.COMPLETE


def test_must_metric_without_a_baseline() -> None:
    project = _blank()
    project.metrics = [
        Metric(
            key="deflection",
            name="Deflection",
            kind=MetricKind.BUSINESS,
            unit="%",
            target=20,
            method="Tickets",
            must=True,
        ),
        Metric(key="q", name="Grounded", unit="%", on_real_inputs=True),
    ]
    assert completeness(project)[GOOD].hint == "Metric Deflection has no baseline"
    project.metrics[0].baseline = 0
    assert completeness(project)[GOOD].status is Status.COMPLETE
    project.metrics[1].on_real_inputs = False
    assert completeness(project)[GOOD].hint == "No quality metric measured on real inputs"


def _decided(topic: Topic) -> Decision:
    return Decision(
        key=topic.value, topic=topic, question="?", choice="x", status=DecisionStatus.DECIDED
    )


def test_decisions_follow_the_regulated_rules() -> None:
    project = _blank(industry=Industry.HEALTHCARE)
    project.decisions = [_decided(t) for t in (Topic.SERVING, Topic.CACHING, Topic.DRIFT)]
    status = completeness(project)[DECISIONS]
    assert status.hint == ("Regulated: residency, PII, explainability and audit trail not decided")
    project.info = ProjectInfo(name="P", industry=Industry.RETAIL)
    assert completeness(project)[DECISIONS].status is Status.COMPLETE
    project.decisions.append(Decision(key="open", topic=Topic.GPU, question="GPUs?"))
    assert completeness(project)[DECISIONS].hint == "1 decision still open"


def test_capabilities_want_failure_modes_evaluation_and_monitoring() -> None:
    project = _blank()
    project.capabilities = [
        Capability(key="model", name="Answering", category=Category.MODEL, effort=3),
        Capability(key="eval", name="Evaluation", category=Category.EVALUATION, effort=2),
    ]
    assert completeness(project)[CAPS].hint == "Answering has no failure mode"
    failure = FailureMode(key="f", capability="model", description="Wrong", impact=5)
    project.failure_modes = [failure]
    assert completeness(project)[CAPS].hint == "1 severe failure without a fallback"
    project.failure_modes[0].fallback = Fallback.HUMAN_REVIEW
    assert completeness(project)[CAPS].hint == "Nobody called at 3am for 1 severe failure"
    project.failure_modes[0].detection = "Review"
    project.failure_modes[0].owner = "On-call"
    assert completeness(project)[CAPS].hint == "No monitoring capability"
    project.capabilities.append(
        Capability(key="mon", name="Monitoring", category=Category.MONITORING, effort=1)
    )
    assert completeness(project)[CAPS].status is Status.COMPLETE


def test_premortem_asks_the_four_questions() -> None:
    project = _blank()
    project.risks = [
        Risk(key="d", cause=RiskCause.DATA, story="Bad data", owner="A"),
        Risk(key="l", cause=RiskCause.LATENCY, story="Slow", owner="A"),
    ]
    assert completeness(project)[PREMORTEM].hint == "No risk about drift and cost yet"
    project.risks += [
        Risk(key="r", cause=RiskCause.DRIFT, story="Drift", owner="A", likelihood=5, impact=4),
        Risk(key="c", cause=RiskCause.COST, story="Cost", owner="A"),
    ]
    assert completeness(project)[PREMORTEM].hint == "1 severe risk not mitigated by a capability"
    project.capabilities = [Capability(key="m", name="Monitoring", mitigates=["r"])]
    assert completeness(project)[PREMORTEM].status is Status.COMPLETE


def test_slices_readiness_and_export() -> None:
    project = _blank()
    project.capabilities = [Capability(key="a", name="A", effort=1)]
    statuses = completeness(project)
    assert statuses[SLICES].hint == "No slice yet"
    assert statuses[READINESS].status is Status.STARTED
    assert statuses[EXPORT].status is Status.EMPTY
    assert statuses[EXPORT].hint == "No plan written yet: export it as a PDF"
    project.slices = [Slice(key="s", name="First", capabilities=["a"])]
    assert completeness(project)[SLICES].hint == "The slice is not viable"
    assert completeness(project, viable_slices={"s"})[SLICES].hint == (
        "Cut a second slice to compare"
    )
    project.slices.append(Slice(key="t", name="Empty"))
    assert completeness(project, viable_slices={"s"})[SLICES].hint == (
        "Slice Empty has no capabilities"
    )


def test_slices_are_complete_only_with_a_viable_slice() -> None:
    project = _blank()
    project.capabilities = [Capability(key="a", name="A", effort=1)]
    project.slices = [Slice(key=f"s{n}", name=f"Slice {n}", capabilities=["a"]) for n in range(12)]
    status = completeness(project)[SLICES]
    assert status.status is Status.STARTED
    assert status.hint == "None of the 12 slices is viable"
    assert completeness(project, viable_slices={"s3"})[SLICES].status is Status.COMPLETE
    # a key that is not one of the project's slices does not count
    assert completeness(project, viable_slices={"gone"})[SLICES].status is Status.STARTED


def test_export_is_not_started_until_a_plan_was_written() -> None:
    blank = _blank()
    assert completeness(blank)[EXPORT].status is Status.EMPTY
    assert completeness(blank)[EXPORT].hint == "Nothing to export yet: add capabilities"
    project = _blank()
    project.capabilities = [Capability(key="a", name="A", effort=1)]
    assert completeness(project)[EXPORT].status is Status.EMPTY
    written = completeness(project, plan_written=True)[EXPORT]
    assert written.status is Status.STARTED
    assert written.hint == "Plan written; the steps above still have gaps"

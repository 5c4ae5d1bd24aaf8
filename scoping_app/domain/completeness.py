"""How complete each step of the guided path is, with one line on what is missing.

Pure functions of the project (no Qt, no analysis): the sidebar shows the status
as a mark and the hint beside it. Where docs/readiness.md has a rule for the same
facts, the hint follows it (data verified, must-metrics measurable, failure modes on
model-facing capabilities, the four pre-mortem questions…), so finishing the steps
is also the way to a good audit.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps

from scoping_app.domain.enums import Category, MetricKind, Topic
from scoping_app.domain.model import Project
from scoping_app.domain.rubric_topics import (
    DRIFT_TOPICS,
    PREMORTEM_CAUSES,
    REGULATED_TOPICS,
    SERVING_TOPICS,
)


class Status(StrEnum):
    EMPTY = "empty"
    STARTED = "started"
    COMPLETE = "complete"


@dataclass(frozen=True)
class StepStatus:
    """One step's status and the first thing missing ("" when complete)."""

    status: Status
    hint: str
    missing: tuple[str, ...] = ()  # every gap found, the hint being the first


STEP_IDS = (
    "project",
    "business_logic",
    "data",
    "good",
    "decisions",
    "capabilities",
    "premortem",
    "slices",
    "readiness",
    "export",
)

TOPIC_WORDS = {Topic.PII: "PII", Topic.GPU: "GPU", Topic.AUDIT_TRAIL: "audit trail"}


def _plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def _words(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _topic(topic: Topic) -> str:
    return TOPIC_WORDS.get(topic, topic.value.replace("_", " "))


def _counted(found: Sequence[object], text: str, one: str, many: str = "") -> Iterator[str]:
    """``text`` with "{count}" filled in ("2 sources"), when anything was found."""
    if found:
        yield text.format(count=_plural(len(found), one, many or None))


def _result(missing: list[str], empty_hint: str | None = None) -> StepStatus:
    if empty_hint is not None:
        return StepStatus(Status.EMPTY, empty_hint, (empty_hint,))
    if missing:
        return StepStatus(Status.STARTED, missing[0], tuple(missing))
    return StepStatus(Status.COMPLETE, "")


StepRule = Callable[[Project], StepStatus]


def _unless_empty(
    list_name: str, empty_hint: str
) -> Callable[[Callable[[Project], Iterable[str]]], StepRule]:
    """A step's rule from the function listing its gaps: EMPTY with ``empty_hint`` while the
    project's ``list_name`` is empty; else STARTED with the gaps, or COMPLETE without any.

    The rules below are written as the generators of their gaps; decorated, each takes a
    project and gives its :class:`StepStatus`, as :func:`project_status` does.
    """

    def rule(gaps: Callable[[Project], Iterable[str]]) -> StepRule:
        @wraps(gaps)
        def status(project: Project) -> StepStatus:
            if not getattr(project, list_name):
                return _result([], empty_hint)
            return _result(list(gaps(project)))

        return status

    return rule


def project_status(project: Project) -> StepStatus:
    info = project.info
    wanted = {
        "problem": info.problem,
        "objective": info.objective,
        "owner": info.owner,
        "latency budget": info.latency_budget_ms,
        "running cost budget": info.monthly_budget,
        "value per month": info.monthly_value,
        "deadline": info.deadline,
    }
    absent = [name for name, value in wanted.items() if value in (None, "")]
    if len(absent) == len(wanted):
        return _result([], "No problem, objective or budgets yet")
    if not absent:
        return _result([])
    if len(absent) <= 2:
        hint = f"{_words(absent)} not set"
    else:
        hint = f"{len(absent)} fields not set: {', '.join(absent)}"
    return _result([hint[:1].upper() + hint[1:]])


@_unless_empty("process_steps", "No process steps yet")
def business_logic_status(project: Project) -> Iterator[str]:
    steps = project.process_steps
    if not any(step.uses_ai for step in steps):
        yield "No process step uses AI yet"
    if len(steps) < 2:
        yield "Map at least two steps of today's process"
    unknown_cost = [s for s in steps if s.volume_per_day is None or s.minutes_per_item is None]
    yield from _counted(unknown_cost, "{count} without volume or manual minutes", "step")


@_unless_empty("data_sources", "No data sources yet")
def data_status(project: Project) -> Iterator[str]:
    sources = project.data_sources
    unverified = [s for s in sources if s.verified_on is None]
    yield from _counted(unverified, "{count} never verified", "data source")
    yield from _counted([s for s in sources if not s.in_hand], "{count} not in hand yet", "source")
    unknown = [s for s in sources if s.quality is None or not s.refresh]
    yield from _counted(unknown, "Quality or freshness unknown for {count}", "source")
    no_residency = [s for s in sources if s.pii and not s.residency]
    yield from _counted(no_residency, "{count} without a residency", "PII source")


@_unless_empty("metrics", "No metrics yet")
def good_status(project: Project) -> Iterator[str]:
    metrics = project.metrics
    musts = [m for m in metrics if m.must]
    if not musts:
        yield "No must-have metric yet"
    for metric in musts:
        for field in ("unit", "baseline", "target", "method"):
            if getattr(metric, field) in (None, ""):
                yield f"Metric {metric.name} has no {field}"
                break
    quality = [m for m in metrics if m.kind is MetricKind.QUALITY]
    if not quality:
        yield "No quality metric yet"
    elif not any(m.on_real_inputs for m in quality):
        yield "No quality metric measured on real inputs"
    business = [m for m in metrics if m.kind is MetricKind.BUSINESS]
    if not business:
        yield "No business metric yet"
    elif not any(m.target is not None for m in business):
        yield "No business metric has a target"


@_unless_empty("decisions", "No architecture decisions yet")
def decisions_status(project: Project) -> Iterator[str]:
    decisions = project.decisions
    decided = {d.topic for d in decisions if d.decided}
    yield from _counted([d for d in decisions if not d.decided], "{count} still open", "decision")
    if project.info.industry.regulated:
        undecided = [t for t in REGULATED_TOPICS if t not in decided]
        if undecided:
            yield f"Regulated: {_words([_topic(t) for t in undecided])} not decided"
    if sum(1 for t in SERVING_TOPICS if t in decided) < 2:
        yield "Serving, caching or latency not decided"
    if not any(t in decided for t in DRIFT_TOPICS):
        yield "No decided plan for drift or retraining"


@_unless_empty("capabilities", "No capabilities yet")
def capabilities_status(project: Project) -> Iterator[str]:
    capabilities = project.capabilities
    with_failures = {f.capability for f in project.failure_modes}
    bare = [c for c in capabilities if c.category.model_facing and c.key not in with_failures]
    if bare:
        yield (
            f"{bare[0].name} has no failure mode"
            if len(bare) == 1
            else f"{len(bare)} model-facing capabilities have no failure mode"
        )
    severe = [f for f in project.failure_modes if f.severe]
    no_fallback = [f for f in severe if not f.has_fallback]
    yield from _counted(no_fallback, "{count} without a fallback", "severe failure")
    nobody = [f for f in severe if not f.detection or not f.owner]
    yield from _counted(nobody, "Nobody called at 3am for {count}", "severe failure")
    categories = {c.category for c in capabilities}
    if Category.EVALUATION not in categories:
        yield "No evaluation capability"
    if Category.MONITORING not in categories:
        yield "No monitoring capability"
    if project.info.industry.regulated and Category.COMPLIANCE not in categories:
        yield "Regulated: no compliance capability (audit trail)"
    unestimated = [c for c in capabilities if c.effort.pessimistic == 0]
    yield from _counted(unestimated, "{count} not estimated", "capability", "capabilities")


@_unless_empty("risks", "No risks yet: run the pre-mortem")
def premortem_status(project: Project) -> Iterator[str]:
    risks = project.risks
    causes = {r.cause for r in risks}
    unasked = [c.value for c in PREMORTEM_CAUSES if c not in causes]
    if unasked:
        yield f"No risk about {_words(unasked)} yet"
    mitigated = {key for c in project.capabilities for key in c.mitigates}
    unhandled = [r for r in risks if r.severe and r.key not in mitigated]
    yield from _counted(unhandled, "{count} not mitigated by a capability", "severe risk")
    yield from _counted([r for r in risks if not r.owner], "{count} without an owner", "risk")


def slices_status(project: Project, viable_slices: Collection[str] = ()) -> StepStatus:
    """Complete once a slice is viable (``viable_slices``: their keys, as the analysis
    finds them), every slice has capabilities, and there are two to compare."""
    slices = project.slices
    if not slices:
        if not project.capabilities:
            return _result([], "Add capabilities first")
        return _result([], "No slice yet")
    missing = []
    if not any(s.key in viable_slices for s in slices):
        missing.append(
            "The slice is not viable"
            if len(slices) == 1
            else f"None of the {len(slices)} slices is viable"
        )
    empty = [s for s in slices if not s.capabilities]
    if empty:
        missing.append(f"Slice {empty[0].name} has no capabilities")
    if len(slices) < 2:
        missing.append("Cut a second slice to compare")
    return _result(missing)


def _summary_of(earlier: Sequence[StepStatus], what: str) -> StepStatus:
    if all(s.status is Status.EMPTY for s in earlier):
        return _result([], f"Fill in the steps above to {what}")
    open_steps = [s for s in earlier if s.status is not Status.COMPLETE]
    if open_steps:
        return _result([f"{_plural(len(open_steps), 'step')} above still incomplete"])
    return _result([])


STEP_RULES: tuple[StepRule, ...] = (
    project_status,
    business_logic_status,
    data_status,
    good_status,
    decisions_status,
    capabilities_status,
    premortem_status,
)


def export_status(project: Project, readiness: StepStatus, plan_written: bool) -> StepStatus:
    """Not started until a plan was written; complete once written with every step complete."""
    if not plan_written:
        if not project.capabilities:
            return _result([], "Nothing to export yet: add capabilities")
        return _result([], "No plan written yet: export it as a PDF")
    if readiness.status is Status.COMPLETE:
        return _result([])
    return _result(["Plan written; the steps above still have gaps"])


def completeness(
    project: Project, *, viable_slices: Collection[str] = (), plan_written: bool = False
) -> list[StepStatus]:
    """The status of each of the ten steps, in the order of the guided path.

    Two facts come from outside the project: the keys of its viable slices (the
    analysis computes them) and whether a plan of it was written.
    """
    earlier = [rule(project) for rule in STEP_RULES]
    earlier.append(slices_status(project, viable_slices))
    readiness = _summary_of(earlier, "audit the plan")
    return [*earlier, readiness, export_status(project, readiness, plan_written)]

"""The plan's detail sections from a project and the analysis: audit, tables, graph, deferred."""

from __future__ import annotations

from dataclasses import fields
from enum import Enum
from typing import TYPE_CHECKING, TypeVar

from scoping_app.analysis.graph import dependency_graph, layered_layout
from scoping_app.analysis.readiness import SEVERE_IMPACT, Audit, audit, load_rubric
from scoping_app.analysis.scope_advice import next_additions
from scoping_app.domain import words
from scoping_app.domain.enums import DecisionStatus, Fallback
from scoping_app.domain.model import Metric, Project
from scoping_app.report.model import (
    AuditSummary,
    DecisionRow,
    DeferredRow,
    FailureRow,
    FindingRow,
    GraphInfo,
    GraphNode,
    MetricRow,
    PlanDetails,
    RiskRow,
    SourceRow,
    StepRow,
)

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Row = TypeVar("Row", bound="DataclassInstance")


def _copied(row_type: type[Row], source: object, **given: object) -> Row:
    """A row of the report model: the fields ``given``, and every other field copied from
    the attribute of the same name of ``source`` (the project's item it shows), an
    enumeration's value in words."""
    copied = {
        field.name: _shown(getattr(source, field.name))
        for field in fields(row_type)
        if field.name not in given
    }
    return row_type(**copied, **given)


def _shown(value: object) -> object:
    return words.choice(value) if isinstance(value, Enum) else value


def build_details(
    project: Project,
    in_scope: frozenset[str],
    pulled_in: frozenset[str],
    with_scope: bool,
    readiness: Audit | None = None,
) -> PlanDetails:
    """Every detail section; ``in_scope`` is the closure of the recommended scope.

    ``readiness`` is the audit already made for the plan (it is made here when None).
    """
    names = {c.key: c.name for c in project.capabilities}
    mitigators: dict[str, list[str]] = {}
    for c in project.capabilities:
        for key in dict.fromkeys(c.mitigates):
            mitigators.setdefault(key, []).append(c.name)
    return PlanDetails(
        audit=audit_summary(project, readiness),
        steps=tuple(_copied(StepRow, s) for s in project.process_steps),
        sources=tuple(_copied(SourceRow, d, status=str(d.status)) for d in project.data_sources),
        metric_rows=tuple(
            _copied(MetricRow, m, label=f"M{number}", gaps=measurability_gaps(m))
            for number, m in enumerate(project.metrics, start=1)
        ),
        decisions=tuple(
            _copied(
                DecisionRow,
                d,
                decided=d.status is DecisionStatus.DECIDED,
                options=tuple(option for option in d.options if option.strip()),
            )
            for d in project.decisions
        ),
        graph=_graph(project, in_scope, pulled_in),
        failures=tuple(
            _copied(
                FailureRow,
                f,
                capability=names.get(f.capability, f.capability),
                severe_without_fallback=f.impact >= SEVERE_IMPACT and f.fallback is Fallback.NONE,
            )
            for f in project.failure_modes
        ),
        risks=tuple(
            _copied(
                RiskRow,
                r,
                label=f"R{number}",
                mitigated_by=tuple(mitigators.get(r.key, ())),
            )
            for number, r in enumerate(project.risks, start=1)
        ),
        deferred=_deferred(project, in_scope) if with_scope else (),
    )


def measurability_gaps(metric: Metric) -> tuple[str, ...]:
    """What a metric lacks to be measurable (unit, baseline, target, method), as the app says."""
    values = {
        "unit": metric.unit,
        "baseline": metric.baseline,
        "target": metric.target,
        "method": metric.method,
    }
    return tuple(
        name
        for name, value in values.items()
        if value is None or (isinstance(value, str) and not value.strip())
    )


def audit_summary(project: Project, result: Audit | None = None) -> AuditSummary:
    if result is None:
        result = audit(project)
    rubric = load_rubric()
    return AuditSummary(
        readiness=result.readiness,
        gate=result.gate,
        band=result.band,
        sections=tuple(
            (letter, rubric.sections.get(letter, letter), score)
            for letter, score in result.sections.items()
        ),
        findings=tuple(
            FindingRow(f.check, f.title, f.severity, f.message, f.advice) for f in result.findings
        ),
    )


def _graph(project: Project, in_scope: frozenset[str], pulled_in: frozenset[str]) -> GraphInfo:
    from scoping_app.analysis._index import build_index
    from scoping_app.analysis.figures import _critical_path

    graph = dependency_graph(project)
    nodes = {
        c.key: GraphNode(
            key=c.key,
            name=c.name,
            effort=c.effort.expected,
            state="pulled" if c.key in pulled_in else "in" if c.key in in_scope else "out",
            mandatory=c.mandatory,
        )
        for c in project.capabilities
    }
    # The recommended scope's critical path, as the analysis finds it in its closure.
    critical: tuple[str, ...] = ()
    if in_scope:
        index = build_index(project)
        members = {index.number[key] for key in in_scope if key in index.number}
        try:
            critical = _critical_path(index, members)[1]
        except OverflowError:  # efforts too big to add up: no path to show
            critical = ()
    return GraphInfo(
        layers=layered_layout(project).layers,
        nodes=nodes,
        edges=tuple(graph.edges()),
        critical_path=critical,
    )


def _deferred(project: Project, in_scope: frozenset[str]) -> tuple[DeferredRow, ...]:
    left_out = [c for c in project.capabilities if c.key not in in_scope]
    if not left_out:
        return ()
    additions = {a.capability: a for a in next_additions(project, in_scope, limit=len(left_out))}
    metrics = {m.key: m.name for m in project.metrics}
    risks = {r.key: f"R{number}" for number, r in enumerate(project.risks, start=1)}
    names = {other.key: other.name for other in project.capabilities}
    rows = []
    for c in left_out:
        addition = additions.get(c.key)
        brings: list[str] = []
        added_effort, added_value = c.effort.expected, c.value
        if addition is not None:
            added_effort, added_value = addition.effort, addition.value
            if addition.covers:
                brings.append("covers " + ", ".join(metrics.get(k, k) for k in addition.covers))
            if addition.mitigates:
                brings.append("mitigates " + ", ".join(risks.get(k, k) for k in addition.mitigates))
            extra = [k for k in addition.pulled_in if k != c.key]
            if extra:
                brings.append("needs " + ", ".join(names.get(k, k) for k in extra))
        rows.append(
            DeferredRow(
                name=c.name,
                value=c.value,
                effort=c.effort.expected,
                added_effort=added_effort,
                added_value=added_value,
                brings=tuple(brings),
            )
        )
    # Best value for the effort first, as the explanation ranks additions.
    rows.sort(key=lambda r: -(r.added_value / r.added_effort) if r.added_effort else -1e18)
    return tuple(rows)

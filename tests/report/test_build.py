"""build_plan: the report model of a project, from the analysis functions."""

from __future__ import annotations

from datetime import date

import pytest

from scoping_app.analysis.figures import slice_figures
from scoping_app.analysis.optimizer import smallest_viable_scope
from scoping_app.domain.model import Project
from scoping_app.report import build_plan
from scoping_app.report.build import SMALLEST_VIABLE_TITLE
from tests.report.conftest import generated_project


def test_recommends_the_smallest_viable_scope(example_project: Project) -> None:
    report = build_plan(example_project, today=date(2026, 3, 3))
    result = smallest_viable_scope(example_project)
    assert result.viable and result.figures is not None

    recommended = report.recommended
    assert recommended.title == SMALLEST_VIABLE_TITLE
    assert recommended.chosen_slice is None
    assert recommended.figures is not None
    assert recommended.figures.effort_days == pytest.approx(result.figures.effort)
    assert recommended.figures.monthly_cost == pytest.approx(result.figures.monthly_cost)
    names = {c.key: c.name for c in example_project.capabilities}
    assert set(recommended.figures.capabilities) == {names[k] for k in result.capabilities}
    in_scope = {row.key for row in report.capabilities if row.in_scope}
    assert in_scope == set(result.capabilities)


def test_cover_and_budgets(example_project: Project) -> None:
    report = build_plan(example_project, today=date(2026, 3, 3))
    info = example_project.info
    assert report.cover.project_name == info.name
    assert report.cover.report_date == date(2026, 3, 3)
    assert report.cover.industry == "Fintech (regulated)"
    assert report.cover.pattern == "Retrieval-augmented generation (RAG)"
    assert report.cover.owner == info.owner
    assert report.author == info.owner
    assert report.budgets.currency == "EUR"
    assert report.budgets.latency_budget_ms == info.latency_budget_ms
    assert report.title == f"{info.name}: AI scoping plan"


def test_today_by_default(example_project: Project) -> None:
    assert build_plan(example_project).cover.report_date == date.today()


def test_author_falls_back_to_the_app(example_project: Project) -> None:
    example_project.info.owner = "  "
    assert build_plan(example_project).author == "AI Scoping Studio"


def test_one_column_per_slice_after_the_computed_scope(example_project: Project) -> None:
    report = build_plan(example_project)
    first, *columns = report.slices
    assert first.recommended and first.key is None
    assert [c.key for c in columns] == [s.key for s in example_project.slices]
    for column, item in zip(columns, example_project.slices, strict=True):
        figures = slice_figures(example_project, item.capabilities)
        assert column.name == item.name
        assert column.figures.effort_days == pytest.approx(figures.effort)
        assert column.figures.latency_ms == pytest.approx(figures.latency_ms)
        assert column.figures.viable == figures.viable
        assert column.figures.violations == figures.violations
        assert bool(column.figures.shortfalls) == (not figures.viable)
        assert len(column.figures.severe_risks_open) == len(figures.severe_risks_open)
        assert not column.recommended


def test_a_chosen_slice_by_key_or_name(example_project: Project) -> None:
    by_key = build_plan(example_project, recommended_slice="self_service")
    by_name = build_plan(example_project, recommended_slice="Customer self-service")
    for report in (by_key, by_name):
        assert report.recommended.chosen_slice == "self_service"
        assert report.recommended.title == "Customer self-service"
        assert [c.recommended for c in report.slices] == [False, True, False]
    figures = slice_figures(example_project, example_project.slice("self_service").capabilities)
    in_scope = {row.key for row in by_key.capabilities if row.in_scope}
    assert in_scope == set(figures.closure)


def test_unknown_slice_raises_a_clear_error(example_project: Project) -> None:
    with pytest.raises(ValueError, match="no slice 'nope'") as raised:
        build_plan(example_project, recommended_slice="nope")
    assert "“Agent assist first”, “Customer self-service”" in str(raised.value)
    assert "agent_assist" not in str(raised.value)


def test_capability_rows(example_project: Project) -> None:
    report = build_plan(example_project)
    rows = {row.key: row for row in report.capabilities}
    assert list(rows) == [c.key for c in example_project.capabilities]
    redaction = rows["pii_redaction"]
    assert redaction.category == "Compliance"
    assert redaction.mandatory
    assert redaction.prerequisites == ("Ticket export",)
    assert (redaction.effort_optimistic, redaction.effort_likely) == (3, 5)
    assert redaction.effort_expected == pytest.approx((3 + 4 * 5 + 8) / 6)


def test_numbered_metrics_and_risks(example_project: Project) -> None:
    report = build_plan(example_project)
    assert [m.label for m in report.metrics] == ["M1", "M2", "M3", "M4"]
    assert [m.must for m in report.metrics] == [m.must for m in example_project.metrics]
    open_in_some_slice = {
        ref.label for column in report.slices for ref in column.figures.severe_risks_open
    }
    assert {ref.label for ref in report.severe_risks} == open_in_some_slice


def test_nothing_viable_gives_the_reasons(example_project: Project) -> None:
    example_project.info.latency_budget_ms = 1
    report = build_plan(example_project)
    assert not report.recommended.found
    assert report.recommended.reasons
    assert not any(row.in_scope for row in report.capabilities)
    assert all(column.key is not None for column in report.slices)


def test_a_bigger_project() -> None:
    project = generated_project(40, 6)
    report = build_plan(project)
    assert len(report.capabilities) == 40
    assert len([c for c in report.slices if c.key is not None]) == 6


def test_the_graph_tells_picked_pulled_in_and_out_apart(example_project: Project) -> None:
    chosen = example_project.slices[0]
    report = build_plan(example_project, recommended_slice=chosen.key)
    graph = report.details.graph if report.details else None
    assert graph is not None
    states = {node.key: node.state for node in graph.nodes.values()}
    assert {"in", "pulled", "out"} <= set(states.values())
    picked = set(chosen.capabilities)
    assert all(states[key] == "in" for key in picked)
    assert [key for layer in graph.layers for key in layer].__len__() == len(states)
    names = {c.key: c.name for c in example_project.capabilities}
    for prerequisite, dependant in graph.edges:
        assert prerequisite in names and dependant in names


def test_measurability_decisions_and_deferred(example_project: Project) -> None:
    report = build_plan(example_project)
    details = report.details
    figures = report.recommended.figures
    assert details is not None and figures is not None
    gaps = {row.name: row.gaps for row in details.metric_rows}
    for metric in example_project.metrics:
        measurable = all(
            (value.strip() if isinstance(value, str) else value is not None)
            for value in (metric.unit, metric.baseline, metric.target, metric.method)
        )
        assert (not gaps[metric.name]) == measurable
    assert {row.decided for row in details.decisions} == {True, False}
    deferred = {row.name for row in details.deferred}
    everything = {c.name for c in example_project.capabilities}
    assert deferred == everything - set(figures.capabilities)

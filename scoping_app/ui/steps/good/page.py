"""Step 4, Definition of good: the metrics that say, in numbers, what good output is.

A metric without a unit, baseline, target or method cannot be measured; it is
flagged in its row and the form names what is missing.
"""

from __future__ import annotations

from typing import Any, ClassVar

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Direction, MetricKind
from scoping_app.domain.model import NAME_MAX, Metric, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import (
    BoolField,
    ChoiceField,
    FieldEditor,
    LineField,
    NumberField,
    TextField,
)
from scoping_app.ui.widgets.list_editor import MarkedColumn
from scoping_app.ui.widgets.list_step import ListStepPage
from scoping_app.ui.widgets.read_only import plural
from scoping_app.ui.widgets.record_table import Column


def missing(metric: Metric) -> list[str]:
    """What a metric lacks to be measurable: unit, baseline, target, method."""
    gaps = []
    if not metric.unit.strip():
        gaps.append("unit")
    if metric.baseline is None:
        gaps.append("baseline")
    if metric.target is None:
        gaps.append("target")
    if not metric.method.strip():
        gaps.append("method")
    return gaps


def not_measurable(metric: Metric) -> str | None:
    """'Not measurable: no unit, no method', or None when the metric is measurable."""
    gaps = missing(metric)
    return "Not measurable: no " + ", no ".join(gaps) if gaps else None


def _target(metric: Metric) -> str:
    if metric.target is None:
        return "—"
    arrow = "≥" if metric.direction is Direction.INCREASE else "≤"
    return f"{arrow} {fmt.number(metric.target)} {metric.unit}".rstrip()


COLUMNS: list[Column[Metric]] = [
    MarkedColumn("Metric", lambda m: m.name, width=190, mark=not_measurable),
    Column(
        "Baseline",
        lambda m: f"{fmt.number(m.baseline)} {m.unit}".strip() if m.baseline is not None else "—",
        numeric=True,
    ),
    Column("Target", _target, numeric=True),
    Column("Must", lambda m: "Yes" if m.must else "", tooltip="A viable scope must deliver it"),
    Column(
        "Real inputs",
        lambda m: fmt.yes_no(m.on_real_inputs),
        tooltip="Measured on real user inputs, not a clean internal set",
        colour=lambda m: None if m.on_real_inputs else Role.WARNING,
    ),
    MarkedColumn(
        "Measurable",
        lambda m: "No: " + ", ".join(missing(m)) if missing(m) else "Yes",
        colour=lambda m: Role.ERROR if missing(m) else None,
        mark=not_measurable,
        tooltip="Measurable needs a unit, a baseline, a target and a method",
    ),
]


def _notice(metric: Metric, _project: Project) -> str:
    text = not_measurable(metric)
    return f"⚠ {text}. Fill them in so the metric can be checked." if text else ""


class DefinitionOfGoodStep(ListStepPage):
    title = "Definition of good"
    advice = (
        "What good output means, measurably: unit, baseline, target and method. Must-have "
        "metrics are the ones every viable scope has to deliver."
    )
    watches = frozenset({"metrics"})
    list_name, item_word, item_type = "metrics", "metric", Metric
    empty_summary = "No metrics yet: nobody has said what good output is."
    new_name = "New metric"
    editor_options: ClassVar[dict[str, Any]] = {
        "notice": _notice,
        "form_width": 340,
        "last_column_room": 120,
    }

    def fields(self) -> list[FieldEditor]:
        return [
            LineField("name", "Name", max_length=NAME_MAX, wrap=True),
            ChoiceField("kind", "Kind", MetricKind),
            LineField("unit", "Unit", placeholder='e.g. "%", "min", "ms"'),
            NumberField(
                "baseline",
                "Baseline",
                placeholder="today's value",
                tooltip="The value today; empty when not known",
            ),
            NumberField("target", "Target", placeholder="the value to reach"),
            ChoiceField(
                "direction",
                "Direction",
                Direction,
                words=lambda d: (
                    "Higher is better" if d is Direction.INCREASE else "Lower is better"
                ),
            ),
            TextField(
                "method", "Method", placeholder="how it is measured, on what data", words="method"
            ),
            BoolField(
                "on_real_inputs",
                "Real inputs",
                "Measured on real user inputs",
                words="real inputs flag",
            ),
            BoolField(
                "must", "Must-have", "A viable scope must deliver it", words="must-have flag"
            ),
        ]

    def columns(self, project: Project | None) -> list[Column[Metric]]:
        return COLUMNS

    def summary_text(self, project: Project) -> str:
        metrics = project.metrics
        must = sum(1 for m in metrics if m.must)
        real = sum(1 for m in metrics if m.on_real_inputs)
        flagged = sum(1 for m in metrics if missing(m))
        text = (
            f"{plural(len(metrics), 'metric')}, {must} must-have; "
            f"{real} measured on real user inputs."
        )
        if flagged:
            text += (
                " "
                + theme.coloured(f"<b>⚠ {flagged} not measurable</b>", Role.ERROR)
                + " (unit, baseline, target or method missing)."
            )
        return text

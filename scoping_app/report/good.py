"""The "Definition of good" section: the metrics, and which of them cannot be measured yet."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, coloured, warning
from scoping_app.report.escape import escape
from scoping_app.report.model import MetricRow
from scoping_app.report.section_table import Column, ListingSection, Markup, SectionTable, summed_up
from scoping_app.report.sections import GOOD
from scoping_app.report.styles import WARN, WARN_TINT, Styles

INTRO = (
    "How the project will know it works. A metric is measurable once it has a unit, "
    "today's baseline, a target and a method."
)
NOTHING = "The project has no metrics yet."


def _name(metric: MetricRow) -> str:
    """The label and the name, and what the metric lacks to be measurable."""
    name = f"<b>{metric.label}</b> {escape(metric.name)}"
    if metric.gaps:
        name += "<br/>" + coloured("<b>Not measurable:</b> no " + ", no ".join(metric.gaps), WARN)
    return Markup(name)


COLUMNS: tuple[Column[MetricRow], ...] = (
    Column("Metric", 0.22, _name, tint=lambda metric: WARN_TINT if metric.gaps else None),
    Column("Kind", 0.09, lambda metric: metric.kind),
    Column("Unit", 0.08, lambda metric: metric.unit),
    Column("Baseline", 0.085, lambda metric: fmt.number(metric.baseline), right=True),
    Column("Target", 0.085, lambda metric: fmt.number(metric.target), right=True),
    Column("Direction", 0.09, lambda metric: metric.direction),
    Column("Method", 0.21, lambda metric: metric.method),
    Column("Real inputs", 0.07, lambda metric: fmt.yes_no(metric.on_real_inputs)),
    Column("Must", 0.07, lambda metric: Markup("<b>Must</b>" if metric.must else "")),
)


def _summary(metrics: Sequence[MetricRow]) -> str:
    """Markup: how many metrics, how many must-haves, how many not measurable yet."""
    flagged = sum(1 for metric in metrics if metric.gaps)
    musts = sum(1 for metric in metrics if metric.must)
    summary = f"{len(metrics)} metrics, {musts} of them must-haves."
    if flagged:
        summary += " " + warning(f"{flagged} not measurable yet.")
    return summary


def _list_metrics(metrics: Sequence[MetricRow], styles: Styles, box: Box) -> list[Flowable]:
    return summed_up(_summary(metrics), SectionTable(COLUMNS, styles, metrics), box)


good_story = ListingSection(
    GOOD, INTRO, NOTHING, lambda details: details.metric_rows, _list_metrics
)

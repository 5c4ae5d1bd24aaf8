"""The "Definition of good" section: the metrics, and which of them cannot be measured yet."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, cell, lead, markup, warning
from scoping_app.report.escape import escape
from scoping_app.report.model import MetricRow
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import GOOD, TITLES
from scoping_app.report.styles import WARN_HEX, WARN_TINT, Styles

TITLE = TITLES[GOOD]
INTRO = (
    "How the project will know it works. A metric is measurable once it has a unit, "
    "today's baseline, a target and a method."
)
NOTHING = "The project has no metrics yet."

COLUMNS = (
    Column("Metric", 0.22),
    Column("Kind", 0.09),
    Column("Unit", 0.08),
    Column("Baseline", 0.085, right=True),
    Column("Target", 0.085, right=True),
    Column("Direction", 0.09),
    Column("Method", 0.21),
    Column("Real inputs", 0.07),
    Column("Must", 0.07),
)


def _list_metrics(metrics: Sequence[MetricRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    flagged = sum(1 for metric in metrics if metric.gaps)
    musts = sum(1 for metric in metrics if metric.must)
    line = f"{len(metrics)} metrics, {musts} of them must-haves."
    if flagged:
        line += " " + warning(f"{flagged} not measurable yet.")
    story.append(lead(markup(line, styles.body)))
    table = SectionTable(COLUMNS, styles)
    for metric in metrics:
        name = f"<b>{metric.label}</b> {escape(metric.name)}"
        if metric.gaps:
            name += (
                f'<br/><font color="{WARN_HEX}"><b>Not measurable:</b> no '
                + ", no ".join(metric.gaps)
                + "</font>"
            )
        table.add(
            [
                markup(name, styles.cell),
                cell(metric.kind, styles),
                cell(metric.unit, styles),
                cell(fmt.number(metric.baseline), styles, right=True),
                cell(fmt.number(metric.target), styles, right=True),
                cell(metric.direction, styles),
                cell(metric.method, styles),
                cell("Yes" if metric.on_real_inputs else "No", styles),
                markup("<b>Must</b>" if metric.must else "", styles.cell),
            ],
            tint={0: WARN_TINT} if metric.gaps else None,
        )
    story.append(table.table(box))
    return story


good_story = ListingSection(
    TITLE, INTRO, NOTHING, lambda details: details.metric_rows, _list_metrics
)

"""The "Definition of good" section: the metrics, and which of them cannot be measured yet."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report import formatting as fmt
from scoping_app.report.blocks import Box, cell, head, lead, markup, section_title
from scoping_app.report.escape import escape
from scoping_app.report.model import PlanReport
from scoping_app.report.sections import GOOD, TITLES
from scoping_app.report.styles import WARN_HEX, WARN_TINT, Styles
from scoping_app.report.tables import fitted_table

TITLE = TITLES[GOOD]

# Metric, kind, unit, baseline, target, direction, method, real inputs, must.
_SHARES = (0.22, 0.09, 0.08, 0.085, 0.085, 0.09, 0.21, 0.07, 0.07)


def good_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    metrics = report.details.metric_rows if report.details else ()
    story = section_title(
        TITLE,
        styles,
        "How the project will know it works. A metric is measurable once it has a unit, "
        "today's baseline, a target and a method.",
    )
    if not metrics:
        story.append(markup("The project has no metrics yet.", styles.body))
        return story
    flagged = sum(1 for metric in metrics if metric.gaps)
    musts = sum(1 for metric in metrics if metric.must)
    line = f"{len(metrics)} metrics, {musts} of them must-haves."
    if flagged:
        line += f' <font color="{WARN_HEX}"><b>{flagged} not measurable yet.</b></font>'
    story.append(lead(markup(line, styles.body)))
    rows: list[list[Flowable]] = [
        [
            head("Metric", styles),
            head("Kind", styles),
            head("Unit", styles),
            head("Baseline", styles, right=True),
            head("Target", styles, right=True),
            head("Direction", styles),
            head("Method", styles),
            head("Real inputs", styles),
            head("Must", styles),
        ]
    ]
    extra: list[tuple[object, ...]] = []
    for number, metric in enumerate(metrics, start=1):
        name = f"<b>{metric.label}</b> {escape(metric.name)}"
        if metric.gaps:
            name += (
                f'<br/><font color="{WARN_HEX}"><b>Not measurable:</b> no '
                + ", no ".join(metric.gaps)
                + "</font>"
            )
            extra.append(("BACKGROUND", (0, number), (0, number), WARN_TINT))
        rows.append(
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
            ]
        )
    story.append(fitted_table(rows, _SHARES, box, extra=extra))
    return story

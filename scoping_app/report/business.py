"""The "Business logic" section: today's process, step by step, with the manual time it costs."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report import formatting as fmt
from scoping_app.report.blocks import Box, cell, head, markup, section_title
from scoping_app.report.fonts import BOLD
from scoping_app.report.model import PlanReport
from scoping_app.report.sections import BUSINESS, TITLES
from scoping_app.report.styles import ACCENT, ACCENT_TINT, Styles
from scoping_app.report.tables import fitted_table

TITLE = TITLES[BUSINESS]

# Step, actor, decision, AI role, volume/day, minutes/item, manual time/day.
_SHARES = (0.2, 0.13, 0.23, 0.1, 0.11, 0.1, 0.13)


def business_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    steps = report.details.steps if report.details else ()
    story = section_title(
        TITLE,
        styles,
        "Today's process, step by step, and where AI would assist or automate. Manual time "
        "per day is the volume times the minutes per item.",
    )
    if not steps:
        story.append(markup("The project describes no process steps yet.", styles.body))
        return story
    rows: list[list[Flowable]] = [
        [
            head("Step", styles),
            head("Actor", styles),
            head("Decision taken", styles),
            head("AI role", styles),
            head("Volume per day", styles, right=True),
            head("Minutes per item", styles, right=True),
            head("Manual time per day", styles, right=True),
        ]
    ]
    total = 0.0
    for step in steps:
        manual = step.manual_minutes
        total += manual or 0.0
        rows.append(
            [
                cell(step.name, styles),
                cell(step.actor, styles),
                cell(step.decision, styles),
                cell(step.ai_role, styles),
                cell(fmt.number(step.volume_per_day), styles, right=True),
                cell(fmt.number(step.minutes_per_item), styles, right=True),
                cell(fmt.hours(manual) if manual is not None else "", styles, right=True),
            ]
        )
    rows.append(
        [
            markup("<b>Total</b>", styles.cell),
            "",
            "",
            "",
            "",
            "",
            markup(f"<b>{fmt.hours(total)}</b>", styles.cell_right),
        ]
    )
    last = len(rows) - 1
    extra = [
        ("SPAN", (0, last), (5, last)),
        ("BACKGROUND", (0, last), (-1, last), ACCENT_TINT),
        ("LINEABOVE", (0, last), (-1, last), 1, ACCENT),
        ("FONT", (0, last), (-1, last), BOLD, 8.5),
        # The total never stands alone on a page: it goes with the last step.
        ("NOSPLIT", (0, last - 1), (-1, last)),
    ]
    story.append(fitted_table(rows, _SHARES, box, extra=extra))
    if any(step.manual_minutes is None for step in steps):
        story.append(
            markup(
                "Steps without a volume or minutes per item count for nothing in the total.",
                styles.muted,
            )
        )
    return story

"""The "Business logic" section: today's process, step by step, with the manual time it costs."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, cell, markup
from scoping_app.report.fonts import BOLD
from scoping_app.report.model import StepRow
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import BUSINESS, TITLES
from scoping_app.report.styles import ACCENT, ACCENT_TINT, Styles

TITLE = TITLES[BUSINESS]
INTRO = (
    "Today's process, step by step, and where AI would assist or automate. Manual time "
    "per day is the volume times the minutes per item."
)
NOTHING = "The project describes no process steps yet."

COLUMNS = (
    Column("Step", 0.2),
    Column("Actor", 0.13),
    Column("Decision taken", 0.23),
    Column("AI role", 0.1),
    Column("Volume per day", 0.11, right=True),
    Column("Minutes per item", 0.1, right=True),
    Column("Manual time per day", 0.13, right=True),
)


def _list_steps(steps: Sequence[StepRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    table = SectionTable(COLUMNS, styles)
    total = 0.0
    for step in steps:
        manual = step.manual_minutes
        total += manual or 0.0
        table.add(
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
    table.add(
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
    last = len(table.rows) - 1
    extra = [
        ("SPAN", (0, last), (5, last)),
        ("BACKGROUND", (0, last), (-1, last), ACCENT_TINT),
        ("LINEABOVE", (0, last), (-1, last), 1, ACCENT),
        ("FONT", (0, last), (-1, last), BOLD, 8.5),
        # The total never stands alone on a page: it goes with the last step.
        ("NOSPLIT", (0, last - 1), (-1, last)),
    ]
    story.append(table.table(box, extra=extra))
    if any(step.manual_minutes is None for step in steps):
        story.append(
            markup(
                "Steps without a volume or minutes per item count for nothing in the total.",
                styles.muted,
            )
        )
    return story


business_story = ListingSection(TITLE, INTRO, NOTHING, lambda details: details.steps, _list_steps)

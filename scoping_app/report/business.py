"""The "Business logic" section: today's process, step by step, with the manual time it costs."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, markup
from scoping_app.report.fonts import BOLD
from scoping_app.report.model import StepRow
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import BUSINESS
from scoping_app.report.styles import ACCENT, ACCENT_TINT, Styles

INTRO = (
    "Today's process, step by step, and where AI would assist or automate. Manual time "
    "per day is the volume times the minutes per item."
)
NOTHING = "The project describes no process steps yet."


def _manual_time(step: StepRow) -> str:
    return fmt.hours(step.manual_minutes) if step.manual_minutes is not None else ""


COLUMNS: tuple[Column[StepRow], ...] = (
    Column("Step", 0.2, lambda step: step.name),
    Column("Actor", 0.13, lambda step: step.actor),
    Column("Decision taken", 0.23, lambda step: step.decision),
    Column("AI role", 0.1, lambda step: step.ai_role),
    Column("Volume per day", 0.11, lambda step: fmt.number(step.volume_per_day), right=True),
    Column("Minutes per item", 0.1, lambda step: fmt.number(step.minutes_per_item), right=True),
    Column("Manual time per day", 0.13, _manual_time, right=True),
)


def _list_steps(steps: Sequence[StepRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    table = SectionTable(COLUMNS, styles, steps)
    total = sum(step.manual_minutes or 0.0 for step in steps)
    table.add_cells(
        [
            markup("<b>Total</b>", styles.cell),
            *[""] * 5,
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


business_story = ListingSection(
    BUSINESS, INTRO, NOTHING, lambda details: details.steps, _list_steps
)

"""The "Data reality" section: every source, whether it is in hand, and when someone looked."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib.colors import Color
from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, cell, lead, markup, warning
from scoping_app.report.model import SourceRow
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import DATA, TITLES
from scoping_app.report.styles import AMBER_TINT, WARN_TINT, Styles

TITLE = TITLES[DATA]
INTRO = (
    "What the project has in hand, what it assumes, and what it still has to acquire; "
    "and when someone last actually looked at each source."
)
NOTHING = "The project lists no data sources yet."

STATUS_WORDS = {"have": "Have", "assumed": "Assumed", "to_acquire": "To acquire"}

COLUMNS = (
    Column("Source", 0.22),
    Column("Status", 0.1),
    Column("Verified on", 0.12),
    Column("Owner", 0.14),
    Column("Records", 0.11, right=True),
    Column("Quality (1–5)", 0.08, right=True),
    Column("PII", 0.07),
    Column("Residency", 0.16),
)


def _list_sources(sources: Sequence[SourceRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    counts = {status: 0 for status in STATUS_WORDS}
    for source in sources:
        counts[source.status] = counts.get(source.status, 0) + 1
    never = sum(1 for source in sources if source.verified_on is None)
    summary = " · ".join(
        f"<b>{words}: {counts.get(status, 0)}</b>" for status, words in STATUS_WORDS.items()
    )
    if never:
        summary += " · " + warning(f"never verified: {never}")
    story.append(lead(markup(summary, styles.body)))
    table = SectionTable(COLUMNS, styles)
    for source in sources:
        tint: dict[int, Color] = {}
        if source.verified_on is None:
            verified = markup(warning("never"), styles.cell)
            tint[2] = WARN_TINT
        else:
            # No-break spaces: a date is not broken over lines.
            verified = cell(fmt.long_date(source.verified_on).replace(" ", "\u00a0"), styles)
        status = STATUS_WORDS.get(source.status, source.status)
        if source.status != "have":
            tint[1] = AMBER_TINT
            status_cell = markup(f"<b>{status}</b>", styles.cell)
        else:
            status_cell = cell(status, styles)
        table.add(
            [
                cell(source.name, styles),
                status_cell,
                verified,
                cell(source.owner, styles),
                cell(fmt.count(source.records), styles, right=True),
                cell(fmt.count(source.quality), styles, right=True),
                cell("Yes" if source.pii else "No", styles),
                cell(source.residency, styles),
            ],
            tint=tint,
        )
    story.append(table.table(box))
    return story


data_story = ListingSection(TITLE, INTRO, NOTHING, lambda details: details.sources, _list_sources)

"""The "Data reality" section: every source, whether it is in hand, and when someone looked."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import DataStatus
from scoping_app.report.blocks import Box, warning
from scoping_app.report.escape import escape
from scoping_app.report.model import SourceRow
from scoping_app.report.section_table import Column, ListingSection, Markup, SectionTable, summed_up
from scoping_app.report.sections import DATA
from scoping_app.report.styles import AMBER_TINT, WARN_TINT, Styles

INTRO = (
    "What the project has in hand, what it assumes, and what it still has to acquire; "
    "and when someone last actually looked at each source."
)
NOTHING = "The project lists no data sources yet."


STATUS_WORDS = {status.value: fmt.choice(status) for status in DataStatus}


def _status(source: SourceRow) -> str:
    """The status in words, in bold when the source is not in hand."""
    words = STATUS_WORDS.get(source.status, source.status)
    return words if source.status == "have" else Markup(f"<b>{escape(words)}</b>")


def _verified(source: SourceRow) -> str:
    if source.verified_on is None:
        return Markup(warning("never"))
    # No-break spaces: a date is not broken over lines.
    return fmt.long_date(source.verified_on).replace(" ", "\u00a0")


COLUMNS: tuple[Column[SourceRow], ...] = (
    Column("Source", 0.22, lambda source: source.name),
    Column(
        "Status",
        0.1,
        _status,
        tint=lambda source: AMBER_TINT if source.status != "have" else None,
    ),
    Column(
        "Verified on",
        0.12,
        _verified,
        tint=lambda source: WARN_TINT if source.verified_on is None else None,
    ),
    Column("Owner", 0.14, lambda source: source.owner),
    Column("Records", 0.11, lambda source: fmt.count(source.records), right=True),
    Column("Quality (1–5)", 0.08, lambda source: fmt.count(source.quality), right=True),
    Column("PII", 0.07, lambda source: fmt.yes_no(source.pii)),
    Column("Residency", 0.16, lambda source: source.residency),
)


def _summary(sources: Sequence[SourceRow]) -> str:
    """Markup: how many sources of each status, and how many were never verified."""
    counts = {status: 0 for status in STATUS_WORDS}
    for source in sources:
        counts[source.status] = counts.get(source.status, 0) + 1
    never = sum(1 for source in sources if source.verified_on is None)
    summary = " · ".join(
        f"<b>{words}: {counts.get(status, 0)}</b>" for status, words in STATUS_WORDS.items()
    )
    if never:
        summary += " · " + warning(f"never verified: {never}")
    return summary


def _list_sources(sources: Sequence[SourceRow], styles: Styles, box: Box) -> list[Flowable]:
    return summed_up(_summary(sources), SectionTable(COLUMNS, styles, sources), box)


data_story = ListingSection(DATA, INTRO, NOTHING, lambda details: details.sources, _list_sources)

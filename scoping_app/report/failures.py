"""The "Failure modes" section: per capability, how it fails, how we notice, what takes over."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, cell, markup, text, warning
from scoping_app.report.model import FailureRow
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import FAILURES, TITLES
from scoping_app.report.styles import WARN_TINT, Styles

TITLE = TITLES[FAILURES]
INTRO = (
    "How each capability can be wrong, how we would notice, what takes over, and who is "
    "called at 3am. L and I are likelihood and impact, 1 to 5; impact 4 or 5 is severe."
)
NOTHING = "The project records no failure modes yet."

COLUMNS = (
    Column("Failure mode", 0.31),
    Column("L", 0.06, right=True),
    Column("I", 0.06, right=True),
    Column("Detection", 0.23),
    Column("Fallback", 0.18),
    Column("Owner (3am)", 0.16),
)


def _list_failures(failures: Sequence[FailureRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    bare = sum(1 for f in failures if f.severe_without_fallback)
    if bare:
        story.append(
            markup(
                warning(
                    f"{bare} severe failure {'mode has' if bare == 1 else 'modes have'} "
                    "no fallback."
                ),
                styles.body,
            )
        )
    groups: dict[str, list[FailureRow]] = {}
    for failure in failures:
        groups.setdefault(failure.capability, []).append(failure)
    for capability, group in groups.items():
        # The capability's name (a heading) stays with the start of its table.
        story += [text(capability, styles.h3), _table(group, styles, box)]
    return story


failures_story = ListingSection(
    TITLE, INTRO, NOTHING, lambda details: details.failures, _list_failures
)


def _table(group: list[FailureRow], styles: Styles, box: Box) -> Flowable:
    table = SectionTable(COLUMNS, styles)
    for failure in group:
        if failure.severe_without_fallback:
            fallback = markup(warning("None: severe, no fallback"), styles.cell)
        else:
            fallback = cell(failure.fallback, styles)
        table.add(
            [
                cell(failure.description, styles),
                cell(str(failure.likelihood), styles, right=True),
                cell(str(failure.impact), styles, right=True),
                cell(failure.detection, styles, none="not said"),
                fallback,
                cell(failure.owner, styles, none="nobody named"),
            ],
            tint={4: WARN_TINT} if failure.severe_without_fallback else None,
        )
    return table.table(box)

"""The "Failure modes" section: per capability, how it fails, how we notice, what takes over."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, markup, text, warning
from scoping_app.report.model import FailureRow
from scoping_app.report.section_table import Column, ListingSection, Markup, SectionTable
from scoping_app.report.sections import FAILURES
from scoping_app.report.styles import WARN_TINT, Styles

INTRO = (
    "How each capability can be wrong, how we would notice, what takes over, and who is "
    "called at 3am. L and I are likelihood and impact, 1 to 5; impact 4 or 5 is severe."
)
NOTHING = "The project records no failure modes yet."


def _fallback(failure: FailureRow) -> str:
    if failure.severe_without_fallback:
        return Markup(warning("None: severe, no fallback"))
    return failure.fallback


COLUMNS: tuple[Column[FailureRow], ...] = (
    Column("Failure mode", 0.31, lambda failure: failure.description),
    Column("L", 0.06, lambda failure: str(failure.likelihood), right=True),
    Column("I", 0.06, lambda failure: str(failure.impact), right=True),
    Column("Detection", 0.23, lambda failure: failure.detection, none="not said"),
    Column(
        "Fallback",
        0.18,
        _fallback,
        tint=lambda failure: WARN_TINT if failure.severe_without_fallback else None,
    ),
    Column("Owner (3am)", 0.16, lambda failure: failure.owner, none="nobody named"),
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
        story += [text(capability, styles.h3), SectionTable(COLUMNS, styles, group).table(box)]
    return story


failures_story = ListingSection(
    FAILURES, INTRO, NOTHING, lambda details: details.failures, _list_failures
)

"""The "Deferred" section: what the recommended scope leaves out, and what adding it would bring."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, markup, section_title
from scoping_app.report.escape import escape
from scoping_app.report.model import DeferredRow, PlanReport
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import DEFERRED, TITLES
from scoping_app.report.styles import Styles

NOTHING = "Nothing: the recommended scope has every capability."


def _brings(row: DeferredRow) -> str:
    brings = [f"+{fmt.points(row.added_value)} value points"] if row.added_value else []
    return "; ".join([*brings, *row.brings])


COLUMNS: tuple[Column[DeferredRow], ...] = (
    Column("Capability", 0.3, lambda row: row.name),
    Column("Value (points)", 0.1, lambda row: fmt.points(row.value), right=True),
    Column("Effort (days)", 0.1, lambda row: fmt.estimated_days(row.effort), right=True),
    Column(
        "Added effort, with prerequisites",
        0.15,
        lambda row: fmt.days(row.added_effort),
        right=True,
    ),
    Column("What adding it would bring", 0.35, _brings, none="no value, metric or risk on its own"),
)


def deferred_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    if not report.recommended.found:
        return [
            *section_title(TITLES[DEFERRED], styles),
            markup(
                "No scope is viable, so nothing is deferred yet: see the executive brief.",
                styles.body,
            ),
        ]
    return _listing(report, styles, box)


def _intro(report: PlanReport) -> str:
    return (
        f"The capabilities outside the recommended scope ({escape(report.recommended.title)}), "
        "best value for the effort first. They are left out because the scope meets every "
        "condition of viability without them; each costs the effort shown, with the "
        "prerequisites it would pull in."
    )


def _list_deferred(deferred: Sequence[DeferredRow], styles: Styles, box: Box) -> list[Flowable]:
    return [SectionTable(COLUMNS, styles, deferred).table(box)]


_listing = ListingSection(
    DEFERRED, _intro, NOTHING, lambda details: details.deferred, _list_deferred
)

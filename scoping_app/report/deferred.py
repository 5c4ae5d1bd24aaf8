"""The "Deferred" section: what the recommended scope leaves out, and what adding it would bring."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, cell, markup, section_title
from scoping_app.report.escape import escape
from scoping_app.report.model import DeferredRow, PlanReport
from scoping_app.report.section_table import Column, ListingSection, SectionTable
from scoping_app.report.sections import DEFERRED, TITLES
from scoping_app.report.styles import Styles

TITLE = TITLES[DEFERRED]
NOTHING = "Nothing: the recommended scope has every capability."

COLUMNS = (
    Column("Capability", 0.3),
    Column("Value (points)", 0.1, right=True),
    Column("Effort (days)", 0.1, right=True),
    Column("Added effort, with prerequisites", 0.15, right=True),
    Column("What adding it would bring", 0.35),
)


def deferred_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    if not report.recommended.found:
        return [
            *section_title(TITLE, styles),
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
    table = SectionTable(COLUMNS, styles)
    for row in deferred:
        brings = [f"+{fmt.points(row.added_value)} value points"] if row.added_value else []
        brings += row.brings
        table.add(
            [
                cell(row.name, styles),
                cell(fmt.points(row.value), styles, right=True),
                cell(fmt.estimated_days(row.effort), styles, right=True),
                cell(fmt.days(row.added_effort), styles, right=True),
                cell("; ".join(brings), styles, none="no value, metric or risk on its own"),
            ]
        )
    return [table.table(box)]


_listing = ListingSection(TITLE, _intro, NOTHING, lambda details: details.deferred, _list_deferred)

"""The "Decisions" section: the architecture decisions taken, then those still open."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, bullets, cell, markup, muted
from scoping_app.report.escape import escape
from scoping_app.report.model import DecisionRow
from scoping_app.report.section_table import (
    Column,
    ListingSection,
    SectionTable,
    tables_sharing_widths,
)
from scoping_app.report.sections import DECISIONS, TITLES
from scoping_app.report.styles import Styles

TITLE = TITLES[DECISIONS]
INTRO = (
    "The architecture questions: those taken, with the choice and why; those still open, "
    "with the options on the table."
)
NOTHING = "The project records no decisions yet."

TAKEN_COLUMNS = (
    Column("Topic", 0.14),
    Column("Question", 0.3),
    Column("Choice", 0.26),
    Column("Rationale", 0.3),
)
# The same shares: the two tables read as one.
OPEN_COLUMNS = (
    Column("Topic", 0.14),
    Column("Question", 0.3),
    Column("Options", 0.26),
    Column("Leaning, and why", 0.3),
)


def _list_decisions(decisions: Sequence[DecisionRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    taken = [d for d in decisions if d.decided]
    still_open = [d for d in decisions if not d.decided]
    made = [
        _taken_table(taken, styles) if group is taken else _open_table(group, styles)
        for group in (taken, still_open)
        if group
    ]
    tables = iter(tables_sharing_widths(made, box))
    for label, group, empty in (
        ("Decisions taken", taken, "None yet."),
        ("Still open", still_open, "None: every decision is taken."),
    ):
        story.append(markup(f"{label} ({len(group)})", styles.h2))
        story.append(next(tables) if group else markup(empty, styles.body))
    return story


decisions_story = ListingSection(
    TITLE, INTRO, NOTHING, lambda details: details.decisions, _list_decisions
)


def _taken_table(group: list[DecisionRow], styles: Styles) -> SectionTable:
    table = SectionTable(TAKEN_COLUMNS, styles)
    for decision in group:
        choice = escape(decision.choice) if decision.choice.strip() else muted("not recorded")
        others = [
            option for option in decision.options if option.strip() != decision.choice.strip()
        ]
        if others:
            choice += "<br/>" + muted("Also weighed: " + escape("; ".join(others)))
        table.add(
            [
                cell(decision.topic, styles),
                cell(decision.question, styles),
                markup(choice, styles.cell),
                cell(decision.rationale, styles, none="none given"),
            ]
        )
    return table


def _open_table(group: list[DecisionRow], styles: Styles) -> SectionTable:
    table = SectionTable(OPEN_COLUMNS, styles)
    for decision in group:
        if not decision.options:
            options: object = markup(muted("none listed yet"), styles.cell)
        elif len(decision.options) == 1:
            options = cell(decision.options[0], styles)
        else:
            # Bullets, so that options that wrap stay told apart.
            options = bullets(decision.options, styles.cell_bullet)
        leaning = escape(decision.choice) if decision.choice.strip() else ""
        if decision.rationale.strip():
            leaning += ("<br/>" if leaning else "") + escape(decision.rationale)
        table.add(
            [
                cell(decision.topic, styles),
                cell(decision.question, styles),
                options,
                markup(leaning or muted("not chosen yet"), styles.cell),
            ]
        )
    return table

"""The "Decisions" section: the architecture decisions taken, then those still open."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, markup, muted
from scoping_app.report.escape import escape
from scoping_app.report.model import DecisionRow
from scoping_app.report.section_table import (
    Column,
    ListingSection,
    Markup,
    SectionTable,
    Shown,
    tables_sharing_widths,
)
from scoping_app.report.sections import DECISIONS
from scoping_app.report.styles import Styles

INTRO = (
    "The architecture questions: those taken, with the choice and why; those still open, "
    "with the options on the table."
)
NOTHING = "The project records no decisions yet."


def _choice(decision: DecisionRow) -> str:
    """The choice, and the other options weighed."""
    choice = escape(decision.choice) if decision.choice.strip() else muted("not recorded")
    others = [option for option in decision.options if option.strip() != decision.choice.strip()]
    if others:
        choice += "<br/>" + muted("Also weighed: " + escape("; ".join(others)))
    return Markup(choice)


def _options(decision: DecisionRow) -> Shown:
    if not decision.options:
        return Markup(muted("none listed yet"))
    if len(decision.options) == 1:
        return decision.options[0]
    # Bullets, so that options that wrap stay told apart.
    return decision.options


def _leaning(decision: DecisionRow) -> str:
    leaning = escape(decision.choice) if decision.choice.strip() else ""
    if decision.rationale.strip():
        leaning += ("<br/>" if leaning else "") + escape(decision.rationale)
    return Markup(leaning or muted("not chosen yet"))


TOPIC = Column[DecisionRow]("Topic", 0.14, lambda decision: decision.topic)
QUESTION = Column[DecisionRow]("Question", 0.3, lambda decision: decision.question)
TAKEN_COLUMNS: tuple[Column[DecisionRow], ...] = (
    TOPIC,
    QUESTION,
    Column("Choice", 0.26, _choice),
    Column("Rationale", 0.3, lambda decision: decision.rationale, none="none given"),
)
# The same shares: the two tables read as one.
OPEN_COLUMNS: tuple[Column[DecisionRow], ...] = (
    TOPIC,
    QUESTION,
    Column("Options", 0.26, _options),
    Column("Leaning, and why", 0.3, _leaning),
)


def _list_decisions(decisions: Sequence[DecisionRow], styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = []
    taken = [d for d in decisions if d.decided]
    still_open = [d for d in decisions if not d.decided]
    made = [
        SectionTable(TAKEN_COLUMNS if group is taken else OPEN_COLUMNS, styles, group)
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
    DECISIONS, INTRO, NOTHING, lambda details: details.decisions, _list_decisions
)

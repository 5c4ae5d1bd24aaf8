"""The "Decisions" section: the architecture decisions taken, then those still open."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, bullets, cell, head, markup, muted, section_title
from scoping_app.report.escape import escape
from scoping_app.report.model import DecisionRow, PlanReport
from scoping_app.report.sections import DECISIONS, TITLES
from scoping_app.report.styles import Styles
from scoping_app.report.tables import fitted_tables

TITLE = TITLES[DECISIONS]

# Topic, question, choice (or the options, while open), rationale.
_SHARES = (0.14, 0.3, 0.26, 0.3)


def decisions_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    decisions = report.details.decisions if report.details else ()
    story = section_title(
        TITLE,
        styles,
        "The architecture questions: those taken, with the choice and why; those still open, "
        "with the options on the table.",
    )
    if not decisions:
        story.append(markup("The project records no decisions yet.", styles.body))
        return story
    taken = [d for d in decisions if d.decided]
    still_open = [d for d in decisions if not d.decided]
    groups = [group for group in (taken, still_open) if group]
    # Both groups share their column widths, so that they read as one table.
    tables = iter(
        fitted_tables(
            [
                _taken_rows(taken, styles) if group is taken else _open_rows(group, styles)
                for group in groups
            ],
            _SHARES,
            box,
        )
    )
    for label, group, empty in (
        ("Decisions taken", taken, "None yet."),
        ("Still open", still_open, "None: every decision is taken."),
    ):
        story.append(markup(f"{label} ({len(group)})", styles.h2))
        story.append(next(tables) if group else markup(empty, styles.body))
    return story


def _taken_rows(group: list[DecisionRow], styles: Styles) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            head("Topic", styles),
            head("Question", styles),
            head("Choice", styles),
            head("Rationale", styles),
        ]
    ]
    for decision in group:
        choice = escape(decision.choice) if decision.choice.strip() else muted("not recorded")
        others = [
            option for option in decision.options if option.strip() != decision.choice.strip()
        ]
        if others:
            choice += "<br/>" + muted("Also weighed: " + escape("; ".join(others)))
        rows.append(
            [
                cell(decision.topic, styles),
                cell(decision.question, styles),
                markup(choice, styles.cell),
                cell(decision.rationale, styles, none="none given"),
            ]
        )
    return rows


def _open_rows(group: list[DecisionRow], styles: Styles) -> list[list[object]]:
    rows: list[list[object]] = [
        [
            head("Topic", styles),
            head("Question", styles),
            head("Options", styles),
            head("Leaning, and why", styles),
        ]
    ]
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
        rows.append(
            [
                cell(decision.topic, styles),
                cell(decision.question, styles),
                options,
                markup(leaning or muted("not chosen yet"), styles.cell),
            ]
        )
    return rows

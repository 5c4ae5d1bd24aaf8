"""The "Decisions" section: the architecture decisions taken, then those still open."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report.blocks import (
    Box,
    cell,
    fitted_widths,
    grid_table,
    head,
    markup,
    plain,
    section_title,
)
from scoping_app.report.model import DecisionRow, PlanReport
from scoping_app.report.sections import DECISIONS, TITLES
from scoping_app.report.styles import Styles

TITLE = TITLES[DECISIONS]

# Topic, question, choice, rationale.
_SHARES = (0.14, 0.3, 0.22, 0.34)


def decisions_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    decisions = report.details.decisions if report.details else ()
    story = section_title(TITLE, styles, "The architecture questions, with the choice and why.")
    if not decisions:
        story.append(markup("The project records no decisions yet.", styles.body))
        return story
    taken = [d for d in decisions if d.decided]
    still_open = [d for d in decisions if not d.decided]
    # Both groups share their column widths, so that they read as one table.
    every = [row for group in (taken, still_open) for row in _rows(group, styles)]
    columns = [[plain(row[i]) for row in every] for i in range(len(_SHARES))]
    column_widths = fitted_widths(box, _SHARES, columns)
    for label, group, empty in (
        ("Decisions taken", taken, "None yet."),
        ("Still open", still_open, "None: every decision is taken."),
    ):
        story.append(markup(f"{label} ({len(group)})", styles.h2))
        if group:
            story.append(grid_table(_rows(group, styles), column_widths, box))
        else:
            story.append(markup(empty, styles.body))
    return story


def _rows(group: list[DecisionRow], styles: Styles) -> list[list[Flowable]]:
    rows: list[list[Flowable]] = [
        [
            head("Topic", styles),
            head("Question", styles),
            head("Choice", styles),
            head("Rationale", styles),
        ]
    ]
    for decision in group:
        rows.append(
            [
                cell(decision.topic, styles),
                cell(decision.question, styles),
                cell(decision.choice, styles, none="not chosen yet"),
                cell(decision.rationale, styles, none="none given"),
            ]
        )
    return rows

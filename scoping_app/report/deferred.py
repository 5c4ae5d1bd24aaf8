"""The "Deferred" section: what the recommended scope leaves out, and what adding it would bring."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report import formatting as fmt
from scoping_app.report.blocks import Box, cell, head, markup, section_title
from scoping_app.report.escape import escape
from scoping_app.report.model import PlanReport
from scoping_app.report.sections import DEFERRED, TITLES
from scoping_app.report.styles import Styles
from scoping_app.report.tables import fitted_table

TITLE = TITLES[DEFERRED]

# Capability, value, effort, effort with prerequisites, what adding it brings.
_SHARES = (0.3, 0.1, 0.1, 0.15, 0.35)


def deferred_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    deferred = report.details.deferred if report.details else ()
    scope = report.recommended
    if not scope.found:
        return [
            *section_title(TITLE, styles),
            markup(
                "No scope is viable, so nothing is deferred yet: see the executive brief.",
                styles.body,
            ),
        ]
    story = section_title(
        TITLE,
        styles,
        f"The capabilities outside the recommended scope ({escape(scope.title)}), best value "
        "for the effort first. They are left out because the scope meets every condition of "
        "viability without them; each costs the effort shown, with the prerequisites it "
        "would pull in.",
    )
    if not deferred:
        story.append(markup("Nothing: the recommended scope has every capability.", styles.body))
        return story
    rows: list[list[Flowable]] = [
        [
            head("Capability", styles),
            head("Value (points)", styles, right=True),
            head("Effort (days)", styles, right=True),
            head("Added effort, with prerequisites", styles, right=True),
            head("What adding it would bring", styles),
        ]
    ]
    for row in deferred:
        brings = [f"+{fmt.points(row.added_value)} value points"] if row.added_value else []
        brings += row.brings
        rows.append(
            [
                cell(row.name, styles),
                cell(fmt.points(row.value), styles, right=True),
                cell(fmt.estimated_days(row.effort), styles, right=True),
                cell(fmt.days(row.added_effort), styles, right=True),
                cell("; ".join(brings), styles, none="no value, metric or risk on its own"),
            ]
        )
    story.append(fitted_table(rows, _SHARES, box))
    return story

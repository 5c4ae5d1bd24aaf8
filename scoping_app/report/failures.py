"""The "Failure modes" section: per capability, how it fails, how we notice, what takes over."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, cell, head, markup, section_title, text
from scoping_app.report.model import FailureRow, PlanReport
from scoping_app.report.sections import FAILURES, TITLES
from scoping_app.report.styles import WARN_HEX, WARN_TINT, Styles
from scoping_app.report.tables import fitted_table

TITLE = TITLES[FAILURES]

# Description, likelihood, impact, detection, fallback, owner.
_SHARES = (0.31, 0.06, 0.06, 0.23, 0.18, 0.16)


def failures_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    failures = report.details.failures if report.details else ()
    story = section_title(
        TITLE,
        styles,
        "How each capability can be wrong, how we would notice, what takes over, and who is "
        "called at 3am. L and I are likelihood and impact, 1 to 5; impact 4 or 5 is severe.",
    )
    if not failures:
        story.append(markup("The project records no failure modes yet.", styles.body))
        return story
    bare = sum(1 for f in failures if f.severe_without_fallback)
    if bare:
        story.append(
            markup(
                f'<font color="{WARN_HEX}"><b>{bare} severe failure '
                f"{'mode has' if bare == 1 else 'modes have'} no fallback.</b></font>",
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


def _table(group: list[FailureRow], styles: Styles, box: Box) -> Flowable:
    rows: list[list[Flowable]] = [
        [
            head("Failure mode", styles),
            head("L", styles, right=True),
            head("I", styles, right=True),
            head("Detection", styles),
            head("Fallback", styles),
            head("Owner (3am)", styles),
        ]
    ]
    extra: list[tuple[object, ...]] = []
    for number, failure in enumerate(group, start=1):
        if failure.severe_without_fallback:
            fallback = markup(
                f'<font color="{WARN_HEX}"><b>None: severe, no fallback</b></font>', styles.cell
            )
            extra.append(("BACKGROUND", (4, number), (4, number), WARN_TINT))
        else:
            fallback = cell(failure.fallback, styles)
        rows.append(
            [
                cell(failure.description, styles),
                cell(str(failure.likelihood), styles, right=True),
                cell(str(failure.impact), styles, right=True),
                cell(failure.detection, styles, none="not said"),
                fallback,
                cell(failure.owner, styles, none="nobody named"),
            ]
        )
    return fitted_table(rows, _SHARES, box, extra=extra)

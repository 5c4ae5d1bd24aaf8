"""The "Data reality" section: every source, whether it is in hand, and when someone looked."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report import formatting as fmt
from scoping_app.report.blocks import Box, cell, head, lead, markup, section_title
from scoping_app.report.model import PlanReport
from scoping_app.report.sections import DATA, TITLES
from scoping_app.report.styles import AMBER_TINT, WARN_HEX, WARN_TINT, Styles
from scoping_app.report.tables import fitted_table

TITLE = TITLES[DATA]

STATUS_WORDS = {"have": "Have", "assumed": "Assumed", "to_acquire": "To acquire"}

# Source, status, verified on, owner, records, quality, PII, residency.
_SHARES = (0.22, 0.1, 0.12, 0.14, 0.11, 0.08, 0.07, 0.16)


def data_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    sources = report.details.sources if report.details else ()
    story = section_title(
        TITLE,
        styles,
        "What the project has in hand, what it assumes, and what it still has to acquire; "
        "and when someone last actually looked at each source.",
    )
    if not sources:
        story.append(markup("The project lists no data sources yet.", styles.body))
        return story
    counts = {status: 0 for status in STATUS_WORDS}
    for source in sources:
        counts[source.status] = counts.get(source.status, 0) + 1
    never = sum(1 for source in sources if source.verified_on is None)
    summary = " · ".join(
        f"<b>{words}: {counts.get(status, 0)}</b>" for status, words in STATUS_WORDS.items()
    )
    if never:
        summary += f' · <font color="{WARN_HEX}"><b>never verified: {never}</b></font>'
    story.append(lead(markup(summary, styles.body)))
    rows: list[list[Flowable]] = [
        [
            head("Source", styles),
            head("Status", styles),
            head("Verified on", styles),
            head("Owner", styles),
            head("Records", styles, right=True),
            head("Quality (1–5)", styles, right=True),
            head("PII", styles),
            head("Residency", styles),
        ]
    ]
    extra: list[tuple[object, ...]] = []
    for number, source in enumerate(sources, start=1):
        if source.verified_on is None:
            verified = markup(f'<font color="{WARN_HEX}"><b>never</b></font>', styles.cell)
            extra.append(("BACKGROUND", (2, number), (2, number), WARN_TINT))
        else:
            # No-break spaces: a date is not broken over lines.
            verified = cell(fmt.long_date(source.verified_on).replace(" ", "\u00a0"), styles)
        status = STATUS_WORDS.get(source.status, source.status)
        if source.status != "have":
            extra.append(("BACKGROUND", (1, number), (1, number), AMBER_TINT))
            status_cell = markup(f"<b>{status}</b>", styles.cell)
        else:
            status_cell = cell(status, styles)
        rows.append(
            [
                cell(source.name, styles),
                status_cell,
                verified,
                cell(source.owner, styles),
                cell(fmt.count(source.records), styles, right=True),
                cell(fmt.count(source.quality), styles, right=True),
                cell("Yes" if source.pii else "No", styles),
                cell(source.residency, styles),
            ]
        )
    story.append(fitted_table(rows, _SHARES, box, extra=extra))
    return story

"""The "Capabilities" section: every capability with its effort, prerequisites and scope."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph, Spacer

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, bullets, coloured, lead, markup, muted, text
from scoping_app.report.escape import escape
from scoping_app.report.model import CapabilityRow, PlanReport
from scoping_app.report.sections import CAPABILITIES, TITLES
from scoping_app.report.styles import ACCENT, IN_SCOPE_TINT, Styles
from scoping_app.report.tables import fitted_table

TITLE = TITLES[CAPABILITIES]

# Shares of the frame width: name, category, effort o/m/p, expected, prerequisites, in scope.
_SHARES = (0.245, 0.14, 0.14, 0.12, 0.25, 0.105)
# Without a recommended scope there is no "in scope" column; the others share its room.
_SHARES_WITHOUT_SCOPE = (0.28, 0.14, 0.14, 0.12, 0.32)


def capabilities_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = [markup(TITLE, styles.h1)]
    rows = report.capabilities
    if not rows:
        story.append(markup("The project has no capabilities yet.", styles.body))
        return story
    with_scope = report.recommended.found
    note = (
        "Effort in person-days: optimistic / most likely / pessimistic, and the expected "
        "(PERT) figure."
    )
    if with_scope:
        scope = escape(report.recommended.title)
        note += f" <i>In scope</i> means in the recommended scope ({scope}), shaded."
    story.append(lead(markup(note, styles.muted)))
    header: list[Flowable | str] = [
        markup("Capability", styles.cell_head),
        markup("Category", styles.cell_head),
        markup("Effort<br/>o / m / p", styles.cell_head_right),
        markup("Expected", styles.cell_head_right),
        markup("Prerequisites", styles.cell_head),
    ]
    if with_scope:
        header.append(markup("In scope", styles.cell_head))
    table_rows: list[list[Flowable | str]] = [header]
    extra: list[tuple[object, ...]] = []
    for number, row in enumerate(rows, start=1):
        cells = _row(row, styles)
        table_rows.append(cells if with_scope else cells[:-1])
        if row.in_scope:
            extra.append(("BACKGROUND", (0, number), (-1, number), IN_SCOPE_TINT))
    shares = _SHARES if with_scope else _SHARES_WITHOUT_SCOPE
    story.append(fitted_table(table_rows, shares, box, extra=extra))
    story.extend(_drivers(rows, report.budgets.currency, styles))
    return story


def _drivers(rows: tuple[CapabilityRow, ...], currency: str, styles: Styles) -> list[Flowable]:
    """Each capability with cost or latency drivers: what its figures are made of, worked out."""
    driven = [row for row in rows if row.cost_formula or row.latency_formula]
    if not driven:
        return []
    block: list[Flowable] = [
        markup("Running cost and latency from their drivers", styles.h3),
        lead(
            markup(
                f"Monthly cost in {escape(currency)} = requests x (1 - cache hit rate) x "
                "(input tokens x input price + output tokens x output price) / 1,000,000 + fixed "
                "monthly cost, prices per million tokens. Latency = calls per interaction x "
                "p95 latency per call.",
                styles.muted,
            )
        ),
    ]
    for row in driven:
        lines = [f"<b>{escape(row.name)}</b>"]
        if row.cost_formula:
            lines.append(f"Monthly cost: {escape(row.cost_formula)}")
        if row.latency_formula:
            lines.append(f"Latency: {escape(row.latency_formula)}")
        entry = Paragraph("<br/>".join(lines), styles.cell_bullet, bulletText="•")
        # Each capability's formulas stay together; the heading and its lead line go with
        # the first of them (a keep-with-next group), and the others may go on to the next
        # page rather than the whole block leaving a page mostly empty.
        block.append(KeepTogether([Spacer(0, 3), entry]))
    return block


def _prerequisites(row: CapabilityRow, styles: Styles) -> Flowable | list[Flowable]:
    if not row.prerequisites:
        return markup(muted("none"), styles.cell)
    if len(row.prerequisites) == 1:
        return text(row.prerequisites[0], styles.cell)
    # Bullets, so that wrapped names stay told apart.
    return bullets(row.prerequisites, styles.cell_bullet)


def _row(row: CapabilityRow, styles: Styles) -> list[Flowable | str]:
    name = escape(row.name)
    if row.mandatory:
        name += "<br/>" + muted("<i>mandatory</i>")
    # No-break spaces: the three figures stay on one line.
    effort = "\u00a0/\u00a0".join(
        fmt.points(value)
        for value in (row.effort_optimistic, row.effort_likely, row.effort_pessimistic)
    )
    if row.effort_pessimistic <= 0:  # 0 / 0 / 0 is an estimate nobody has made yet
        effort = fmt.NOT_ESTIMATED
    in_scope = coloured("<b>Yes</b>", ACCENT) if row.in_scope else muted("No")
    return [
        markup(name, styles.cell),
        text(row.category, styles.cell),
        text(effort, styles.cell_right),
        text(fmt.estimated_days(row.effort_expected), styles.cell_right),
        _prerequisites(row, styles),
        markup(in_scope, styles.cell),
    ]

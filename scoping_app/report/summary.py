"""The "Executive summary": the recommended scope in four figures, the gate, what matters most."""

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from scoping_app.report import formatting as fmt
from scoping_app.report.audit import gate_line, severity
from scoping_app.report.blocks import (
    Box,
    bullets,
    markup,
    muted,
    row_keeping_table,
    section_title,
)
from scoping_app.report.escape import escape
from scoping_app.report.model import PlanReport, ScopeFigures
from scoping_app.report.sections import SUMMARY, TITLES
from scoping_app.report.styles import (
    ACCENT,
    ACCENT_TINT,
    AMBER_TINT,
    GOOD_TINT,
    GRID,
    WARN_TINT,
    Styles,
)

TITLE = TITLES[SUMMARY]
_GATE_TINT = {"go": GOOD_TINT, "conditional": AMBER_TINT, "no-go": WARN_TINT}


def summary_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    scope = report.recommended
    story = section_title(TITLE, styles)
    story.append(markup("Recommended scope", styles.h2))
    story.append(markup(f"<b>{escape(scope.title)}</b>", styles.body))
    figures = scope.figures
    if figures is None:
        story.append(
            markup("<b>No set of capabilities meets every condition of viability:</b>", styles.body)
        )
        story += bullets(scope.reasons, styles.bullet)
    else:
        count = len(figures.capabilities)
        story.append(
            markup(
                muted(
                    f"{count} {'capability' if count == 1 else 'capabilities'}"
                    + (", viable." if figures.viable else ", <b>not viable</b>.")
                ),
                styles.muted,
            )
        )
        story.append(_key_figures(figures, report, styles, box))
    result = report.details.audit if report.details else None
    if result is not None:
        story.append(markup("Go / no-go", styles.h2))
        story.append(_gate_banner(gate_line(result), result.gate, styles, box))
        top = result.top_findings
        story.append(markup("What matters most", styles.h2))
        if not top:
            story.append(markup("The audit has no findings: every check passes.", styles.body))
        for finding in top:
            story.append(
                Paragraph(
                    f"{severity(finding)} · {escape(finding.check)} "
                    f"<b>{escape(finding.title)}</b>: {escape(_short(finding.message))}"
                    f"<br/>{muted('What to do: ' + escape(finding.advice))}",
                    styles.bullet,
                    bulletText="•",
                )
            )
            story.append(Spacer(1, 3))
        if len(result.findings) > len(top):
            more = len(result.findings) - len(top)
            story.append(
                markup(
                    muted(
                        f"{more} more {'finding' if more == 1 else 'findings'} in the "
                        "readiness audit."
                    ),
                    styles.muted,
                )
            )
    return story


def _key_figures(figures: ScopeFigures, report: PlanReport, styles: Styles, box: Box) -> Flowable:
    budgets = report.budgets
    cost = fmt.money(figures.monthly_cost, budgets.currency)
    cost_note = (
        f"budget {fmt.money(budgets.monthly_budget, budgets.currency)}"
        if budgets.monthly_budget is not None
        else "no budget set"
    )
    value_note = (
        f"target {fmt.points(budgets.value_target)}"
        if budgets.value_target is not None
        else "no target set"
    )
    tiles = (
        ("Effort, person-days", fmt.days(figures.effort_days), "expected (PERT)"),
        ("Duration, days", fmt.days(figures.duration_days), "along the critical path"),
        ("Running cost per month", cost, cost_note),
        ("Value, points", fmt.points(figures.value), value_note),
    )
    row = [
        [
            markup(f"<b>{label}</b>", styles.cell),
            Paragraph(escape(shown), styles.figure),
            markup(muted(escape(note)), styles.cell),
        ]
        for label, shown, note in tiles
    ]
    table = row_keeping_table([row], [box.width / 4] * 4, box)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), ACCENT_TINT),
                ("LINEABOVE", (0, 0), (-1, 0), 2, ACCENT),
                ("LINEAFTER", (0, 0), (-2, -1), 0.5, GRID),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    return table


def _gate_banner(line: str, gate: str, styles: Styles, box: Box) -> Flowable:
    table = row_keeping_table([[markup(line, styles.body)]], [box.width], box)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), _GATE_TINT.get(gate, ACCENT_TINT)),
                ("LEFTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    return table


_SHORT = 260  # characters of a finding's message the summary shows; the audit has them all


def _short(message: str) -> str:
    """A long message (one naming dozens of items) cut at a word, pointing to the audit."""
    if len(message) <= _SHORT:
        return message
    cut = message[:_SHORT].rsplit(" ", 1)[0].rstrip(",;:")
    return cut + " … (the full list is in the readiness audit)"

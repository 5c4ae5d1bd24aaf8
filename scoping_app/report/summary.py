"""The executive brief: one page after the cover with the verdict and what a sponsor asks.

The verdict, the recommended scope, effort as a range, duration against the deadline,
running cost against the budget and the monthly value, latency against its budget,
the must-have metrics, the worst open risks, the decisions that hold the plan up and
what is deferred. The later sections give the same numbers in the same words.
"""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepInFrame, Paragraph, Spacer, TableStyle

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, markup, muted
from scoping_app.report.escape import escape
from scoping_app.report.model import Brief, Budgets, PlanReport, ScopeFigures
from scoping_app.report.sections import SUMMARY, TITLES
from scoping_app.report.styles import (
    ACCENT,
    ACCENT_TINT,
    AMBER,
    AMBER_TINT,
    GOOD,
    GOOD_TINT,
    GRID,
    WARN,
    WARN_TINT,
    Styles,
)
from scoping_app.report.tables import facts_table, row_keeping_table

TITLE = TITLES[SUMMARY]
_VERDICT_COLOURS = {
    "go": (GOOD_TINT, GOOD),
    "conditional": (AMBER_TINT, AMBER),
    "no-go": (WARN_TINT, WARN),
    "not-needed": (ACCENT_TINT, ACCENT),
}
NAMES_SHOWN = 12  # capabilities named in the brief before "and n more"
CONDITIONS_SHOWN = 3
REASONS_SHOWN = 3
STORY_CHARACTERS = 110
QUESTION_CHARACTERS = 90
NAME_CHARACTERS = 60  # a capability's name in the brief; the later sections give it whole
OWNER_CHARACTERS = 40
OPTION_CHARACTERS = 50


def summary_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    brief = report.brief
    story: list[Flowable] = [markup(TITLE, styles.h1)]
    if brief is None:  # a report model made without a brief: nothing to stand on
        return story
    story.append(_verdict_banner(brief, styles, box))
    story += _scope(report, brief, styles, box)
    story += _risks(brief, styles, box)
    story += _decisions_and_deferred(brief, styles)
    # One page whatever the project: what would not fit is shrunk, never pushed over.
    return [KeepInFrame(box.width, box.height, story, mode="shrink")]


# the verdict ------------------------------------------------------------------------------


def verdict_markup(brief: Brief) -> str:
    """The verdict in one line of markup, as the brief and the audit section give it."""
    verdict = brief.verdict
    return f"<b>Verdict: {escape(verdict.label)}.</b> {escape(verdict.reason)}"


def _verdict_banner(brief: Brief, styles: Styles, box: Box) -> Flowable:
    tint, edge = _VERDICT_COLOURS.get(brief.verdict.level, (ACCENT_TINT, ACCENT))
    cells: list[Flowable] = [markup(verdict_markup(brief), styles.body)]
    conditions = brief.verdict.conditions
    if conditions:
        cells.append(markup("<b>Conditions before committing budget</b>", styles.cell))
        for condition in conditions[:CONDITIONS_SHOWN]:
            cells.append(Paragraph(escape(condition), styles.cell_bullet, bulletText="•"))
        if len(conditions) > CONDITIONS_SHOWN:
            more = len(conditions) - CONDITIONS_SHOWN
            cells.append(markup(muted(f"and {more} more in the readiness audit"), styles.cell))
    table = row_keeping_table([[cells]], [box.width], box)
    table.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, -1), tint),
                ("LINEBEFORE", (0, 0), (0, -1), 4, edge),
                ("LEFTPADDING", (0, 0), (-1, -1), 10),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 7),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 7),
            ]
        )
    )
    return table


# the scope and its figures ------------------------------------------------------------------


def _scope(report: PlanReport, brief: Brief, styles: Styles, box: Box) -> list[Flowable]:
    scope = report.recommended
    story: list[Flowable] = [markup(f"Recommended scope: {escape(scope.title)}", styles.h2)]
    figures = scope.figures
    if figures is None:
        story.append(
            markup("No set of capabilities meets every condition of viability:", styles.body)
        )
        for reason in scope.reasons[:REASONS_SHOWN]:
            story.append(Paragraph(escape(reason), styles.bullet, bulletText="•"))
        if len(scope.reasons) > REASONS_SHOWN:
            more = len(scope.reasons) - REASONS_SHOWN
            story.append(markup(muted(f"and {more} more in the recommended scope"), styles.muted))
        return story
    story.append(markup(_capabilities_line(figures), styles.body))
    rows = _figure_rows(figures, brief, report.budgets)
    label_width = min(150.0, box.width * 0.28)
    story.append(
        facts_table(
            [
                (markup(f"<b>{label}</b>", styles.cell), markup(value, styles.cell))
                for label, value in rows
            ],
            [label_width, box.width - label_width],
            box,
        )
    )
    return story


def _capabilities_line(figures: ScopeFigures) -> str:
    count = len(figures.capabilities)
    names = [escape(_cut(name, NAME_CHARACTERS)) for name in figures.capabilities[:NAMES_SHOWN]]
    if count > NAMES_SHOWN:
        names.append(f"and {count - NAMES_SHOWN} more")
    state = "viable" if figures.viable else "<b>not viable</b>"
    head = f"{count} {'capability' if count == 1 else 'capabilities'}, {state}"
    return f"{head}: {', '.join(names)}." if names else f"{head}: none is needed."


def _figure_rows(figures: ScopeFigures, brief: Brief, budgets: Budgets) -> list[tuple[str, str]]:
    rows = [("Effort", effort_text(figures, brief))]
    rows.append(("Duration", duration_text(figures, brief)))
    rows.append(("Running cost", cost_text(figures.monthly_cost, budgets)))
    latency = f"{fmt.milliseconds(figures.latency_ms)} per interaction"
    budget = budgets.latency_budget_ms
    if budget is not None:
        words = f"the budget of {fmt.milliseconds(budget)}"
        latency += ", " + _against(figures.latency_ms, budget, words, at_most=True)
    else:
        latency += muted(" (no latency budget set)")
    rows.append(("Latency", latency))
    value = f"{fmt.points(figures.value)} points"
    target = budgets.value_target
    if target is not None:
        words = f"the target of {fmt.points(target)} points"
        value += ", " + _against(figures.value, target, words, at_most=False)
    rows.append(("Value", value))
    rows.append(("Must-have metrics", metrics_text(figures)))
    return rows


def effort_text(figures: ScopeFigures, brief: Brief) -> str:
    """'44.5 person-days expected; 8 chances in 10 between 40.5 and 48.6.'"""
    if figures.effort_days <= 0 and figures.capabilities:
        return f"<b>{fmt.NOT_ESTIMATED}</b>: no capability of this scope has an estimate yet"
    text = f"<b>{fmt.days(figures.effort_days)} person-days</b> expected"
    sure = brief.confidence
    if sure is not None and sure.effort.p90 > sure.effort.p10:
        text += f"; <b>80% sure: within {fmt.days(sure.effort.p80)} person-days</b>"
    spread = brief.effort
    if spread is not None and spread.p90 > spread.p10:
        text += (
            f"; 8 chances in 10 between {fmt.days(spread.p10)} and {fmt.days(spread.p90)} "
            + muted("(P10 to P90 of the three-point estimates)")
        )
    return text


def duration_text(figures: ScopeFigures, brief: Brief) -> str:
    text = f"<b>{fmt.days(figures.duration_days)} working days</b> along the critical path"
    fit = brief.deadline
    if fit is None:
        return text + muted(" (no deadline set)") + odds_text(brief)
    deadline = fmt.long_date(fit.deadline)
    if fit.fits:
        text += f": fits the deadline of {deadline} with {fmt.points(fit.margin)} working days "
        text += "to spare"
        if fit.finish is not None:
            text += (
                f" (done by {fmt.long_date(fit.finish)} if work starts on "
                f"{fmt.long_date(fit.today)})"
            )
    else:
        text += (
            f": <b>misses the deadline of {deadline}</b> by {fmt.points(-fit.margin)} working "
            f"days ({fit.working_days} are left)"
        )
    return text + ". " + muted(escape(fit.assumption)) + odds_text(brief)


def odds_text(brief: Brief) -> str:
    """'80% sure: within 24.9 working days with a team of 3; 64% chance of meeting the
    deadline, work starting on 1 December 2026.' and the staffing it assumes."""
    sure = brief.confidence
    if sure is None:
        return ""
    team = brief.team_size
    crew = "" if team is None else f" with a team of {team}"
    text = f"<br/><b>80% sure: within {fmt.days(sure.duration.p80)} working days</b>{crew}"
    chance = sure.deadline_probability
    if chance is not None and brief.work_starts is not None:
        text += (
            f"; <b>{fmt.chance(chance)} chance of meeting the deadline</b>, work starting on "
            f"{fmt.long_date(brief.work_starts)}"
        )
    if team is None:
        staffing = (
            "No team size is set: the range assumes every capability off the critical path "
            "is staffed in parallel."
        )
    else:
        staffing = (
            f"A team of {team} does at most {team} person-days a working day: each simulated "
            f"outcome takes the longer of its critical path and its effort / {team}."
        )
    return text + ". " + muted(staffing)


def cost_text(monthly_cost: float, budgets: Budgets) -> str:
    currency = budgets.currency
    text = f"<b>{fmt.money(monthly_cost, currency)}</b> a month"
    parts: list[str] = []
    if budgets.monthly_budget is not None:
        words = f"the budget of {fmt.money(budgets.monthly_budget, currency)}"
        parts.append(_against(monthly_cost, budgets.monthly_budget, words, at_most=True))
    if budgets.monthly_value is not None and budgets.monthly_value > 0:
        share = fmt.percent(monthly_cost, budgets.monthly_value)
        parts.append(
            f"{share} of the business value of {fmt.money(budgets.monthly_value, currency)} a month"
        )
    if not parts:
        return text + muted(" (no budget or monthly value set)")
    return text + ": " + "; ".join(parts)


def metrics_text(figures: ScopeFigures) -> str:
    musts = [m for m in figures.metrics_covered if m.must]
    covered = f"{len(figures.metrics_covered)} of {figures.metrics_total} metrics covered"
    if not musts:
        return covered
    names = ", ".join(f"{m.label} {escape(m.name)}" for m in musts)
    return f"{covered}; must-haves: {names}"


def _against(actual: float, limit: float, words: str, *, at_most: bool) -> str:
    """'within the budget of EUR 6,000' or '<b>over</b> the budget of EUR 6,000', ``words``
    naming the limit."""
    if at_most:
        return f"within {words}" if actual <= limit else f"<b>over</b> {words}"
    return f"meets {words}" if actual >= limit else f"<b>below</b> {words}"


# risks, decisions and what is deferred ------------------------------------------------------


def _risks(brief: Brief, styles: Styles, box: Box) -> list[Flowable]:
    if not brief.top_risks:
        return [markup("Top risks", styles.h2), markup("No open risk.", styles.body)]
    shown = len(brief.top_risks)
    story: list[Flowable] = [
        markup(
            f"Top risks {muted(f'({shown} of {brief.open_risks} open, by likelihood × impact)')}",
            styles.h2,
        )
    ]
    rows: list[list[Flowable]] = [
        [
            markup("<b>Risk</b>", styles.cell),
            markup("<b>Owner</b>", styles.cell),
            markup("<b>L × I</b>", styles.cell_right),
            markup("<b>This scope</b>", styles.cell),
        ]
    ]
    for risk in brief.top_risks:
        severe = " " + muted("(severe)") if risk.severe else ""
        state = "mitigates it" if risk.mitigated else "<b>leaves it open</b>"
        rows.append(
            [
                markup(
                    f"<b>{risk.label}</b> {escape(_cut(risk.story, STORY_CHARACTERS))}{severe}",
                    styles.cell,
                ),
                markup(
                    escape(risk.owner) if risk.owner.strip() else muted("no owner"), styles.cell
                ),
                markup(f"{risk.likelihood} × {risk.impact}", styles.cell_right),
                markup(state, styles.cell),
            ]
        )
    widths = [box.width * 0.56, box.width * 0.2, box.width * 0.08, box.width * 0.16]
    table = row_keeping_table(rows, widths, box, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 1, ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.5, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
            ]
        )
    )
    story.append(table)
    return story


def _decisions_and_deferred(brief: Brief, styles: Styles) -> list[Flowable]:
    story: list[Flowable] = []
    blocking = brief.blocking_decisions
    story.append(markup("Decisions still open", styles.h2))
    if not blocking and not brief.other_open_decisions:
        story.append(markup("None: every decision is taken.", styles.body))
    for decision in blocking[:3]:
        options = (
            " "
            + muted(
                "Options: "
                + escape("; ".join(_cut(o, OPTION_CHARACTERS) for o in decision.options[:4]))
                + "."
            )
            if decision.options
            else ""
        )
        story.append(
            Paragraph(
                f"<b>{escape(decision.topic)}:</b> "
                f"{escape(_cut(decision.question, QUESTION_CHARACTERS))}{options}",
                styles.bullet,
                bulletText="•",
            )
        )
    more = len(blocking) - 3 if len(blocking) > 3 else 0
    tail = []
    if more:
        tail.append(f"{more} more that the readiness audit asks to settle")
    if brief.other_open_decisions:
        n = brief.other_open_decisions
        tail.append(f"{n} other open {'decision' if n == 1 else 'decisions'}")
    if tail:
        story.append(markup(muted("And " + " and ".join(tail) + "."), styles.muted))

    story.append(Spacer(1, 2))
    story.append(markup("Deferred", styles.h2))
    if not brief.deferred:
        story.append(markup("Nothing: every capability is in the recommended scope.", styles.body))
        return story
    largest = ", ".join(
        f"{escape(_cut(row.name, NAME_CHARACTERS))} ({fmt.points(row.value)} points, "
        + (
            f"{fmt.days(row.added_effort)} person-days with what it needs)"
            if row.added_effort > 0
            else f"{fmt.NOT_ESTIMATED})"
        )
        for row in brief.deferred_largest
    )
    count = brief.deferred
    story.append(
        markup(
            f"{count} {'capability is' if count == 1 else 'capabilities are'} left for later; "
            f"the most valuable: {largest}.",
            styles.body,
        )
    )
    return story


def _cut(text: str, limit: int) -> str:
    """One line of ``text`` of at most ``limit`` characters, cut at a word."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,;:.") + "…"

"""The cover page: project name, date, industry, pattern, owner, problem, objective, budgets."""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, HRFlowable, KeepInFrame, Spacer

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import Box, markup, text
from scoping_app.report.model import PlanReport
from scoping_app.report.scripts import text_width
from scoping_app.report.styles import ACCENT, Styles
from scoping_app.report.tables import facts_table


def cover_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    cover, budgets = report.cover, report.budgets
    facts = [
        ("Date of report", fmt.long_date(cover.report_date)),
        ("Industry", cover.industry),
        ("AI pattern", cover.pattern),
    ]
    if cover.owner.strip():
        facts.append(("Owner", cover.owner))
    if cover.deadline is not None:
        facts.append(("Deadline", fmt.long_date(cover.deadline)))

    story: list[Flowable] = [
        Spacer(1, 36),
        markup("AI SCOPING PLAN", styles.kicker),
        Spacer(1, 8),
        text(cover.project_name, fitted_title(cover.project_name, styles.title, box.width)),
        HRFlowable(width="100%", thickness=1.5, color=ACCENT, spaceBefore=10, spaceAfter=14),
        _facts(facts, styles, box),
    ]
    for heading, body in (("Problem", cover.problem), ("Objective", cover.objective)):
        if body.strip():
            story += [markup(heading, styles.h3), text(body, styles.body)]

    money = budgets.currency
    targets = [
        (
            "Latency budget per interaction (p95)",
            budgets.latency_budget_ms,
            fmt.milliseconds,
        ),
        ("Running cost budget per month", budgets.monthly_budget, lambda v: fmt.money(v, money)),
        ("Business value per month", budgets.monthly_value, lambda v: fmt.money(v, money)),
        (
            "Least value a viable scope delivers",
            budgets.value_target,
            lambda v: fmt.points(v) + " points",
        ),
    ]
    rows = [(label, show(value)) for label, value, show in targets if value is not None]
    if rows:
        story += [markup("Budgets and targets", styles.h3), _facts(rows, styles, box)]
    # The cover is one page whatever the texts, so the brief always opens page 2: long
    # texts are set smaller rather than pushed over.
    return [KeepInFrame(box.width, box.height, story, mode="shrink")]


TITLE_LINES = 3  # a long project name is set smaller until it takes at most this many lines
SMALLEST_TITLE = 14.0


def fitted_title(name: str, style: ParagraphStyle, width: float) -> ParagraphStyle:
    """The cover title's style, its size lowered until ``name`` fits ``TITLE_LINES`` lines."""
    size = float(style.fontSize)
    words = " ".join(name.split())
    while size > SMALLEST_TITLE:
        # A rough count of lines: the text's width over the line's, plus a word's slack.
        if text_width(words, style.fontName, size) <= width * (TITLE_LINES - 0.3):
            break
        size -= 2
    if size == style.fontSize:
        return style
    return ParagraphStyle("title_fitted", parent=style, fontSize=size, leading=size * 1.22)


def _facts(rows: list[tuple[str, str]], styles: Styles, box: Box) -> Flowable:
    label_width = min(200.0, box.width * 0.4)
    return facts_table(
        [(markup(label, styles.cell_head), text(value, styles.cell)) for label, value in rows],
        [label_width, box.width - label_width],
        box,
    )

"""The "Recommended scope" section: the scope's figures against budgets, or why none is viable."""

from __future__ import annotations

from collections.abc import Callable

from reportlab.platypus import Flowable, Paragraph, Spacer, TableStyle

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import (
    Box,
    bullets,
    markup,
    metric_bullets,
    muted,
    risk_bullets,
    text,
)
from scoping_app.report.escape import escape
from scoping_app.report.model import Budgets, PlanReport, ScopeFigures
from scoping_app.report.sections import RECOMMENDED, TITLES
from scoping_app.report.styles import Styles
from scoping_app.report.tables import grid_table, row_keeping_table

TITLE = TITLES[RECOMMENDED]


def recommended_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    scope = report.recommended
    story: list[Flowable] = [markup(TITLE, styles.h1), text(scope.title, styles.h2)]
    if scope.description.strip():
        story.append(text(scope.description, styles.muted))
    figures = scope.figures
    if figures is None:
        story.append(
            markup(
                "<b>No set of capabilities meets every condition of viability.</b> "
                "These conditions cannot be met together:",
                styles.body,
            )
        )
        story += bullets(scope.reasons, styles.bullet)
        return story

    story.append(markup(_summary(figures), styles.body))
    story.append(_figures_table(report, figures, styles, box))
    business = _business_case(figures, report.budgets)
    if business:
        story += [Spacer(1, 4), markup(business, styles.muted)]
    if not figures.viable:
        story.append(markup("Why it is not viable", styles.h3))
        story += bullets(figures.violations, styles.bullet)
    story.append(markup("Metrics covered", styles.h3))
    if figures.metrics_covered:
        story += metric_bullets(figures.metrics_covered, styles.bullet, labelled=False)
    else:
        story.append(markup(f"None of the {figures.metrics_total} metrics.", styles.body))
    if figures.severe_risks_open:
        story.append(markup("Severe risks this scope leaves unmitigated", styles.h3))
        story += risk_bullets(figures.severe_risks_open, styles.bullet)
    story.append(markup("Capabilities in this scope", styles.h3))
    if figures.capabilities:
        story.append(_capability_list(figures, styles, box))
    else:
        story.append(markup("None.", styles.body))
    return story


def _summary(figures: ScopeFigures) -> str:
    count = len(figures.capabilities)
    pulled = len(figures.pulled_in)
    summary = f"{count} {'capability' if count == 1 else 'capabilities'}"
    if pulled:
        summary += f", {pulled} of them pulled in as prerequisites"
    if figures.viable:
        return summary + ". It meets every condition of viability."
    return summary + ". <b>It is not viable</b>: see the reasons below the figures."


def _figures_table(report: PlanReport, figures: ScopeFigures, styles: Styles, box: Box) -> Flowable:
    budgets = report.budgets
    rows: list[list[Flowable]] = [
        [
            markup("Figure", styles.cell_head),
            markup("This scope", styles.cell_head_right),
            markup("Budget or target", styles.cell_head_right),
            markup("Margin", styles.cell_head_right),
        ]
    ]

    def add(label: str, shown: str, limit: str = "", margin: str = "", bad: bool = False) -> None:
        def strong(value: str) -> str:
            return f"<b>{escape(value)}</b>" if bad and value else escape(value)

        rows.append(
            [
                markup(label, styles.cell),
                markup(strong(shown), styles.cell_right),
                text(limit, styles.cell_right),
                markup(strong(margin), styles.cell_right),
            ]
        )

    def against(
        label: str,
        actual: float,
        limit: float | None,
        show: Callable[[float], str],
        *,
        at_most: bool,
    ) -> None:
        if limit is None:
            add(label, show(actual))
            return
        margin = fmt.margin(actual, limit, show, at_most=at_most)
        add(
            label, show(actual), show(limit), margin, not fmt.within(actual, limit, at_most=at_most)
        )

    spread = report.brief.effort if report.brief is not None else None
    if spread is not None and spread.p90 > spread.p10:
        # the brief's words: 8 chances in 10 between P10 and P90
        add(
            "Effort, expected (person-days)",
            fmt.days(figures.effort_days),
            margin=f"8 in 10: {fmt.days(spread.p10)} to {fmt.days(spread.p90)}",
        )
    else:
        add(
            "Effort, expected (person-days)",
            fmt.estimated_days(figures.effort_days) if figures.capabilities else "0.0",
        )
    add("Duration, critical path (days)", fmt.days(figures.duration_days))
    against("Value (points)", figures.value, budgets.value_target, fmt.points, at_most=False)
    against(
        "Latency per interaction",
        figures.latency_ms,
        budgets.latency_budget_ms,
        fmt.milliseconds,
        at_most=True,
    )
    against(
        "Running cost per month",
        figures.monthly_cost,
        budgets.monthly_budget,
        lambda value: fmt.money(value, budgets.currency),
        at_most=True,
    )
    add("Metrics covered", f"{len(figures.metrics_covered)} of {figures.metrics_total}")
    # One definition everywhere: severe (open, likelihood x impact of 15 or more) and
    # mitigated by no capability of this scope. The register lists every severe risk.
    open_risks = len(figures.severe_risks_open)
    severe = sum(risk.severe for risk in report.details.risks) if report.details else open_risks
    add(
        "Severe risks this scope leaves unmitigated",
        f"{open_risks} of {severe}",
        bad=open_risks > 0,
    )

    label_width = box.width * 0.37
    other = (box.width - label_width) / 3
    return grid_table(rows, [label_width, other, other, other], box)


def _business_case(figures: ScopeFigures, budgets: Budgets) -> str:
    if not budgets.monthly_value:
        return ""
    value = fmt.money(budgets.monthly_value, budgets.currency)
    share = fmt.percent(figures.monthly_cost, budgets.monthly_value)
    return escape(
        f"The business case expects {value} of value per month; "
        f"this scope's running cost is {share} of it."
    )


def _capability_list(figures: ScopeFigures, styles: Styles, box: Box) -> Flowable:
    """The scope's capabilities as bullets in two columns, read down then across."""
    pulled = set(figures.pulled_in)
    items = [
        Paragraph(
            escape(name) + (" " + muted("(prerequisite)") if name in pulled else ""),
            styles.bullet,
            bulletText="•",
        )
        for name in figures.capabilities
    ]
    half = (len(items) + 1) // 2
    rows = [[items[i], items[i + half] if i + half < len(items) else ""] for i in range(half)]
    table = row_keeping_table(rows, [box.width / 2, box.width / 2], box)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 6),
                ("TOPPADDING", (0, 0), (-1, -1), 0),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
            ]
        )
    )
    return table

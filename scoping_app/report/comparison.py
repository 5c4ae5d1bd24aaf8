"""The "Slices side by side" section: one column per slice, at most four columns per table."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.platypus import Flowable, Paragraph, Spacer

from scoping_app.domain import words as fmt
from scoping_app.report.blocks import (
    Box,
    bullets,
    lead,
    markup,
    metric_bullets,
    muted,
    risk_bullets,
    text,
)
from scoping_app.report.escape import escape
from scoping_app.report.model import Budgets, PlanReport, ScopeFigures, SliceColumn
from scoping_app.report.page_breaks import RowKeepingTable
from scoping_app.report.sections import SLICES, TITLES
from scoping_app.report.styles import ACCENT, Styles
from scoping_app.report.tables import grid_table

TITLE = TITLES[SLICES]
COLUMNS_PER_TABLE = 4

ROW_LABELS = (
    "Capabilities",
    "Effort (person-days)",
    "Duration (days)",
    "Value (points)",
    "Latency vs budget",
    "Monthly cost vs budget",
    "Metrics covered",
    "Severe risks left unmitigated",
    "Viable",
)


def comparison_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    story: list[Flowable] = [markup(TITLE, styles.h1)]
    if not report.slices:
        story.append(markup("The project has no slices yet.", styles.body))
        return story
    story.append(
        lead(
            markup(
                "Each column is one scope, its prerequisites included. Effort is the expected "
                "(three-point) estimate; duration is the longest chain of prerequisites, "
                "with unlimited hands.",
                styles.muted,
            )
        )
    )
    described = [column for column in report.slices if column.description.strip()]
    for column in described:
        story.append(
            Paragraph(
                f"<b>{escape(column.name)}</b>: {escape(column.description)}",
                styles.bullet,
                bulletText="•",
            )
        )
    label_width = box.width * 0.19
    chunks = _chunks(report.slices)
    # Every table gets the widest one's column width, so stacked tables line up.
    column_width = (box.width - label_width) / max(2, max(len(chunk) for chunk in chunks))
    for chunk in chunks:
        widths = [label_width, *([column_width] * len(chunk))]
        # A table that fits a page starts on a fresh one rather than breaking mid-way;
        # a taller one starts where it is.
        table = _table(chunk, report.budgets, styles, widths, box)
        table.keep_whole = True
        story += [Spacer(1, 10), table]
    if report.metrics:
        story.append(markup("Metrics", styles.h3))
        story += metric_bullets(report.metrics, styles.bullet, labelled=True)
    if report.severe_risks:
        story.append(markup("Severe risks", styles.h3))
        story.append(
            markup(
                "Open pre-mortem risks with likelihood × impact of 15 or more "
                "that some scope above leaves unmitigated.",
                styles.muted,
            )
        )
        story += risk_bullets(report.severe_risks, styles.bullet)
    return story


def _chunks(columns: tuple[SliceColumn, ...]) -> list[tuple[SliceColumn, ...]]:
    """At most four columns per table, spread evenly: 5 -> 3 + 2, 13 -> 4 + 3 + 3 + 3."""
    tables = -(-len(columns) // COLUMNS_PER_TABLE)
    size, more = divmod(len(columns), tables)
    chunks, start = [], 0
    for number in range(tables):
        end = start + size + (1 if number < more else 0)
        chunks.append(columns[start:end])
        start = end
    return chunks


def _table(
    chunk: tuple[SliceColumn, ...],
    budgets: Budgets,
    styles: Styles,
    widths: list[float],
    box: Box,
) -> RowKeepingTable:
    header: list[Flowable | str] = [""]
    extra: list[tuple[object, ...]] = []
    for index, column in enumerate(chunk, start=1):
        if column.recommended:
            header.append(
                markup(
                    f'{escape(column.name)}<br/><font size="7.5">RECOMMENDED</font>',
                    styles.cell_head_inverse,
                )
            )
            extra.append(("BACKGROUND", (index, 0), (index, 0), ACCENT))
        else:
            header.append(text(column.name, styles.cell_head))
    rows: list[list[Flowable | str]] = [header]
    for number, label in enumerate(ROW_LABELS):
        cells: list[Flowable | str] = [markup(label, styles.cell_bold)]
        cells += [_CELLS[number](column, budgets, styles) for column in chunk]
        rows.append(cells)
    return grid_table(rows, widths, box, extra=extra)


def _count(column: SliceColumn, budgets: Budgets, styles: Styles) -> Flowable:
    figures = column.figures
    shown = str(len(figures.capabilities))
    if figures.pulled_in:
        shown += "<br/>" + muted(f"{len(figures.pulled_in)} pulled in")
    return markup(shown, styles.cell_right)


def _effort(column: SliceColumn, budgets: Budgets, styles: Styles) -> Flowable:
    return text(fmt.days(column.figures.effort_days), styles.cell_right)


def _duration(column: SliceColumn, budgets: Budgets, styles: Styles) -> Flowable:
    return text(fmt.days(column.figures.duration_days), styles.cell_right)


@dataclass(frozen=True)
class _AgainstLimit:
    """A cell that sets a slice's figure against the project's budget or target."""

    figure: Callable[[ScopeFigures], float]
    limit: Callable[[Budgets], float | None]
    show: Callable[[Budgets], Callable[[float], str]]
    at_most: bool  # a budget; else a target

    def __call__(self, column: SliceColumn, budgets: Budgets, styles: Styles) -> Flowable:
        actual, limit, show = self.figure(column.figures), self.limit(budgets), self.show(budgets)
        shown = escape(show(actual))
        if limit is None:
            return markup(shown, styles.cell_right)
        ok = fmt.within(actual, limit, at_most=self.at_most)
        margin = escape(fmt.margin(actual, limit, show, at_most=self.at_most))
        word = "budget" if self.at_most else "target"
        lines = [
            shown if ok else f"<b>{shown}</b>",
            muted(f"{word} {escape(show(limit))}"),
            margin if ok else f"<b>{margin}</b>",
        ]
        return markup("<br/>".join(lines), styles.cell_right)


_value = _AgainstLimit(lambda f: f.value, lambda b: b.value_target, lambda b: fmt.points, False)
_latency = _AgainstLimit(
    lambda f: f.latency_ms, lambda b: b.latency_budget_ms, lambda b: fmt.milliseconds, True
)
_cost = _AgainstLimit(
    lambda f: f.monthly_cost,
    lambda b: b.monthly_budget,
    lambda b: lambda value: fmt.money(value, b.currency),
    True,
)


def _metrics(column: SliceColumn, budgets: Budgets, styles: Styles) -> Flowable:
    figures = column.figures
    shown = f"<b>{len(figures.metrics_covered)} of {figures.metrics_total}</b>"
    if figures.metrics_covered:
        shown += "<br/>" + ", ".join(metric.label for metric in figures.metrics_covered)
    return markup(shown, styles.cell)


def _risks(column: SliceColumn, budgets: Budgets, styles: Styles) -> Flowable:
    risks = column.figures.severe_risks_open
    if not risks:
        return markup("None", styles.cell)
    labels = ", ".join(risk.label for risk in risks)
    return markup(f"<b>{len(risks)} open</b><br/>{labels}", styles.cell)


def _viable(column: SliceColumn, budgets: Budgets, styles: Styles) -> list[Flowable]:
    figures = column.figures
    if figures.viable:
        return [markup("<b>Yes</b>", styles.cell)]
    shortfalls = figures.shortfalls or figures.violations
    return [markup("<b>No</b>", styles.cell), *bullets(shortfalls, styles.cell_bullet)]


_CELLS: tuple[Callable[[SliceColumn, Budgets, Styles], Flowable | list[Flowable]], ...] = (
    _count,
    _effort,
    _duration,
    _value,
    _latency,
    _cost,
    _metrics,
    _risks,
    _viable,
)

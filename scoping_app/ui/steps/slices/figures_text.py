"""A slice's figures in words, against the project's budgets: the text of the figure panels."""

from __future__ import annotations

from html import escape

from scoping_app.analysis.confidence import Confidence
from scoping_app.analysis.figures import SliceFigures
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.steps.slices.confidence_text import (
    WORKING_IT_OUT,
    chance_words,
    deadline_label,
    duration_words,
    effort_words,
)
from scoping_app.ui.theme import Role


def _mark(ok: bool) -> str:
    return theme.coloured("within", Role.OK) if ok else theme.coloured("over", Role.ERROR)


def confidence_rows(
    project: Project, confidence: Confidence | None, working: bool
) -> list[tuple[str, str]]:
    """How sure the effort and duration are, and the deadline's chance; while it is being
    worked out, one row saying so; nothing when it could not be."""
    if confidence is None:
        return [("How sure", WORKING_IT_OUT)] if working else []
    rows = [
        ("Effort range", effort_words(confidence)),
        ("Duration range", duration_words(confidence)),
    ]
    label = deadline_label(project)
    if label:
        rows.append(("Deadline", f"{escape(label)}: <b>{chance_words(confidence)}</b>"))
    return rows


def figures_html(
    project: Project,
    figures: SliceFigures,
    confidence: Confidence | None = None,
    working: bool = False,
    *,
    stacked: bool = False,
) -> str:
    """Rich text: effort (and how sure), duration, value, latency and cost against budgets;
    viable or why not. ``stacked`` puts each label over its figure (a narrow panel)."""
    info = project.info
    currency = info.currency
    rows: list[tuple[str, str]] = [
        ("Effort", f"{fmt.days(figures.effort)} person-days (expected)"),
        ("Duration", f"{fmt.days(figures.duration)} days on the critical path"),
        *confidence_rows(project, confidence, working),
    ]
    value = f"{fmt.points(figures.value)} points"
    if info.value_target is not None:
        ok = figures.value >= info.value_target
        target = f"(target {fmt.points(info.value_target)})"
        value += " " + theme.coloured(target, Role.OK if ok else Role.ERROR)
    rows.append(("Value", value))
    latency = fmt.milliseconds(figures.latency_ms)
    if info.latency_budget_ms is not None:
        ok = figures.latency_ms <= info.latency_budget_ms
        latency += f", {_mark(ok)} the {fmt.milliseconds(info.latency_budget_ms)} budget"
    rows.append(("Latency", latency))
    cost = f"{fmt.money(figures.monthly_cost, currency)} a month"
    if info.monthly_budget is not None:
        ok = figures.monthly_cost <= info.monthly_budget
        cost += f", {_mark(ok)} the {fmt.money(info.monthly_budget, currency)} budget"
    if info.monthly_value is not None:
        cost += f"; business value {fmt.money(info.monthly_value, currency)} a month"
    rows.append(("Running cost", cost))
    must = [m for m in project.metrics if m.must]
    covered = set(figures.metrics_covered)
    rows.append(
        (
            "Metrics",
            f"{len(covered)} of {len(project.metrics)} covered"
            + (
                f" ({sum(1 for m in must if m.key in covered)} of {len(must)} must-haves)"
                if must
                else ""
            ),
        )
    )
    if figures.severe_risks_open:
        rows.append(
            (
                "Severe risks",
                theme.coloured(f"{len(figures.severe_risks_open)} left open", Role.ERROR),
            )
        )
    if figures.viable:
        verdict = (
            f"<p style='color:{theme.hex(Role.OK)}'><b>Viable</b>: it meets every condition.</p>"
        )
    else:
        items = "".join(f"<li>{escape(v)}</li>" for v in figures.violations)
        verdict = (
            f"<p style='color:{theme.hex(Role.ERROR)}; margin-bottom:0'><b>Not viable</b>:</p>"
            f"<ul style='margin-top:2px; margin-left:-20px'>{items}</ul>"
        )
    return _rows_html(rows, stacked) + verdict


def figures_forms(
    project: Project,
    figures: SliceFigures,
    confidence: Confidence | None = None,
    working: bool = False,
) -> tuple[str, str]:
    """:func:`figures_html` in its two forms: labels beside their figures, and over them
    (for :meth:`RichText.setText <scoping_app.ui.widgets.rich.RichText.setText>`)."""
    wide, narrow = (
        figures_html(project, figures, confidence, working, stacked=stacked)
        for stacked in (False, True)
    )
    return wide, narrow


def _rows_html(rows: list[tuple[str, str]], stacked: bool) -> str:
    """Labels and their figures: side by side in a table, or each label over its figure."""
    muted = theme.hex(Role.MUTED)
    if stacked:
        return "".join(
            f"<p style='margin:5px 0 0 0; color:{muted}'>{label}</p><p style='margin:0'>{text}</p>"
            for label, text in rows
        )
    table = "".join(
        f"<tr><td style='padding:2px 12px 2px 0; color:{muted}'>{label}</td>"
        f"<td style='padding:2px 0'>{text}</td></tr>"
        for label, text in rows
    )
    return f"<table>{table}</table>"

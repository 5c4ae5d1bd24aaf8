"""The "Readiness audit" section: the gate, the score of each section, every finding."""

from __future__ import annotations

from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, lead, markup, muted, section_title, warning
from scoping_app.report.escape import escape
from scoping_app.report.model import AuditSummary, FindingRow, PlanReport
from scoping_app.report.section_table import Column, Markup, SectionTable
from scoping_app.report.sections import AUDIT, TITLES
from scoping_app.report.styles import AMBER_TINT, WARN_TINT, Styles
from scoping_app.report.summary import verdict_markup

TITLE = TITLES[AUDIT]
GATE_WORDS = {"go": "Go", "conditional": "Conditional go", "no-go": "No-go"}


def score(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".") if value != int(value) else f"{int(value)}"


def gate_line(result: AuditSummary) -> str:
    """Markup: the rubric's gate, the readiness score and what it means."""
    gate = GATE_WORDS.get(result.gate, result.gate)
    return (
        f"<b>Readiness gate: {escape(gate)}</b> · readiness <b>{score(result.readiness)} of 3</b> "
        f"({escape(result.band)})"
    )


def severity(finding: FindingRow) -> str:
    if finding.severity == "high":
        return warning("High")
    return "<b>Medium</b>"


SCORE_COLUMNS: tuple[Column[tuple[str, str, float]], ...] = (
    Column("Section", 0.45, lambda section: f"{section[0]}. {section[1]}"),
    Column("Score (of 3)", 0.15, lambda section: score(section[2]), right=True),
)
FINDING_COLUMNS: tuple[Column[FindingRow], ...] = (
    Column("Check", 0.07, lambda finding: finding.check),
    Column("Severity", 0.1, lambda finding: Markup(severity(finding))),
    Column(
        "Finding",
        0.46,
        lambda finding: Markup(f"<b>{escape(finding.title)}</b><br/>{escape(finding.message)}"),
    ),
    Column("What to do", 0.37, lambda finding: finding.advice),
)


def audit_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    result = report.details.audit if report.details else None
    story = section_title(
        TITLE,
        styles,
        "The project scored on the readiness rubric: each section from 0 to 3; the readiness "
        "is the lowest section score.",
    )
    if result is None:
        story.append(markup("No audit was made.", styles.body))
        return story
    story.append(lead(markup(gate_line(result), styles.body)))
    if report.brief is not None:
        # The rubric's gate weighs readiness alone; the verdict weighs the scope as well.
        story.append(
            markup(
                verdict_markup(report.brief)
                + " "
                + muted("The verdict weighs the recommended scope as well as this audit."),
                styles.body,
            )
        )
    scores = SectionTable(SCORE_COLUMNS, styles)
    for section in result.sections:
        scores.add(section)
        value = section[2]
        if value < 1:
            scores.tint_row(WARN_TINT)
        elif value < 2:
            scores.tint_row(AMBER_TINT)
    story.append(scores.table(box))
    story.append(markup(f"Findings ({len(result.findings)})", styles.h2))
    if not result.findings:
        story.append(markup("None: every check passes.", styles.body))
        return story
    findings = SectionTable(FINDING_COLUMNS, styles, result.findings)
    # A finding keeps its title and message in its row, however long the message.
    story.append(findings.table(box, keep=(2,)))
    return story

"""The "Pre-mortem" section: the 5 x 5 likelihood and impact matrix, then the risk register."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Group, Rect, String
from reportlab.lib.utils import simpleSplit
from reportlab.platypus import Flowable

from scoping_app.report.blocks import Box, coloured, markup, warning
from scoping_app.report.blocks import drawing as vector
from scoping_app.report.fonts import BOLD, REGULAR
from scoping_app.report.model import RiskRow
from scoping_app.report.section_table import Column, ListingSection, Markup, SectionTable, Shown
from scoping_app.report.sections import PREMORTEM
from scoping_app.report.styles import (
    AMBER_TINT,
    GOOD_TINT,
    GRID,
    MUTED,
    TEXT,
    WARN,
    WARN_TINT,
    Styles,
)

INTRO = (
    "“It is a year from now and the project failed: why?” Each risk with its likelihood "
    "and impact from 1 to 5; a score (likelihood × impact) of 15 or more is severe while "
    "the risk is open."
)
NOTHING = "The project records no pre-mortem risks yet."
SEVERE_SCORE = 15  # likelihood x impact from which a risk is severe (spec)
_KEY_SIZE = 6.5


def _label(risk: RiskRow) -> str:
    label = f"<b>{risk.label}</b>"
    if risk.severe:
        label += "<br/>" + warning("severe")
    return Markup(label)


def _mitigated_by(risk: RiskRow) -> Shown:
    if risk.mitigated_by:
        return risk.mitigated_by
    return Markup(coloured("nothing in the plan", WARN))


COLUMNS: tuple[Column[RiskRow], ...] = (
    Column("Risk", 0.08, _label, tint=lambda risk: WARN_TINT if risk.severe else None),
    Column("Why it failed", 0.32, lambda risk: risk.story),
    Column("Cause", 0.1, lambda risk: risk.cause),
    Column("L", 0.05, lambda risk: str(risk.likelihood), right=True),
    Column("I", 0.05, lambda risk: str(risk.impact), right=True),
    Column("Owner", 0.13, lambda risk: risk.owner, none="nobody named"),
    Column("Status", 0.1, lambda risk: risk.status),
    Column("Mitigated by", 0.17, _mitigated_by),
)


def _list_risks(risks: Sequence[RiskRow], styles: Styles, box: Box) -> list[Flowable]:
    return [
        markup("Risk matrix", styles.h2),
        risk_matrix(risks, min(box.width, 430)),
        markup("Risk register", styles.h2),
        SectionTable(COLUMNS, styles, risks).table(box),
    ]


premortem_story = ListingSection(
    PREMORTEM, INTRO, NOTHING, lambda details: details.risks, _list_risks
)


def risk_matrix(risks: Sequence[RiskRow], width: float) -> Drawing:
    """Impact up, likelihood across; each cell with its count and the risks' labels."""
    axis = 34.0  # room for the axis titles and numbers
    size = (width - axis) / 5
    cell_height = size * 0.72
    height = 5 * cell_height + axis
    drawing = vector(width, height)
    cells: dict[tuple[int, int], list[str]] = {}
    for risk in risks:
        cells.setdefault((risk.likelihood, risk.impact), []).append(risk.label)
    for likelihood in range(1, 6):
        for impact in range(1, 6):
            x = axis + (likelihood - 1) * size
            y = axis + (impact - 1) * cell_height
            score = likelihood * impact
            severe = score >= SEVERE_SCORE
            fill = WARN_TINT if severe else AMBER_TINT if score >= 8 else GOOD_TINT
            drawing.add(
                Rect(x, y, size, cell_height, fillColor=fill, strokeColor=GRID, strokeWidth=0.75)
            )
            top = y + cell_height
            if severe:
                drawing.add(
                    String(x + 4, top - 9, "severe", fontName=BOLD, fontSize=6.5, fillColor=WARN)
                )
            labels = cells.get((likelihood, impact), [])
            if labels:
                drawing.add(
                    String(
                        x + size - 5,
                        top - 13,
                        str(len(labels)),
                        fontName=BOLD,
                        fontSize=11,
                        fillColor=TEXT,
                        textAnchor="end",
                    )
                )
                for row, line in enumerate(_key_lines(labels, size - 8)):
                    drawing.add(
                        String(
                            x + 4,
                            top - 24 - row * 8,
                            line,
                            fontName=REGULAR,
                            fontSize=_KEY_SIZE,
                            fillColor=TEXT,
                        )
                    )
    for number in range(1, 6):
        # The likelihood under its column, the impact left of its row.
        for x, y, anchor in (
            (axis + (number - 0.5) * size, axis - 11, "middle"),
            (axis - 6, axis + (number - 0.5) * cell_height - 3, "end"),
        ):
            drawing.add(
                String(
                    x,
                    y,
                    str(number),
                    fontName=REGULAR,
                    fontSize=8,
                    fillColor=MUTED,
                    textAnchor=anchor,
                )
            )
    drawing.add(
        String(
            axis + 2.5 * size,
            4,
            "Likelihood →",
            fontName=BOLD,
            fontSize=8,
            fillColor=TEXT,
            textAnchor="middle",
        )
    )
    title = String(0, 0, "Impact →", fontName=BOLD, fontSize=8, fillColor=TEXT, textAnchor="middle")
    turned = Group(title)
    turned.transform = (0, 1, -1, 0, 10, axis + 2.5 * cell_height)
    drawing.add(turned)
    return drawing


def _key_lines(labels: list[str], room: float) -> list[str]:
    """The labels in at most three lines; the rest counted as "+N"."""
    lines = simpleSplit(", ".join(labels), REGULAR, _KEY_SIZE, room)
    if len(lines) <= 3:
        return lines
    shown: list[str] = []
    for count in range(len(labels), 0, -1):
        rest = len(labels) - count
        attempt = simpleSplit(", ".join(labels[:count]) + f", +{rest}", REGULAR, _KEY_SIZE, room)
        if len(attempt) <= 3:
            shown = attempt
            break
    return shown

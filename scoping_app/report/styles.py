"""The plan's look: one accent colour, a light grid, DejaVu Sans in a few sizes."""

from __future__ import annotations

from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from scoping_app.report.fonts import BOLD, register_fonts

ACCENT = colors.HexColor("#1F4E79")
ACCENT_TINT = colors.HexColor("#E9EFF6")
IN_SCOPE_TINT = colors.HexColor("#EFF4FA")
TEXT = colors.HexColor("#222222")
MUTED = colors.HexColor("#5F6670")
GRID = colors.HexColor("#C9CED6")
WHITE = colors.white
WARN = colors.HexColor("#A4262C")  # what a sponsor must not miss: never verified, no fallback
WARN_TINT = colors.HexColor("#FBEAEA")
AMBER_TINT = colors.HexColor("#FFF3D6")
GOOD_TINT = colors.HexColor("#E7F3EA")
GOOD = colors.HexColor("#2E7D4F")
AMBER = colors.HexColor("#9A6700")
# The dependency graph's boxes, arrows, tags and links.
GRAPH_IN_FILL = colors.HexColor("#D5E3F1")
GRAPH_OUT_STROKE = colors.HexColor("#9AA2AD")
GRAPH_EDGE = colors.HexColor("#B8BEC7")
GRAPH_CRITICAL = colors.HexColor("#0B2545")
GRAPH_TAG_FILL = colors.HexColor("#3D434B")
GRAPH_LINK_TEXT = colors.HexColor("#3A4048")


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the plan uses."""

    kicker: ParagraphStyle
    title: ParagraphStyle
    h1: ParagraphStyle
    h2: ParagraphStyle
    h3: ParagraphStyle
    body: ParagraphStyle
    muted: ParagraphStyle
    bullet: ParagraphStyle
    cell: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    cell_head: ParagraphStyle
    cell_head_right: ParagraphStyle
    cell_head_inverse: ParagraphStyle
    cell_bullet: ParagraphStyle
    figure: ParagraphStyle


def make_styles() -> Styles:
    family = register_fonts()
    base = ParagraphStyle(
        "base",
        fontName=family,
        bulletFontName=family,
        fontSize=9.5,
        leading=13.5,
        textColor=TEXT,
        alignment=TA_LEFT,
        splitLongWords=1,
    )

    def derive(name: str, **changes: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **changes)

    def heading(name: str, size: float, leading: float, **changes: object) -> ParagraphStyle:
        return derive(
            name, fontName=BOLD, fontSize=size, leading=leading, keepWithNext=1, **changes
        )

    cell = derive("cell", fontSize=8.5, leading=11)
    return Styles(
        kicker=derive("kicker", fontName=BOLD, fontSize=10, leading=14, textColor=ACCENT),
        title=derive("title", fontName=BOLD, fontSize=26, leading=32, textColor=TEXT),
        # Headings keep with what follows them: a heading never ends a page.
        h1=heading("h1", 16, 20, textColor=ACCENT, spaceAfter=8),
        h2=heading("h2", 12, 16, spaceBefore=10, spaceAfter=4),
        h3=heading("h3", 10, 14, spaceBefore=10, spaceAfter=3),
        body=derive("body", spaceAfter=6),
        muted=derive("muted", fontSize=8.5, leading=12, textColor=MUTED, spaceAfter=6),
        bullet=derive("bullet", leftIndent=12, bulletIndent=2, spaceAfter=2),
        cell=cell,
        cell_right=ParagraphStyle("cell_right", parent=cell, alignment=TA_RIGHT),
        cell_bold=ParagraphStyle("cell_bold", parent=cell, fontName=BOLD),
        cell_head=ParagraphStyle("cell_head", parent=cell, fontName=BOLD),
        cell_head_right=ParagraphStyle(
            "cell_head_right", parent=cell, fontName=BOLD, alignment=TA_RIGHT
        ),
        cell_head_inverse=ParagraphStyle(
            "cell_head_inverse", parent=cell, fontName=BOLD, textColor=WHITE
        ),
        cell_bullet=ParagraphStyle("cell_bullet", parent=cell, leftIndent=8, bulletIndent=0),
        figure=derive("figure", fontName=BOLD, fontSize=13, leading=17, textColor=ACCENT),
    )

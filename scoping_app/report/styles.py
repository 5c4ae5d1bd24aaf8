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

MUTED_HEX = "#5F6670"
ACCENT_HEX = "#1F4E79"
WARN_HEX = "#A4262C"


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

    cell = derive("cell", fontSize=8.5, leading=11)
    return Styles(
        kicker=derive("kicker", fontName=BOLD, fontSize=10, leading=14, textColor=ACCENT),
        title=derive("title", fontName=BOLD, fontSize=26, leading=32, textColor=TEXT),
        # Headings keep with what follows them: a heading never ends a page.
        h1=derive(
            "h1",
            fontName=BOLD,
            fontSize=16,
            leading=20,
            textColor=ACCENT,
            spaceAfter=8,
            keepWithNext=1,
        ),
        h2=derive(
            "h2",
            fontName=BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            spaceAfter=4,
            keepWithNext=1,
        ),
        h3=derive(
            "h3",
            fontName=BOLD,
            fontSize=10,
            leading=14,
            spaceBefore=10,
            spaceAfter=3,
            keepWithNext=1,
        ),
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

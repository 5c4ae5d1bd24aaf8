"""Small flowable builders shared by the plan's sections: paragraphs, bullets, tables."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from reportlab.graphics.shapes import Drawing
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import ParagraphStyle

from scoping_app.report.escape import escape
from scoping_app.report.fonts import BOLD, REGULAR, drawable
from scoping_app.report.model import RiskRef
from scoping_app.report.styles import ACCENT, ACCENT_TINT, GRID, MUTED_HEX

if TYPE_CHECKING:
    from scoping_app.report.styles import Styles


class Box(NamedTuple):
    """The room a section has on a page: the frame's width and height, in points."""

    width: float
    height: float


class RowKeepingTable(Table):
    """A table that splits between rows, and inside a row only when the row fits no page."""

    page_height: float = 0.0  # the frame's height; set on each instance

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        # Splitting inside a row is a last resort: only on a fresh page, where waiting
        # for the next page would not help; elsewhere the row moves to the next page.
        self.splitInRow = int(self.page_height > 0 and availHeight >= self.page_height - 1)
        parts = super().split(availWidth, availHeight)
        for part in parts:
            part.page_height = self.page_height
            part.hAlign = self.hAlign
        return parts


def text(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of user text, escaped."""
    return Paragraph(escape(value), style)


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup built here, whose user parts were escaped already."""
    return Paragraph(value, style)


def muted(value: str) -> str:
    """Markup for escaped ``value`` in the muted colour."""
    return f'<font color="{MUTED_HEX}">{value}</font>'


def bullets(items: Iterable[str], style: ParagraphStyle) -> list[Flowable]:
    """One bulleted paragraph per item of user text."""
    return [Paragraph(escape(item), style, bulletText="•") for item in items]


def row_keeping_table(
    rows: Sequence[Sequence[object]], col_widths: Sequence[float], box: Box, **options: object
) -> RowKeepingTable:
    table = RowKeepingTable(
        [list(row) for row in rows], colWidths=list(col_widths), hAlign="LEFT", **options
    )
    table.page_height = box.height
    # Plain-string cells (empty ones) would otherwise be set in an unembedded Helvetica.
    table.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 8.5)]))
    return table


def grid_table(
    rows: Sequence[Sequence[object]],
    col_widths: Sequence[float],
    box: Box,
    *,
    header_rows: int = 1,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A table with a light grid and a tinted header, repeated on every page it runs onto."""
    table = row_keeping_table(rows, col_widths, box, repeatRows=header_rows)
    commands: list[tuple[object, ...]] = [
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 5),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
    ]
    if header_rows:
        commands += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), ACCENT_TINT),
            ("LINEBELOW", (0, header_rows - 1), (-1, header_rows - 1), 1, ACCENT),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "BOTTOM"),
        ]
    table.setStyle(TableStyle([*commands, *extra]))
    return table


def facts_table(
    rows: Sequence[tuple[Flowable, Flowable]], col_widths: Sequence[float], box: Box
) -> Table:
    """Label and value pairs with a hairline under each row and no grid."""
    table = row_keeping_table(rows, col_widths, box)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.5, GRID),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 8),
                ("TOPPADDING", (0, 0), (-1, -1), 4),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
            ]
        )
    )
    return table


def risk_bullets(risks: Iterable[RiskRef], style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per severe risk: its label in bold, then its story."""
    return [
        Paragraph(f"<b>{risk.label}</b> {escape(risk.story)}", style, bulletText="•")
        for risk in risks
    ]


def head(label: str, styles: Styles, *, right: bool = False) -> Paragraph:
    """A header cell: markup built here, bold, right-aligned over numbers."""
    return Paragraph(label, styles.cell_head_right if right else styles.cell_head)


def cell(value: str, styles: Styles, *, right: bool = False, none: str = "—") -> Paragraph:
    """A cell of user text; a muted dash (or ``none``) when the text is blank."""
    style = styles.cell_right if right else styles.cell
    if not value.strip():
        return Paragraph(muted(none), style)
    return Paragraph(escape(value), style)


def widths(box: Box, shares: Sequence[float]) -> list[float]:
    """Column widths from shares of the frame's width."""
    return [box.width * share for share in shares]


def section_title(title: str, styles: Styles, intro: str = "") -> list[Flowable]:
    """The section's heading and, when given, a muted line of markup under it."""
    story: list[Flowable] = [Paragraph(title, styles.h1)]
    if intro:
        story.append(Paragraph(intro, styles.muted))
    return story


def fitted_widths(
    box: Box, shares: Sequence[float], columns: Sequence[Iterable[str]], *, size: float = 8.5
) -> list[float]:
    """Column widths from shares, widened where a column's longest word would be broken.

    ``columns`` holds each column's plain words (header and cells); the room a column gets
    is taken from the others in proportion to what they have beyond their own need.
    """
    padding = 10 + 1.5
    needs = [
        min(
            box.width * 0.3,
            max(
                (
                    stringWidth(word, BOLD, size)
                    for text in column
                    for word in drawable(text).split()
                ),
                default=0.0,
            )
            + padding,
        )
        for column in columns
    ]
    result = [box.width * share for share in shares]
    for _ in range(len(result)):
        short = [i for i, width in enumerate(result) if width < needs[i] - 0.01]
        if not short:
            break
        wanted = sum(needs[i] - result[i] for i in short)
        for i in short:
            result[i] = needs[i]
        spare = {i: result[i] - needs[i] for i in range(len(result)) if result[i] > needs[i]}
        room = sum(spare.values())
        if room <= 0:
            break
        taken = min(wanted, room)
        for i, extra in spare.items():
            result[i] -= taken * extra / room
    # Whatever happens, the table never grows past the frame.
    scale = min(1.0, box.width / sum(result))
    return [width * scale for width in result]


def plain(value: object) -> str:
    """The words of a cell: a paragraph's text without its markup."""
    if isinstance(value, Paragraph):
        return html.unescape(re.sub(r"<[^>]*>", " ", value.text))
    if isinstance(value, (list, tuple)):
        return " ".join(plain(item) for item in value)
    return value if isinstance(value, str) else ""


def fitted_table(
    rows: Sequence[Sequence[object]],
    shares: Sequence[float],
    box: Box,
    *,
    extra: Sequence[tuple[object, ...]] = (),
) -> Table:
    """A grid table whose columns are wide enough for their longest words."""
    columns = [[plain(row[i]) for row in rows] for i in range(len(shares))]
    return grid_table(rows, fitted_widths(box, shares, columns), box, extra=extra)


def drawing(width: float, height: float) -> Drawing:
    """A vector drawing whose initial font is the embedded one, not reportlab's Helvetica."""
    made = Drawing(width, height)
    made.initialFontName = REGULAR
    made.initialFontSize = 8
    return made

"""Small flowable builders shared by the plan's sections: paragraphs, bullets, tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from reportlab.platypus import Flowable, Paragraph, Table, TableStyle
from reportlab.platypus.paragraph import ParagraphStyle

from scoping_app.report.escape import escape
from scoping_app.report.fonts import REGULAR
from scoping_app.report.model import RiskRef
from scoping_app.report.styles import ACCENT, ACCENT_TINT, GRID, MUTED_HEX


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

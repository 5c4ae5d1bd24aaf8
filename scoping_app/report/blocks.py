"""Small flowable builders shared by the plan's sections: paragraphs, bullets, headings and
table cells."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus.paragraph import ParagraphStyle

from scoping_app.report.escape import escape, paragraph
from scoping_app.report.fonts import REGULAR
from scoping_app.report.model import MetricRef, RiskRef
from scoping_app.report.styles import MUTED, WARN

if TYPE_CHECKING:
    from scoping_app.report.styles import Styles


class Box(NamedTuple):
    """The room a section has on a page: the frame's width and height, in points."""

    width: float
    height: float


def text(value: str, style: ParagraphStyle) -> Flowable:
    """A paragraph of user text, escaped; right-to-left text set in reading order."""
    return paragraph(value, style)


def markup(value: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of markup built here, whose user parts were escaped already."""
    return Paragraph(value, style)


def coloured(value: str, colour: Color) -> str:
    """Markup for ``value`` (markup) in ``colour``."""
    return f'<font color="#{colour.hexval()[2:]}">{value}</font>'


def muted(value: str) -> str:
    """Markup for escaped ``value`` in the muted colour."""
    return coloured(value, MUTED)


def warning(value: str) -> str:
    """Markup for ``value`` (markup) in bold, in the colour of what a sponsor must not miss."""
    return coloured(f"<b>{value}</b>", WARN)


def bullets(items: Iterable[str], style: ParagraphStyle) -> list[Flowable]:
    """One bulleted paragraph per item of user text."""
    return [Paragraph(escape(item), style, bulletText="•") for item in items]


def risk_bullets(risks: Iterable[RiskRef], style: ParagraphStyle) -> list[Flowable]:
    """One paragraph per severe risk: its label in bold, then its story."""
    return [
        Paragraph(f"<b>{risk.label}</b> {escape(risk.story)}", style, bulletText="•")
        for risk in risks
    ]


def metric_bullets(
    metrics: Iterable[MetricRef], style: ParagraphStyle, *, labelled: bool
) -> list[Flowable]:
    """One paragraph per metric: its label in bold when ``labelled``, its name, and whether
    it is a must-have."""
    return [
        Paragraph(
            (f"<b>{metric.label}</b> " if labelled else "")
            + escape(metric.name)
            + (" " + muted("(must-have)") if metric.must else ""),
            style,
            bulletText="•",
        )
        for metric in metrics
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
        story.append(lead(Paragraph(intro, styles.muted)))
    return story


def lead(flowable: Flowable) -> Flowable:
    """``flowable``, kept on the page of what follows it, as a heading is."""
    flowable.keepWithNext = 1
    return flowable


def drawing(width: float, height: float) -> Drawing:
    """A vector drawing whose initial font is the embedded one, not reportlab's Helvetica."""
    made = Drawing(width, height)
    made.initialFontName = REGULAR
    made.initialFontSize = 8
    return made

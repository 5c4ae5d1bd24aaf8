"""The dependency graph drawn straight on the canvas: the boxes, arrows, tags and link lines
of a page, and the legend that says what they mean.

The pages are drawn straight on the canvas (a flowable per page) rather than as reportlab
drawings: a 400-capability graph has thousands of strokes and strings. Page numbers are
known only when a page is drawn: each page records its own, and a page of the graph that
comes later is as many pages further on as it is parts further on, since every part of the
graph is one page.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from scoping_app.domain import words as fmt
from scoping_app.report import scripts
from scoping_app.report.fonts import BOLD, REGULAR
from scoping_app.report.graph_layout import (
    BAND_GAP,
    CAPTION_SIZE,
    INSET,
    LINK_GAP,
    LINK_INDENT,
    PAD,
    GraphFacts,
    GraphPlan,
    link_font_size,
    link_line_height,
)
from scoping_app.report.graph_page_art import BoxArt, Link, PageArt
from scoping_app.report.graph_routing import Point, path_segments
from scoping_app.report.styles import (
    ACCENT,
    AMBER,
    AMBER_TINT,
    GRAPH_CRITICAL,
    GRAPH_EDGE,
    GRAPH_IN_FILL,
    GRAPH_LINK_TEXT,
    GRAPH_OUT_STROKE,
    GRAPH_TAG_FILL,
    GRID,
    MUTED,
    TEXT,
)

_ARROW = 3.8  # length of an arrowhead

CRITICAL_WIDTH = 2.1  # of a critical-path arrow; an arrow of the scope is 0.8, another 0.5
CRITICAL_BORDER = 2.4  # of a critical-path box's border


@dataclass(frozen=True)
class _Style:
    fill: colors.Color
    stroke: colors.Color
    width: float
    dash: tuple[float, ...] | None
    text: colors.Color
    font: str


STATES = {
    "in": _Style(GRAPH_IN_FILL, ACCENT, 1.3, None, TEXT, BOLD),
    "pulled": _Style(AMBER_TINT, AMBER, 1.1, (3.0, 2.0), TEXT, BOLD),
    "out": _Style(colors.white, GRAPH_OUT_STROKE, 0.7, (1.0, 1.6), MUTED, REGULAR),
}
STATE_WORDS = {
    "in": "In the recommended scope",
    "pulled": "Pulled in as a prerequisite",
    "out": "Out of scope",
}
CRITICAL_WORDS = "Critical path: thick arrows and borders"
MANDATORY_WORDS = "Mandatory capability"
MANDATORY_TAG = "mandatory"
ARROW_WORDS = "prerequisite → dependant"


class CanvasText:
    """Strings to draw over the shapes, as one text object in reading order (box after box),
    the font and colour set only where they change."""

    def __init__(self) -> None:
        self._strings: list[tuple[float, float, str, str, float, colors.Color]] = []

    def add(
        self, x: float, y: float, text: str, font: str, size: float, colour: colors.Color
    ) -> None:
        if text:
            self._strings.append((x, y, text, font, size, colour))

    def draw(self, canv: Canvas) -> None:
        text = canv.beginText()
        face: tuple[str, float] | None = None
        fill: colors.Color | None = None
        for x, y, value, font, size, colour in self._strings:
            if not scripts.is_simple(value):  # right-to-left or another font: drawn apart
                canv.setFillColor(colour)
                scripts.draw_string(canv, x, y, value, font, size)
                continue
            if face != (font, size):
                face = (font, size)
                text.setFont(font, size)
            if fill is not colour:
                fill = colour
                text.setFillColor(colour)
            text.setTextOrigin(x, y)
            text.textOut(value)
        canv.drawText(text)


def _days(value: float) -> str:
    """Person-days as the plan writes them; an absurd effort in powers of ten."""
    if not math.isfinite(value):
        return "∞"
    return fmt.days(value) if abs(value) < 1e12 else f"{value:.1e}"


class PartPages:
    """The page each part of the graph was drawn on, as the parts are drawn."""

    def __init__(self) -> None:
        self.pages: dict[int, int] = {}

    def page(self, part: int, me: int, my_page: int) -> int:
        # Each part is one page: a later part is as many pages on as it is parts on. An
        # earlier one was drawn already (in this build: a second build may move pages).
        if part < me and part in self.pages:
            return self.pages[part]
        return my_page + part - me


def _page_words(parts: Sequence[int], where: str, pager: PartPages, me: int, my_page: int) -> str:
    if not parts:
        return where
    pages = sorted({pager.page(part, me, my_page) for part in parts})
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


class GraphPage(Flowable):
    """One page of the dependency graph, drawn straight on the canvas."""

    def __init__(
        self, facts: GraphFacts, plan: GraphPlan, art: PageArt, part: int, pager: PartPages
    ) -> None:
        super().__init__()
        self.facts, self.plan, self.art, self.part, self.pager = facts, plan, art, part, pager
        self.width, self.height = art.width, art.height

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        my_page = canv.getPageNumber()
        self.pager.pages[self.part] = my_page
        _draw_page(canv, self.facts, self.plan, self.art, self.part, my_page, self.pager)


def _draw_page(
    canv: Canvas,
    facts: GraphFacts,
    plan: GraphPlan,
    art: PageArt,
    part: int,
    my_page: int,
    pager: PartPages,
) -> None:
    text = CanvasText()
    font = plan.font
    y = art.height
    for line, face in art.caption:
        y -= CAPTION_SIZE * 1.3
        size = CAPTION_SIZE if face == BOLD else CAPTION_SIZE - 0.5
        text.add(0, y + 2, line, face, size, TEXT if face == BOLD else MUTED)
    canv.saveState()

    def where(link: Link) -> str:
        return _page_words(link.parts, link.where, pager, part, my_page)

    for number, band in enumerate(art.bands):
        if number:
            rule = band.top + BAND_GAP / 2
            canv.setStrokeColor(GRID)
            canv.setLineWidth(0.5)
            canv.setDash(2, 2)
            canv.line(0, rule, art.width, rule)
            canv.setDash()
        for left, heading in band.headings:
            text.add(left, band.top - 7, heading, BOLD, 6.5, MUTED)
        _draw_edges(canv, facts, band.paths)
        _draw_boxes(canv, facts, band.boxes, font, text, where)
    text.draw(canv)
    canv.restoreState()


_EDGE_STYLES = {
    # key: (stroke, width, head)
    "other": (GRAPH_EDGE, 0.5, GRAPH_OUT_STROKE),
    "scope": (ACCENT, 0.8, ACCENT),
    "critical": (GRAPH_CRITICAL, CRITICAL_WIDTH, GRAPH_CRITICAL),
}


def _edge_kind(facts: GraphFacts, edge: tuple[str, str]) -> str:
    if edge in facts.critical_edges:
        return "critical"
    nodes = facts.info.nodes
    if nodes[edge[0]].state != "out" and nodes[edge[1]].state != "out":
        return "scope"
    return "other"


def _draw_edges(
    canv: Canvas, facts: GraphFacts, paths: Sequence[tuple[tuple[str, str], tuple[Point, ...]]]
) -> None:
    by_kind: dict[str, list[tuple[Point, ...]]] = {kind: [] for kind in _EDGE_STYLES}
    for edge, points in paths:
        by_kind[_edge_kind(facts, edge)].append(points)
    for kind, (stroke, width, head) in _EDGE_STYLES.items():
        if not by_kind[kind]:
            continue
        lines = canv.beginPath()
        heads = canv.beginPath()
        arrow = _ARROW + (1.2 if kind == "critical" else 0.0)
        for points in by_kind[kind]:
            *body, (x1, y1) = points
            shortened = [*body, (x1 - arrow + 0.5, y1)]
            lines.moveTo(*shortened[0])
            for _, c1, c2, end in path_segments(shortened):
                lines.curveTo(*c1, *c2, *end)
            spread = arrow * 0.55
            heads.moveTo(x1, y1)
            heads.lineTo(x1 - arrow, y1 + spread)
            heads.lineTo(x1 - arrow, y1 - spread)
            heads.close()
        canv.setStrokeColor(stroke)
        canv.setLineWidth(width)
        canv.setLineCap(1 if kind == "critical" else 0)
        canv.drawPath(lines, stroke=1, fill=0)
        canv.setFillColor(head)
        canv.drawPath(heads, stroke=0, fill=1)
    canv.setLineCap(0)


def _draw_boxes(
    canv: Canvas,
    facts: GraphFacts,
    boxes: Sequence[BoxArt],
    font: float,
    text: CanvasText,
    where: Callable[[Link], str],
) -> None:
    """The boxes, their names, efforts and tags, and the lines of links under them."""
    nodes = facts.info.nodes
    link_font, link_leading = link_font_size(font), link_line_height(font)
    brackets = canv.beginPath()
    groups: dict[tuple[str, bool], list[BoxArt]] = {}
    for box in boxes:
        state = nodes[box.key].state if nodes[box.key].state in STATES else "out"
        groups.setdefault((state, box.key in facts.critical), []).append(box)
    for (state, critical), members in groups.items():
        style = STATES[state]
        canv.setFillColor(style.fill)
        canv.setStrokeColor(style.stroke)
        canv.setLineWidth(CRITICAL_BORDER if critical else style.width)
        if style.dash:
            canv.setDash(list(style.dash) if not critical else [4.0, 2.0])
        else:
            canv.setDash()
        for box in members:
            canv.roundRect(box.left, box.bottom, box.width, box.height, 2.5, stroke=1, fill=1)
    canv.setDash()
    leading = font * 1.2
    size = max(4.6, font * 0.72)
    for box in boxes:
        node = nodes[box.key]
        style = STATES.get(node.state, STATES["out"])
        y = box.bottom + box.height - PAD - font
        for line in box.lines:
            text.add(box.left + INSET, y, line, style.font, font, style.text)
            y -= leading
        text.add(
            box.left + INSET,
            box.bottom + PAD + 0.5,
            f"{_days(node.effort)} d",
            REGULAR,
            font,
            MUTED,
        )
        if node.mandatory:
            _tag(canv, text, box.left + box.width - 6.5, box.bottom + PAD - 0.5, size)
        if box.links:
            # A hairline from the box down its lines of links ties them to it.
            y = box.bottom - LINK_GAP - link_font
            brackets.moveTo(box.left + LINK_INDENT / 2, box.bottom)
            for link in box.links:
                face = BOLD if link.bold else REGULAR
                line = f"{link.words}, {where(link)}"
                text.add(box.left + LINK_INDENT, y + 0.8, line, face, link_font, GRAPH_LINK_TEXT)
                y -= link_leading
            brackets.lineTo(box.left + LINK_INDENT / 2, y + link_leading - 0.5)
    canv.setStrokeColor(GRAPH_OUT_STROKE)
    canv.setLineWidth(0.6)
    canv.drawPath(brackets, stroke=1, fill=0)


def _tag(canv: Canvas, text: CanvasText, right: float, bottom: float, size: float) -> float:
    """The "mandatory" tag, ending at ``right``; returns its width."""
    width = stringWidth(MANDATORY_TAG, BOLD, size) + 4
    canv.setFillColor(GRAPH_TAG_FILL)
    canv.roundRect(right - width, bottom, width, size * 1.45, size * 0.5, stroke=0, fill=1)
    text.add(right - width + 2, bottom + size * 0.38, MANDATORY_TAG, BOLD, size, colors.white)
    return width


# --- The legend and the section --------------------------------------------------------


class Legend(Flowable):
    """What the fills, borders, arrows and tags mean, in rows as wide as the frame."""

    _SIZE = 7.5
    _ROW = 16.0

    def __init__(self, width: float, facts: GraphFacts, *, with_scope: bool) -> None:
        super().__init__()
        items: list[tuple[str, str]] = []
        if with_scope:
            items += [(state, STATE_WORDS[state]) for state in ("in", "pulled", "out")]
        else:
            items.append(("out", "Capability (no viable scope)"))
        items.append(("arrow", ARROW_WORDS))
        if facts.critical:
            days = _days(facts.critical_days)
            items.append(("critical", f"{CRITICAL_WORDS} ({days} d)"))
        if facts.any_mandatory:
            items.append(("mandatory", MANDATORY_WORDS))
        self.rows: list[list[tuple[float, str, str]]] = [[]]
        x = 0.0
        for kind, words in items:
            sample = 26.0 if kind != "mandatory" else stringWidth(MANDATORY_TAG, BOLD, 5.4) + 8
            needed = sample + stringWidth(words, REGULAR, self._SIZE)
            if x and x + needed > width:
                self.rows.append([])
                x = 0.0
            self.rows[-1].append((x, kind, words))
            x += needed + 14
        self.width = width
        self.height = len(self.rows) * self._ROW + 4

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        text = CanvasText()
        canv.saveState()
        for number, row in enumerate(self.rows):
            base = self.height - (number + 1) * self._ROW
            for x, kind, words in row:
                middle = base + 8
                if kind in STATES:
                    style = STATES[kind]
                    canv.setFillColor(style.fill)
                    canv.setStrokeColor(style.stroke)
                    canv.setLineWidth(style.width)
                    canv.setDash(list(style.dash) if style.dash else [])
                    canv.roundRect(x, middle - 6, 21, 12, 2, stroke=1, fill=1)
                    canv.setDash()
                    offset = 26.0
                elif kind in ("arrow", "critical"):
                    stroke, width, head = _EDGE_STYLES[
                        "critical" if kind == "critical" else "scope"
                    ]
                    arrow = _ARROW + (1.2 if kind == "critical" else 0.0)
                    canv.setStrokeColor(stroke)
                    canv.setLineWidth(width)
                    canv.line(x, middle, x + 21 - arrow + 0.5, middle)
                    canv.setFillColor(head)
                    heads = canv.beginPath()
                    heads.moveTo(x + 21, middle)
                    heads.lineTo(x + 21 - arrow, middle + arrow * 0.55)
                    heads.lineTo(x + 21 - arrow, middle - arrow * 0.55)
                    heads.close()
                    canv.drawPath(heads, stroke=0, fill=1)
                    offset = 26.0
                else:
                    offset = _tag(
                        canv, text, x + stringWidth(MANDATORY_TAG, BOLD, 5.4) + 4, middle - 4, 5.4
                    )
                    offset += 4
                text.add(x + offset, middle - 2.6, words, REGULAR, self._SIZE, TEXT)
        canv.setStrokeColor(GRID)
        canv.setLineWidth(0.5)
        canv.line(0, 0.5, self.width, 0.5)
        text.draw(canv)
        canv.restoreState()

"""The "Dependency graph" section: vector art of the window's layered layout, split by layers.

Layers run left to right, prerequisites first. When the graph is too big for one page at a
readable size, it is split into pages of consecutive layers, and a layer too tall for a page
is laid out in several columns.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from reportlab.graphics.shapes import Drawing, Line, Path, Polygon, Rect, String
from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Spacer

from scoping_app.report import formatting as fmt
from scoping_app.report.blocks import Box, markup, section_title
from scoping_app.report.blocks import drawing as vector
from scoping_app.report.fonts import BOLD, REGULAR, drawable
from scoping_app.report.model import GraphInfo, PlanReport
from scoping_app.report.sections import GRAPH, TITLES
from scoping_app.report.styles import ACCENT, AMBER, AMBER_TINT, GRID, MUTED, TEXT, Styles

TITLE = TITLES[GRAPH]

MAX_FONT = 7.5
MIN_FONT = 6.0  # labels stay readable: below this the graph is split across pages instead
_GAP_X = 20.0  # between columns, room for the edges
_GAP_Y = 6.0
_PAD = 3.5
_INSET = 7.0  # text from the box's sides, clear of the page-link markers
_MAX_NAME_LINES = 3
_RESERVED = 165.0  # room on a page for the title, the intro and the legend
_HEADING = 13.0  # above each column: its layer
_CAPTION = 40.0  # room for the caption of a page of a split graph

IN_FILL = colors.HexColor("#D5E3F1")
OUT_STROKE = colors.HexColor("#9AA2AD")
EDGE = colors.HexColor("#B8BEC7")


@dataclass(frozen=True)
class _Style:
    fill: colors.Color
    stroke: colors.Color
    width: float
    dash: tuple[float, ...] | None
    text: colors.Color
    font: str


STATES = {
    "in": _Style(IN_FILL, ACCENT, 1.4, None, TEXT, BOLD),
    "pulled": _Style(AMBER_TINT, AMBER, 1.1, (3.0, 2.0), TEXT, REGULAR),
    "out": _Style(colors.white, OUT_STROKE, 0.7, (1.0, 1.6), MUTED, REGULAR),
}
STATE_WORDS = {
    "in": "In the recommended scope",
    "pulled": "Pulled in as a prerequisite",
    "out": "Out of scope",
}


@dataclass(frozen=True)
class _Column:
    layer: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class _Plan:
    font: float
    column_width: float
    node_height: float
    pages: tuple[tuple[_Column, ...], ...]
    gap_y: float = _GAP_Y


def graph_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    graph = report.details.graph if report.details else None
    scope = report.recommended
    intro = (
        "Each box is a capability with its expected effort in person-days; an arrow runs from "
        "a prerequisite to the capability that needs it. Layers run left to right, as in the "
        "app's window."
    )
    story = section_title(TITLE, styles, intro)
    if graph is None or not graph.nodes:
        story.append(markup("The project has no capabilities yet.", styles.body))
        return story
    story.append(legend(box.width, with_scope=scope.found))
    plan = plan_pages(graph, box.width, box.height - _RESERVED)
    last_layer = len(graph.layers)
    for number, page in enumerate(plan.pages):
        if len(plan.pages) > 1:
            first, last = page[0].layer + 1, page[-1].layer + 1
            span = f"Layer {first}" if first == last else f"Layers {first}–{last}"
            caption = (
                f"<b>{span} of {last_layer}</b> · part {number + 1} of {len(plan.pages)}. "
                "A ▸ at a box's right edge: capabilities on a later page need it; "
                "at its left edge: it needs capabilities on an earlier page."
            )
            if number:
                story.append(PageBreak())
            story.append(markup(caption, styles.muted))
        else:
            story.append(Spacer(1, 6))
        drawing = draw_page(graph, plan, page, box.width)
        story += [CondPageBreak(drawing.height + 4), drawing]
    return story


def plan_pages(graph: GraphInfo, width: float, height: float) -> _Plan:
    """The font, the box size, and which columns go on which page."""
    layers = [layer for layer in graph.layers if layer]
    names = [graph.nodes[key].name for layer in layers for key in layer]
    # One page when every layer gets a readable column and no layer is too tall.
    for font in (MAX_FONT, 7.0, 6.5, MIN_FONT):
        column_width = (width - (len(layers) - 1) * _GAP_X) / len(layers)
        if column_width < _min_width(names, font):
            continue
        node_height = _node_height(names, font, column_width)
        rows = max(len(layer) for layer in layers)
        if rows * (node_height + _GAP_Y) - _GAP_Y <= height:
            columns = tuple(_Column(i, tuple(layer)) for i, layer in enumerate(layers))
            # A small graph breathes: more room between rows, as long as it fits.
            gap_y = _GAP_Y if rows < 2 else min(26.0, (height - rows * node_height) / (rows - 1))
            return _Plan(font, column_width, node_height, (columns,), max(_GAP_Y, gap_y))
    # Otherwise pages of consecutive layers at the smallest readable size.
    font = MIN_FONT
    column_width = max(_min_width(names, font), 84.0)
    per_page = max(1, int((width + _GAP_X) // (column_width + _GAP_X)))
    column_width = (width - (per_page - 1) * _GAP_X) / per_page
    node_height = _node_height(names, font, column_width)

    def per_column(page: int) -> int:
        # The first page also carries the title and the legend; the others only a caption.
        room = height if page == 0 else height + _RESERVED - _CAPTION
        return max(1, int((room + _GAP_Y) // (node_height + _GAP_Y)))

    pages: list[tuple[_Column, ...]] = []
    current: list[_Column] = []
    for index, layer in enumerate(layers):
        parts = math.ceil(len(layer) / per_column(len(pages)))
        if current and len(current) + parts > per_page:
            pages.append(tuple(current))
            current = []
            parts = math.ceil(len(layer) / per_column(len(pages)))
        size = math.ceil(len(layer) / parts)  # even columns rather than a full one and a stub
        for start in range(0, len(layer), size):
            if len(current) == per_page:
                pages.append(tuple(current))
                current = []
            current.append(_Column(index, tuple(layer[start : start + size])))
    if current:
        pages.append(tuple(current))
    return _Plan(font, column_width, node_height, tuple(pages))


def _min_width(names: list[str], font: float) -> float:
    """The narrowest box in which every name's longest word fits."""
    longest = max(
        (stringWidth(word, REGULAR, font) for name in names for word in drawable(name).split()),
        default=0.0,
    )
    return max(longest * 1.08 + 2 * _INSET, 56.0)


def _name_lines(name: str, font: float, width: float) -> list[str]:
    lines = simpleSplit(drawable(" ".join(name.split())), BOLD, font, width - 2 * _INSET)
    if len(lines) <= _MAX_NAME_LINES:
        return lines
    kept = lines[:_MAX_NAME_LINES]
    last = kept[-1]
    while last and stringWidth(last + "…", BOLD, font) > width - 2 * _INSET:
        last = last[:-1]
    kept[-1] = last.rstrip() + "…"
    return kept


def _node_height(names: list[str], font: float, width: float) -> float:
    lines = max(len(_name_lines(name, font, width)) for name in names)
    return 2 * _PAD + (lines + 1) * font * 1.2


def draw_page(graph: GraphInfo, plan: _Plan, page: tuple[_Column, ...], width: float) -> Drawing:
    font, column_width, node_height = plan.font, plan.column_width, plan.node_height
    pitch = node_height + plan.gap_y
    tallest = max(len(column.keys) for column in page)
    height = tallest * pitch - plan.gap_y + 2 + _HEADING
    drawing = vector(width, height)
    place: dict[str, tuple[float, float]] = {}  # key -> (left, bottom)
    for index, column in enumerate(page):
        left = index * (column_width + _GAP_X)
        follows = index > 0 and page[index - 1].layer == column.layer
        heading = f"Layer {column.layer + 1}" + (" (continued)" if follows else "")
        drawing.add(String(left, height - 7, heading, fontName=BOLD, fontSize=6.5, fillColor=MUTED))
        # Columns are centred vertically, as in the window.
        offset = (tallest - len(column.keys)) * pitch / 2
        for row, key in enumerate(column.keys):
            place[key] = (left, height - _HEADING - 1 - offset - row * pitch - node_height)
    in_scope = {key for key, node in graph.nodes.items() if node.state != "out"}
    edges = [(a, b) for a, b in graph.edges if a in place and b in place]
    # Edges of the scope are drawn last, so they lie on top of the grey ones.
    edges.sort(key=lambda edge: edge[0] in in_scope and edge[1] in in_scope)
    for a, b in edges:
        strong = a in in_scope and b in in_scope
        _edge(drawing, place[a], place[b], column_width, node_height, strong)
    for key, (left, bottom) in place.items():
        _node(drawing, graph, key, left, bottom, column_width, node_height, font)
    leaving = {a for a, b in graph.edges if a in place and b not in place}
    arriving = {b for a, b in graph.edges if b in place and a not in place}
    for key in leaving:
        left, bottom = place[key]
        _stub(drawing, left + column_width, bottom + node_height / 2, outgoing=True)
    for key in arriving:
        left, bottom = place[key]
        _stub(drawing, left, bottom + node_height / 2, outgoing=False)
    return drawing


def _edge(
    drawing: Drawing,
    start: tuple[float, float],
    end: tuple[float, float],
    column_width: float,
    node_height: float,
    strong: bool,
) -> None:
    x0, y0 = start[0] + column_width, start[1] + node_height / 2
    x1, y1 = end[0] - 3.5, end[1] + node_height / 2
    bend = max((x1 - x0) / 2, 6.0)
    path = Path(
        strokeColor=ACCENT if strong else EDGE,
        strokeWidth=0.9 if strong else 0.5,
        fillColor=None,
    )
    path.moveTo(x0, y0)
    path.curveTo(x0 + bend, y0, x1 - bend, y1, x1, y1)
    drawing.add(path)
    _arrowhead(drawing, x1 + 3.5, y1, ACCENT if strong else OUT_STROKE)


def _arrowhead(drawing: Drawing, x: float, y: float, colour: colors.Color) -> None:
    drawing.add(Polygon([x, y, x - 4, y + 2.2, x - 4, y - 2.2], fillColor=colour, strokeColor=None))


def _stub(drawing: Drawing, x: float, y: float, *, outgoing: bool) -> None:
    """A small solid triangle inside the box's edge: a link to a capability on another page."""
    if outgoing:
        points = [x - 1, y, x - 5, y + 3, x - 5, y - 3]
    else:
        points = [x + 5, y, x + 1, y + 3, x + 1, y - 3]
    drawing.add(Polygon(points, fillColor=OUT_STROKE, strokeColor=None))


def _node(
    drawing: Drawing,
    graph: GraphInfo,
    key: str,
    left: float,
    bottom: float,
    width: float,
    height: float,
    font: float,
) -> None:
    node = graph.nodes[key]
    style = STATES.get(node.state, STATES["out"])
    drawing.add(
        Rect(
            left,
            bottom,
            width,
            height,
            rx=2.5,
            ry=2.5,
            fillColor=style.fill,
            strokeColor=style.stroke,
            strokeWidth=style.width,
            strokeDashArray=style.dash,
        )
    )
    leading = font * 1.2
    y = bottom + height - _PAD - font
    for line in _name_lines(node.name, font, width):
        drawing.add(
            String(left + _INSET, y, line, fontName=BOLD, fontSize=font, fillColor=style.text)
        )
        y -= leading
    drawing.add(
        String(
            left + _INSET,
            bottom + _PAD + 0.5,
            f"{fmt.days(node.effort)} d",
            fontName=REGULAR,
            fontSize=font,
            fillColor=MUTED,
        )
    )


def legend(width: float, *, with_scope: bool) -> Drawing:
    """What the fills and borders mean, and the arrow."""
    drawing = vector(width, 22)
    states = ("in", "pulled", "out") if with_scope else ("out",)
    items = [
        STATE_WORDS[state] if with_scope else "Capability (no viable scope)" for state in states
    ]
    arrow_words = "prerequisite → dependant"
    used = sum(27 + stringWidth(words, REGULAR, 7.5) for words in [*items, arrow_words])
    gap = max(6.0, min(16.0, (width - used) / len(items)))
    x = 0.0
    for state, words in zip(states, items, strict=True):
        style = STATES[state]
        drawing.add(
            Rect(
                x,
                5,
                22,
                12,
                rx=2,
                ry=2,
                fillColor=style.fill,
                strokeColor=style.stroke,
                strokeWidth=style.width,
                strokeDashArray=style.dash,
            )
        )
        drawing.add(String(x + 27, 8, words, fontName=REGULAR, fontSize=7.5, fillColor=TEXT))
        x += 27 + stringWidth(words, REGULAR, 7.5) + gap
    drawing.add(Line(x, 11, x + 18, 11, strokeColor=ACCENT, strokeWidth=0.9))
    _arrowhead(drawing, x + 22, 11, ACCENT)
    drawing.add(String(x + 27, 8, arrow_words, fontName=REGULAR, fontSize=7.5, fillColor=TEXT))
    drawing.add(Line(0, 0.5, width, 0.5, strokeColor=GRID, strokeWidth=0.5))
    return drawing

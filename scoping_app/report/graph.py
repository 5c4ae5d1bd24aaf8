"""The "Dependency graph" section: the window's layered layout as vector art.

Layers run left to right, prerequisites first. A graph that fits one page at a readable size
is drawn whole. A bigger one is cut into bands of consecutive layers (a tall layer over
several columns), packed onto pages top to bottom so that no page is left mostly blank.
Every arrow between two boxes of a band is drawn, routed through the gaps between the boxes
of the columns it passes (:func:`route_edges`), so that it never crosses a box; every link
to a box of another band is written under its box: "to Answer drafting, p. 9" or "from
Ticket export, above".

The pages are drawn straight on the canvas (a flowable per page) rather than as reportlab
drawings: a 400-capability graph has thousands of strokes and strings. Page numbers are
known only when a page is drawn: each page records its own, and a page of the graph that
comes later is as many pages further on as it is parts further on, since every part of the
graph is one page.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

from reportlab.lib import colors
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, PageBreak, Spacer

from scoping_app.report import formatting as fmt
from scoping_app.report import scripts
from scoping_app.report.blocks import Box, markup, section_title
from scoping_app.report.fonts import BOLD, REGULAR
from scoping_app.report.model import GraphInfo, PlanReport
from scoping_app.report.sections import GRAPH, TITLES
from scoping_app.report.styles import ACCENT, AMBER, AMBER_TINT, GRID, MUTED, TEXT, Styles

TITLE = TITLES[GRAPH]

MAX_FONT = 7.5
MIN_FONT = 6.0  # names stay readable: below this the graph is split into bands instead
SPLIT_FONT = 6.5  # the size of a graph split into bands
_GAP_X = 20.0  # between columns: the arrows' channels
_NARROW_GAP_X = 14.0  # between the columns of a one-page graph that needs the room
_GAP_Y = 7.0  # between the cells of a column: room for arrows passing through
_MAX_GAP_Y = 26.0  # a small graph breathes, up to this
_PAD = 3.5
_INSET = 7.0  # text from the box's sides
_MAX_NAME_LINES = 3
_MIN_WIDTH = 66.0  # the narrowest column of a one-page graph
_SPLIT_WIDTH = 100.0  # the column width aimed at when the graph is split into bands
_HEADING = 11.0  # above each column: its layer
_MARGIN = 6.0  # above and below the cells of a band: channels for arrows
_BAND_GAP = 14.0  # between two bands of a page
_MIN_BAND_SHARE = 0.2  # a band starts a new page rather than use less of one than this
_HALF_FULL = 0.56  # a page filled this far may leave a layer whole for the next page
_LINK_GAP = 2.0  # from a box to its first link line
_LINK_INDENT = 4.5  # of a link line from the box's left side
_ARROW = 3.8  # length of an arrowhead
_SPACING = 1.8  # between arrows sharing a channel, when there is room
_NARROW = 16.0  # a channel this narrow has its arrows spread evenly over it
_CAPTION_SIZE = 7.5

IN_FILL = colors.HexColor("#D5E3F1")
OUT_STROKE = colors.HexColor("#9AA2AD")
EDGE = colors.HexColor("#B8BEC7")
CRITICAL = colors.HexColor("#0B2545")
TAG_FILL = colors.HexColor("#3D434B")
LINK_TEXT = colors.HexColor("#3A4048")

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
    "in": _Style(IN_FILL, ACCENT, 1.3, None, TEXT, BOLD),
    "pulled": _Style(AMBER_TINT, AMBER, 1.1, (3.0, 2.0), TEXT, BOLD),
    "out": _Style(colors.white, OUT_STROKE, 0.7, (1.0, 1.6), MUTED, REGULAR),
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
LINKS_NOTE = (
    "Under a box, “from …” names a prerequisite drawn elsewhere and “to …” a capability "
    "that needs it, with its page; bold when on the critical path."
)


# --- Text --------------------------------------------------------------------------------


def _width(text: str, font: str, size: float) -> float:
    if scripts.is_simple(text):
        return stringWidth(text, font, size)
    return scripts.text_width(text, font, size)


def wrap_name(
    name: str, font: str, size: float, width: float, max_lines: int = _MAX_NAME_LINES
) -> list[str]:
    """``name`` in at most ``max_lines`` lines no wider than ``width``, the last ending in …
    when the name is longer; a word longer than a line is broken where it must be."""
    words = scripts.clean(name, one_line=True).split()
    lines: list[str] = []
    current = ""
    for word in words:
        candidate = f"{current} {word}" if current else word
        if _width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while _width(word, font, size) > width and len(word) > 1:
            cut = _prefix_that_fits(word, font, size, width)
            lines.append(word[:cut])
            word = word[cut:]
        current = word
        if len(lines) > max_lines:
            break
    if current:
        lines.append(current)
    if not lines:
        return [""]
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = scripts.fit(lines[-1] + "…", font, size, width)
    return lines


def _prefix_that_fits(word: str, font: str, size: float, width: float) -> int:
    low, high = 1, len(word)
    while low < high:
        middle = (low + high + 1) // 2
        if _width(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


class _Text:
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


# --- Routing (pure geometry, y upwards) --------------------------------------------------

Point = tuple[float, float]


@dataclass(frozen=True)
class Place:
    """Where a capability sits in a band: its column and its cell, y upwards.

    The cell is the box and the link lines under it; no arrow may cross it. Arrows leave
    the box's right side and reach the next box's left side at the height ``port``.
    """

    column: int
    left: float
    right: float
    bottom: float
    top: float
    port: float


def route_edges(
    columns: Sequence[tuple[float, float]],
    places: Mapping[str, Place],
    edges: Iterable[tuple[str, str]],
    low: float,
    high: float,
    *,
    spacing: float = _SPACING,
) -> dict[tuple[str, str], tuple[Point, ...]]:
    """The path of each edge from its prerequisite's right side to its dependant's left side.

    ``columns`` are the (left, right) extents of the band's columns, left to right; every
    cell lies within its column and between ``low`` and ``high``. An edge must go from a
    column to a later one. A path is a tuple of points: the start on the prerequisite's
    right side, then, for every column the edge passes, the point where it enters the column
    and the point where it leaves it, at one height within a free gap of that column (a
    channel), and the end on the dependant's left side. Between two columns the path may
    run as a curve within the gap between them (see :func:`path_segments`); across a column
    it is a straight horizontal line. Arrows that share a channel are spread over it.
    """
    free: list[list[tuple[float, float]]] = [[] for _ in columns]
    cells: list[list[tuple[float, float]]] = [[] for _ in columns]
    for place in places.values():
        cells[place.column].append((place.bottom, place.top))
    for index, spans in enumerate(cells):
        spans.sort()
        previous = low
        for bottom, top in spans:
            if bottom > previous + 1e-6:
                free[index].append((previous, bottom))
            previous = max(previous, top)
        if high > previous + 1e-6:
            free[index].append((previous, high))
        if not free[index]:  # a column filled to the brim: pass above it
            free[index].append((high, high + 2 * spacing))
    lows = [[span[0] for span in spans] for spans in free]

    hops: dict[tuple[str, str], list[tuple[int, int, float]]] = {}
    channels: dict[tuple[int, int], list[tuple[float, tuple[str, str], int]]] = {}
    for edge in edges:
        start, end = places[edge[0]], places[edge[1]]
        if start.column >= end.column:
            raise ValueError(f"The edge {edge} does not run to a later column.")
        y = start.port
        route: list[tuple[int, int, float]] = []
        for column in range(start.column + 1, end.column):
            wanted = y + (end.port - y) / (end.column - column + 1)
            index = _nearest(free[column], lows[column], wanted)
            bottom, top = free[column][index]
            margin = min(spacing, (top - bottom) / 2)
            y = min(max(wanted, bottom + margin), top - margin)
            channels.setdefault((column, index), []).append((y, edge, len(route)))
            route.append((column, index, y))
        hops[edge] = route
    for (column, index), users in channels.items():
        bottom, top = free[column][index]
        users.sort(key=lambda user: user[0])
        for (_, edge, hop), y in zip(
            users, _spread([user[0] for user in users], bottom, top, spacing), strict=True
        ):
            hops[edge][hop] = (column, index, y)

    paths: dict[tuple[str, str], tuple[Point, ...]] = {}
    for edge, route in hops.items():
        start, end = places[edge[0]], places[edge[1]]
        points: list[Point] = [(columns[start.column][1], start.port)]
        for column, _, y in route:
            points += [(columns[column][0], y), (columns[column][1], y)]
        points.append((columns[end.column][0], end.port))
        paths[edge] = tuple(points)
    return paths


def _nearest(spans: list[tuple[float, float]], lows: list[float], y: float) -> int:
    """The span (sorted, disjoint) nearest ``y``."""
    index = bisect.bisect_right(lows, y) - 1
    best, best_distance = 0, float("inf")
    for candidate in (index, index + 1):
        if 0 <= candidate < len(spans):
            bottom, top = spans[candidate]
            distance = 0.0 if bottom <= y <= top else min(abs(y - bottom), abs(y - top))
            if distance < best_distance:
                best, best_distance = candidate, distance
    return best


def _spread(wanted: list[float], bottom: float, top: float, spacing: float) -> list[float]:
    """Heights for arrows that want ``wanted`` (ascending) within (bottom, top), apart."""
    count = len(wanted)
    room = top - bottom
    if room < _NARROW or (count + 1) * spacing > room:
        # Between two boxes, or too many for the spacing: share the channel evenly, clear
        # of the boxes on either side.
        return [bottom + room * (index + 1) / (count + 1) for index in range(count)]
    placed = [min(max(y, bottom + spacing), top - spacing) for y in wanted]
    for index in range(1, count):
        placed[index] = max(placed[index], placed[index - 1] + spacing)
    if placed[-1] > top - spacing:
        placed[-1] = top - spacing
        for index in range(count - 2, -1, -1):
            placed[index] = min(placed[index], placed[index + 1] - spacing)
    return placed


def path_segments(points: Sequence[Point]) -> list[tuple[Point, Point, Point, Point]]:
    """The cubic Bézier segments a routed path is drawn with.

    Between columns a curve leaves and arrives horizontally; its control points lie between
    its ends, so it stays within the box its ends span, in the gap between the columns.
    Across a column the path is a straight line (a cubic with control points on it).
    """
    segments = []
    for index in range(len(points) - 1):
        (x0, y0), (x1, y1) = points[index], points[index + 1]
        if index % 2 == 0:
            bend = (x1 - x0) / 2
            segments.append(((x0, y0), (x0 + bend, y0), (x1 - bend, y1), (x1, y1)))
        else:
            segments.append(((x0, y0), (x0, y0), (x1, y1), (x1, y1)))
    return segments


# --- Planning: which boxes go in which band, which bands on which page ---------------------


@dataclass(frozen=True)
class _Column:
    layer: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class _Band:
    columns: tuple[_Column, ...]


@dataclass(frozen=True)
class _Plan:
    font: float
    column_width: float
    box_heights: dict[int, float]  # per layer
    bands: tuple[tuple[_Band, ...], ...]  # per page
    split: bool
    gap_y: float = _GAP_Y
    link_cap: int = 0  # the most link lines under a box
    gap_x: float = _GAP_X

    @property
    def pages(self) -> tuple[tuple[_Column, ...], ...]:
        """The columns of each page, band after band."""
        return tuple(
            tuple(column for band in page for column in band.columns) for page in self.bands
        )


class _Graph:
    """The graph's facts the layout needs, computed once."""

    def __init__(self, graph: GraphInfo) -> None:
        self.info = graph
        self.layers = [
            (index, tuple(key for key in layer if key in graph.nodes))
            for index, layer in enumerate(graph.layers)
        ]
        self.layers = [(index, layer) for index, layer in self.layers if layer]
        self.order = [key for _, layer in self.layers for key in layer]
        self.layer_of = {key: index for index, layer in self.layers for key in layer}
        self.preds: dict[str, list[str]] = {key: [] for key in self.order}
        self.succs: dict[str, list[str]] = {key: [] for key in self.order}
        layer_of = self.layer_of
        self.edges = [
            (a, b)
            for a, b in graph.edges
            if a in layer_of and b in layer_of and layer_of[a] < layer_of[b]
        ]
        for a, b in self.edges:
            self.preds[b].append(a)
            self.succs[a].append(b)
        self.names = {
            key: scripts.clean(node.name, one_line=True) for key, node in graph.nodes.items()
        }
        path = [key for key in graph.critical_path if key in layer_of]
        self.critical = frozenset(path)
        self.critical_edges = frozenset(pairwise(path))
        self.critical_days = sum(graph.nodes[key].effort for key in path)
        self.any_mandatory = any(graph.nodes[key].mandatory for key in self.order)

    def box_heights(self, font: float, width: float) -> dict[int, float]:
        """The box height of each layer: the most lines a name of the layer needs."""
        return {
            index: _box_height(
                font,
                max(
                    len(wrap_name(self.names[key], BOLD, font, width - 2 * _INSET)) for key in layer
                ),
            )
            for index, layer in self.layers
        }


def _box_height(font: float, lines: int) -> float:
    return 2 * _PAD + (lines + 1) * font * 1.2


def _link_font(font: float) -> float:
    return max(5.5, font - 0.7)


def _link_leading(font: float) -> float:
    return _link_font(font) * 1.25


def plan_pages(
    graph: GraphInfo, width: float, height: float, next_height: float | None = None
) -> _Plan:
    """The font, the box sizes, and which boxes go in which band of which page.

    ``height`` is the room for the graph on its first page, ``next_height`` on each page
    after (``height`` by default).
    """
    facts = _Graph(graph)
    return _plan(facts, width, height, height if next_height is None else next_height)


def _plan(facts: _Graph, width: float, first: float, later: float) -> _Plan:
    return _one_page(facts, width, first) or _split(facts, width, first, later)


def _one_page(facts: _Graph, width: float, height: float) -> _Plan | None:
    """The whole graph in one band, each layer in as few columns as it needs, if readable."""
    room = height - _HEADING - 2 * _MARGIN
    if not facts.layers:
        return None
    for font, gap_x in [(size, _GAP_X) for size in (MAX_FONT, 7.0, 6.5, MIN_FONT)] + [
        (MIN_FONT, _NARROW_GAP_X)
    ]:
        counts = [1] * len(facts.layers)
        for _ in range(8):
            total = sum(counts)
            column_width = (width - (total - 1) * gap_x) / total
            if column_width < _MIN_WIDTH:
                break
            heights = facts.box_heights(font, column_width)
            needed = []
            for index, layer in facts.layers:
                rows = int((room + _GAP_Y) // (heights[index] + _GAP_Y))
                needed.append(-(-len(layer) // rows) if rows else 10**6)
            if needed == counts:
                columns = []
                for (index, layer), count in zip(facts.layers, counts, strict=True):
                    size = -(-len(layer) // count)
                    columns += [
                        _Column(index, layer[start : start + size])
                        for start in range(0, len(layer), size)
                    ]
                gap = _MAX_GAP_Y
                for column in columns:
                    rows = len(column.keys)
                    if rows > 1:
                        spare = room - rows * heights[column.layer]
                        gap = min(gap, spare / (rows - 1))
                band = _Band(tuple(columns))
                gap_y = max(_GAP_Y, gap)
                return _Plan(font, column_width, heights, ((band,),), False, gap_y, 0, gap_x)
            counts = [max(a, b) for a, b in zip(counts, needed, strict=True)]
    return None


def _split(facts: _Graph, width: float, first: float, later: float) -> _Plan:
    """Bands of consecutive layers, packed onto pages; every link to another band is written
    under its box, so a cell's height depends on which boxes share its band."""
    font = SPLIT_FONT
    per_band = max(1, int((width + _GAP_X) // (_SPLIT_WIDTH + _GAP_X)))
    column_width = (width - (per_band - 1) * _GAP_X) / per_band
    heights = facts.box_heights(font, column_width)
    caption = _caption_height(facts, width)
    leading = _link_leading(font)
    cap = max(2, int(((min(first, later) - caption) / 2 - max(heights.values())) // leading))
    layer_of, order, preds, succs = facts.layer_of, facts.order, facts.preds, facts.succs
    count = len(order)
    run_end = [count] * count  # where each position's layer ends in the order
    for position in range(count - 2, -1, -1):
        same = layer_of[order[position + 1]] == layer_of[order[position]]
        run_end[position] = run_end[position + 1] if same else position + 1
    run_start = [0] * count  # and where it starts
    for position in range(1, count):
        same = layer_of[order[position - 1]] == layer_of[order[position]]
        run_start[position] = run_start[position - 1] if same else position

    def cell(key: str, inside: Callable[[str], bool]) -> float:
        links = sum(not inside(other) for other in preds[key])
        links += sum(not inside(other) for other in succs[key])
        links = min(links, cap)
        return heights[layer_of[key]] + (_LINK_GAP + links * leading if links else 0.0)

    def column_height(keys: Iterable[str], inside: Callable[[str], bool]) -> float:
        sizes = [cell(key, inside) for key in keys]
        return sum(sizes) + (len(sizes) - 1) * _GAP_Y

    def fill(
        start: int, stop: int, room: float, assumed: set[str]
    ) -> tuple[list[_Column], set[str]]:
        columns: list[_Column] = []
        members: set[str] = set()

        def inside(key: str) -> bool:
            return key in members or key in assumed

        position = start
        while len(columns) < per_band and position < stop:
            keys = order[position : run_end[position]]
            sizes = [cell(key, inside) for key in keys]
            parts = _balanced(sizes, room, per_band - len(columns))
            whole = parts is not None
            if parts is None:  # the layer goes on in the next band
                parts = _greedy(sizes, room, per_band - len(columns))
            taken = 0
            for part in parts:
                columns.append(_Column(layer_of[keys[0]], tuple(keys[taken : taken + part])))
                taken += part
            members.update(keys[:taken])
            position += taken
            if not whole:
                break
        return columns, members

    def band(start: int, room: float, stop: int = count) -> list[_Column]:
        """The columns of a band from ``start`` (before ``stop``) that fit ``room``."""
        # Guess that the band holds the next layers, a column each; check the guess against
        # the band's real members and retry; at worst count every onward link as leaving.
        ahead: set[int] = set()
        assumed: set[str] = set()
        for key in order[start:stop]:
            ahead.add(layer_of[key])
            if len(ahead) > per_band:
                break
            assumed.add(key)
        for _ in range(4):
            columns, members = fill(start, stop, room, assumed)
            if all(column_height(c.keys, members.__contains__) <= room + 1e-6 for c in columns):
                return columns
            assumed = members
        return fill(start, stop, room, set())[0]

    fresh = later - caption - _HEADING - 2 * _MARGIN  # a band's room on an empty page

    def whole_later(start: int) -> bool:
        """Whether the layer from ``start`` on fits one band of an empty page."""
        keys = order[start : run_end[start]]
        return _balanced([cell(key, lambda _: False) for key in keys], fresh, per_band) is not None

    pages: list[tuple[_Band, ...]] = []
    page: list[_Band] = []
    used = caption
    position = 0
    while position < count:
        page_room = later if pages else first
        room = page_room - used - (_BAND_GAP if page else 0.0) - _HEADING - 2 * _MARGIN
        columns = band(position, room) if room > 0 else []
        placed = sum(len(column.keys) for column in columns)
        end = position + placed
        # A band squeezed under others starts a page of its own instead, unless it ends
        # the graph.
        squeezed = room < _MIN_BAND_SHARE * page_room and end < count
        # A layer is cut at the foot of a page only when it could not be whole on the next
        # or the page would be left half empty.
        layer_start = max(position, run_start[end]) if end < count else end
        if placed and layer_start < end and whole_later(layer_start):
            if layer_start > position:  # the band stops before that layer
                columns = band(position, room, layer_start)
                placed = sum(len(column.keys) for column in columns)
            elif page and used >= _HALF_FULL * later:
                squeezed = True
        if page and (not columns or squeezed):
            pages.append(tuple(page))
            page, used = [], caption
            continue
        if not columns:  # cannot be: the link lines under a box are capped
            columns = [_Column(layer_of[order[position]], (order[position],))]
            placed = 1
        members = {key for column in columns for key in column.keys}
        tallest = max(column_height(column.keys, members.__contains__) for column in columns)
        used += (_BAND_GAP if page else 0.0) + _HEADING + 2 * _MARGIN + tallest
        page.append(_Band(tuple(columns)))
        position += placed
    if page:
        pages.append(tuple(page))
    return _Plan(font, column_width, heights, tuple(pages), True, _GAP_Y, cap)


def _balanced(sizes: list[float], room: float, columns: int) -> list[int] | None:
    """Cells per column when all the cells fit ``columns`` columns of ``room`` points, the
    tallest column as short as can be; None when they do not fit."""
    if not sizes or max(sizes) > room + 1e-6:
        return None
    needed = len(_greedy(sizes, room, len(sizes)))
    if needed > columns:
        return None
    low, high = max(sizes), room
    for _ in range(20):
        middle = (low + high) / 2
        if len(_greedy(sizes, middle, len(sizes))) <= needed:
            high = middle
        else:
            low = middle
    return _greedy(sizes, high, needed)


def _greedy(sizes: list[float], room: float, columns: int) -> list[int]:
    """Cells per column, each column filled up to ``room``, in at most ``columns`` columns."""
    parts: list[int] = []
    filled, cells = 0.0, 0
    for size in sizes:
        if cells and filled + _GAP_Y + size > room + 1e-6:
            parts.append(cells)
            if len(parts) == columns:
                return parts
            filled, cells = 0.0, 0
        if not cells:
            if size > room + 1e-6:
                break
            filled = size
        else:
            filled += _GAP_Y + size
        cells += 1
    if cells and len(parts) < columns:
        parts.append(cells)
    return parts


def _caption_lines(facts: _Graph, width: float) -> list[str]:
    """The note under the caption of a split graph's page, if it has arrows to explain."""
    return simpleSplit(LINKS_NOTE, REGULAR, _CAPTION_SIZE - 0.5, width) if facts.edges else []


def _caption_height(facts: _Graph, width: float) -> float:
    return (1 + len(_caption_lines(facts, width))) * _CAPTION_SIZE * 1.3 + 5


# --- The art of one page ---------------------------------------------------------------


@dataclass
class _Link:
    words: str  # "to Answer drafting"
    parts: tuple[int, ...]  # the parts (pages of the graph) of the other ends, if elsewhere
    where: str  # "above" or "below" when on this page
    bold: bool


@dataclass
class _BoxArt:
    key: str
    left: float
    bottom: float  # of the box
    width: float
    height: float
    lines: list[str]
    links: list[_Link] = field(default_factory=list)
    cell_bottom: float = 0.0  # below the lines of links: the cell no arrow may cross


@dataclass
class _BandArt:
    top: float
    headings: list[tuple[float, str]]
    boxes: list[_BoxArt]
    paths: list[tuple[tuple[str, str], tuple[Point, ...]]]


@dataclass
class _PageArt:
    width: float
    height: float
    caption: list[tuple[str, str]]  # (text, font) lines
    bands: list[_BandArt]


def _page_art(facts: _Graph, plan: _Plan, number: int, width: float) -> _PageArt:
    font, column_width = plan.font, plan.column_width
    link_font, leading = _link_font(font), _link_leading(font)
    band_of: dict[str, tuple[int, int]] = {}  # key -> (page, band)
    for page_number, page_bands in enumerate(plan.bands):
        for band_number, band in enumerate(page_bands):
            for column in band.columns:
                for key in column.keys:
                    band_of[key] = (page_number, band_number)
    page = plan.bands[number]
    caption: list[tuple[str, str]] = []
    if plan.split:
        shown = sorted({column.layer for band in page for column in band.columns})
        first, last = shown[0] + 1, shown[-1] + 1
        span = f"Layer {first}" if first == last else f"Layers {first}–{last}"
        layers = len(facts.info.layers)
        caption.append((f"{span} of {layers} · part {number + 1} of {len(plan.bands)}", BOLD))
        caption += [(line, REGULAR) for line in _caption_lines(facts, width)]
    bands: list[_BandArt] = []
    y = -(_caption_height(facts, width) if plan.split else 0.0)  # from the top, downwards
    for band_number, band in enumerate(page):
        if band_number:
            y -= _BAND_GAP
        here = (number, band_number)
        # Cells first: their heights set the band's.
        stacks: list[list[tuple[_BoxArt, float]]] = []
        for column in band.columns:
            stack = []
            box_height = plan.box_heights[column.layer]
            for key in column.keys:
                lines = wrap_name(facts.names[key], BOLD, font, column_width - 2 * _INSET)
                art = _BoxArt(key, 0.0, 0.0, column_width, box_height, lines)
                if plan.split:
                    art.links = _links(
                        facts,
                        key,
                        here,
                        band_of,
                        plan.link_cap,
                        link_font,
                        column_width - _LINK_INDENT,
                    )
                cell = box_height + (_LINK_GAP + len(art.links) * leading if art.links else 0)
                stack.append((art, cell))
            stacks.append(stack)
        sizes = [sum(cell for _, cell in stack) + (len(stack) - 1) * plan.gap_y for stack in stacks]
        content = max(sizes)
        top = y
        high = top - _HEADING
        low = high - 2 * _MARGIN - content
        headings = []
        boxes: list[_BoxArt] = []
        places: dict[str, Place] = {}
        extents = []
        for index, (column, stack, size) in enumerate(
            zip(band.columns, stacks, sizes, strict=True)
        ):
            left = index * (column_width + plan.gap_x)
            extents.append((left, left + column_width))
            follows = (index > 0 and band.columns[index - 1].layer == column.layer) or (
                index == 0 and _continues(plan, number, band_number, column.layer)
            )
            heading = f"Layer {column.layer + 1}" + (" (continued)" if follows else "")
            headings.append((left, heading))
            # Centred as in the window; under the lines of links a band reads top down.
            cursor = high - _MARGIN - (0.0 if plan.split else (content - size) / 2)
            for art, cell in stack:
                art.left = left
                art.bottom = cursor - art.height
                art.cell_bottom = cursor - cell
                port = cursor - art.height / 2
                places[art.key] = Place(
                    index, left, left + column_width, cursor - cell, cursor, port
                )
                boxes.append(art)
                cursor -= cell + plan.gap_y
        edges = [(a, b) for a, b in facts.edges if a in places and b in places]
        paths = route_edges(extents, places, edges, low, high)
        bands.append(_BandArt(top, headings, boxes, list(paths.items())))
        y = low
    height = -y
    # Move everything up so that the drawing's bottom is at 0.
    for band_art in bands:
        band_art.top += height
        for box in band_art.boxes:
            box.bottom += height
            box.cell_bottom += height
        band_art.paths = [
            (edge, tuple((x, py + height) for x, py in points)) for edge, points in band_art.paths
        ]
    return _PageArt(width, height, caption, bands)


def _continues(plan: _Plan, number: int, band_number: int, layer: int) -> bool:
    """Whether a band's first column goes on with a layer begun in the band before."""
    if band_number:
        before = plan.bands[number][band_number - 1]
    elif number:
        before = plan.bands[number - 1][-1]
    else:
        return False
    return before.columns[-1].layer == layer


def _links(
    facts: _Graph,
    key: str,
    here: tuple[int, int],
    band_of: Mapping[str, tuple[int, int]],
    cap: int,
    size: float,
    room: float,
) -> list[_Link]:
    """The lines under a box: its links to boxes of other bands, prerequisites first."""
    found: list[tuple[bool, tuple[int, int], str, str, bool]] = []
    for other in facts.preds[key]:
        if band_of[other] != here:
            bold = (other, key) in facts.critical_edges
            found.append((False, band_of[other], facts.names[other], "from", bold))
    for other in facts.succs[key]:
        if band_of[other] != here:
            bold = (key, other) in facts.critical_edges
            found.append((True, band_of[other], facts.names[other], "to", bold))
    found.sort()
    shown = found if len(found) <= cap else found[: cap - 1]
    links: list[_Link] = []
    for _, (page, _band), name, direction, bold in shown:
        font = BOLD if bold else REGULAR
        same = page == here[0]
        where = "below" if direction == "to" else "above"
        tail = f", {where}" if same else ", p. 888"  # the room a page number may take
        name = scripts.fit(name, font, size, room - _width(f"{direction} {tail}", font, size))
        links.append(_Link(f"{direction} {name}", () if same else (page,), where, bold))
    if len(found) > len(shown):
        rest = found[len(shown) :]
        parts = tuple(sorted({page for _, (page, _), *_ in rest if page != here[0]}))
        links.append(_Link(f"and {len(rest)} more links", parts, "this page", False))
    return links


# --- Drawing ---------------------------------------------------------------------------


class _Pager:
    """The page each part of the graph was drawn on, as the parts are drawn."""

    def __init__(self) -> None:
        self.pages: dict[int, int] = {}

    def page(self, part: int, me: int, my_page: int) -> int:
        # Each part is one page: a later part is as many pages on as it is parts on. An
        # earlier one was drawn already (in this build: a second build may move pages).
        if part < me and part in self.pages:
            return self.pages[part]
        return my_page + part - me


def _page_words(parts: Sequence[int], where: str, pager: _Pager, me: int, my_page: int) -> str:
    if not parts:
        return where
    pages = sorted({pager.page(part, me, my_page) for part in parts})
    if len(pages) == 1:
        return f"p. {pages[0]}"
    return f"pp. {pages[0]}–{pages[-1]}"


class GraphPage(Flowable):
    """One page of the dependency graph, drawn straight on the canvas."""

    def __init__(self, facts: _Graph, plan: _Plan, art: _PageArt, part: int, pager: _Pager) -> None:
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
    facts: _Graph,
    plan: _Plan,
    art: _PageArt,
    part: int,
    my_page: int,
    pager: _Pager,
) -> None:
    text = _Text()
    font = plan.font
    y = art.height
    for line, face in art.caption:
        y -= _CAPTION_SIZE * 1.3
        size = _CAPTION_SIZE if face == BOLD else _CAPTION_SIZE - 0.5
        text.add(0, y + 2, line, face, size, TEXT if face == BOLD else MUTED)
    canv.saveState()

    def where(link: _Link) -> str:
        return _page_words(link.parts, link.where, pager, part, my_page)

    for number, band in enumerate(art.bands):
        if number:
            rule = band.top + _BAND_GAP / 2
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
    "other": (EDGE, 0.5, OUT_STROKE),
    "scope": (ACCENT, 0.8, ACCENT),
    "critical": (CRITICAL, CRITICAL_WIDTH, CRITICAL),
}


def _edge_kind(facts: _Graph, edge: tuple[str, str]) -> str:
    if edge in facts.critical_edges:
        return "critical"
    nodes = facts.info.nodes
    if nodes[edge[0]].state != "out" and nodes[edge[1]].state != "out":
        return "scope"
    return "other"


def _draw_edges(
    canv: Canvas, facts: _Graph, paths: Sequence[tuple[tuple[str, str], tuple[Point, ...]]]
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
    facts: _Graph,
    boxes: Sequence[_BoxArt],
    font: float,
    text: _Text,
    where: Callable[[_Link], str],
) -> None:
    """The boxes, their names, efforts and tags, and the lines of links under them."""
    nodes = facts.info.nodes
    link_font, link_leading = _link_font(font), _link_leading(font)
    brackets = canv.beginPath()
    groups: dict[tuple[str, bool], list[_BoxArt]] = {}
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
        y = box.bottom + box.height - _PAD - font
        for line in box.lines:
            text.add(box.left + _INSET, y, line, style.font, font, style.text)
            y -= leading
        text.add(
            box.left + _INSET,
            box.bottom + _PAD + 0.5,
            f"{_days(node.effort)} d",
            REGULAR,
            font,
            MUTED,
        )
        if node.mandatory:
            _tag(canv, text, box.left + box.width - 6.5, box.bottom + _PAD - 0.5, size)
        if box.links:
            # A hairline from the box down its lines of links ties them to it.
            y = box.bottom - _LINK_GAP - link_font
            brackets.moveTo(box.left + _LINK_INDENT / 2, box.bottom)
            for link in box.links:
                face = BOLD if link.bold else REGULAR
                line = f"{link.words}, {where(link)}"
                text.add(box.left + _LINK_INDENT, y + 0.8, line, face, link_font, LINK_TEXT)
                y -= link_leading
            brackets.lineTo(box.left + _LINK_INDENT / 2, y + link_leading - 0.5)
    canv.setStrokeColor(OUT_STROKE)
    canv.setLineWidth(0.6)
    canv.drawPath(brackets, stroke=1, fill=0)


def _tag(canv: Canvas, text: _Text, right: float, bottom: float, size: float) -> float:
    """The "mandatory" tag, ending at ``right``; returns its width."""
    width = stringWidth(MANDATORY_TAG, BOLD, size) + 4
    canv.setFillColor(TAG_FILL)
    canv.roundRect(right - width, bottom, width, size * 1.45, size * 0.5, stroke=0, fill=1)
    text.add(right - width + 2, bottom + size * 0.38, MANDATORY_TAG, BOLD, size, colors.white)
    return width


# --- The legend and the section --------------------------------------------------------


class Legend(Flowable):
    """What the fills, borders, arrows and tags mean, in rows as wide as the frame."""

    _SIZE = 7.5
    _ROW = 16.0

    def __init__(self, width: float, facts: _Graph, *, with_scope: bool) -> None:
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
        text = _Text()
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


INTRO = (
    "Each box is a capability with its expected effort in person-days; an arrow runs from a "
    "prerequisite to the capability that needs it. Layers run left to right, as in the app's "
    "window."
)


def graph_story(report: PlanReport, styles: Styles, box: Box) -> list[Flowable]:
    graph = report.details.graph if report.details else None
    story = section_title(TITLE, styles, INTRO)
    if graph is None or not graph.nodes:
        story.append(markup("The project has no capabilities yet.", styles.body))
        return story
    facts = _Graph(graph)
    story.append(Legend(box.width, facts, with_scope=report.recommended.found))
    story.append(Spacer(1, 8))
    # The room left on the first page: the section starts a page.
    used = 2.0
    for number, flowable in enumerate(story):
        _, height = flowable.wrap(box.width, box.height)
        used += height + flowable.getSpaceAfter() + (flowable.getSpaceBefore() if number else 0)
    plan = _plan(facts, box.width, box.height - used, box.height)
    pager = _Pager()
    for number in range(len(plan.bands)):
        if number:
            story.append(PageBreak())
        art = _page_art(facts, plan, number, box.width)
        story.append(GraphPage(facts, plan, art, number, pager))
    return story

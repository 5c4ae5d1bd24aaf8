"""The dependency graph's layout: the font and box sizes, the names wrapped in their boxes,
and which boxes go in which band of which page.

A graph that fits one page at a readable size is laid out whole; a bigger one is cut into
bands of consecutive layers (a tall layer over several columns), packed onto pages top to
bottom so that no page is left mostly blank.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import pairwise

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

from scoping_app.report import scripts
from scoping_app.report.fonts import BOLD, REGULAR
from scoping_app.report.model import GraphInfo

MAX_FONT = 7.5
MIN_FONT = 6.0  # names stay readable: below this the graph is split into bands instead
SPLIT_FONT = 6.5  # the size of a graph split into bands
GAP_X = 20.0  # between columns: the arrows' channels
_NARROW_GAP_X = 14.0  # between the columns of a one-page graph that needs the room
GAP_Y = 7.0  # between the cells of a column: room for arrows passing through
_MAX_GAP_Y = 26.0  # a small graph breathes, up to this
PAD = 3.5
INSET = 7.0  # text from the box's sides
_MAX_NAME_LINES = 3
_MIN_WIDTH = 66.0  # the narrowest column of a one-page graph
_SPLIT_WIDTH = 100.0  # the column width aimed at when the graph is split into bands
HEADING = 11.0  # above each column: its layer
MARGIN = 6.0  # above and below the cells of a band: channels for arrows
BAND_GAP = 14.0  # between two bands of a page
_MIN_BAND_SHARE = 0.2  # a band starts a new page rather than use less of one than this
_HALF_FULL = 0.56  # a page filled this far may leave a layer whole for the next page
LINK_GAP = 2.0  # from a box to its first link line
LINK_INDENT = 4.5  # of a link line from the box's left side
CAPTION_SIZE = 7.5

LINKS_NOTE = (
    "Under a box, “from …” names a prerequisite drawn elsewhere and “to …” a capability "
    "that needs it, with its page; bold when on the critical path."
)


def name_width(text: str, font: str, size: float) -> float:
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
        if name_width(candidate, font, size) <= width:
            current = candidate
            continue
        if current:
            lines.append(current)
        while name_width(word, font, size) > width and len(word) > 1:
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
        if name_width(word[:middle], font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return low


# --- Planning: which boxes go in which band, which bands on which page ---------------------


@dataclass(frozen=True)
class Column:
    layer: int
    keys: tuple[str, ...]


@dataclass(frozen=True)
class Band:
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class GraphPlan:
    font: float
    column_width: float
    box_heights: dict[int, float]  # per layer
    bands: tuple[tuple[Band, ...], ...]  # per page
    split: bool
    gap_y: float = GAP_Y
    link_cap: int = 0  # the most link lines under a box
    gap_x: float = GAP_X

    @property
    def pages(self) -> tuple[tuple[Column, ...], ...]:
        """The columns of each page, band after band."""
        return tuple(
            tuple(column for band in page for column in band.columns) for page in self.bands
        )


class GraphFacts:
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
                    len(wrap_name(self.names[key], BOLD, font, width - 2 * INSET)) for key in layer
                ),
            )
            for index, layer in self.layers
        }


def _box_height(font: float, lines: int) -> float:
    return 2 * PAD + (lines + 1) * font * 1.2


def link_font_size(font: float) -> float:
    return max(5.5, font - 0.7)


def link_line_height(font: float) -> float:
    return link_font_size(font) * 1.25


def plan_pages(
    graph: GraphInfo, width: float, height: float, next_height: float | None = None
) -> GraphPlan:
    """The font, the box sizes, and which boxes go in which band of which page.

    ``height`` is the room for the graph on its first page, ``next_height`` on each page
    after (``height`` by default).
    """
    facts = GraphFacts(graph)
    return plan_graph(facts, width, height, height if next_height is None else next_height)


def plan_graph(facts: GraphFacts, width: float, first: float, later: float) -> GraphPlan:
    return _one_page(facts, width, first) or _split(facts, width, first, later)


def _one_page(facts: GraphFacts, width: float, height: float) -> GraphPlan | None:
    """The whole graph in one band, each layer in as few columns as it needs, if readable."""
    room = height - HEADING - 2 * MARGIN
    if not facts.layers:
        return None
    for font, gap_x in [(size, GAP_X) for size in (MAX_FONT, 7.0, 6.5, MIN_FONT)] + [
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
                rows = int((room + GAP_Y) // (heights[index] + GAP_Y))
                needed.append(-(-len(layer) // rows) if rows else 10**6)
            if needed == counts:
                columns = []
                for (index, layer), count in zip(facts.layers, counts, strict=True):
                    size = -(-len(layer) // count)
                    columns += [
                        Column(index, layer[start : start + size])
                        for start in range(0, len(layer), size)
                    ]
                gap = _MAX_GAP_Y
                for column in columns:
                    rows = len(column.keys)
                    if rows > 1:
                        spare = room - rows * heights[column.layer]
                        gap = min(gap, spare / (rows - 1))
                band = Band(tuple(columns))
                gap_y = max(GAP_Y, gap)
                return GraphPlan(font, column_width, heights, ((band,),), False, gap_y, 0, gap_x)
            counts = [max(a, b) for a, b in zip(counts, needed, strict=True)]
    return None


def _split(facts: GraphFacts, width: float, first: float, later: float) -> GraphPlan:
    """Bands of consecutive layers, packed onto pages; every link to another band is written
    under its box, so a cell's height depends on which boxes share its band."""
    font = SPLIT_FONT
    per_band = max(1, int((width + GAP_X) // (_SPLIT_WIDTH + GAP_X)))
    column_width = (width - (per_band - 1) * GAP_X) / per_band
    heights = facts.box_heights(font, column_width)
    caption = caption_height(facts, width)
    leading = link_line_height(font)
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
        return heights[layer_of[key]] + (LINK_GAP + links * leading if links else 0.0)

    def column_height(keys: Iterable[str], inside: Callable[[str], bool]) -> float:
        sizes = [cell(key, inside) for key in keys]
        return sum(sizes) + (len(sizes) - 1) * GAP_Y

    def fill(
        start: int, stop: int, room: float, assumed: set[str]
    ) -> tuple[list[Column], set[str]]:
        columns: list[Column] = []
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
                columns.append(Column(layer_of[keys[0]], tuple(keys[taken : taken + part])))
                taken += part
            members.update(keys[:taken])
            position += taken
            if not whole:
                break
        return columns, members

    def band(start: int, room: float, stop: int = count) -> list[Column]:
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

    fresh = later - caption - HEADING - 2 * MARGIN  # a band's room on an empty page

    def whole_later(start: int) -> bool:
        """Whether the layer from ``start`` on fits one band of an empty page."""
        keys = order[start : run_end[start]]
        return _balanced([cell(key, lambda _: False) for key in keys], fresh, per_band) is not None

    pages: list[tuple[Band, ...]] = []
    page: list[Band] = []
    used = caption
    position = 0
    while position < count:
        page_room = later if pages else first
        room = page_room - used - (BAND_GAP if page else 0.0) - HEADING - 2 * MARGIN
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
            columns = [Column(layer_of[order[position]], (order[position],))]
            placed = 1
        members = {key for column in columns for key in column.keys}
        tallest = max(column_height(column.keys, members.__contains__) for column in columns)
        used += (BAND_GAP if page else 0.0) + HEADING + 2 * MARGIN + tallest
        page.append(Band(tuple(columns)))
        position += placed
    if page:
        pages.append(tuple(page))
    return GraphPlan(font, column_width, heights, tuple(pages), True, GAP_Y, cap)


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
        if cells and filled + GAP_Y + size > room + 1e-6:
            parts.append(cells)
            if len(parts) == columns:
                return parts
            filled, cells = 0.0, 0
        if not cells:
            if size > room + 1e-6:
                break
            filled = size
        else:
            filled += GAP_Y + size
        cells += 1
    if cells and len(parts) < columns:
        parts.append(cells)
    return parts


def caption_lines(facts: GraphFacts, width: float) -> list[str]:
    """The note under the caption of a split graph's page, if it has arrows to explain."""
    return simpleSplit(LINKS_NOTE, REGULAR, CAPTION_SIZE - 0.5, width) if facts.edges else []


def caption_height(facts: GraphFacts, width: float) -> float:
    return (1 + len(caption_lines(facts, width))) * CAPTION_SIZE * 1.3 + 5

"""The art of one page of the dependency graph: where each box, heading, link line and arrow
of its bands goes, computed before anything is drawn."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from scoping_app.report import scripts
from scoping_app.report.fonts import BOLD, REGULAR
from scoping_app.report.graph_layout import (
    BAND_GAP,
    HEADING,
    INSET,
    LINK_GAP,
    LINK_INDENT,
    MARGIN,
    GraphFacts,
    GraphPlan,
    caption_height,
    caption_lines,
    link_font_size,
    link_line_height,
    name_width,
    wrap_name,
)
from scoping_app.report.graph_routing import Place, Point, route_edges


@dataclass
class Link:
    words: str  # "to Answer drafting"
    parts: tuple[int, ...]  # the parts (pages of the graph) of the other ends, if elsewhere
    where: str  # "above" or "below" when on this page
    bold: bool


@dataclass
class BoxArt:
    key: str
    left: float
    bottom: float  # of the box
    width: float
    height: float
    lines: list[str]
    links: list[Link] = field(default_factory=list)
    cell_bottom: float = 0.0  # below the lines of links: the cell no arrow may cross


@dataclass
class BandArt:
    top: float
    headings: list[tuple[float, str]]
    boxes: list[BoxArt]
    paths: list[tuple[tuple[str, str], tuple[Point, ...]]]


@dataclass
class PageArt:
    width: float
    height: float
    caption: list[tuple[str, str]]  # (text, font) lines
    bands: list[BandArt]


def page_art(facts: GraphFacts, plan: GraphPlan, number: int, width: float) -> PageArt:
    font, column_width = plan.font, plan.column_width
    link_font, leading = link_font_size(font), link_line_height(font)
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
        caption += [(line, REGULAR) for line in caption_lines(facts, width)]
    bands: list[BandArt] = []
    y = -(caption_height(facts, width) if plan.split else 0.0)  # from the top, downwards
    for band_number, band in enumerate(page):
        if band_number:
            y -= BAND_GAP
        here = (number, band_number)
        # Cells first: their heights set the band's.
        stacks: list[list[tuple[BoxArt, float]]] = []
        for column in band.columns:
            stack = []
            box_height = plan.box_heights[column.layer]
            for key in column.keys:
                lines = wrap_name(facts.names[key], BOLD, font, column_width - 2 * INSET)
                art = BoxArt(key, 0.0, 0.0, column_width, box_height, lines)
                if plan.split:
                    art.links = _links(
                        facts,
                        key,
                        here,
                        band_of,
                        plan.link_cap,
                        link_font,
                        column_width - LINK_INDENT,
                    )
                cell = box_height + (LINK_GAP + len(art.links) * leading if art.links else 0)
                stack.append((art, cell))
            stacks.append(stack)
        sizes = [sum(cell for _, cell in stack) + (len(stack) - 1) * plan.gap_y for stack in stacks]
        content = max(sizes)
        top = y
        high = top - HEADING
        low = high - 2 * MARGIN - content
        headings = []
        boxes: list[BoxArt] = []
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
            cursor = high - MARGIN - (0.0 if plan.split else (content - size) / 2)
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
        bands.append(BandArt(top, headings, boxes, list(paths.items())))
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
    return PageArt(width, height, caption, bands)


def _continues(plan: GraphPlan, number: int, band_number: int, layer: int) -> bool:
    """Whether a band's first column goes on with a layer begun in the band before."""
    if band_number:
        before = plan.bands[number][band_number - 1]
    elif number:
        before = plan.bands[number - 1][-1]
    else:
        return False
    return before.columns[-1].layer == layer


def _links(
    facts: GraphFacts,
    key: str,
    here: tuple[int, int],
    band_of: Mapping[str, tuple[int, int]],
    cap: int,
    size: float,
    room: float,
) -> list[Link]:
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
    links: list[Link] = []
    for _, (page, _band), name, direction, bold in shown:
        font = BOLD if bold else REGULAR
        same = page == here[0]
        where = "below" if direction == "to" else "above"
        tail = f", {where}" if same else ", p. 888"  # the room a page number may take
        name = scripts.fit(name, font, size, room - name_width(f"{direction} {tail}", font, size))
        links.append(Link(f"{direction} {name}", () if same else (page,), where, bold))
    if len(found) > len(shown):
        rest = found[len(shown) :]
        parts = tuple(sorted({page for _, (page, _), *_ in rest if page != here[0]}))
        links.append(Link(f"and {len(rest)} more links", parts, "this page", False))
    return links

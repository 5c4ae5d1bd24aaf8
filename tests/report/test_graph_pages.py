"""The dependency graph's pages: arrows around boxes, the critical path and mandatory
capabilities marked, names wrapped in their boxes, full pages, and links between pages named."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4, LETTER
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from benchmarks.generate import large_project
from scoping_app.domain.model import Project
from scoping_app.report import build_plan
from scoping_app.report.blocks import Box
from scoping_app.report.fonts import BOLD, register_fonts
from scoping_app.report.graph import graph_story
from scoping_app.report.graph_drawing import (
    CRITICAL_WORDS,
    MANDATORY_TAG,
    MANDATORY_WORDS,
    GraphPage,
)
from scoping_app.report.graph_layout import wrap_name
from scoping_app.report.graph_routing import Place, path_segments, route_edges
from scoping_app.report.model import PlanReport
from scoping_app.report.styles import make_styles
from scoping_app.services.export import write_pdf

# The plan's frame (report/pdf.py): 20 mm at the sides, 24 mm above and 22 mm below.
FRAMES = {
    "A4": Box(A4[0] - 40 * mm, A4[1] - 46 * mm),
    "Letter": Box(LETTER[0] - 40 * mm, LETTER[1] - 46 * mm),
}
LINK = re.compile(r"^(to|from) (.+), (p\. (\d+)|above|below)$")
EPSILON = 1e-6


# --- Routing: a pure function, tested on random layered graphs -----------------------------


@st.composite
def bands(draw: st.DrawFn) -> tuple[list[tuple[float, float]], dict[str, Place], list, float]:
    """Columns of cells (a box and the lines under it) at random heights, random edges from
    a column to a later one; every cell within its column, none overlapping."""
    columns = draw(st.integers(2, 6))
    width = draw(st.floats(30, 140))
    gap = draw(st.floats(6, 40))
    high = 600.0
    extents, places = [], {}
    for column in range(columns):
        left = column * (width + gap)
        extents.append((left, left + width))
        count = draw(st.integers(1, 9))
        sizes = draw(st.lists(st.floats(6, 70), min_size=count, max_size=count))
        gaps = draw(st.lists(st.floats(1, 40), min_size=count + 1, max_size=count + 1))
        scale = min(1.0, high / (sum(sizes) + sum(gaps)))
        top = high - gaps[0] * scale
        for row, size in enumerate(sizes):
            bottom = top - size * scale
            box_share = draw(st.floats(0.25, 1.0))  # the box is the top of its cell
            port = top - (top - bottom) * box_share / 2
            places[f"{column}.{row}"] = Place(column, left, left + width, bottom, top, port)
            top = bottom - gaps[row + 1] * scale
    keys = sorted(places)
    pairs = draw(st.lists(st.tuples(st.sampled_from(keys), st.sampled_from(keys)), max_size=60))
    edges = []
    for a, b in pairs:
        if places[a].column > places[b].column:
            a, b = b, a
        if places[a].column < places[b].column and (a, b) not in edges:
            edges.append((a, b))
    return extents, places, edges, high


def _crossings(
    segments: list[tuple[tuple[float, float], ...]], rects: dict[str, tuple[float, ...]]
) -> list[str]:
    """The rectangles (left, bottom, right, top) whose inside a segment's control points'
    box reaches; a cubic Bézier lies within that box, so none means no crossing."""
    hit = []
    for segment in segments:
        xs = [x for x, _ in segment]
        ys = [y for _, y in segment]
        for key, (left, bottom, right, top) in rects.items():
            if (
                min(xs) < right - EPSILON
                and max(xs) > left + EPSILON
                and min(ys) < top - EPSILON
                and max(ys) > bottom + EPSILON
            ):
                hit.append(key)
    return hit


@settings(max_examples=300, deadline=None)
@given(bands())
def test_no_routed_arrow_crosses_a_box(band: tuple) -> None:
    extents, places, edges, high = band
    paths = route_edges(extents, places, edges, 0.0, high)
    assert set(paths) == set(edges)
    rects = {key: (p.left, p.bottom, p.right, p.top) for key, p in places.items()}
    for (a, b), points in paths.items():
        start, end = places[a], places[b]
        # From the prerequisite's right side to the dependant's left side, at their ports.
        assert points[0] == (start.right, start.port)
        assert points[-1] == (end.left, end.port)
        assert len(points) == 2 * (end.column - start.column)
        assert _crossings(path_segments(points), rects) == [], (a, b, points)


def test_a_straight_arrow_would_cross_the_box_in_its_way() -> None:
    """The check above sees a crossing: a box between two others, on their line."""
    places = {
        "a": Place(0, 0, 50, 90, 110, 100),
        "block": Place(1, 70, 120, 80, 120, 100),
        "b": Place(2, 140, 190, 90, 110, 100),
    }
    rects = {key: (p.left, p.bottom, p.right, p.top) for key, p in places.items()}
    straight = [((50.0, 100.0), (80.0, 100.0), (110.0, 100.0), (140.0, 100.0))]
    assert _crossings(straight, rects) == ["block"]
    routed = route_edges([(0, 50), (70, 120), (140, 190)], places, [("a", "b")], 0, 200)
    assert _crossings(path_segments(routed["a", "b"]), rects) == []


# --- Names wrap inside their boxes ------------------------------------------------------

LONG_NAMES = [
    "Answer drafting with citations, grounded in the help centre and the policy library, "
    "reviewed by a senior agent before it is sent",
    "Ticketexportandnormalisationpipelineforallhistoricaltickets",
    "Short",
    "Évaluation des réponses générées sur de vraies questions de clients en production",
    "A " + "verylongword" * 6 + " then more words to wrap",
]


@pytest.mark.parametrize("name", LONG_NAMES)
@pytest.mark.parametrize(("size", "width"), [(7.5, 95.0), (6.0, 52.0), (6.5, 91.0)])
def test_a_long_name_wraps_within_the_box(name: str, size: float, width: float) -> None:
    register_fonts()
    lines = wrap_name(name, BOLD, size, width)
    assert 1 <= len(lines) <= 3
    for line in lines:
        assert stringWidth(line, BOLD, size) <= width + EPSILON, line
    shown = "".join(lines).replace(" ", "")
    if lines[-1].endswith("…"):
        assert name.replace(" ", "").startswith(shown[:-1])
    else:
        assert shown == name.replace(" ", "")  # nothing lost when nothing was cut


def _story(report: PlanReport, frame: Box) -> list[GraphPage]:
    return [f for f in graph_story(report, make_styles(), frame) if isinstance(f, GraphPage)]


def test_one_long_name_wraps_and_keeps_a_small_graph_on_one_page(
    example_project: Project,
) -> None:
    long_name = LONG_NAMES[0]
    example_project.capabilities[5].name = long_name
    example_project.capabilities[1].name = LONG_NAMES[1]
    report = build_plan(example_project, today=date(2026, 3, 3))
    for frame in FRAMES.values():
        pages = _story(report, frame)
        assert len(pages) == 1  # 15 boxes: one page, however long a name
        page = pages[0]
        heights: dict[float, set[float]] = {}
        for band in page.art.bands:
            for box in band.boxes:
                for line in box.lines:
                    width = stringWidth(line, BOLD, page.plan.font)
                    assert width <= box.width - 2 * 7.0 + EPSILON, line
                heights.setdefault(box.left, set()).add(box.height)
                if box.key == example_project.capabilities[5].key:
                    assert len(box.lines) == 3 and box.lines[-1].endswith("…")
        # One height per column: the boxes of a layer grow together.
        assert all(len(found) == 1 for found in heights.values())


# --- The example's page: critical path and mandatory capabilities marked -----------------


def _pages_text(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(path).pages]


def test_the_example_marks_the_critical_path_and_mandatory_capabilities(
    example_project: Project, tmp_path: Path
) -> None:
    report = build_plan(example_project, today=date(2026, 3, 3), sections=["graph"])
    graph = report.details.graph if report.details else None
    assert graph is not None and report.recommended.figures is not None
    # The critical path is the recommended scope's: its efforts add up to the duration.
    assert len(graph.critical_path) >= 2
    assert all(graph.nodes[key].state != "out" for key in graph.critical_path)
    duration = sum(graph.nodes[key].effort for key in graph.critical_path)
    assert duration == pytest.approx(report.recommended.figures.duration_days)
    mandatory = {c.key for c in example_project.capabilities if c.mandatory}
    assert mandatory and {k for k, n in graph.nodes.items() if n.mandatory} == mandatory
    target = tmp_path / "graph.pdf"
    write_pdf(report, target)
    text = " ".join(" ".join(page.split()) for page in _pages_text(target))
    assert CRITICAL_WORDS in text
    assert MANDATORY_WORDS in text
    # A tag on every mandatory box, and one in the legend.
    assert len(re.findall(rf"\b{MANDATORY_TAG}\b", text)) == len(mandatory) + 1
    # Every link of the critical path is drawn on the page, as a thick arrow.
    pages = _story(report, FRAMES["A4"])
    drawn = {edge for band in pages[0].art.bands for edge, _ in band.paths}
    critical = set(zip(graph.critical_path, graph.critical_path[1:], strict=False))
    assert critical <= drawn


# --- A large graph: full pages, and every link to another page named ---------------------


@cache
def _large() -> tuple[Project, PlanReport]:
    project = large_project()
    return project, build_plan(project, today=date(2026, 3, 3), sections=["graph"])


def _chain() -> PlanReport:
    """40 capabilities in 40 layers: a graph far wider than high."""
    from tests.report.conftest import generated_project

    return build_plan(generated_project(40), today=date(2026, 3, 3), sections=["graph"])


@pytest.mark.parametrize("size", ["A4", "Letter"])
@pytest.mark.parametrize(
    "make",
    [
        lambda: _large()[1],
        _chain,
        lambda: build_plan(large_project(capabilities=90, dependencies=200), sections=["graph"]),
    ],
    ids=["400 capabilities", "a chain of 40", "90 capabilities"],
)
def test_the_pages_of_a_large_graph_are_not_mostly_blank(size: str, make) -> None:
    report = make()
    frame = FRAMES[size]
    pages = _story(report, frame)
    assert len(pages) > 1
    for page in pages[:-1]:
        # What the graph draws on a page (its caption too) fills at least half the frame.
        assert page.height >= 0.5 * frame.height, (page.part, page.height)
        assert page.height <= frame.height
    placed = [box.key for page in pages for band in page.art.bands for box in band.boxes]
    assert sorted(placed) == sorted(report.details.graph.nodes)  # type: ignore[union-attr]


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_no_arrow_of_a_large_graph_crosses_a_box_or_its_links(size: str) -> None:
    _, report = _large()
    for page in _story(report, FRAMES[size]):
        for band in page.art.bands:
            cells = {
                box.key: (box.left, box.cell_bottom, box.left + box.width, box.bottom + box.height)
                for box in band.boxes
            }
            for edge, points in band.paths:
                assert _crossings(path_segments(points), cells) == [], edge


@pytest.mark.parametrize("size", ["A4", "Letter"])
def test_a_split_graph_names_every_link_to_another_page(size: str, tmp_path: Path) -> None:
    project, report = _large()
    target = tmp_path / "graph.pdf"
    write_pdf(report, target, page_size=size)
    texts = _pages_text(target)
    first = next(i for i, text in enumerate(texts) if "part 1 of" in text)
    parts = _story(report, FRAMES[size])
    # Each part of the graph is one page, in order.
    for number in range(len(parts)):
        assert f"part {number + 1} of {len(parts)}" in texts[first + number]
    page_of = {
        box.key: first + 1 + page.part
        for page in parts
        for band in page.art.bands
        for box in band.boxes
    }
    names = {c.key: c.name for c in project.capabilities}
    lines = {
        number + 1: [line.strip() for line in texts[number].splitlines()]
        for number in range(first, first + len(parts))
    }
    links = {number: [LINK.match(line) for line in found] for number, found in lines.items()}
    named = {
        (number, match[1], match[4])
        for number, found in links.items()
        for match in found
        if match and match[4]
    }
    # "to X, p. 9" under X's prerequisite and "from Y, p. 8" under Y's dependant.
    for a, b in report.details.graph.edges:  # type: ignore[union-attr]
        if page_of[a] == page_of[b]:
            continue
        outgoing = [m for m in links[page_of[a]] if m and m[1] == "to" and m[4]]
        assert any(int(m[4]) == page_of[b] and _same_name(m[2], names[b]) for m in outgoing), (
            names[a],
            names[b],
        )
        incoming = [m for m in links[page_of[b]] if m and m[1] == "from" and m[4]]
        assert any(int(m[4]) == page_of[a] and _same_name(m[2], names[a]) for m in incoming), (
            names[a],
            names[b],
        )
    assert len(named) > 50
    # And the page named holds the capability's box.
    for number, found in links.items():
        for match in found:
            if match and match[4] and "…" not in match[2]:
                boxes = " ".join(line for line in lines[int(match[4])] if not LINK.match(line))
                assert match[2] in boxes, (number, match[0])


def _same_name(shown: str, name: str) -> bool:
    """Whether a name in a link is ``name``, or its start shortened with an ellipsis."""
    return shown == name or (shown.endswith("…") and name.startswith(shown[:-1]))


def test_links_within_a_page_say_above_or_below() -> None:
    """A chain of 40 is drawn in bands of a few layers: between bands of one page the
    link says where on the page, not a page number."""
    report = _chain()
    words = [
        (link.words, link.where, link.parts)
        for page in _story(report, FRAMES["A4"])
        for band in page.art.bands
        for box in band.boxes
        for link in box.links
    ]
    assert any(w.startswith("to ") and not parts and where == "below" for w, where, parts in words)
    assert any(
        w.startswith("from ") and not parts and where == "above" for w, where, parts in words
    )


def test_a_graph_without_a_recommended_scope_shows_no_critical_path(
    example_project: Project, tmp_path: Path
) -> None:
    report = build_plan(example_project, today=date(2026, 3, 3), sections=["graph"])
    assert report.details is not None and report.details.graph is not None
    graph = replace(report.details.graph, critical_path=())
    report = replace(
        report,
        details=replace(report.details, graph=graph),
        recommended=replace(report.recommended, figures=None),
    )
    target = tmp_path / "graph.pdf"
    write_pdf(report, target)
    text = " ".join(_pages_text(target))
    assert "Critical path" not in text
    assert "Capability (no viable scope)" in " ".join(text.split())

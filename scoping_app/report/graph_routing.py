"""The dependency graph's arrows: pure geometry that routes each arrow of a band through the
gaps between the boxes of the columns it passes, so that it never crosses a box (y upwards)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

_SPACING = 1.8  # between arrows sharing a channel, when there is room
_NARROW = 16.0  # a channel this narrow has its arrows spread evenly over it

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

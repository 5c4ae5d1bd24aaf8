"""The efficient frontier: closed sets with the mandatory capabilities, least effort for most value.

A set is on the frontier (Pareto-optimal) when no other closed set holding
every mandatory capability has effort <= and value >= with one of them
strictly. Only the mandatory condition applies here: the frontier shows what
each extra day buys, whatever the other conditions say.

:func:`efficient_frontier` works in two exact stages:

1. the convex hull (the *supported* points): the maximum-value-minus-lambda-effort
   closure for the slope lambda of each hull edge still to be tested, as a minimum
   cut (the project selection problem) with networkx, edges split until none has a
   point above it;
2. the staircase between them (points under the hull): for a gap between two known
   points A and B, HiGHS maximises value with effort below B's and value above A's,
   then minimises effort at that value; the answer, when there is one, is a new
   frontier point and splits the gap; no answer closes the gap.

Efforts or values closer than 1e-5 (relative, or absolute below 1) count as equal.
"""

from __future__ import annotations

import heapq
import itertools
import time
from collections.abc import Collection
from dataclasses import dataclass

import networkx as nx
from networkx.algorithms.flow import boykov_kolmogorov

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.analysis._mip import INF, Condition, ScopeModel
from scoping_app.domain.model import Project

# relative: closer efforts or values are equal; ten times HiGHS's MIP feasibility tolerance,
# so that a row "effort below B's" never lets B itself through
_TIE = 1e-5
_SOURCE, _SINK = "source", "sink"


@dataclass(frozen=True)
class FrontierPoint:
    """One Pareto-optimal scope: its effort (person-days), value and sorted closed set."""

    effort: float
    value: float
    capabilities: tuple[str, ...]


@dataclass(frozen=True)
class _Known:
    effort: float
    value: float
    members: frozenset[int]


def efficient_frontier(
    project: Project, *, max_points: int = 50, time_limit: float = 5.0
) -> list[FrontierPoint]:
    """Frontier points sorted by effort (and value): the full staircase, or max_points of it.

    When the frontier has at most ``max_points`` distinct (effort, value) pairs,
    every one is returned, each with one closed set that reaches it: the full
    Pareto staircase, convex-hull points and those under the hull alike. When
    it has more, ``max_points`` of them are returned, every one Pareto-optimal:
    both ends always (with ``max_points=1``, the cheapest end); the hull
    vertices next (evenly thinned when they alone are too many); then points
    under the hull, filling the widest gaps first.

    The search under the hull stops after ``time_limit`` seconds (it only runs
    while the hull has fewer than ``max_points`` vertices; each gap is one or
    two HiGHS solves, up to a second a gap at 400 capabilities): the points are
    then still all Pareto-optimal, but the staircase may miss some of its steps.
    """
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    index = build_index(project)
    forced = frozenset(index.closure(index.mandatory))
    low = _known(index, _cheapest_end(index, forced))
    high = _known(index, forced | index.closure(i for i in range(index.size) if index.value[i] > 0))
    if not _less(low.effort, high.effort) or not _less(low.value, high.value):
        return [_point(index, low)]
    known = _hull(index, forced, low, high)
    if len(known) > max_points:
        known = _thin(known, max_points)
    else:
        known = _staircase(index, known, max_points, time.monotonic() + time_limit)
    return [_point(index, k) for k in known]


def _cheapest_end(index: ProjectIndex, forced: frozenset[int]) -> set[int]:
    """The most value at the least effort: the forced set with every free valuable extra."""
    costly = {i for i in range(index.size) if i not in forced and index.expected[i] > 0}
    dependants: dict[int, list[int]] = {}
    for b, prerequisites in enumerate(index.requires):
        for a in prerequisites:
            dependants.setdefault(a, []).append(b)
    stack = list(costly)
    while stack:  # whatever requires a costly capability costs effort too
        for b in dependants.get(stack.pop(), ()):
            if b not in costly and b not in forced:
                costly.add(b)
                stack.append(b)
    free = [i for i in range(index.size) if i not in costly and index.value[i] > 0]
    return set(forced) | index.closure(free)


def _hull(index: ProjectIndex, forced: frozenset[int], low: _Known, high: _Known) -> list[_Known]:
    """The convex-hull vertices from ``low`` to ``high``, by effort (minimum cuts).

    The best closures nest as the slope falls (parametric minimum cut), so the
    vertices between hull points A and B are sets between A and B: each cut
    needs only the capabilities of B that A lacks, which keeps the cuts small.
    """
    found = [low, high]
    pending = [(low, high)]
    while pending:
        a, b = pending.pop()
        slope = (b.value - a.value) / (b.effort - a.effort)
        free = b.members - a.members
        graph: nx.DiGraph[str | int] = nx.DiGraph()
        graph.add_nodes_from([_SOURCE, _SINK])
        # no capacity: infinite, so the source side stays closed
        graph.add_edges_from((j, i) for j in free for i in index.requires[j] if i in free)
        for i in free:
            w = index.value[i] - slope * index.expected[i]
            if w > 0:
                graph.add_edge(_SOURCE, i, capacity=w)
            elif w < 0:
                graph.add_edge(i, _SINK, capacity=-w)
        _, (side, _) = nx.minimum_cut(graph, _SOURCE, _SINK, flow_func=boykov_kolmogorov)
        c = _known(index, a.members | {i for i in side if i != _SOURCE})
        gain = c.value - slope * c.effort - (a.value - slope * a.effort)
        scale = max(1.0, abs(a.value), abs(slope * a.effort), abs(c.value))
        if gain > _TIE * scale and _less(a.effort, c.effort) and _less(c.effort, b.effort):
            found.append(c)
            pending += [(a, c), (c, b)]
    return sorted(found, key=lambda k: k.effort)


def _staircase(
    index: ProjectIndex, known: list[_Known], max_points: int, deadline: float
) -> list[_Known]:
    """Add the points under the hull, widest gap first, until none is left or enough are found."""
    conditions = [Condition("mandatory", index.mandatory)] if index.mandatory else []
    model = ScopeModel(index, conditions)
    n = index.size
    effort_row = model.row_count()
    model.add_row(range(n), index.expected, -INF, INF)
    value_row = model.row_count()
    model.add_row(range(n), index.value, -INF, INF)
    span_e = known[-1].effort - known[0].effort
    span_v = known[-1].value - known[0].value

    def width(a: _Known, b: _Known) -> float:
        return (b.effort - a.effort) / span_e + (b.value - a.value) / span_v

    gaps = [(-width(a, b), a.effort, a, b) for a, b in itertools.pairwise(known)]
    heapq.heapify(gaps)
    known = list(known)
    while gaps and len(known) < max_points:
        left = deadline - time.monotonic()
        if left <= 0:
            break
        model.highs.setOptionValue("time_limit", left)
        _, _, a, b = heapq.heappop(gaps)
        # the most value with less effort than b and more value than a ...
        model.set_row_bounds(effort_row, -INF, b.effort - _margin(b.effort))
        model.set_row_bounds(value_row, a.value + _margin(a.value), INF)
        model.objective(index.value, maximise=True)
        try:
            best = model.solve()
            if best is None:
                continue
            # ... then the least effort for that value
            value = index.total(index.value, best)
            model.set_row_bounds(value_row, max(value - _margin(value), a.value), INF)
            model.objective(index.expected)
            c = _known(index, model.solve(hint=best) or best)
        except RuntimeError:  # out of time
            break
        if not (_less(a.effort, c.effort) and _less(c.effort, b.effort)):
            continue  # only within tolerance: a and b are neighbours after all
        if not (_less(a.value, c.value) and _less(c.value, b.value)):
            continue
        known.append(c)
        heapq.heappush(gaps, (-width(a, c), a.effort, a, c))
        heapq.heappush(gaps, (-width(c, b), c.effort, c, b))
    return _undominated(known)


def _undominated(known: list[_Known]) -> list[_Known]:
    """Sorted by effort, without any point another one dominates (a safety net for rounding)."""
    out: list[_Known] = []
    for k in sorted(known, key=lambda k: (k.effort, -k.value)):
        if out and not _less(out[-1].value, k.value):
            continue
        if out and not _less(out[-1].effort, k.effort):
            out.pop()  # the same effort, more value
        out.append(k)
    return out


def _thin(known: list[_Known], count: int) -> list[_Known]:
    """``count`` of the points, evenly spread, both ends kept."""
    if count == 1:
        return [known[0]]
    last = len(known) - 1
    picks = sorted({round(j * last / (count - 1)) for j in range(count)})
    return [known[j] for j in picks]


def _known(index: ProjectIndex, members: Collection[int]) -> _Known:
    chosen = frozenset(members)
    return _Known(index.total(index.expected, chosen), index.total(index.value, chosen), chosen)


def _point(index: ProjectIndex, known: _Known) -> FrontierPoint:
    return FrontierPoint(known.effort, known.value, index.sorted_keys(known.members))


def _margin(x: float) -> float:
    return _TIE * max(1.0, abs(x))


def _less(a: float, b: float) -> bool:
    """a < b by more than the tie tolerance."""
    return b - a > _TIE * max(1.0, abs(a), abs(b))

"""The efficient frontier: scopes within every budget and condition, least effort for most value.

The frontier runs over the closed sets that meet every condition of viability
but the value target (mandatory capabilities, must-have metrics, the latency
and running-cost budgets, severe risks mitigated): the target is what the
frontier is read against, so a point may fall short of it, and nothing else.
A set is on the frontier (Pareto-optimal) when no other such set has effort <=
and value >= with one of them strictly.

:func:`efficient_frontier` finds the points exactly, with HiGHS (the budgets
and the "at least one of" conditions leave no minimum-cut shortcut):

1. the two ends: the least effort (then the most value at it), and the most
   value (then the least effort for it);
2. the gaps between known points A and B, widest first: the most value with
   effort up to the middle of the gap and more value than A (failing that,
   with effort below B's), then the least effort for that value; the answer,
   when there is one, is a new frontier point and splits the gap; no answer
   closes it. Halving the effort spreads the points when they are capped.

Efforts or values closer than 1e-5 (relative, or absolute below 1) count as equal.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Collection
from dataclasses import dataclass

import highspy

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.analysis._mip import INF, ScopeModel, conditions_of
from scoping_app.domain.model import Project

# relative: closer efforts or values are equal; ten times HiGHS's MIP feasibility tolerance,
# so that a row "effort below B's" never lets B itself through
_TIE = 1e-5
TIME_LIMIT = 5.0  # seconds the search takes at most unless told otherwise (the command line)


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


@dataclass(frozen=True)
class Frontier:
    """The points found, and whether the search ran out of time before it was done."""

    points: tuple[FrontierPoint, ...]
    # True when the time limit ended the search with gaps left to look into: every point
    # is still on the frontier, but the staircase may miss some of its steps
    stopped_early: bool


def efficient_frontier(
    project: Project, *, max_points: int = 50, time_limit: float | None = None
) -> list[FrontierPoint]:
    """Frontier points by increasing effort, value strictly increasing: all, or max_points.

    The points of :func:`frontier_search`, which says what the arguments do.
    """
    return list(frontier_search(project, max_points=max_points, time_limit=time_limit).points)


def frontier_search(
    project: Project, *, max_points: int = 50, time_limit: float | None = None
) -> Frontier:
    """Frontier points by increasing effort, value strictly increasing: all, or max_points.

    Every point meets every condition of viability but the value target; none
    when no set meets them. When the frontier has at most ``max_points``
    distinct (effort, value) pairs, every one is returned, each with one closed
    set that reaches it. When it has more, ``max_points`` of them, every one
    Pareto-optimal: both ends always (with ``max_points=1``, the cheapest end),
    then points splitting the widest gaps first.

    The whole search takes about ``time_limit`` seconds at most (:data:`TIME_LIMIT`
    when None; the two ends included, each solve given what is left). The ends
    are always found, whatever they take; when the time runs out between them,
    the points found are still all Pareto-optimal, the staircase may miss some
    of its steps, and ``stopped_early`` says so.
    """
    if max_points < 1:
        raise ValueError("max_points must be at least 1")
    deadline = time.monotonic() + (TIME_LIMIT if time_limit is None else time_limit)
    search = _Search(build_index(project))
    low = search.cheapest_end()
    if low is None:
        return Frontier((), False)
    high = search.richest_end()
    if max_points == 1 or not _less(low.effort, high.effort) or not _less(low.value, high.value):
        return Frontier((search.point(low),), False)
    known = [low, high]
    span_e, span_v = high.effort - low.effort, high.value - low.value

    def gap(a: _Known, b: _Known) -> tuple[float, float, _Known, _Known]:
        """Widest first (as seen on the chart: both axes scaled to 1), then cheapest first."""
        width = (b.effort - a.effort) / span_e + (b.value - a.value) / span_v
        return (-width, a.effort, a, b)

    gaps = [gap(low, high)]
    stopped = False
    while gaps and len(known) < max_points:
        if deadline - time.monotonic() <= 0:
            stopped = True
            break
        _, _, a, b = heapq.heappop(gaps)
        try:
            found = search.between(a, b, deadline)
        except _OutOfTime:
            stopped = True
            break
        if found is None:
            continue
        c, right_closed = found
        known.append(c)
        heapq.heappush(gaps, gap(a, c))
        if not right_closed:
            heapq.heappush(gaps, gap(c, b))
    return Frontier(tuple(search.point(k) for k in _undominated(known)), stopped)


class _OutOfTime(Exception):
    """HiGHS stopped at the time limit before it proved its answer."""


class _Search:
    """One HiGHS model of the sets meeting every condition but the value target, with a row
    bounding their effort and one bounding their value, moved for each question."""

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        conditions = [c for c in conditions_of(index) if c.kind != "value"]
        self.model = ScopeModel(index, conditions)
        n = index.size
        self._effort_row = self.model.row_count()
        self.model.add_row(range(n), index.expected, -INF, INF)
        self._value_row = self.model.row_count()
        self.model.add_row(range(n), index.value, -INF, INF)
        self._deadline: float | None = None  # set for the questions between the ends

    def cheapest_end(self) -> _Known | None:
        """The least effort, and the most value at that effort; None when nothing qualifies."""
        least = self._solve(INF, -INF, maximise_value=False)
        if least is None:
            return None
        return self._solve(least.effort + _margin(least.effort), -INF, True, hint=least) or least

    def richest_end(self) -> _Known:
        """The most value, and the least effort for that value (called after the cheapest)."""
        most = self._solve(INF, -INF, maximise_value=True)
        if most is None:  # cannot happen: the cheapest end qualifies
            raise RuntimeError("the model lost its answer")
        return self._solve(INF, most.value - _margin(most.value), False, hint=most) or most

    def between(self, a: _Known, b: _Known, deadline: float) -> tuple[_Known, bool] | None:
        """A frontier point strictly between a and b, and whether none lies between it and b.

        Raises :class:`_OutOfTime` when a solve reaches ``deadline`` (time.monotonic()).
        """
        self._deadline = deadline
        above = a.value + _margin(a.value)
        middle = (a.effort + b.effort) / 2
        best = self._solve(middle, above, maximise_value=True)
        right_closed = best is None
        if best is None:  # nothing better than a up to the middle: look up to b
            best = self._solve(b.effort - _margin(b.effort), above, maximise_value=True)
            if best is None:
                return None
        # the least effort for that value (below the same effort bound)
        bound = middle if not right_closed else b.effort - _margin(b.effort)
        c = self._solve(bound, max(best.value - _margin(best.value), above), False, hint=best)
        c = c or best
        if not (_less(a.effort, c.effort) and _less(c.effort, b.effort)):
            return None  # only within tolerance: a and b are neighbours after all
        if not (_less(a.value, c.value) and _less(c.value, b.value)):
            return None
        return c, right_closed

    def _solve(
        self,
        effort_at_most: float,
        value_at_least: float,
        maximise_value: bool,
        hint: _Known | None = None,
    ) -> _Known | None:
        index, model = self.index, self.model
        model.set_row_bounds(self._effort_row, -INF, effort_at_most)
        model.set_row_bounds(self._value_row, value_at_least, INF)
        if maximise_value:
            model.objective(index.value, maximise=True)
        else:
            model.objective(index.expected)
        if self._deadline is not None:
            left = self._deadline - time.monotonic()
            if left <= 0:
                raise _OutOfTime
            model.highs.setOptionValue("time_limit", left)
        try:
            chosen = model.solve(hint=hint.members if hint is not None else None)
        except RuntimeError:
            if model.highs.getModelStatus() == highspy.HighsModelStatus.kTimeLimit:
                raise _OutOfTime from None
            raise
        return None if chosen is None else _known(index, chosen)

    def point(self, known: _Known) -> FrontierPoint:
        return FrontierPoint(known.effort, known.value, self.index.sorted_keys(known.members))


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


def _known(index: ProjectIndex, members: Collection[int]) -> _Known:
    chosen = frozenset(members)
    return _Known(index.total(index.expected, chosen), index.total(index.value, chosen), chosen)


def _margin(x: float) -> float:
    return _TIE * max(1.0, abs(x))


def _less(a: float, b: float) -> bool:
    """a < b by more than the tie tolerance."""
    return b - a > _TIE * max(1.0, abs(a), abs(b))

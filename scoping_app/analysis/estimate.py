"""Effort as a range, and the critical path against the deadline, for a sponsor.

The figures (docs/format.md) give one number of person-days per scope: the sum
of the capabilities' PERT means. This module adds how wide that number is: a
seeded Monte Carlo over the three-point estimates, each capability drawn from
its PERT-beta distribution (lambda = 4), and the 10th, 50th and 90th
percentiles of the sum. And it puts the duration (the critical path) on the
calendar, against the project's deadline.

How the draws are made, so that they are fast and the same everywhere
--------------------------------------------------------------------
A capability estimated (a, m, b) with a < b is a + (b - a) * Y, where Y follows
Beta(alpha, 6 - alpha) with alpha = 1 + 4 * (m - a) / (b - a): with lambda = 4
the two shapes always add up to 6, so one table serves every capability. The
table holds the quantile function of Beta(alpha, 6 - alpha) at 1,024
equally likely levels ((j + 0.5) / 1024), for alpha from 1 to 5 in steps of
1/32, computed once by integrating the density on a grid that is fine near both
ends; a capability's row is interpolated between the two nearest alphas.

Each draw of a capability is one of its 1,024 levels, picked by ten random bits
(inverse-transform sampling with a 10-bit uniform). The bits are the raw output
of ``numpy.random.default_rng(seed)``'s bit generator (PCG64), whose stream NumPy
keeps fixed across versions, unlike the Generator's distribution methods;
capabilities are drawn in sorted key order, and sums are made draw by draw in that
order, with the table rounded to 2**-24, so the same input gives the same
percentiles on every machine. A capability whose three points are equal is a
constant and takes no draw. 20,000 draws over 400 capabilities take about 12
milliseconds (the table, built once on first use, about 15 more). ``draw_scope``
keeps each capability's draws, so analysis/confidence.py walks the critical path
over the very draws whose sums give the effort range.

The deadline
------------
Working days are Monday to Friday, counted from today to the deadline, both
included (work done on the deadline day counts). A critical path of d days fits
when d is at most that count; public holidays are not known to the app.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from functools import cache

import numpy as np

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.domain.model import Project

DRAWS = 20_000
SEED = 20_240_611
LAMBDA = 4.0  # the usual PERT weight of the likely estimate
PERCENTILES = (10.0, 50.0, 90.0)

_LEVEL_BITS = 10
_LEVELS = 1 << _LEVEL_BITS  # equally likely quantile levels per capability
_SHAPE_STEPS = 32  # rows of the table per unit of alpha
_GRID = 4096  # integration intervals of the density
_ROUNDING = float(1 << 24)  # the table is rounded to multiples of 2**-24
_FITS_TOLERANCE = 1e-9

ASSUMPTION = (
    "Assumes one person-day of work per working day along the critical path, weekends off, "
    "and every capability off the critical path staffed in parallel."
)


@dataclass(frozen=True)
class EffortRange:
    """The effort of a scope in person-days: the PERT expectation and a Monte Carlo range."""

    expected: float  # sum of the PERT means over the closure: the figures' effort
    p10: float  # 1 chance in 10 of taking less
    p50: float  # as likely to take less as more
    p90: float  # 9 chances in 10 of taking at most this


@dataclass(frozen=True)
class DeadlineFit:
    """The critical path on the calendar, against the project's deadline."""

    today: date
    deadline: date
    working_days: int  # Monday to Friday from today to the deadline, both included; 0 if past
    duration: float  # the critical path, in working days
    fits: bool  # the duration is at most the working days available
    margin: float  # working_days - duration: spare days, or days short when negative
    finish: date | None  # the working day the critical path ends on when work starts today
    assumption: str  # the staffing and calendar assumption, as a sentence


def effort_range(
    project: Project, keys: Iterable[str], *, draws: int = DRAWS, seed: int = SEED
) -> EffortRange:
    """The effort of the capabilities ``keys`` with their prerequisites, as a range.

    ``keys`` are taken with everything they require (the closure, as every figure
    is); unknown keys are ignored. ``expected`` equals ``SliceFigures.effort`` of the
    same set; the percentiles come from ``draws`` seeded draws of the sum.
    """
    index = build_index(project)
    members = index.closure(index.number[k] for k in keys if k in index.number)
    sample = draw_scope(project, index, members, draws=draws, seed=seed)
    p10, p50, p90 = (float(x) for x in np.percentile(sample.totals, PERCENTILES))
    return EffortRange(index.total(index.expected, members), p10, p50, p90)


@dataclass(frozen=True)
class ScopeDraws:
    """The seeded draws of a closed set of capabilities, one column per draw.

    ``totals`` holds the effort of the whole set in each draw (one value when no
    estimate in the set varies: then nothing is drawn). ``effort_of`` gives one
    capability's effort in each draw, the same values the totals were summed from.
    """

    totals: np.ndarray
    constant: dict[int, float]  # capability -> its effort, for estimates that do not vary
    row: dict[int, int]  # capability -> its row of ``levels`` and ``picked``, for the others
    levels: np.ndarray  # each varying capability's 1,024 equally likely efforts, in days
    picked: np.ndarray  # the level each draw picked, per varying capability

    @property
    def count(self) -> int:
        return len(self.totals)

    def effort_of(self, capability: int) -> np.ndarray | float:
        row = self.row.get(capability)
        if row is None:
            return self.constant[capability]
        return self.levels[row].take(self.picked[row])


def draw_scope(
    project: Project, index: ProjectIndex, members: Collection[int], *, draws: int, seed: int
) -> ScopeDraws:
    """Draw the efforts of ``members`` (a closed set of the index) ``draws`` times.

    Capabilities are drawn in sorted key order, and the totals summed in that order.
    """
    if draws < 1:
        raise ValueError("draws must be at least 1")
    constant: dict[int, float] = {}
    varying: list[int] = []
    for i in sorted(members, key=lambda m: index.keys[m]):
        effort = project.capabilities[i].effort
        if effort.pessimistic > effort.optimistic:
            varying.append(i)
        else:
            constant[i] = effort.likely
    fixed = math.fsum(constant.values())
    if not varying:
        empty = np.empty((0, 1))
        return ScopeDraws(np.full(1, fixed), constant, {}, empty, empty.astype(np.uint16))
    estimates = [project.capabilities[i].effort for i in varying]
    levels = _levels([(e.optimistic, e.likely, e.pessimistic) for e in estimates])
    picked = _pick_levels(len(varying), draws, seed)
    totals = np.full(draws, fixed)
    for row, choices in zip(levels, picked, strict=True):
        totals += row.take(choices)
    return ScopeDraws(totals, constant, {i: r for r, i in enumerate(varying)}, levels, picked)


def deadline_fit(duration: float, deadline: date | None, today: date) -> DeadlineFit | None:
    """The calendar facts of a critical path of ``duration`` days; None without a deadline."""
    if deadline is None:
        return None
    available = working_days(today, deadline)
    return DeadlineFit(
        today=today,
        deadline=deadline,
        working_days=available,
        duration=duration,
        fits=bool(fits_in(np.asarray(duration), available)),
        margin=available - duration,
        finish=finish_date(today, duration),
        assumption=ASSUMPTION,
    )


def fits_in(duration: np.ndarray, available: int) -> np.ndarray:
    """Whether each duration is at most ``available`` days, give or take a rounding's hair."""
    return duration <= available + _FITS_TOLERANCE * np.maximum(1.0, duration)


def working_days(start: date, end: date) -> int:
    """Mondays to Fridays from ``start`` to ``end``, both included; 0 when ``end`` is earlier."""
    if end < start:
        return 0
    # The end day is counted apart: the day after the last date of the calendar does not exist.
    return int(np.busday_count(start, end)) + int(np.is_busday(end))


def finish_date(start: date, duration: float) -> date | None:
    """The working day on which ``duration`` days of work end, counting ``start`` as day one.

    A day begun counts whole (4.5 days end on the fifth working day). With no work at
    all, or when ``start`` falls on a weekend, the count starts on the next working day
    for any work; 0 days finish on ``start`` itself. None when the work would end after
    the last day of the calendar (year 9999).
    """
    days = math.ceil(duration - _FITS_TOLERANCE * max(1.0, duration))
    if days <= 0:
        return start
    if days > working_days(start, date.max):
        return None
    first = np.busday_offset(start, 0, roll="forward")
    return np.busday_offset(first, days - 1).astype(object)


# the draws ---------------------------------------------------------------------------------


def _levels(varying: list[tuple[float, float, float]]) -> np.ndarray:
    """Each estimate's 1,024 equally likely efforts, in days, one row per estimate."""
    low = np.array([a for a, _, _ in varying])
    likely = np.array([m for _, m, _ in varying])
    high = np.array([b for _, _, b in varying])
    width = high - low
    alpha = 1.0 + LAMBDA * (likely - low) / width
    rows = _quantile_rows(alpha)
    return low[:, None] + width[:, None] * rows


def _pick_levels(capabilities: int, draws: int, seed: int) -> np.ndarray:
    """The level each draw picks, for each of ``capabilities`` in turn: ten random bits."""
    bits = np.random.default_rng(seed).bit_generator
    per_word = 64 // 16
    mask = np.uint16(_LEVELS - 1)
    words = -(-draws // per_word)
    picked = np.empty((capabilities, draws), dtype=np.uint16)
    for row in picked:
        # ten low bits of each 16-bit field of the raw 64-bit words, read little-endian on
        # every machine, so the fields come in the same order everywhere
        raw = bits.random_raw(words).astype("<u8", copy=False)
        np.bitwise_and(raw.view("<u2")[:draws], mask, out=row)
    return picked


def _quantile_rows(alpha: np.ndarray) -> np.ndarray:
    """The quantile levels of Beta(alpha, 6 - alpha) for each alpha, from the shared table."""
    table = _table()
    position = (np.clip(alpha, 1.0, 5.0) - 1.0) * _SHAPE_STEPS
    below = np.minimum(np.floor(position).astype(np.intp), table.shape[0] - 2)
    share = (position - below)[:, None]
    return table[below] + share * (table[below + 1] - table[below])


@cache
def _table() -> np.ndarray:
    """Quantiles of Beta(alpha, 6 - alpha) at the levels (j + 0.5) / 1024, one row per alpha.

    The density x**(alpha-1) * (1-x)**(5-alpha) is bounded (both exponents are 0 to 4);
    it is integrated by the trapezoid rule on a grid x = (1 - cos(pi t)) / 2, which is
    fine where the density may be steep, near 0 and 1, and the cumulative curve is read
    back at the levels.
    """
    alphas = 1.0 + np.arange(4 * _SHAPE_STEPS + 1) / _SHAPE_STEPS
    x = (1.0 - np.cos(np.pi * np.arange(_GRID + 1) / _GRID)) / 2.0
    x[0], x[-1] = 0.0, 1.0
    density = x[None, :] ** (alphas[:, None] - 1.0) * (1.0 - x[None, :]) ** (5.0 - alphas[:, None])
    steps = (density[:, 1:] + density[:, :-1]) * np.diff(x)[None, :] / 2.0
    cumulative = np.concatenate([np.zeros((len(alphas), 1)), np.cumsum(steps, axis=1)], axis=1)
    cumulative /= cumulative[:, -1:]
    levels = (np.arange(_LEVELS) + 0.5) / _LEVELS
    table = np.array([np.interp(levels, row, x) for row in cumulative])
    return np.round(table * _ROUNDING) / _ROUNDING

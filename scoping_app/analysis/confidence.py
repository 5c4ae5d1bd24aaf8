"""How sure the effort and the duration of a scope are, and the chance of meeting the deadline.

The same seeded draws as the effort range (analysis/estimate.py: PERT-beta, lambda 4,
20,000 draws): in each draw every capability of the closure takes one effort, used both
in the draw's total effort and in the draw's critical path over the ``requires`` links,
so the two figures of one draw belong together. A capability whose three points are
equal is a constant and takes no draw.

Per draw, the duration is the critical path in working days (one person-day a working
day along the path, with unlimited hands), or, given a team of ``team_size`` people, the
larger of the critical path and effort / team_size. The deadline probability is the
share of draws whose duration fits in the working days (Monday to Friday) from the start
date to the deadline, both included, by the rule of ``deadline_fit``.

Percentiles are numpy's default (linear interpolation between the two nearest draws
of the sorted sample, ``numpy.percentile(..., method="linear")``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

import numpy as np

from scoping_app.analysis._index import build_index
from scoping_app.analysis.estimate import (
    DRAWS,
    SEED,
    ScopeDraws,
    draw_scope,
    fits_in,
    working_days,
)
from scoping_app.domain.model import Project

CONFIDENCE_PERCENTILES = (10.0, 50.0, 80.0, 90.0)
DAYS_DECIMALS = 2  # person-days and working days in the JSON
PROBABILITY_DECIMALS = 4


@dataclass(frozen=True)
class Percentiles:
    """A drawn figure's 10th, 50th, 80th and 90th percentiles (8 chances in 10 of at most p80)."""

    p10: float
    p50: float
    p80: float
    p90: float

    def to_json(self) -> dict[str, float]:
        return {
            "p10": round(self.p10, DAYS_DECIMALS),
            "p50": round(self.p50, DAYS_DECIMALS),
            "p80": round(self.p80, DAYS_DECIMALS),
            "p90": round(self.p90, DAYS_DECIMALS),
        }


@dataclass(frozen=True)
class Confidence:
    """Effort (person-days) and duration (working days) as percentiles, and the deadline's odds."""

    effort: Percentiles
    duration: Percentiles  # the critical path, or max(critical path, effort / team size)
    deadline_probability: float | None  # share of draws finishing by the deadline; None without

    def to_json(self) -> dict[str, object]:
        """Days rounded to 2 decimals, the probability to 4, so printed output is stable."""
        chance = self.deadline_probability
        return {
            "effort": self.effort.to_json(),
            "duration": self.duration.to_json(),
            "deadline_probability": None if chance is None else round(chance, PROBABILITY_DECIMALS),
        }


def confidence(
    project: Project,
    keys: Iterable[str],
    *,
    team_size: int | None = None,
    start_date: date,
    deadline: date | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
) -> Confidence:
    """The confidence figures of the capabilities ``keys`` with their prerequisites.

    ``keys`` are taken with their closure, as every figure is; unknown keys are ignored.
    Work starts on ``start_date`` (the next Monday when it is a weekend day).
    """
    effort, duration = sampled_effort_and_duration(
        project, keys, team_size=team_size, draws=draws, seed=seed
    )
    chance: float | None = None
    if deadline is not None:
        available = working_days(start_date, deadline)
        chance = float(np.count_nonzero(fits_in(duration, available))) / len(duration)
    return Confidence(_percentiles(effort), _percentiles(duration), chance)


def sampled_effort_and_duration(
    project: Project,
    keys: Iterable[str],
    *,
    team_size: int | None = None,
    draws: int = DRAWS,
    seed: int = SEED,
) -> tuple[np.ndarray, np.ndarray]:
    """Per draw, the effort of the closure of ``keys`` and its duration, in days.

    One value each when no estimate of the closure varies (nothing is drawn then).
    """
    if team_size is not None and team_size < 1:
        raise ValueError("team_size must be at least 1")
    index = build_index(project)
    members = index.closure(index.number[k] for k in keys if k in index.number)
    sample = draw_scope(project, index, members, draws=draws, seed=seed)
    duration = _critical_paths(index.order, index.requires, members, sample)
    if team_size is not None:
        duration = np.maximum(duration, sample.totals / team_size)
    return sample.totals, duration


def _critical_paths(
    order: tuple[int, ...],
    requires: tuple[tuple[int, ...], ...],
    members: set[int],
    sample: ScopeDraws,
) -> np.ndarray:
    """The longest chain of each draw: in prerequisites-first order, a capability finishes
    its own effort after the latest of its prerequisites; the path is the latest finish.

    A finish is kept only until every capability needing it has read it. A prerequisite on
    a cycle (an invalid project) that is not finished yet is passed over, as the figures do.
    """
    waiting = dict.fromkeys(members, 0)  # dependants in the set not yet computed
    for node in members:
        for p in requires[node]:
            if p in members:
                waiting[p] += 1
    finish: dict[int, np.ndarray] = {}
    longest = np.zeros(sample.count)
    for node in order:
        if node not in members:
            continue
        done = np.asarray(sample.effort_of(node), dtype=float)
        latest: np.ndarray | None = None
        for p in requires[node]:
            if p not in members:
                continue
            before = finish.get(p)
            if before is not None:
                latest = before if latest is None else np.maximum(latest, before)
            waiting[p] -= 1
            if waiting[p] == 0:
                finish.pop(p, None)
        done = done + latest if latest is not None else np.broadcast_to(done, longest.shape)
        np.maximum(longest, done, out=longest)
        if waiting[node] > 0:
            finish[node] = done
    return longest


def _percentiles(values: np.ndarray) -> Percentiles:
    p10, p50, p80, p90 = (float(x) for x in np.percentile(values, CONFIDENCE_PERCENTILES))
    return Percentiles(p10, p50, p80, p90)

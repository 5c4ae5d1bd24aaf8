"""The scoping conditions as rows of a 0/1 programme over the capabilities, solved by HiGHS.

One binary column per capability (1 = in scope); a row ``x_b <= x_a`` for every
'b requires a' keeps the set closed; each condition of the spec's viability
test adds its own row. Solutions are read back as sets of capability indices
and checked again in exact floating point, because HiGHS accepts rows that are
violated by up to its feasibility tolerance: a set that only passes thanks to
that tolerance is cut off and the programme solved again, so every set this
module returns passes the same exact test as :func:`slice_figures`.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from scoping_app.analysis._index import ProjectIndex

INF = highspy.kHighsInf
_MAX_CUTS = 50  # sets cut off for passing only within HiGHS's tolerance, before giving up
_DOWNWARD = frozenset({"latency", "cost"})


class _QuietHighs(highspy.Highs):
    """HiGHS that never prints, not even its banner.

    ``highspy.Highs.__init__`` calls ``enableCallbacks``, which prints the
    'Running HiGHS' banner to standard output before any option can be set;
    that would spoil ``scoping-app optimize --json``. Turning output off first
    thing in that call keeps the banner away.
    """

    def enableCallbacks(self) -> None:
        self.setOptionValue("output_flag", False)
        super().enableCallbacks()


@dataclass(frozen=True)
class Condition:
    """One condition of viability (spec: 'viable(S) holds when…'), as the optimizer sees it."""

    kind: str  # "mandatory", "metric", "latency", "cost", "value" or "risk"
    members: tuple[int, ...] = ()  # mandatory capabilities, deliverers or mitigators
    key: str = ""  # the metric's or risk's key
    name: str = ""  # the metric's name, or the risk's story

    @property
    def upward(self) -> bool:
        """Whether adding capabilities can only help (all but the two budgets)."""
        return self.kind not in _DOWNWARD

    def holds(self, index: ProjectIndex, chosen: Collection[int]) -> bool:
        """The exact test of :mod:`figures`, on a closed set."""
        if self.kind == "mandatory":
            return all(i in chosen for i in self.members)
        if self.kind in ("metric", "risk"):
            return any(i in chosen for i in self.members)
        if self.kind == "latency":
            return index.total(index.latency, chosen) <= _bound(index.latency_budget)
        if self.kind == "cost":
            return index.total(index.cost, chosen) <= _bound(index.monthly_budget)
        return index.total(index.value, chosen) >= _bound(index.value_target)


def _bound(value: float | None) -> float:
    if value is None:
        raise ValueError("a budget condition needs a budget")
    return value


def conditions_of(index: ProjectIndex) -> list[Condition]:
    """Every condition the project sets, in the spec's order."""
    out: list[Condition] = []
    if index.mandatory:
        out.append(Condition("mandatory", index.mandatory))
    for metric, deliverers in index.must_metrics:
        out.append(Condition("metric", deliverers, metric.key, metric.name))
    if index.latency_budget is not None:
        out.append(Condition("latency"))
    if index.monthly_budget is not None:
        out.append(Condition("cost"))
    if index.value_target is not None:
        out.append(Condition("value"))
    for risk, mitigators in index.severe_risks:
        out.append(Condition("risk", mitigators, risk.key, risk.story))
    return out


class ScopeModel:
    """A HiGHS model of the closed sets meeting some conditions, to optimise and refine."""

    def __init__(self, index: ProjectIndex, conditions: Iterable[Condition]) -> None:
        self.index = index
        self.conditions = tuple(conditions)
        self.impossible = False  # some row can never hold (e.g. a metric nobody delivers)
        n = index.size
        self._n = n
        self._all = np.arange(n, dtype=np.int32)
        highs = _QuietHighs()
        highs.setOptionValue("output_flag", False)
        # exact optimum: the lexicographic stages rely on near-zero gaps
        highs.setOptionValue("mip_rel_gap", 1e-10)
        highs.setOptionValue("mip_abs_gap", 1e-10)
        # Sub-MIP heuristics cost a lot on knapsack-like projects (a value target, few other
        # conditions) and are useless once a stage starts from the previous stage's optimum.
        highs.setOptionValue("mip_heuristic_run_rins", False)
        highs.setOptionValue("mip_heuristic_run_rens", False)
        # One thread: HiGHS's branch and bound gains nothing from a second one on these
        # models, and its idle workers cost CPU (the frontier of 400 capabilities: 2.5 s of
        # CPU instead of 3.6 s for 30 points). Every model of the app sets it, so HiGHS's
        # shared thread pool starts with one thread.
        highs.setOptionValue("threads", 1)
        self.highs = highs
        self._costs: tuple[float, ...] = (0.0,) * n
        if n:
            highs.addVars(n, np.zeros(n), np.ones(n))
            highs.changeColsIntegrality(
                n, self._all, np.full(n, highspy.HighsVarType.kInteger, dtype=object)
            )
        self._add_closure_rows()
        for condition in self.conditions:
            self._add_condition(condition)

    # building -----------------------------------------------------------------

    def _add_closure_rows(self) -> None:
        pairs = [
            (b, a) for b, prerequisites in enumerate(self.index.requires) for a in prerequisites
        ]
        if not pairs:
            return
        count = len(pairs)
        cols = np.array(pairs, dtype=np.int32).reshape(-1)
        vals = np.tile(np.array([1.0, -1.0]), count)
        starts = np.arange(0, 2 * count, 2, dtype=np.int32)
        self.highs.addRows(
            count, np.full(count, -INF), np.zeros(count), 2 * count, starts, cols, vals
        )

    def _add_condition(self, condition: Condition) -> None:
        index = self.index
        kind = condition.kind
        if kind == "mandatory":
            for i in condition.members:
                self.highs.changeColBounds(i, 1.0, 1.0)
        elif kind in ("metric", "risk"):
            self.add_row(condition.members, [1.0] * len(condition.members), 1.0, INF)
        elif kind == "latency":
            self.add_row(range(self._n), index.latency, -INF, _bound(index.latency_budget))
        elif kind == "cost":
            self.add_row(range(self._n), index.cost, -INF, _bound(index.monthly_budget))
        else:
            self.add_row(range(self._n), index.value, _bound(index.value_target), INF)

    def add_row(
        self, cols: Iterable[int], coeffs: Sequence[float], lower: float, upper: float
    ) -> None:
        """lower <= sum coeffs[j] x_cols[j] <= upper; ``coeffs`` aligned with ``cols``."""
        entries = [(c, v) for c, v in zip(cols, coeffs, strict=True) if v != 0]
        if not entries:
            if not lower <= 0.0 <= upper:
                self.impossible = True
            return
        idx = np.array([c for c, _ in entries], dtype=np.int32)
        val = np.array([v for _, v in entries], dtype=np.float64)
        self.highs.addRow(lower, upper, len(entries), idx, val)

    def exclude(self, chosen: Collection[int]) -> None:
        """Cut off exactly this set: at least one column must differ from it."""
        coeffs = [-1.0 if i in chosen else 1.0 for i in range(self._n)]
        self.add_row(range(self._n), coeffs, 1.0 - len(chosen), INF)

    def row_count(self) -> int:
        return int(self.highs.getNumRow())

    def set_row_bounds(self, row: int, lower: float, upper: float) -> None:
        self.highs.changeRowBounds(row, lower, upper)

    def delete_row(self, row: int) -> None:
        self.highs.deleteRows(1, np.array([row], dtype=np.int32))

    def fix(self, col: int, value: float) -> None:
        self.highs.changeColBounds(col, value, value)

    def objective(self, coeffs: Sequence[float], *, maximise: bool = False) -> None:
        if not self._n:
            return
        self._costs = tuple(float(c) for c in coeffs)
        self.highs.changeColsCost(self._n, self._all, np.asarray(coeffs, dtype=np.float64))
        sense = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
        self.highs.changeObjectiveSense(sense)

    # solving ------------------------------------------------------------------

    def solve(self, hint: Collection[int] | None = None) -> set[int] | None:
        """An optimal closed set meeting every row, or None when there is none."""
        if self.impossible:
            return None
        if not self._n:
            return set() if self.holds(set()) else None
        for _ in range(_MAX_CUTS):
            if hint is not None:
                start = np.array([1.0 if i in hint else 0.0 for i in range(self._n)])
                self.highs.setSolution(self._n, self._all, start)
            self.highs.run()
            status = self.highs.getModelStatus()
            if status in (
                highspy.HighsModelStatus.kInfeasible,
                highspy.HighsModelStatus.kUnboundedOrInfeasible,
            ):
                return None
            if status != highspy.HighsModelStatus.kOptimal:
                raise RuntimeError(
                    "HiGHS stopped without an answer: " + self.highs.modelStatusToString(status)
                )
            values = self.highs.getSolution().col_value
            chosen = {i for i, v in enumerate(values) if v > 0.5}
            if hint is not None and not self._objective_agrees(chosen):
                # HiGHS 1.16 can carry a start solution through presolve with a wrong
                # objective and call it optimal: forget the start and solve again
                self.highs.clearSolver()
                hint = None
                continue
            if self.holds(chosen):
                return chosen
            self.exclude(chosen)
            hint = None
        return None

    def _objective_agrees(self, chosen: Collection[int]) -> bool:
        """Whether HiGHS's objective value is that of the set it returned."""
        mine = math.fsum(self._costs[i] for i in chosen)
        reported = float(self.highs.getInfo().objective_function_value)
        return abs(mine - reported) <= 1e-6 * max(1.0, abs(mine), abs(reported))

    def holds(self, chosen: Collection[int]) -> bool:
        """Closed, and every condition of this model holds exactly."""
        requires = self.index.requires
        if any(a not in chosen for b in chosen for a in requires[b]):
            return False
        return all(c.holds(self.index, chosen) for c in self.conditions)

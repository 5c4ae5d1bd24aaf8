"""The smallest viable scope, exact, as a mixed-integer programme solved by HiGHS."""

from __future__ import annotations

import math
from dataclasses import dataclass

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.analysis._mip import INF, ScopeModel, conditions_of
from scoping_app.analysis.figures import SliceFigures, figures_of
from scoping_app.analysis.infeasible import explain_infeasible
from scoping_app.domain.model import Project

# Efforts (and values) closer than this, relative to the optimum, count as equal,
# so that sums which are equal on paper but differ in the last bits of floating
# point (PERT means are sixths) tie, and the next rule decides.
TIE_TOLERANCE = 1e-7
# Columns decided together in the final tie-break: weights 1, 1/2, … 1/2**11 keep
# every pattern of a block apart by far more than HiGHS's tolerances.
_LEX_BLOCK = 12


@dataclass(frozen=True)
class ScopeResult:
    """The smallest viable scope with its figures, or the reasons there is none."""

    viable: bool
    capabilities: tuple[str, ...]  # sorted keys of the closed set; () when nothing is viable
    figures: SliceFigures | None  # figures of that set; None when nothing is viable
    reasons: tuple[str, ...]  # when not viable: the conditions that cannot be met, in words


def smallest_viable_scope(project: Project) -> ScopeResult:
    """The closed set of least effort among the viable ones, or why there is none.

    Ties, in this order: fewer capabilities, then more value, then (a rule of
    ours, so the answer never depends on the solver's mood) the smallest tuple
    of sorted keys. The rules are stages of one programme: solve, pin the
    optimum as a constraint, and solve for the next rule.
    """
    index = build_index(project)
    conditions = conditions_of(index)
    model = ScopeModel(index, conditions)
    n = index.size

    model.objective(index.expected)
    chosen = model.solve()
    if chosen is None:
        return ScopeResult(False, (), None, explain_infeasible(index, conditions))

    effort = index.total(index.expected, chosen)
    model.add_row(range(n), index.expected, -INF, effort + _slack(effort))
    # Fewer capabilities, then more value, in one solve (each proof of optimality is
    # the costly part): one capability more costs more than all the value there is.
    heavier = math.fsum(index.value) + 1.0
    model.objective([heavier - v for v in index.value])
    chosen = _improved(model, chosen)

    count = len(chosen)
    model.add_row(range(n), [1.0] * n, count, count)
    value = index.total(index.value, chosen)
    model.add_row(range(n), index.value, value - _slack(value), INF)
    # Last, our own deterministic tie-break (the spec stops at value): among the sets
    # still tied, the lexicographically smallest tuple of sorted keys.
    chosen = _first_in_key_order(model, index, chosen)

    keys = index.sorted_keys(chosen)
    return ScopeResult(True, keys, figures_of(index, keys), ())


def _improved(model: ScopeModel, chosen: set[int]) -> set[int]:
    """The next stage's optimum; the last one's set still meets every row, so one exists."""
    found = model.solve(hint=chosen)
    return chosen if found is None else found


def _slack(optimum: float) -> float:
    return TIE_TOLERANCE * max(1.0, abs(optimum))


def _first_in_key_order(model: ScopeModel, index: ProjectIndex, witness: set[int]) -> set[int]:
    """Among the sets the model still allows (all of one size), the smallest tuple of sorted keys.

    With equal sizes, the smallest sorted tuple is the one that takes the
    smallest key it can, then the next smallest it can, and so on. One solve
    first checks whether the witness is the only set left (the usual case);
    otherwise keys are decided in blocks of a few, in key order, each block by
    one solve whose weights 1, 1/2, 1/4… rank the block's patterns exactly in
    that order.
    """
    n = index.size
    if not witness:
        return witness  # the empty set is the only set of its size
    row = model.row_count()
    # another set of the same size: one that leaves out a member of the witness
    model.add_row(sorted(witness), [1.0] * len(witness), -INF, len(witness) - 1.0)
    other = model.solve()
    model.delete_row(row)
    if other is None:
        return witness

    size = len(witness)
    order = sorted(range(n), key=index.keys.__getitem__)
    taken = 0
    for start in range(0, n, _LEX_BLOCK):
        if taken == size:
            break
        block = order[start : start + _LEX_BLOCK]
        weights = [0.0] * n
        for rank, i in enumerate(block):
            weights[i] = 0.5**rank
        model.objective(weights, maximise=True)
        found = model.solve(hint=witness)
        if found is None:  # cannot happen: the witness is still allowed
            break
        witness = found
        for i in block:
            model.fix(i, 1.0 if i in witness else 0.0)
            taken += i in witness
    return witness

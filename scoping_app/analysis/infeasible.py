"""Why no scope is viable: the conditions that cannot be met, alone or together, in words.

Conditions fall in two kinds. The two budgets (latency, monthly cost) are
*downward*: a smaller set never breaks them, so the empty set meets them all.
The others (mandatory capabilities, must-have metrics, value target, severe
risks) are *upward*: a larger set never breaks them, so the whole project, a
closed set, meets all those that can be met one by one. A conflict therefore
always joins at least one budget with at least one upward condition, which
keeps the search for the smallest conflicting combinations short.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from itertools import combinations

from scoping_app.analysis._index import ProjectIndex
from scoping_app.analysis._mip import Condition, ScopeModel
from scoping_app.analysis._text import and_join, money, number, number_pair, risk_label, sentence

# Work allowed to the search by size before falling back to one deletion filter
# (which finds one minimal conflict, though maybe not a smallest one).
_MAX_SOLVES = 150
_MAX_COMBINATIONS = 20_000
_MAX_WITNESSES = 64
_FALLBACK = "No set of capabilities meets all the conditions together."


class _TooMuchWork(Exception):
    pass


@dataclass(frozen=True)
class _Pair:
    """A budget against one upward condition, settled without a solve where possible."""

    feasible: bool
    amount: float | None  # least of the budget's resource the condition needs (not for 'value')
    witness: frozenset[int]  # a closed set meeting the condition with ``amount``


def explain_infeasible(index: ProjectIndex, conditions: Sequence[Condition]) -> tuple[str, ...]:
    """Sentences naming the conditions that cannot be met; never empty."""
    return tuple(_Explainer(index, conditions).reasons()) or (_FALLBACK,)


class _Explainer:
    def __init__(self, index: ProjectIndex, conditions: Sequence[Condition]) -> None:
        self.index = index
        self.conditions = list(conditions)
        self.solves = 0
        self.known: dict[frozenset[int], bool] = {}
        self.witnesses: list[frozenset[int]] = []
        self.pairs: dict[tuple[int, int], _Pair] = {}

    # the answer ---------------------------------------------------------------

    def reasons(self) -> list[str]:
        """Sentences for the conditions impossible alone, then for the smallest conflicts."""
        alone = [i for i, c in enumerate(self.conditions) if not self.alone_feasible(c)]
        out = [self.alone_sentence(self.conditions[i]) for i in alone]
        rest = [i for i in range(len(self.conditions)) if i not in alone]
        # the conditions impossible on their own first; then, if the others still cannot be
        # met together, their smallest conflicts, so that both kinds of trouble are named
        if not self.feasible(frozenset(rest)):
            out.extend(self.conflict_sentence(c) for c in self.smallest_conflicts(rest))
        return out

    def smallest_conflicts(self, rest: list[int]) -> list[frozenset[int]]:
        """Every conflicting combination of the least size (or one minimal one, if too many)."""
        ups = [i for i in rest if self.conditions[i].upward]
        downs = [i for i in rest if not self.conditions[i].upward]
        down_sets = [(d,) for d in downs] + ([tuple(downs)] if len(downs) > 1 else [])
        found: list[frozenset[int]] = []
        examined = 0
        try:
            for size in range(2, len(rest) + 1):
                for down_set in down_sets:
                    for up_set in combinations(ups, size - len(down_set)):
                        examined += 1
                        if examined > _MAX_COMBINATIONS:
                            raise _TooMuchWork
                        combo = frozenset(down_set + up_set)
                        if not self.feasible(combo, limited=True):
                            found.append(combo)
                if found:
                    break
        except _TooMuchWork:
            pass
        return found or [self.deletion_filter(rest)]

    def deletion_filter(self, rest: list[int]) -> frozenset[int]:
        """One minimal conflict: drop, one by one, each condition it survives without."""
        kept = list(rest)
        for i in reversed(rest):
            trial = [j for j in kept if j != i]
            if not self.feasible(frozenset(trial)):
                kept = trial
        return frozenset(kept)

    # feasibility --------------------------------------------------------------

    def alone_feasible(self, condition: Condition) -> bool:
        if condition.kind in ("metric", "risk"):
            return bool(condition.members)
        if condition.kind == "value":
            return condition.holds(self.index, range(self.index.size))
        return True  # the mandatory closure; the empty set for a budget

    def feasible(self, combo: frozenset[int], *, limited: bool = False) -> bool:
        """Whether some closed set meets every condition of the combination."""
        if combo in self.known:
            return self.known[combo]
        conditions = [self.conditions[i] for i in combo]
        ups = [i for i in combo if self.conditions[i].upward]
        downs = [i for i in combo if not self.conditions[i].upward]
        if not all(self.alone_feasible(c) for c in conditions):
            result = False
        elif not ups or not downs:
            result = True
        elif any(not self.pair(d, u).feasible for d in downs for u in ups):
            result = False
        elif len(combo) == 2:
            result = True
        else:
            result = self.witnessed(conditions, ups, downs) or self.solved(conditions, limited)
        self.known[combo] = result
        return result

    def witnessed(self, conditions: list[Condition], ups: list[int], downs: list[int]) -> bool:
        """A set met before, or the union of the cheapest sets per upward condition, does it."""
        index = self.index
        for witness in self.witnesses:
            if all(c.holds(index, witness) for c in conditions):
                return True
        for d in downs:
            union: set[int] = set()
            for u in ups:
                union |= self.pair(d, u).witness
            if all(c.holds(index, union) for c in conditions):
                self.remember(frozenset(union))
                return True
        return False

    def solved(self, conditions: list[Condition], limited: bool) -> bool:
        self.solves += 1
        if limited and self.solves > _MAX_SOLVES:
            raise _TooMuchWork
        found = ScopeModel(self.index, conditions).solve()
        if found is None:
            return False
        self.remember(frozenset(found))
        return True

    def remember(self, witness: frozenset[int]) -> None:
        self.witnesses.insert(0, witness)
        del self.witnesses[_MAX_WITNESSES:]

    def pair(self, down: int, up: int) -> _Pair:
        """Budget ``down`` against upward condition ``up``; cached."""
        if (down, up) in self.pairs:
            return self.pairs[(down, up)]
        index = self.index
        budget_condition = self.conditions[down]
        condition = self.conditions[up]
        column = self._column(budget_condition)
        if condition.kind == "value":
            # a feasibility solve is much quicker than the best value, needed only in words
            found = ScopeModel(index, [budget_condition, condition]).solve()
            result = _Pair(found is not None, None, frozenset(found or ()))
        else:
            seeds = (
                [condition.members]
                if condition.kind == "mandatory"
                else [(m,) for m in condition.members]
            )
            options = [frozenset(index.closure(seed)) for seed in seeds]
            cheapest = min(options, key=lambda s: index.total(column, s))
            result = _Pair(
                budget_condition.holds(index, cheapest), index.total(column, cheapest), cheapest
            )
        self.pairs[(down, up)] = result
        return result

    # words --------------------------------------------------------------------

    def _column(self, budget_condition: Condition) -> tuple[float, ...]:
        return self.index.latency if budget_condition.kind == "latency" else self.index.cost

    def _budget(self, budget_condition: Condition) -> float:
        budget = (
            self.index.latency_budget
            if budget_condition.kind == "latency"
            else self.index.monthly_budget
        )
        assert budget is not None
        return budget

    def _amount(self, budget_condition: Condition, text: str) -> str:
        if budget_condition.kind == "latency":
            return f"{text} ms"
        return money(text, self.index.currency)

    def label(self, condition: Condition, budget_text: str | None = None) -> str:
        index = self.index
        kind = condition.kind
        if kind == "mandatory":
            return "the mandatory capabilities"
        if kind == "metric":
            return f"the must-have metric {condition.name}"
        if kind == "risk":
            return f"the severe risk {risk_label(condition.name)}"
        if kind == "value":
            assert index.value_target is not None
            return f"the value target of {number(index.value_target)}"
        text = budget_text or number(self._budget(condition))
        what = "latency budget" if kind == "latency" else "monthly budget"
        return f"the {what} of {self._amount(condition, text)}"

    def alone_sentence(self, condition: Condition) -> str:
        index = self.index
        if condition.kind == "metric":
            return f"The must-have metric {condition.name} is delivered by no capability."
        if condition.kind == "risk":
            label = risk_label(condition.name)
            return f"The severe risk {label} is mitigated by no capability."
        assert index.value_target is not None
        total = index.total(index.value, range(index.size))
        target_text, total_text = number_pair(index.value_target, total)
        return (
            f"The value target of {target_text} is above the {total_text} "
            "that all capabilities together deliver."
        )

    def conflict_sentence(self, combo: Collection[int]) -> str:
        members = sorted(combo)
        ups = [i for i in members if self.conditions[i].upward]
        downs = [i for i in members if not self.conditions[i].upward]
        if len(ups) == 1 and len(downs) == 1:
            return self.pair_sentence(downs[0], ups[0])
        labels = [self.label(self.conditions[i]) for i in members]
        text = f"{and_join(labels)} cannot all be met together"
        if downs:
            measured = self.conditions[downs[0]]
            others = [self.conditions[i] for i in members if i != downs[0]]
            model = ScopeModel(self.index, others)
            column = self._column(measured)
            model.objective(column)
            least = model.solve()
            if least is not None:
                what = "latency budget" if measured.kind == "latency" else "monthly budget"
                need = number(self.index.total(column, least))
                text += (
                    f": meeting all but the {what} takes at least {self._amount(measured, need)}"
                )
        return sentence(text)

    def pair_sentence(self, down: int, up: int) -> str:
        budget_condition = self.conditions[down]
        condition = self.conditions[up]
        pair = self.pair(down, up)
        budget = self._budget(budget_condition)
        if condition.kind == "value":
            assert self.index.value_target is not None
            model = ScopeModel(self.index, [budget_condition])
            model.objective(self.index.value, maximise=True)
            best = model.solve() or set()  # the empty set always fits a budget
            best_value = self.index.total(self.index.value, best)
            target_text, best_text = number_pair(self.index.value_target, best_value)
            return sentence(
                f"No slice within {self.label(budget_condition)} reaches the value target "
                f"of {target_text} (at most {best_text})"
            )
        assert pair.amount is not None
        budget_text, need_text = number_pair(budget, pair.amount)
        need = self._amount(budget_condition, need_text)
        if condition.kind == "mandatory":
            return sentence(
                f"{self.label(budget_condition, budget_text)} is below the {need} "
                "that the mandatory capabilities need"
            )
        verb = "delivering" if condition.kind == "metric" else "mitigating"
        return sentence(
            f"{self.label(budget_condition, budget_text)} and {self.label(condition)} "
            f"cannot both be met: {verb} it takes at least {need}"
        )

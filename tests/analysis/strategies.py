"""Small random projects for the analysis tests (Hypothesis, so a failure shrinks) and the
brute force they are checked against. Seeded projects of any size: benchmarks/generate.py."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import strategies as st

from scoping_app.analysis.figures import SliceFigures, slice_figures
from scoping_app.domain.enums import RiskStatus
from scoping_app.domain.model import (
    Capability,
    Effort,
    Metric,
    Project,
    ProjectInfo,
    Risk,
)

# Few distinct numbers, so that ties (equal effort, equal value) are frequent.
EFFORTS = [0, 1, 2, 3, 5]
FLAT_EFFORTS = [0, 1, 2]  # one number for all three points: many equal efforts
VALUES = [0, 0, 0.5, 1, 2]
# 0.1 + 0.2 > 0.3 in floating point: the exact test and the solver's tolerance must agree.
LATENCIES = [0, 0, 10, 20, 50, 0.1, 0.2]
LATENCY_BUDGETS = [10, 30, 60, 100, 0.3]
COSTS = [0, 0, 5, 10]
MONTHLY_BUDGETS = [0, 10, 20, 40]
VALUE_TARGETS = [0, 1, 2, 4]
KEY_WORDS = ["alpha", "beta", "gamma", "delta", "eps", "zeta", "eta", "theta", "iota", "kappa"]


# Strategies built once: building them inside the composite costs more than drawing.
_BOOL = st.booleans()
_QUARTER = st.integers(0, 3)  # == 0 one time in four
_THIRD = st.integers(0, 2)
_FLAT = st.sampled_from([None, *FLAT_EFFORTS])
_TIED = st.sampled_from([0, 1])
_SIXTH = st.integers(0, 5)
_BELOW = [st.integers(0, k) for k in range(len(KEY_WORDS) + 1)]
_LIKELIHOOD = st.integers(2, 5)
_IMPACT = st.sampled_from([3, 5])  # 3 x 5 = 15 is exactly severe
_STATUS = st.sampled_from([RiskStatus.OPEN, RiskStatus.OPEN, RiskStatus.ACCEPTED])
_VALUE = st.sampled_from(VALUES)
_LATENCY = st.sampled_from(LATENCIES)
_COST = st.sampled_from(COSTS)
_LATENCY_BUDGET = st.none() | st.sampled_from(LATENCY_BUDGETS)
_MONTHLY_BUDGET = st.none() | st.sampled_from(MONTHLY_BUDGETS)
_VALUE_TARGET = st.none() | st.sampled_from(VALUE_TARGETS)
_KEYS = st.permutations(KEY_WORDS)


@st.composite
def small_projects(draw: st.DrawFn, max_capabilities: int = 8, *, ties: bool = False) -> Project:
    """A project of at most ``max_capabilities`` capabilities over a random prerequisite DAG.

    Keys are shuffled so that key order differs from the project's order, and
    every condition of viability may or may not be set. With ``ties``, every
    effort is 0 or 1 day and every value 0 or 1, so that many sets tie.
    """
    n = draw(_BELOW[min(max_capabilities, len(KEY_WORDS))])
    keys = draw(_KEYS)[:n]
    metrics = [
        Metric(key=f"m{i}", name=f"Metric {i}", must=draw(_BOOL)) for i in range(draw(_BELOW[3]))
    ]
    risks = [
        Risk(
            key=f"r{i}",
            story=f"It failed because of thing {i}.",
            likelihood=draw(_LIKELIHOOD),
            impact=draw(_IMPACT),
            status=draw(_STATUS),
        )
        for i in range(draw(_BELOW[3]))
    ]
    capabilities = []
    for i, key in enumerate(keys):
        flat = draw(_TIED if ties else _FLAT)
        if flat is None:
            likely = draw(_BELOW[len(EFFORTS) - 1])
            optimistic = draw(_BELOW[likely])
            pessimistic = likely + draw(_BELOW[len(EFFORTS) - likely])  # the last step: 9 days
            effort = Effort(
                optimistic=EFFORTS[optimistic],
                likely=EFFORTS[likely],
                pessimistic=EFFORTS[pessimistic] if pessimistic < len(EFFORTS) else 9,
            )
        else:
            effort = Effort.single(flat)
        requires = [k for k in keys[:i] if draw(_QUARTER) == 0][:3]
        capabilities.append(
            Capability(
                key=key,
                name=f"Capability {key.capitalize()}",
                effort=effort,
                value=draw(_TIED if ties else _VALUE),
                latency_ms=draw(_LATENCY),
                monthly_cost=draw(_COST),
                mandatory=draw(_SIXTH) == 0,
                requires=requires,
                delivers=[m.key for m in metrics if draw(_THIRD) == 0],
                mitigates=[r.key for r in risks if draw(_THIRD) == 0],
            )
        )
    info = ProjectInfo(
        name="Random project",
        latency_budget_ms=draw(_LATENCY_BUDGET),
        monthly_budget=draw(_MONTHLY_BUDGET),
        value_target=draw(_VALUE_TARGET),
    )
    return Project(info=info, metrics=metrics, capabilities=capabilities, risks=risks)


def closed_sets(project: Project) -> Iterator[frozenset[str]]:
    """Every set of capabilities that holds the prerequisites of its members (2**n checks)."""
    keys = [c.key for c in project.capabilities]
    requires = {c.key: set(c.requires) for c in project.capabilities}
    for mask in range(1 << len(keys)):
        chosen = frozenset(k for i, k in enumerate(keys) if mask >> i & 1)
        if all(requires[k] <= chosen for k in chosen):
            yield chosen


def brute_force_smallest(project: Project, tie: float = 1e-7) -> SliceFigures | None:
    """The spec's smallest viable scope, by trying every closed set.

    Least effort; ties (within ``tie`` relative, for floating-point noise):
    fewer capabilities, then more value, then the smallest tuple of sorted keys.
    """
    viable = [f for f in (slice_figures(project, s) for s in closed_sets(project)) if f.viable]
    if not viable:
        return None
    least = min(f.effort for f in viable)
    viable = [f for f in viable if f.effort <= least + tie * max(1.0, abs(least))]
    fewest = min(len(f.closure) for f in viable)
    viable = [f for f in viable if len(f.closure) == fewest]
    most = max(f.value for f in viable)
    viable = [f for f in viable if f.value >= most - tie * max(1.0, abs(most))]
    return min(viable, key=lambda f: f.closure)

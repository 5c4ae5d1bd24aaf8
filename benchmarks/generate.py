"""Seeded random projects: the one generator of the benchmarks and of the tests that need a
project of a given size (layout, optimizer, store, PDF). The property tests that must shrink
a failing case draw theirs with Hypothesis (tests/strategies.py, tests/analysis/strategies.py).

uv run python -m benchmarks.generate OUT.scope.json [--capabilities 400] [--seed 7]

``--capabilities N`` sizes the project as :func:`sized_project` does: about 3N dependencies;
the default, 400, is :func:`large_project` with its defaults, the project of the speed table;
2000 is the project the scale targets are measured on (6,000 dependencies).
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

from scoping_app.domain.enums import Category, DataStatus, Industry, MetricKind, Pattern, RiskCause
from scoping_app.domain.model import (
    Capability,
    DataSource,
    Effort,
    FailureMode,
    Metric,
    ProcessStep,
    Project,
    ProjectInfo,
    Risk,
    Slice,
)

WORDS = [
    "ingest",
    "index",
    "rank",
    "answer",
    "route",
    "score",
    "cache",
    "audit",
    "redact",
    "label",
    "review",
    "monitor",
    "alert",
    "extract",
    "classify",
    "forecast",
    "recommend",
    "translate",
    "summarise",
    "search",
    "embed",
    "tune",
    "serve",
]


def large_project(
    *,
    capabilities: int = 400,
    dependencies: int = 1200,
    metrics: int = 60,
    risks: int = 150,
    slices: int = 12,
    data_sources: int = 40,
    seed: int = 7,
) -> Project:
    """A random but plausible project whose smallest viable scope exists.

    The same arguments give the same project. ``dependencies`` is capped at what the
    subsystems below allow, so small projects (a handful of capabilities) work too.
    """
    rng = random.Random(seed)
    sources = [
        DataSource(
            key=f"d{i}",
            name=f"Source {i}: {rng.choice(WORDS)} records",
            status=rng.choice(list(DataStatus)),
            records=rng.randint(100, 2_000_000),
            refresh=rng.choice(["daily", "weekly", ""]),
            quality=rng.choice([None, 1, 2, 3, 4, 5]),
            pii=rng.random() < 0.3,
        )
        for i in range(data_sources)
    ]
    metric_list = [
        Metric(
            key=f"m{i}",
            name=f"Metric {i}",
            kind=rng.choice(list(MetricKind)),
            unit="%",
            baseline=rng.uniform(0, 50),
            target=rng.uniform(50, 100),
            method="Weekly sample review",
            must=i < metrics // 6,
        )
        for i in range(metrics)
    ]
    risk_list = [
        Risk(
            key=f"r{i}",
            cause=rng.choice(list(RiskCause)),
            story=f"It failed because {rng.choice(WORDS)} went wrong ({i}).",
            likelihood=rng.randint(1, 5),
            impact=rng.randint(1, 5),
        )
        for i in range(risks)
    ]
    keys = [f"c{i:03d}" for i in range(capabilities)]
    requires: dict[str, set[str]] = {k: set() for k in keys}
    # Capabilities come in subsystems of 20; the first subsystem is a shared platform.
    # A capability requires earlier ones of its own subsystem, or platform ones, as in a
    # real system, so closures stay a few dozen capabilities deep rather than everything.
    group = 20
    allowed = sum(b if b < group else group + b % group for b in range(capabilities))
    pairs = 0
    while pairs < min(dependencies, allowed):
        b = rng.randrange(capabilities)
        start = b - b % group
        if rng.random() < 0.2 or b % group == 0:
            a = rng.randrange(min(group, capabilities))
        else:
            a = rng.randrange(start, b)
        if a >= b or keys[a] in requires[keys[b]]:
            continue
        requires[keys[b]].add(keys[a])
        pairs += 1
    deliverers: dict[str, list[str]] = {m.key: [] for m in metric_list}
    mitigators: dict[str, list[str]] = {r.key: [] for r in risk_list}
    caps = []
    for i, key in enumerate(keys):
        likely = rng.choice([1, 2, 3, 5, 8, 13])
        delivers = rng.sample([m.key for m in metric_list], k=rng.choice([0, 0, 1, 2]))
        mitigates = rng.sample([r.key for r in risk_list], k=rng.choice([0, 0, 0, 1, 2]))
        for m in delivers:
            deliverers[m].append(key)
        for r in mitigates:
            mitigators[r].append(key)
        caps.append(
            Capability(
                key=key,
                name=f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} {i}",
                category=rng.choice(list(Category)),
                effort=Effort(
                    optimistic=likely * 0.6, likely=likely, pessimistic=likely * rng.uniform(1, 3)
                ),
                value=rng.choice([0, 0, 1, 2, 3, 5, 8]),
                latency_ms=rng.choice([0, 0, 0, 5, 10, 20, 40]),
                monthly_cost=rng.choice([0, 0, 20, 50, 100, 300]),
                mandatory=i % 97 == 13,
                requires=sorted(requires[key]),
                delivers=delivers,
                uses_data=rng.sample([s.key for s in sources], k=rng.choice([0, 1, 2])),
                mitigates=mitigates,
            )
        )
    # every must metric and severe risk has at least one deliverer or mitigator
    for metric in metric_list:
        if metric.must and not deliverers[metric.key]:
            caps[rng.randrange(capabilities)].delivers.append(metric.key)
    for risk in risk_list:
        if risk.severe and not mitigators[risk.key]:
            caps[rng.randrange(capabilities)].mitigates.append(risk.key)
    modes = [
        FailureMode(
            key=f"f{i}",
            capability=rng.choice(keys),
            description="Wrong output under load",
            likelihood=rng.randint(1, 5),
            impact=rng.randint(1, 5),
        )
        for i in range(capabilities // 4)
    ]
    slice_list = [
        Slice(
            key=f"s{i}",
            name=f"Slice {i}",
            capabilities=rng.sample(
                keys, k=rng.randint(min(5, capabilities), min(60, capabilities))
            ),
        )
        for i in range(slices)
    ]
    steps = [ProcessStep(key=f"p{i}", name=f"Step {i}", volume_per_day=100) for i in range(8)]
    info = ProjectInfo(
        name=f"Generated project ({capabilities} capabilities, seed {seed})",
        industry=Industry.FINTECH,
        pattern=Pattern.RAG,
        latency_budget_ms=capabilities * 8,
        monthly_budget=capabilities * 60,
        monthly_value=capabilities * 200,
        value_target=capabilities / 10,
    )
    return Project(
        info=info,
        process_steps=steps,
        data_sources=sources,
        metrics=metric_list,
        capabilities=caps,
        failure_modes=modes,
        risks=risk_list,
        slices=slice_list,
    )


def sized_project(capabilities: int, *, seed: int = 7) -> Project:
    """A generated project of ``capabilities`` capabilities with 3 dependencies, 0.15 metrics
    and 0.375 risks each (at least 6 metrics and 10 risks): ``sized_project(400)`` is
    ``large_project()``, ``sized_project(2000)`` has 6,000 dependencies."""
    return large_project(
        capabilities=capabilities,
        dependencies=capabilities * 3,
        metrics=max(6, capabilities * 3 // 20),
        risks=max(10, capabilities * 3 // 8),
        seed=seed,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--capabilities", type=int, default=400)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    from scoping_app.store.exporting import write_file

    project = sized_project(args.capabilities, seed=args.seed)
    write_file(project, args.out)
    print(f"Wrote {args.out}")


if __name__ == "__main__":
    main()

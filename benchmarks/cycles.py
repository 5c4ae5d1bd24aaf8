"""Timings of the prerequisite cycle check, hand-written against networkx; used by
benchmarks/run.py.

Every edit and every import checks the whole project for a cycle
(:func:`scoping_app.domain.validation.find_cycle`). These rows keep the figure that
decided to keep that search hand-written rather than call networkx from the domain.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import networkx as nx

from scoping_app.domain.model import Project
from scoping_app.domain.validation import find_cycle

Timer = Callable[[Callable[[], object], int], float]


def networkx_cycle(requires: Mapping[str, Sequence[str]]) -> list[str] | None:
    """The same answer as :func:`find_cycle`, from ``nx.find_cycle`` on a graph built for it."""
    graph = nx.DiGraph()
    graph.add_nodes_from(requires)
    graph.add_edges_from((a, b) for a, keys in requires.items() for b in keys if b in requires)
    try:
        return [a for a, _ in nx.find_cycle(graph)]
    except nx.NetworkXNoCycle:
        return None


def networkx_dag_test(requires: Mapping[str, Sequence[str]]) -> bool:
    """Only whether there is a cycle, from ``nx.is_directed_acyclic_graph``."""
    graph = nx.DiGraph()
    graph.add_nodes_from(requires)
    graph.add_edges_from((a, b) for a, keys in requires.items() for b in keys if b in requires)
    return not nx.is_directed_acyclic_graph(graph)


def cycle_rows(project: Project, repeat: int, median_ms: Timer) -> list[tuple[str, float]]:
    """Rows for the speed table: one cycle check of the whole project, three ways."""
    requires = {c.key: list(c.requires) for c in project.capabilities}
    assert find_cycle(requires) is None and networkx_cycle(requires) is None
    return [
        (
            "cycle check of every prerequisite, hand-written (domain find_cycle)",
            median_ms(lambda: find_cycle(requires), repeat),
        ),
        (
            "the same with networkx (nx.find_cycle)",
            median_ms(lambda: networkx_cycle(requires), repeat),
        ),
        (
            "whether there is a cycle, with networkx (nx.is_directed_acyclic_graph)",
            median_ms(lambda: networkx_dag_test(requires), repeat),
        ),
    ]

"""The dependency graph, the cycle an edit would close, and the layered layout."""

from __future__ import annotations

import itertools
import random

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from benchmarks.generate import large_project
from scoping_app.analysis import graph
from scoping_app.analysis._index import build_index
from scoping_app.analysis.figures import closure
from scoping_app.analysis.graph import (
    LayeredLayout,
    _Layering,
    cycle_if_added,
    dependency_graph,
    layered_layout,
    picks_needing,
)
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.domain.validation import find_cycle
from tests.analysis.strategies import small_projects


def test_dependency_graph_of_the_example(example_project: Project) -> None:
    graph = dependency_graph(example_project)
    assert list(graph) == [c.key for c in example_project.capabilities]
    assert graph.number_of_edges() == sum(len(c.requires) for c in example_project.capabilities)
    assert graph.has_edge("kb_ingest", "index")  # index requires kb_ingest
    assert not graph.has_edge("index", "kb_ingest")
    assert graph.nodes["pii_redaction"]["name"] == "PII redaction"
    assert graph.nodes["pii_redaction"]["mandatory"] is True
    assert graph.nodes["audit_log"]["expected_effort"] == (2 + 4 * 3 + 5) / 6
    assert nx.is_directed_acyclic_graph(graph)
    assert set(nx.ancestors(graph, "agent_panel")) == {"answer_llm", "index", "kb_ingest"}


def test_cycle_if_added_on_the_example(example_project: Project) -> None:
    # agent_panel -> answer_llm -> index -> kb_ingest already; kb_ingest -> agent_panel closes it
    assert cycle_if_added(example_project, "kb_ingest", "agent_panel") == [
        "kb_ingest",
        "agent_panel",
        "answer_llm",
        "index",
    ]
    assert cycle_if_added(example_project, "index", "index") == ["index"]
    assert cycle_if_added(example_project, "agent_panel", "kb_ingest") is None  # already implied
    assert cycle_if_added(example_project, "kb_ingest", "ticket_export") is None
    assert cycle_if_added(example_project, "kb_ingest", "no_such_key") is None


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=10), st.data())
def test_cycle_if_added_matches_reachability(project: Project, data: st.DataObject) -> None:
    keys = [c.key for c in project.capabilities]
    if not keys:
        return
    capability = data.draw(st.sampled_from(keys))
    prerequisite = data.draw(st.sampled_from(keys))
    cycle = cycle_if_added(project, capability, prerequisite)
    graph = dependency_graph(project)
    # a cycle closes when the prerequisite already (transitively) requires the capability
    closes = capability == prerequisite or nx.has_path(graph, capability, prerequisite)
    assert (cycle is not None) == closes
    if cycle is None:
        return
    requires = {c.key: set(c.requires) for c in project.capabilities}
    requires[capability].add(prerequisite)
    assert cycle[0] == capability
    assert cycle[1 % len(cycle)] == prerequisite
    assert len(set(cycle)) == len(cycle)
    for i, key in enumerate(cycle):  # find_cycle's convention: each requires the next
        assert cycle[(i + 1) % len(cycle)] in requires[key]
    assert find_cycle({k: sorted(v) for k, v in requires.items()}) is not None


def test_picks_needing_on_the_example(example_project: Project) -> None:
    picks = ["agent_panel", "kb_ingest", "index", "ticket_export"]
    # agent_panel needs index through answer_llm; index needs it directly; not itself
    assert picks_needing(example_project, picks, "index") == ["agent_panel"]
    assert picks_needing(example_project, picks, "kb_ingest") == ["agent_panel", "index"]
    assert picks_needing(example_project, picks, "agent_panel") == []
    assert picks_needing(example_project, picks, "no_such_key") == []


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=10), st.data())
def test_picks_needing_are_the_picks_whose_closure_holds_it(
    project: Project, data: st.DataObject
) -> None:
    keys = [c.key for c in project.capabilities]
    if not keys:
        return
    picks = data.draw(st.lists(st.sampled_from(keys), unique=True))
    capability = data.draw(st.sampled_from(keys))
    expected = [k for k in picks if k != capability and capability in closure(project, [k])]
    assert picks_needing(project, picks, capability) == expected


def check_layout(project: Project, layout: LayeredLayout) -> None:
    keys = [c.key for c in project.capabilities]
    placed = [key for layer in layout.layers for key in layer]
    assert sorted(placed) == sorted(keys)  # every capability exactly once
    assert all(layout.layers)  # no empty layer
    for capability in project.capabilities:
        layer, _ = layout.position(capability.key)
        below = [layout.position(p)[0] for p in capability.requires]
        # longest path from a source: one right of its highest prerequisite
        assert layer == (max(below) + 1 if below else 0)
    for layer_number, layer in enumerate(layout.layers):
        for row, key in enumerate(layer):
            assert layout.position(key) == (layer_number, row)


def test_layout_of_the_example(example_project: Project) -> None:
    layout = layered_layout(example_project)
    check_layout(example_project, layout)
    assert layout.position("kb_ingest")[0] == 0
    assert layout.position("agent_panel")[0] == 3
    assert layered_layout(example_project) == layout  # deterministic


def test_a_layout_is_remembered_for_the_same_dependencies(
    example_project: Project, monkeypatch: pytest.MonkeyPatch
) -> None:
    from collections import OrderedDict

    from scoping_app.domain import edits

    monkeypatch.setattr(graph, "_REMEMBERED", OrderedDict())
    layout = graph.remembered_layout(example_project)
    assert layout == layered_layout(example_project)
    renamed = example_project.model_copy(deep=True)
    edits.set_fields(renamed, "capabilities", "index", name="Vector index")
    assert graph.remembered_layout(renamed) is layout  # a name is not a dependency
    relinked = example_project.model_copy(deep=True)
    edits.set_fields(relinked, "capabilities", "agent_panel", requires=["kb_ingest"])
    other = graph.remembered_layout(relinked)
    assert other is not layout and other == layered_layout(relinked)
    graph.forget_layouts()
    assert graph.remembered_layout(example_project) is not layout
    layout = graph.remembered_layout(example_project)
    for number in range(graph._REMEMBERED_MOST):  # the oldest is forgotten first
        single = Capability(key=f"c{number}", name="C", effort={"likely": 1})
        graph.remembered_layout(Project(info=ProjectInfo(name="P"), capabilities=[single]))
    assert graph.remembered_layout(example_project) is not layout


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_projects(max_capabilities=10))
def test_layout_puts_prerequisites_left_of_what_needs_them(project: Project) -> None:
    check_layout(project, layered_layout(project))


def test_a_cycle_shares_one_layer() -> None:
    # only an invalid project has a cycle; its layout still places every capability once
    project = Project(
        info=ProjectInfo(name="Circle"),
        capabilities=[
            Capability(key="a", name="A", requires=["b"]),
            Capability(key="b", name="B", requires=["a"]),
            Capability(key="c", name="C", requires=["a"]),
            Capability(key="d", name="D"),
        ],
    )
    assert layered_layout(project).layers == (("a", "b", "d"), ("c",))


def test_barycenter_removes_a_simple_crossing() -> None:
    project = Project(
        info=ProjectInfo(name="Cross"),
        capabilities=[
            Capability(key="a", name="A"),
            Capability(key="b", name="B"),
            Capability(key="c", name="C", requires=["b"]),
            Capability(key="d", name="D", requires=["a"]),
        ],
    )
    layering = _Layering(build_index(project))
    assert layering.crossings(layering.initial) == 1  # a-d and b-c cross in project order
    layout = layered_layout(project)
    assert layering.crossings(layering.ordered()) == 0
    assert layout.layers in ((("a", "b"), ("d", "c")), (("b", "a"), ("c", "d")))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(5, 60), st.integers(0, 3))
def test_ordering_never_adds_crossings(seed: int, size: int, density: int) -> None:
    project = large_project(seed=seed, capabilities=size, dependencies=size * density // 2 + size)
    layering = _Layering(build_index(project))
    assert layering.crossings(layering.ordered()) <= layering.crossings(layering.initial)
    check_layout(project, layered_layout(project))


def test_crossings_are_counted_right() -> None:
    # three edges from rows 0, 1, 2 to rows 2, 1, 0: every pair crosses
    project = Project(
        info=ProjectInfo(name="Fan"),
        capabilities=[
            Capability(key="a", name="A"),
            Capability(key="b", name="B"),
            Capability(key="c", name="C"),
            Capability(key="x", name="X", requires=["c"]),
            Capability(key="y", name="Y", requires=["b"]),
            Capability(key="z", name="Z", requires=["a"]),
        ],
    )
    layering = _Layering(build_index(project))
    assert layering.crossings(layering.initial) == 3
    assert layering.crossings([[0, 1, 2], [5, 4, 3]]) == 0


def _crossed_pairs(layering: _Layering, order: list[list[int]]) -> int:
    """Crossings counted pair of edges by pair of edges, straight from the definition."""
    row = {v: r for layer in order for r, v in enumerate(layer)}
    total = 0
    for upper, lower in itertools.pairwise(order):
        below = set(lower)
        edges = [(row[a], row[b]) for a in upper for b in layering.down[a] if b in below]
        total += sum(
            1
            for i, (t1, b1) in enumerate(edges)
            for t2, b2 in edges[i + 1 :]
            if (t1 - t2) * (b1 - b2) < 0
        )
    return total


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 10_000), st.integers(2, 50), st.integers(0, 4), st.randoms())
def test_crossings_match_a_count_pair_by_pair(
    seed: int, size: int, density: int, rng: random.Random
) -> None:
    project = large_project(seed=seed, capabilities=size, dependencies=size * density)
    layering = _Layering(build_index(project))
    shuffled = [rng.sample(layer, len(layer)) for layer in layering.initial]
    for order in (layering.initial, shuffled, layering.ordered()):
        assert layering.crossings(order) == _crossed_pairs(layering, order)


def test_large_layout_is_sound() -> None:
    project = large_project(seed=3, capabilities=400, dependencies=1200)
    layout = layered_layout(project)
    check_layout(project, layout)
    layering = _Layering(build_index(project))
    assert layering.crossings(layering.ordered()) < layering.crossings(layering.initial)


def _chain_with_links_across(length: int, span: int) -> Project:
    """c0 <- c1 <- … in a chain; each capability also requires the one ``span`` links back."""
    return Project(
        info=ProjectInfo(name="Chain"),
        capabilities=[
            Capability(
                key=f"c{i}",
                name=f"C {i}",
                requires=[f"c{j}" for j in (i - 1, i - span) if j >= 0][: 1 if span == 1 else 2],
            )
            for i in range(length)
        ],
    )


def test_long_links_beyond_the_placeholder_budget_are_left_out_of_the_ordering(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    project = _chain_with_links_across(60, 10)  # 50 links skipping 9 layers: 450 placeholders
    assert _Layering(build_index(project)).size == 60 + 450
    monkeypatch.setattr(graph, "_PLACEHOLDERS", 449)
    layering = _Layering(build_index(project))
    assert layering.size == 60  # every long link left out; the chain alone orders the rows
    check_layout(project, layered_layout(project))
    monkeypatch.setattr(graph, "_PLACEHOLDERS", 450)
    assert _Layering(build_index(project)).size == 60 + 450

"""The capability dependency graph (networkx, loaded only for the plan and for a cycle), what
needs a capability, the cycle an edit would close, and the graph's layered layout."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

from scoping_app.analysis._index import ProjectIndex, build_index
from scoping_app.domain.model import Project
from scoping_app.domain.validation import find_cycle

if TYPE_CHECKING:
    import networkx as nx

# At most this many barycenter sweeps (right then left); gains rarely last beyond three.
_SWEEPS = 8
# At most this many placeholders: the generated 2,000-capability project needs 18,000; a
# long chain with thousands of links across it would need millions (seconds of sweeps)
_PLACEHOLDERS = 50_000


def dependency_graph(project: Project) -> nx.DiGraph:
    """Nodes are capability keys; an edge a -> b means b requires a (prerequisite first)."""
    import networkx as nx  # for the plan's graph pages only: the window never loads it

    graph: nx.DiGraph[str] = nx.DiGraph()
    for capability in project.capabilities:
        graph.add_node(
            capability.key,
            name=capability.name,
            category=capability.category,
            mandatory=capability.mandatory,
            expected_effort=capability.effort.expected,
            value=capability.value,
            latency_ms=capability.latency_ms,
            monthly_cost=capability.monthly_cost,
        )
    for capability in project.capabilities:
        for prerequisite in capability.requires:
            if prerequisite in graph:
                graph.add_edge(prerequisite, capability.key)
    return graph


def picks_needing(project: Project, picks: Iterable[str], capability: str) -> list[str]:
    """The ``picks`` other than ``capability`` that need it, directly or through other
    prerequisites (those whose closure holds it), in the order of ``picks``."""
    dependants: dict[str, list[str]] = {}
    for item in project.capabilities:
        for prerequisite in item.requires:
            dependants.setdefault(prerequisite, []).append(item.key)
    needing: set[str] = set()
    waiting = [capability]
    while waiting:
        for dependant in dependants.get(waiting.pop(), ()):
            if dependant not in needing:
                needing.add(dependant)
                waiting.append(dependant)
    needing.discard(capability)  # only through a cycle, which a valid project has not
    return [key for key in picks if key in needing]


def cycle_if_added(project: Project, capability: str, prerequisite: str) -> list[str] | None:
    """The cycle that 'capability requires prerequisite' would close, or None.

    Keys as :func:`find_cycle` gives them (each requires the next, the last the
    first), starting with ``capability`` and then ``prerequisite``. A
    capability requiring itself is a cycle of one.
    """
    if capability == prerequisite:
        return [capability]
    requires = {c.key: list(c.requires) for c in project.capabilities}
    if capability not in requires or prerequisite not in requires:
        return None
    # The search starts at the capability, whose only way out is the new edge: in an
    # acyclic project the first cycle found is the one through that edge, from it.
    trial: dict[str, list[str]] = {capability: [prerequisite]}
    trial.update((key, keys) for key, keys in requires.items() if key != capability)
    cycle = find_cycle(trial)
    if cycle is None or cycle[0] != capability:
        return None  # only a cycle the project already had (it would not pass validation)
    return cycle


@dataclass(frozen=True)
class LayeredLayout:
    """Layers left to right (prerequisites in lower layers); each layer ordered top to bottom."""

    layers: tuple[tuple[str, ...], ...]

    def position(self, key: str) -> tuple[int, int]:
        """(layer, row) of a capability."""
        return self._positions[key]

    @cached_property
    def _positions(self) -> dict[str, tuple[int, int]]:
        return {
            key: (layer, row)
            for layer, keys in enumerate(self.layers)
            for row, key in enumerate(keys)
        }


def layered_layout(project: Project) -> LayeredLayout:
    """A Sugiyama-style layout: longest-path layers, rows ordered by barycenter sweeps.

    A capability's layer is the length of the longest chain of prerequisites
    below it, so every prerequisite sits left of what needs it. Edges that skip
    layers get a placeholder in each layer they cross while the rows are
    ordered, so long edges weigh in the ordering too; the placeholders are
    dropped from the answer. Rows start in the project's order; each sweep
    sorts every layer by the mean row of its neighbours in the layer before
    (going right), then in the layer after (going left). Sweeps stop when one
    no longer removes crossings, and the order with the fewest crossings is
    kept, so the result never has more crossings than the start. Ties keep the
    current order: the layout is deterministic. Should the placeholders number
    more than 50,000 (a long chain with thousands of links across it), the
    longest edges are left out of the ordering, as few as keep them within it.
    """
    layering = _Layering(build_index(project))
    order = layering.ordered()
    keys = layering.index.keys
    return LayeredLayout(
        tuple(tuple(keys[v] for v in layer if v < layering.real) for layer in order)
    )


Structure = tuple[tuple[str, tuple[str, ...]], ...]  # each capability's key and prerequisites

_REMEMBERED: OrderedDict[Structure, LayeredLayout] = OrderedDict()
_REMEMBERED_MOST = 4
_REMEMBERED_LOCK = threading.Lock()


def remembered_layout(project: Project) -> LayeredLayout:
    """:func:`layered_layout`, remembered for the last few dependency structures (the
    capabilities' keys in order and what each requires, all the layout depends on).

    The window lays a project out on a worker once it is open, so that the graph's first
    showing finds it here; an edit that leaves the dependencies as they were finds it too.
    """
    structure: Structure = tuple((c.key, tuple(c.requires)) for c in project.capabilities)
    with _REMEMBERED_LOCK:
        layout = _REMEMBERED.get(structure)
        if layout is not None:
            _REMEMBERED.move_to_end(structure)
            return layout
    layout = layered_layout(project)
    with _REMEMBERED_LOCK:
        _REMEMBERED[structure] = layout
        while len(_REMEMBERED) > _REMEMBERED_MOST:
            _REMEMBERED.popitem(last=False)
    return layout


def forget_layouts() -> None:
    """Forget every remembered layout (the next :func:`remembered_layout` lays out anew)."""
    with _REMEMBERED_LOCK:
        _REMEMBERED.clear()


class _Layering:
    """The layered graph with placeholders; nodes are ints, capabilities first.

    Rows are numpy arrays: with a placeholder for every layer a long edge skips,
    a 400-capability project easily has thousands of nodes, and the sweeps and
    crossing counts must stay well under a tenth of a second.
    """

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self.real = index.size
        level = _longest_path_layers(index)
        longest = _longest_skip(level, index.requires, _PLACEHOLDERS)
        up: list[list[int]] = [[] for _ in range(self.real)]
        down: list[list[int]] = [[] for _ in range(self.real)]
        for b, prerequisites in enumerate(index.requires):
            for a in prerequisites:
                if level[a] >= level[b]:
                    continue  # only on a cycle (an invalid project): leave the edge out
                if level[b] - level[a] - 1 > longest:
                    continue  # too long to follow layer by layer (see _longest_skip)
                previous = a
                for between in range(level[a] + 1, level[b]):
                    placeholder = len(level)
                    level.append(between)
                    up.append([previous])
                    down.append([])
                    down[previous].append(placeholder)
                    previous = placeholder
                up[b].append(previous)
                down[previous].append(b)
        self.size = len(level)
        self.down = down  # each node's neighbours in the next layer
        depth = max(level, default=-1) + 1
        self.initial: list[list[int]] = [[] for _ in range(depth)]
        for v, layer in enumerate(level):  # capabilities in project order, then placeholders
            self.initial[layer].append(v)
        self._members = [np.array(layer, dtype=np.int64) for layer in self.initial]
        self._up = [_Neighbours.of(layer, up) for layer in self.initial]
        self._down = [_Neighbours.of(layer, down) for layer in self.initial]
        self._edges = _Edges.of(self._members, self._down)

    def crossings(self, order: Sequence[Sequence[int]]) -> int:
        """Edge crossings between neighbouring layers of an ordering."""
        row = np.zeros(self.size, dtype=np.int64)
        for layer in order:
            row[np.asarray(layer, dtype=np.int64)] = np.arange(len(layer))
        return self._crossings(row)

    def ordered(self) -> list[list[int]]:
        """The ordering with the fewest crossings among the start and each sweep."""
        order = [members.copy() for members in self._members]
        row = np.zeros(self.size, dtype=np.int64)
        for members in order:
            row[members] = np.arange(len(members))
        best, best_crossings = [layer.copy() for layer in order], self._crossings(row)
        depth = len(order)
        for _ in range(_SWEEPS):
            if best_crossings == 0:
                break
            before = row.copy()
            for i in range(1, depth):
                order[i] = self._sorted(i, row, self._up[i])
            for i in range(depth - 2, -1, -1):
                order[i] = self._sorted(i, row, self._down[i])
            crossings = self._crossings(row)
            if crossings >= best_crossings or np.array_equal(row, before):
                break  # the sweeps have settled (they rarely gain after the first few)
            best, best_crossings = [layer.copy() for layer in order], crossings
        return [layer.tolist() for layer in best]

    def _sorted(self, i: int, row: np.ndarray, neighbours: _Neighbours) -> np.ndarray:
        """Layer i by the mean row of each node's neighbours (ties: current row); updates row."""
        nodes = self._members[i]
        current = row[nodes]
        sums = np.bincount(neighbours.owner, weights=row[neighbours.node], minlength=len(nodes))
        counts = neighbours.count
        # a node nothing pulls stays where it is
        barycenter = np.where(counts > 0, sums / np.maximum(counts, 1), current)
        ordered = nodes[np.lexsort((current, barycenter))]
        row[ordered] = np.arange(len(ordered))
        return ordered

    def _crossings(self, row: np.ndarray) -> int:
        return self._edges.crossings(row)


@dataclass(frozen=True)
class _Neighbours:
    """Neighbours of one layer's nodes in the next layer up or down, flattened."""

    owner: np.ndarray  # position in the layer's member list, one per neighbour entry
    node: np.ndarray  # the neighbour
    count: np.ndarray  # neighbours per member

    @classmethod
    def of(cls, layer: list[int], adjacency: list[list[int]]) -> _Neighbours:
        counts = [len(adjacency[v]) for v in layer]
        return cls(
            owner=np.repeat(np.arange(len(layer), dtype=np.int64), counts),
            node=np.array([u for v in layer for u in adjacency[v]], dtype=np.int64),
            count=np.array(counts, dtype=np.int64),
        )


@dataclass(frozen=True)
class _Edges:
    """Every edge between neighbouring layers, pair of layers after pair of layers, to count
    the crossings of all of them at once.

    Rows are offset by the rows of the layers before, so that the ends of a later
    pair's edges all lie below those of an earlier pair: edges of different pairs of
    layers can then never look crossed.
    """

    top: np.ndarray  # the upper end (lower layer) of each edge
    bottom: np.ndarray  # the other end, in the next layer
    top_offset: np.ndarray  # rows of every layer before the top's, one per edge
    bottom_offset: np.ndarray

    @classmethod
    def of(cls, members: list[np.ndarray], down: list[_Neighbours]) -> _Edges:
        starts = np.cumsum([0, *(len(layer) for layer in members)])
        pairs = range(len(members) - 1)
        counts = [len(down[i].node) for i in pairs]
        return cls(
            top=np.concatenate([members[i][down[i].owner] for i in pairs] or [_NONE]),
            bottom=np.concatenate([down[i].node for i in pairs] or [_NONE]),
            top_offset=np.repeat(starts[: len(counts)], counts).astype(np.int64),
            bottom_offset=np.repeat(starts[1 : len(counts) + 1], counts).astype(np.int64),
        )

    def crossings(self, row: np.ndarray) -> int:
        """Two edges cross when one starts above the other and ends below it: with the edges
        sorted by their upper end, then their other end, the pairs out of order among the
        other ends."""
        tops = row[self.top] + self.top_offset
        bottoms = row[self.bottom] + self.bottom_offset
        return _inversions(bottoms[np.lexsort((bottoms, tops))])


_NONE = np.zeros(0, dtype=np.int64)


def _inversions(values: np.ndarray) -> int:
    """The pairs i < j with values[i] > values[j], by a merge sort done a level at a time.

    At each level the sorted runs of ``width`` are merged in pairs; for every value of a
    right run, the values of its left run above it are counted with one binary search,
    all runs at once (each run's values shifted by its block number times ``big``).
    """
    n = len(values)
    if n < 2:
        return 0
    runs = values.astype(np.int64)
    big = int(runs.max()) + 1
    position = np.arange(n, dtype=np.int64)
    total = 0
    width = 1
    while width < n:
        shift = position // (2 * width) * big
        keys = runs + shift
        left = (position // width) % 2 == 0
        left_keys, right_keys = keys[left], keys[~left]
        # left values of the same block: those below the next block's start, minus those <= it
        ends = np.searchsorted(left_keys, right_keys - right_keys % big + big, side="left")
        total += int((ends - np.searchsorted(left_keys, right_keys, side="right")).sum())
        runs = np.sort(keys) - shift
        width *= 2
    return total


def _longest_skip(level: list[int], requires: Sequence[Sequence[int]], most: int) -> int:
    """The most layers an edge may skip, so that the placeholders number at most ``most``.

    Every edge when they fit (the usual case); else the longest edges are left out, as
    few as needed: all the edges skipping the same number of layers go together.
    """
    edges_skipping: dict[int, int] = {}
    for b, prerequisites in enumerate(requires):
        for a in prerequisites:
            skip = level[b] - level[a] - 1
            if skip > 0:
                edges_skipping[skip] = edges_skipping.get(skip, 0) + 1
    longest, total = 0, 0
    for skip in sorted(edges_skipping):
        total += skip * edges_skipping[skip]
        if total > most:
            return longest
        longest = skip
    return len(level)  # more than any edge skips


def _longest_path_layers(index: ProjectIndex) -> list[int]:
    """Layer of each capability: 0 without prerequisites, else 1 + the highest prerequisite's.

    These are networkx's topological generations (a node joins the generation after the
    last of its prerequisites), walked here in the index's prerequisites-first order,
    which takes a tenth of the time of building the networkx graph. A cycle (only in an
    invalid project) puts its members in one layer: the generations are then those of
    the strongly connected sets, from networkx.
    """
    requires = index.requires
    level = [0] * index.size
    for node in index.order:
        level[node] = max((level[p] + 1 for p in requires[node]), default=0)
    # in prerequisites-first order every link goes up a layer; only a cycle breaks that
    if any(level[a] >= level[b] for b, prerequisites in enumerate(requires) for a in prerequisites):
        return _generations_of_strong_sets(requires)
    return level


def _generations_of_strong_sets(requires: Sequence[Sequence[int]]) -> list[int]:
    """The topological generations of the strongly connected sets, members sharing a layer."""
    import networkx as nx  # only for an invalid project, one with a cycle

    graph: nx.DiGraph[int] = nx.DiGraph()
    graph.add_nodes_from(range(len(requires)))
    graph.add_edges_from(
        (p, node) for node, prerequisites in enumerate(requires) for p in prerequisites
    )
    level = [0] * len(requires)
    condensed = nx.condensation(graph)
    for layer, sets in enumerate(nx.topological_generations(condensed)):
        for node in (n for s in sets for n in condensed.nodes[s]["members"]):
            level[node] = layer
    return level

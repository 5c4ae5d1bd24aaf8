"""The capability dependency graph (networkx), and its layered layout.

CONTRACT STUB: the signatures below are fixed; the analysis work fills the bodies.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from scoping_app.domain.model import Project


def dependency_graph(project: Project) -> nx.DiGraph:
    """Nodes are capability keys; an edge a -> b means b requires a (prerequisite first)."""
    raise NotImplementedError


def cycle_if_added(project: Project, capability: str, prerequisite: str) -> list[str] | None:
    """The cycle (keys, as find_cycle returns them) that 'capability requires prerequisite' would close."""
    raise NotImplementedError


@dataclass(frozen=True)
class LayeredLayout:
    """Layers left to right (prerequisites in lower layers); each layer ordered top to bottom."""

    layers: tuple[tuple[str, ...], ...]

    def position(self, key: str) -> tuple[int, int]:
        """(layer, row) of a capability."""
        raise NotImplementedError


def layered_layout(project: Project) -> LayeredLayout:
    raise NotImplementedError

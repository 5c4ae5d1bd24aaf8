"""Pure computations on a project: graph, figures, smallest viable scope, frontier, reasons."""

from __future__ import annotations

from scoping_app.analysis.explain import (
    Addition,
    Reason,
    Relaxation,
    explain_scope,
    next_additions,
    relaxations,
)
from scoping_app.analysis.figures import SliceFigures, closure, figures_of_slices, slice_figures
from scoping_app.analysis.frontier import FrontierPoint, efficient_frontier
from scoping_app.analysis.graph import (
    LayeredLayout,
    cycle_if_added,
    dependency_graph,
    layered_layout,
)
from scoping_app.analysis.optimizer import ScopeResult, smallest_viable_scope

__all__ = [
    "Addition",
    "FrontierPoint",
    "LayeredLayout",
    "Reason",
    "Relaxation",
    "ScopeResult",
    "SliceFigures",
    "closure",
    "cycle_if_added",
    "dependency_graph",
    "efficient_frontier",
    "explain_scope",
    "figures_of_slices",
    "layered_layout",
    "next_additions",
    "relaxations",
    "slice_figures",
    "smallest_viable_scope",
]

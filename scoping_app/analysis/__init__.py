"""Pure computations on a project: graph, figures, smallest viable scope, frontier, reasons."""

from __future__ import annotations

from scoping_app.analysis.figures import SliceFigures, closure, figures_of_slices, slice_figures
from scoping_app.analysis.frontier import FrontierPoint, efficient_frontier
from scoping_app.analysis.graph import (
    LayeredLayout,
    cycle_if_added,
    dependency_graph,
    layered_layout,
    picks_needing,
)
from scoping_app.analysis.optimizer import ScopeResult, smallest_viable_scope
from scoping_app.analysis.scope_advice import (
    Addition,
    Reason,
    Relaxation,
    ScopeAnalysis,
    analyse_scope,
    explain_scope,
    next_additions,
    relaxations,
)

__all__ = [
    "Addition",
    "FrontierPoint",
    "LayeredLayout",
    "Reason",
    "Relaxation",
    "ScopeAnalysis",
    "ScopeResult",
    "SliceFigures",
    "analyse_scope",
    "closure",
    "cycle_if_added",
    "dependency_graph",
    "efficient_frontier",
    "explain_scope",
    "figures_of_slices",
    "layered_layout",
    "next_additions",
    "picks_needing",
    "relaxations",
    "slice_figures",
    "smallest_viable_scope",
]

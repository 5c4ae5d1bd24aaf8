"""Pure computations on a project: graph and layout, slice figures, smallest viable scope."""

from __future__ import annotations

from scoping_app.analysis.figures import SliceFigures, closure, figures_of_slices, slice_figures
from scoping_app.analysis.graph import (
    LayeredLayout,
    cycle_if_added,
    dependency_graph,
    layered_layout,
)
from scoping_app.analysis.optimizer import ScopeResult, smallest_viable_scope

__all__ = [
    "LayeredLayout",
    "ScopeResult",
    "SliceFigures",
    "closure",
    "cycle_if_added",
    "dependency_graph",
    "figures_of_slices",
    "layered_layout",
    "slice_figures",
    "smallest_viable_scope",
]

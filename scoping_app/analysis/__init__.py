"""Pure computations on a project: graph, figures, smallest viable scope, frontier, reasons.

The names below load with their module on first use (``from scoping_app.analysis import
X`` still works): networkx, numpy and HiGHS stay out of a process until it computes.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scoping_app.analysis.figures import (
        SliceFigures,
        closure,
        figures_of_slices,
        slice_figures,
    )
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

_MODULE_OF = {
    "SliceFigures": "figures",
    "closure": "figures",
    "figures_of_slices": "figures",
    "slice_figures": "figures",
    "FrontierPoint": "frontier",
    "efficient_frontier": "frontier",
    "LayeredLayout": "graph",
    "cycle_if_added": "graph",
    "dependency_graph": "graph",
    "layered_layout": "graph",
    "picks_needing": "graph",
    "ScopeResult": "optimizer",
    "smallest_viable_scope": "optimizer",
    "Addition": "scope_advice",
    "Reason": "scope_advice",
    "Relaxation": "scope_advice",
    "ScopeAnalysis": "scope_advice",
    "analyse_scope": "scope_advice",
    "explain_scope": "scope_advice",
    "next_additions": "scope_advice",
    "relaxations": "scope_advice",
}

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


def __getattr__(name: str) -> Any:
    """Load the module that defines ``name`` the first time it is asked for."""
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value

"""What the sidebar needs from the analysis, computed off the GUI thread after the first paint.

The Slices step's status needs to know which slices are viable, the Readiness
step's words need the audit, and the Capabilities graph rings the smallest
viable scope: one pass over the project gives all three.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoping_app.domain.model import Project


@dataclass(frozen=True)
class ProjectFacts:
    viable_slices: frozenset[str]  # keys of the slices that meet every condition
    smallest_scope: tuple[str, ...]  # the smallest viable scope's capabilities (none: empty)
    readiness: str  # the audit's score and gate, as the sidebar shows them: "1.5 · conditional"


def project_facts(project: Project) -> ProjectFacts:
    """Run the figures, the optimizer and the audit on ``project`` (slow: call from a worker)."""
    # The analysis (networkx, numpy, HiGHS) loads here, on the worker, never before the
    # window is painted.
    from scoping_app.analysis.figures import figures_of_slices
    from scoping_app.analysis.optimizer import smallest_viable_scope
    from scoping_app.analysis.readiness import audit

    figures = figures_of_slices(project, [item.capabilities for item in project.slices])
    viable = frozenset(
        item.key for item, found in zip(project.slices, figures, strict=True) if found.viable
    )
    scope = smallest_viable_scope(project)
    result = audit(project, scope=scope)
    keys = tuple(scope.capabilities) if scope.viable else ()
    return ProjectFacts(viable, keys, f"{result.readiness:g} · {result.gate}")

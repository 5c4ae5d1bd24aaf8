"""What the sidebar needs from the analysis.

Which slices are viable (the Slices step's status) is quick to find and needs
only the figures, a module without networkx, numpy or HiGHS: it is found with
every change, so the status is never out of date. The audit (the Readiness
step's words) and the smallest viable scope (ringed in the Capabilities graph)
need the optimizer: they are computed off the GUI thread, after the first paint.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoping_app.analysis.figures import figures_of_slices
from scoping_app.domain.model import Project


def viable_slices(project: Project) -> frozenset[str]:
    """The keys of the slices that meet every condition of viability."""
    figures = figures_of_slices(project, [item.capabilities for item in project.slices])
    return frozenset(
        item.key for item, found in zip(project.slices, figures, strict=True) if found.viable
    )


@dataclass(frozen=True)
class ProjectFacts:
    smallest_scope: tuple[str, ...]  # the smallest viable scope's capabilities (none: empty)
    readiness: str  # the audit's score and gate, as the sidebar shows them: "1.5 · conditional"


def project_facts(project: Project) -> ProjectFacts:
    """Run the optimizer and the audit on ``project`` (slow: call from a worker)."""
    # The optimizer (numpy, HiGHS) loads here, on the worker, never before the window
    # is painted.
    from scoping_app.analysis.optimizer import smallest_viable_scope
    from scoping_app.analysis.readiness import audit

    scope = smallest_viable_scope(project)
    result = audit(project, scope=scope)
    keys = tuple(scope.capabilities) if scope.viable else ()
    return ProjectFacts(keys, f"{result.readiness:g} · {result.gate}")

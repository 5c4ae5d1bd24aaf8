"""The smallest viable scope, exact, as a mixed-integer programme solved by HiGHS.

CONTRACT STUB: the signatures below are fixed; the analysis work fills the bodies.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoping_app.analysis.figures import SliceFigures
from scoping_app.domain.model import Project


@dataclass(frozen=True)
class ScopeResult:
    viable: bool
    capabilities: tuple[str, ...]  # sorted keys of the closed set; () when nothing is viable
    figures: SliceFigures | None  # figures of that set; None when nothing is viable
    reasons: tuple[str, ...]  # when not viable: the conditions that cannot be met, in words


def smallest_viable_scope(project: Project) -> ScopeResult:
    raise NotImplementedError

"""Derived figures of a slice (spec/project-format.md, 'Derived figures').

CONTRACT STUB: the signatures below are fixed; the analysis work fills the bodies.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from scoping_app.domain.model import Project


@dataclass(frozen=True)
class SliceFigures:
    """Every derived figure of one set of capabilities, computed over its closure."""

    picked: tuple[str, ...]  # the keys asked for, in the order given (unknown keys dropped)
    closure: tuple[str, ...]  # sorted keys of closure(S)
    pulled_in: tuple[str, ...]  # sorted keys in the closure that were not picked (prerequisites)
    effort: float  # sum of expected (PERT) effort over the closure
    duration: float  # critical path of expected effort through the closure
    critical_path: tuple[str, ...]  # keys of one longest chain, prerequisites first
    value: float
    latency_ms: float
    monthly_cost: float
    metrics_covered: tuple[str, ...]  # sorted metric keys
    severe_risks_open: tuple[str, ...]  # sorted keys of severe risks NOT mitigated in the closure
    viable: bool
    violations: tuple[str, ...]  # one plain-English sentence per failed condition, spec order


def closure(project: Project, keys: Iterable[str]) -> frozenset[str]:
    """The keys with every capability they require, transitively."""
    raise NotImplementedError


def slice_figures(project: Project, keys: Iterable[str]) -> SliceFigures:
    """All figures of the set ``keys`` (picked capabilities)."""
    raise NotImplementedError

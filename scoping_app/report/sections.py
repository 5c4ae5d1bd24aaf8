"""The ids of the plan's sections, in the order the plan prints them (the cover always comes)."""

from __future__ import annotations

from collections.abc import Collection

SUMMARY = "summary"
RECOMMENDED = "recommended"
BUSINESS = "business"
DATA = "data"
GOOD = "good"
DECISIONS = "decisions"
GRAPH = "graph"
CAPABILITIES = "capabilities"
SLICES = "slices"
FAILURES = "failures"
PREMORTEM = "premortem"
AUDIT = "audit"
DEFERRED = "deferred"

ALL = (
    SUMMARY,
    RECOMMENDED,
    BUSINESS,
    DATA,
    GOOD,
    DECISIONS,
    GRAPH,
    CAPABILITIES,
    SLICES,
    FAILURES,
    PREMORTEM,
    AUDIT,
    DEFERRED,
)


TITLES: dict[str, str] = {
    SUMMARY: "Executive brief",
    RECOMMENDED: "Recommended scope",
    BUSINESS: "Business logic",
    DATA: "Data reality",
    GOOD: "Definition of good",
    DECISIONS: "Decisions taken and still open",
    GRAPH: "Dependency graph",
    CAPABILITIES: "Capabilities",
    SLICES: "Slices side by side",
    FAILURES: "Failure modes and fallbacks",
    PREMORTEM: "Pre-mortem",
    AUDIT: "Readiness audit",
    DEFERRED: "What is deferred and why",
}
"""Each section's heading in the plan, also offered by the window's export choices."""


def chosen(sections: Collection[str] | None) -> tuple[str, ...]:
    """The chosen ids in the plan's order; None means all; an unknown id raises ValueError."""
    if sections is None:
        return ALL
    unknown = sorted(set(sections) - set(ALL))
    if unknown:
        raise ValueError(f"Unknown plan sections {unknown}: choose among {', '.join(ALL)}.")
    return tuple(section for section in ALL if section in sections)

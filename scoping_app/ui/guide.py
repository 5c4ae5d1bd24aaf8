"""The guided path's ten steps as the sidebar lists them, before any page is built.

Each step's page is built on its first visit; the sidebar needs only its title
and the few words beside it ("3/5"), which read the project alone.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from scoping_app.domain.enums import DataStatus, DecisionStatus
from scoping_app.domain.model import Project

INFO_FIELDS = (
    "problem",
    "objective",
    "owner",
    "latency_budget_ms",
    "monthly_budget",
    "monthly_value",
    "deadline",
)
"""The project's own fields the sidebar counts as filled ("5/7")."""


def _nothing(_project: Project) -> str:
    return ""


def _count(items: Sequence[Any]) -> str:
    """ "4": how many items there are; nothing when there are none."""
    return str(len(items)) if items else ""


def _done_of(done: int, items: Sequence[Any]) -> str:
    """ "3/5": how many of the items are done; nothing when there are none."""
    return f"{done}/{len(items)}" if items else ""


def _info_filled(project: Project) -> str:
    info = project.info
    filled = sum(1 for name in INFO_FIELDS if getattr(info, name) not in (None, ""))
    return f"{filled}/{len(INFO_FIELDS)}"


def _sources_in_hand(project: Project) -> str:
    sources = project.data_sources
    return _done_of(sum(1 for s in sources if s.status is DataStatus.HAVE), sources)


def _decided(project: Project) -> str:
    decisions = project.decisions
    return _done_of(sum(1 for d in decisions if d.status is DecisionStatus.DECIDED), decisions)


@dataclass(frozen=True)
class GuideStep:
    title: str  # as the step's page is titled
    count: Callable[[Project], str] = _nothing  # the words beside the title in the sidebar


GUIDE: tuple[GuideStep, ...] = (
    GuideStep("Project", _info_filled),
    GuideStep("Business logic", lambda p: _count(p.process_steps)),
    GuideStep("Data", _sources_in_hand),
    GuideStep("Definition of good", lambda p: _count(p.metrics)),
    GuideStep("Architecture decisions", _decided),
    GuideStep("Capabilities", lambda p: _count(p.capabilities)),
    GuideStep("Pre-mortem", lambda p: _count(p.risks)),
    GuideStep("Scope slices", lambda p: _count(p.slices)),
    GuideStep("Readiness audit"),  # its words come from the audit, computed off the GUI thread
    GuideStep("Export"),
)
SLICES_STEP, READINESS_STEP, EXPORT_STEP = 7, 8, 9
CAPABILITIES_STEP = 5

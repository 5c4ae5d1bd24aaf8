"""The pre-mortem's register: the four questions every AI pre-mortem asks, and its columns.

A risk with no capability mitigating it while severe and open is "bare": the
register says so in words and in the warning colour.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import RiskCause
from scoping_app.domain.model import FailureMode, Project, Risk
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.record_table import Column
from scoping_app.ui.widgets.short_text import short_story

SEVERE = Role.ERROR
BARE = "NOTHING: severe and open"


@dataclass(frozen=True)
class Prompt:
    """One of the questions every AI pre-mortem must ask, with a story to start from."""

    cause: RiskCause
    title: str
    story: str
    likelihood: int = 3
    impact: int = 4


PROMPTS = (
    Prompt(
        RiskCause.DATA,
        "Incomplete or inconsistent data",
        "It failed because the data was incomplete or inconsistent: the sources we assumed "
        "had gaps, stale records and fields that disagreed, and nobody looked before building.",
    ),
    Prompt(
        RiskCause.LATENCY,
        "Underestimated latency",
        "It failed because we underestimated latency: retrieval, model calls and checks "
        "together took longer than users would wait, and we found out after launch.",
    ),
    Prompt(
        RiskCause.DRIFT,
        "No plan for drift",
        "It failed because we had no plan for drift: the inputs and the business changed, "
        "quality decayed quietly, and nobody noticed until users stopped trusting it.",
    ),
    Prompt(
        RiskCause.COST,
        "Running costs over the business case",
        "It failed because running costs (model calls, hosting, human review) grew past "
        "the value it delivered each month, and the sponsor pulled the plug.",
    ),
)


def _story(risk: Risk) -> str:
    """The story without the "It failed because" the column title already says."""
    return short_story(risk, 20_000)


def mitigators(project: Project | None) -> dict[str, list[str]]:
    """Risk key -> names of the capabilities that mitigate it."""
    found: dict[str, list[str]] = {}
    for capability in project.capabilities if project else []:
        for key in capability.mitigates:
            found.setdefault(key, []).append(capability.name)
    return found


def is_bare(risk: Risk, by: dict[str, list[str]]) -> bool:
    """Severe, open, and no capability mitigates it: the register says so in words."""
    return risk.severe and not by.get(risk.key)


def risk_columns(project: Project | None) -> list[Column[Risk]]:
    by = mitigators(project)
    return [
        Column("Cause", lambda r: fmt.choice(r.cause), width=100),
        Column("It failed because…", _story, width=260),
        Column(
            "L × I",
            lambda r: f"{r.likelihood} × {r.impact} = {r.score}" + (" severe" if r.severe else ""),
            numeric=True,
            width=110,
            tooltip="Likelihood x impact; 15 or more while open is severe",
            colour=lambda r: SEVERE if r.severe else None,
        ),
        Column("Status", lambda r: fmt.choice(r.status), width=80),
        Column(
            "Mitigated by",
            lambda r: BARE if is_bare(r, by) else ", ".join(by.get(r.key, [])) or "nothing yet",
            colour=lambda r: SEVERE if is_bare(r, by) else None,
        ),
    ]


def failure_columns(project: Project | None) -> list[Column[FailureMode]]:
    names = {c.key: c.name for c in project.capabilities} if project else {}
    return [
        Column("Capability", lambda m: names.get(m.capability, m.capability), width=190),
        Column("How it goes wrong", lambda m: m.description, width=280),
        Column("L", lambda m: str(m.likelihood), numeric=True, width=34, tooltip="Likelihood 1-5"),
        Column("I", lambda m: str(m.impact), numeric=True, width=34, tooltip="Impact 1-5"),
        Column("Detection", lambda m: m.detection or "—", width=200),
        Column(
            "Fallback",
            lambda m: fmt.choice(m.fallback),
            width=140,
            colour=lambda m: SEVERE if m.impact >= 4 and m.fallback.value == "none" else None,
        ),
        Column("Called at 3am", lambda m: m.owner or "nobody named"),
    ]

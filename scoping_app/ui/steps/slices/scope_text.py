"""The smallest viable scope's analysis in words: why each capability is there, the
cheapest next additions, and what to relax when nothing is viable (rich text for the step).

The analysis itself is :func:`scoping_app.analysis.scope_advice.analyse_scope`.
"""

from __future__ import annotations

from html import escape

from scoping_app.analysis.scope_advice import Reason, ScopeAnalysis
from scoping_app.domain import words as fmt
from scoping_app.domain.model import Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.short_text import short_story

KIND_WORDS = {
    "mandatory": "mandatory",
    "prerequisite": "prerequisite",
    "metric": "covers a metric",
    "risk": "mitigates a risk",
    "value": "value",
    "none": "not needed",
}


def _kind(kind: str) -> str:
    word = KIND_WORDS.get(kind, kind)
    return f"<span style='color:{theme.hex(Role.MUTED)}'>[{escape(word)}]</span>"


def reasons_html(project: Project, analysis: ScopeAnalysis) -> str:
    """For each capability of the scope, why it is there."""
    names = project.capabilities_by_key()
    by_capability: dict[str, list[Reason]] = {}
    for reason in analysis.reasons:
        by_capability.setdefault(reason.capability, []).append(reason)
    items = []
    for key in analysis.scope.capabilities:
        name = escape(names[key].name) if key in names else escape(key)
        texts = "".join(
            f"<li>{_kind(r.kind)} {escape(r.text)}</li>" for r in by_capability.get(key, [])
        )
        items.append(
            f"<p style='margin:6px 0 0 0'><b>{name}</b></p>"
            f"<ul style='margin:0; margin-left:-20px'>{texts}</ul>"
        )
    return "<p style='margin-bottom:0'><b>Why each capability is there</b></p>" + "".join(items)


def additions_html(project: Project, analysis: ScopeAnalysis) -> str:
    """The cheapest next additions: most added value per added effort first."""
    if not analysis.additions:
        return ""
    names = project.capabilities_by_key()
    metrics = fmt.names_by_key(project.metrics)
    risks = {r.key: short_story(r, 50) for r in project.risks}
    rows = []
    for addition in analysis.additions:
        name = names[addition.capability].name if addition.capability in names else ""
        extra = [k for k in addition.pulled_in if k != addition.capability]
        pulled = (
            f" <span style='color:{theme.hex(Role.MUTED)}'>(pulls in "
            + escape(", ".join(names[k].name if k in names else k for k in extra))
            + ")</span>"
            if extra
            else ""
        )
        notes = []
        if addition.covers:
            notes.append("covers " + ", ".join(f"“{metrics.get(k, k)}”" for k in addition.covers))
        if addition.mitigates:
            notes.append(
                "mitigates " + ", ".join(f"“{risks.get(k, k)}”" for k in addition.mitigates)
            )
        if not addition.viable:
            notes.append("no longer viable")
        note = f"; {escape('; '.join(notes))}" if notes else ""
        rows.append(
            f"<li><b>{escape(name or addition.capability)}</b>{pulled}: "
            f"+{fmt.days(addition.effort)} pd, +{fmt.points(addition.value)} value{note}</li>"
        )
    return (
        "<p style='margin-bottom:0'><b>Cheapest next additions</b> "
        f"<span style='color:{theme.hex(Role.MUTED)}'>(most value per person-day)</span></p>"
        f"<ul style='margin-top:2px; margin-left:-20px'>{''.join(rows)}</ul>"
    )


def relaxations_html(analysis: ScopeAnalysis) -> str:
    """When nothing is viable: what relaxing each condition would cost."""
    if analysis.scope.viable:
        return ""
    if not analysis.relaxations:
        return (
            "<p><b>What to relax</b>: no single condition, relaxed alone, makes a scope viable.</p>"
        )
    items = "".join(f"<li>{escape(r.text)}</li>" for r in analysis.relaxations)
    return (
        "<p style='margin-bottom:0'><b>What to relax</b> (one condition at a time):</p>"
        f"<ul style='margin-top:2px; margin-left:-20px'>{items}</ul>"
    )

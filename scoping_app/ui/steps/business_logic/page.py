"""Step 2, Business logic: today's process, step by step, and where AI would help.

Each step shows the manual time it costs a day (volume x minutes), so the lead
sees where AI pays; the steps keep their order (drag, Ctrl+Up, Ctrl+Down).
"""

from __future__ import annotations

from typing import Any, ClassVar

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import AiRole
from scoping_app.domain.model import NAME_MAX, ProcessStep, Project
from scoping_app.ui.widgets.fields import (
    ChecklistField,
    ChoiceField,
    ComputedField,
    FieldEditor,
    LineField,
    NumberField,
    TextField,
)
from scoping_app.ui.widgets.list_step import NOT_NEGATIVE, ListStepPage
from scoping_app.ui.widgets.read_only import plural
from scoping_app.ui.widgets.record_table import Column

AI_ROLE_WORDS = {
    AiRole.NONE: "None",
    AiRole.ASSIST: "Assist",
    AiRole.AUTOMATE: "Automate",
}


def manual_minutes(step: ProcessStep) -> float | None:
    """Minutes of manual work a day: volume x minutes per item (None when either is unknown)."""
    if step.volume_per_day is None or step.minutes_per_item is None:
        return None
    return step.volume_per_day * step.minutes_per_item


def duration(minutes: float | None) -> str:
    """``45 min``, ``2 h 30 min``, ``—`` when unknown."""
    if minutes is None:
        return "—"
    whole = round(minutes)
    if whole < 60:
        return "less than 1 min" if 0 < minutes < 0.5 else f"{whole} min"
    hours, rest = divmod(whole, 60)
    return f"{hours:,} h {rest} min" if rest else f"{hours:,} h"


def _manual_text(step: ProcessStep, _project: Project) -> str:
    minutes = manual_minutes(step)
    if minutes is None:
        return "unknown: give both the volume and the minutes per item"
    return f"{duration(minutes)} a day today"


def _columns(project: Project | None) -> list[Column[ProcessStep]]:
    total = sum(manual_minutes(s) or 0 for s in project.process_steps) if project else 0

    def manual(step: ProcessStep) -> str:
        minutes = manual_minutes(step)
        if minutes is None or not total:
            return duration(minutes)
        return f"{duration(minutes)} · {round(100 * minutes / total)}%"

    return [
        Column("Step", lambda s: s.name, width=150),
        Column("Actor", lambda s: s.actor or "—", width=105),
        Column("AI role", lambda s: AI_ROLE_WORDS[s.ai_role]),
        Column("Items/day", lambda s: fmt.number(s.volume_per_day) or "—", numeric=True),
        Column(
            "Min/item",
            lambda s: fmt.number(s.minutes_per_item) or "—",
            numeric=True,
            tooltip="Manual minutes per item today",
        ),
        Column(
            "Manual time/day",
            manual,
            numeric=True,
            tooltip="Items per day x minutes per item: what the step costs in people's time "
            "today, and its share of the whole process",
        ),
    ]


class BusinessLogicStep(ListStepPage):
    title = "Business logic"
    advice = (
        "Today's process as ordered steps: who acts, what is decided, how much manual "
        "work it takes, and where AI would assist or automate."
    )
    watches = frozenset({"process_steps", "data_sources"})
    list_name, item_word, item_type = "process_steps", "process step", ProcessStep
    empty_summary = "No process steps yet: today's process is not mapped."
    new_name = "New step"
    editor_options: ClassVar[dict[str, Any]] = {
        "ranges": {"volume_per_day": NOT_NEGATIVE, "minutes_per_item": NOT_NEGATIVE}
    }

    def fields(self) -> list[FieldEditor]:
        return [
            LineField("name", "Name", max_length=NAME_MAX, words="name", wrap=True),
            LineField("actor", "Actor", placeholder="who does it today", wrap=True),
            TextField("description", "Description", placeholder="what happens at this step"),
            LineField(
                "decision",
                "Decision taken",
                placeholder="the decision made here",
                words="decision taken",
                wrap=True,
            ),
            ChoiceField(
                "ai_role",
                "AI role",
                AiRole,
                words=lambda r: AI_ROLE_WORDS[r],
                tooltip="What AI would do at this step",
            ),
            NumberField(
                "volume_per_day", "Volume per day", suffix="items a day", words="volume per day"
            ),
            NumberField(
                "minutes_per_item",
                "Minutes per item",
                suffix="minutes, by hand",
                words="minutes per item",
            ),
            ComputedField("manual", "Manual time", _manual_text),
            ChecklistField(
                "data",
                "Data used",
                lambda p: [(s.key, s.name) for s in p.data_sources],
                empty_text="No data sources yet: add them in the Data step.",
                words="data used",
            ),
        ]

    def columns(self, project: Project | None) -> list[Column[ProcessStep]]:
        return _columns(project)

    def summary_text(self, project: Project) -> str:
        steps = project.process_steps
        assist = sum(1 for s in steps if s.ai_role is AiRole.ASSIST)
        automate = sum(1 for s in steps if s.ai_role is AiRole.AUTOMATE)
        minutes = sum(manual_minutes(s) or 0 for s in steps)
        where = sum(manual_minutes(s) or 0 for s in steps if s.ai_role is not AiRole.NONE)
        unknown = sum(1 for s in steps if manual_minutes(s) is None)
        text = (
            f"{plural(len(steps), 'step')}; AI would assist at {assist} and automate {automate}. "
            f"Manual work today: <b>{duration(minutes)} a day</b> in all, "
            f"{duration(where)} of it at steps where AI would help."
        )
        if unknown:
            text += f" {plural(unknown, 'step')} without volume or minutes."
        return text

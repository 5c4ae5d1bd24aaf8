"""Step 5, Architecture decisions: each question with its options, the choice and why.

The table groups the decisions by topic (the topic named once, on the first row
of its group); within a topic they keep the project's order.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import DecisionStatus, Topic
from scoping_app.domain.model import Decision, Project
from scoping_app.ui import theme
from scoping_app.ui.theme import Role
from scoping_app.ui.widgets.fields import (
    ChoiceField,
    ComboTextField,
    FieldEditor,
    LineField,
    TextField,
    TextListField,
)
from scoping_app.ui.widgets.list_editor import MarkedColumn
from scoping_app.ui.widgets.list_step import ListStepPage, done_of
from scoping_app.ui.widgets.record_table import Column

TOPIC_ORDER = {topic: index for index, topic in enumerate(Topic)}


def by_topic(decisions: Sequence[Decision]) -> list[Decision]:
    """Decisions grouped by topic, in the topics' order; the project's order within a topic."""
    return sorted(decisions, key=lambda d: TOPIC_ORDER[d.topic])


def _open_mark(decision: Decision) -> str | None:
    return "Open: no choice made yet" if decision.status is DecisionStatus.OPEN else None


COLUMNS: list[Column[Decision]] = [
    Column("Topic", lambda d: fmt.choice(d.topic)),
    Column("Question", lambda d: d.question, width=210),
    MarkedColumn(
        "Status",
        lambda d: fmt.choice(d.status),
        colour=lambda d: Role.WARNING if d.status is DecisionStatus.OPEN else None,
        mark=_open_mark,
    ),
    Column("Choice", lambda d: d.choice or "—"),
]


class DecisionsStep(ListStepPage):
    title = "Architecture decisions"
    advice = (
        "The calls to make before building: serving, caching, residency, PII, monitoring, "
        "drift and the questions of your AI pattern, each with options, choice and rationale."
    )
    watches = frozenset({"decisions"})
    list_name, item_word, item_type = "decisions", "decision", Decision
    empty_summary = "No architecture decisions yet."
    title_field = "question"
    new_name = "New question"
    editor_options: ClassVar[dict[str, Any]] = {
        "order": by_topic,
        "group": lambda d: fmt.choice(d.topic),
    }

    def fields(self) -> list[FieldEditor]:
        return [
            ChoiceField("topic", "Topic", Topic),
            LineField("question", "Question", placeholder="the question to settle", wrap=True),
            TextListField("options", "Options", tooltip="The possible answers; F2 renames one"),
            ComboTextField(
                "choice",
                "Choice",
                lambda d: d.options,
                placeholder="pick an option or type",
                tooltip="Pick one of the options, or type another answer",
            ),
            TextField("rationale", "Rationale", placeholder="why this choice"),
            ChoiceField("status", "Status", DecisionStatus),
        ]

    def columns(self, project: Project | None) -> list[Column[Decision]]:
        return COLUMNS

    def summary_text(self, project: Project) -> str:
        decisions = project.decisions
        decided = _decided(decisions)
        topics = len({d.topic for d in decisions})
        return (
            f"<b>{decided} decided</b>, "
            + theme.coloured(f"<b>⚠ {len(decisions) - decided} still open</b>", Role.WARNING)
            + f", over {topics} topics."
        )

    def completion(self, project: Project) -> str:
        return done_of(_decided(project.decisions), project.decisions)


def _decided(decisions: Sequence[Decision]) -> int:
    return sum(1 for d in decisions if d.status is DecisionStatus.DECIDED)

"""The Project step's fields, declared once: each one's editor, label, note and section.

An editor is one of the form pipeline's kinds (:mod:`scoping_app.ui.widgets.fields`)
and says what a screen reader says
(its label), what it holds and its bounds; the row adds the form's label with its
mnemonic, the note beside the field and the section the field opens.
"""

from __future__ import annotations

from dataclasses import dataclass

from scoping_app.domain import words as fmt
from scoping_app.domain.enums import Industry, Pattern
from scoping_app.domain.model import NAME_MAX
from scoping_app.ui.widgets.fields import (
    ChoiceField,
    CodeField,
    DateField,
    FieldEditor,
    LineField,
    NumberField,
    TextField,
)

ABOUT = "About the project"
BUDGETS = "Budgets every scope is measured against"


@dataclass(frozen=True)
class ProjectField:
    """One row of the Project step's form."""

    editor: FieldEditor
    shown: str  # the form's label, with its mnemonic: "&Latency budget"
    note: str = ""  # the unit or hint beside the field
    section: str = ""  # the title of the section this field opens
    undo: str = ""  # the Edit menu's words when not "Change <the editor's words>"

    @property
    def undo_label(self) -> str:
        return self.undo or f"Change {self.editor.words}"


def _amount(name: str, label: str, words: str) -> NumberField:
    return NumberField(name, label, words=words, placeholder="not set")


def project_fields() -> list[ProjectField]:
    """New editors for every field of the project's information, in the form's order."""
    return [
        ProjectField(
            LineField("name", "Project name", max_length=NAME_MAX, strip=True, wrap=True),
            "&Name",
            section=ABOUT,
            undo="Rename project",
        ),
        ProjectField(ChoiceField("industry", "Industry", Industry, fmt.industry), "&Industry"),
        ProjectField(
            ChoiceField("pattern", "AI pattern", Pattern, fmt.pattern),
            "AI &pattern",
            undo="Change AI pattern",
        ),
        ProjectField(
            LineField(
                "owner",
                "Owner",
                placeholder="Who decides and answers for the project",
                strip=True,
                wrap=True,
            ),
            "O&wner",
        ),
        ProjectField(
            TextField(
                "problem",
                "Problem",
                placeholder="What goes wrong today, for whom, and what it costs",
                lines=4,
            ),
            "P&roblem",
        ),
        ProjectField(
            TextField(
                "objective",
                "Objective",
                placeholder="What the AI system should achieve, in plain words",
                lines=4,
            ),
            "O&bjective",
        ),
        ProjectField(
            DateField("deadline", "Deadline", never_text="No deadline", words="deadline"),
            "&Deadline",
        ),
        ProjectField(
            DateField(
                "start_date",
                "Start date",
                never_text="Not set: today",
                words="start date",
                tooltip="When work starts; not set, the day the figures are worked out",
            ),
            "&Start date",
            "the deadline's odds count working days from it",
        ),
        ProjectField(
            NumberField(
                "team_size",
                "Team size, in people",
                integer=True,
                words="team size",
                placeholder="not set",
                tooltip="How many people build at once; not set, the deadline's chance "
                "assumes the critical path alone (unlimited hands)",
            ),
            "Tea&m size",
            "people at once: sets the deadline's odds",
        ),
        ProjectField(
            _amount(
                "latency_budget_ms",
                "Latency budget per interaction, in milliseconds",
                "latency budget",
            ),
            "&Latency budget",
            "ms per interaction (p95)",
            section=BUDGETS,
        ),
        ProjectField(
            _amount("monthly_budget", "Running cost budget per month", "running cost budget"),
            "Running &cost budget",
            "per month: infrastructure, model calls",
        ),
        ProjectField(
            _amount("monthly_value", "Business value per month once live", "value per month"),
            "&Value per month",
            "per month once live: the business case",
        ),
        ProjectField(
            CodeField(
                "currency",
                "Currency, three-letter ISO code",
                length=3,
                placeholder="USD",
                words="currency",
            ),
            "C&urrency",
            "ISO code, e.g. EUR",
        ),
        ProjectField(
            _amount(
                "value_target",
                "Value target: least value points a viable slice must deliver",
                "value target",
            ),
            "Value &target",
            "value points a viable slice must deliver",
        ),
    ]

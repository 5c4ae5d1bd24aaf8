"""A step whose page is one list of items: a summary line over a list editor.

The Business logic, Data, Definition of good and Architecture decisions steps
are each this page with their own fields, columns and summary: the page builds
the summary and the editor once, and each step says only what differs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from pydantic import BaseModel
from PySide6.QtWidgets import QWidget

from scoping_app.domain.model import Project
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.widgets.fields import FieldEditor
from scoping_app.ui.widgets.list_editor import ListEditor
from scoping_app.ui.widgets.read_only import summary_label
from scoping_app.ui.widgets.record_table import Column
from scoping_app.ui.widgets.step_page import ALL_PARTS, StepPage

NOT_NEGATIVE = "must be 0 or more (empty when not known)"
"""The range of an optional count or amount, said under its field when the model refuses it."""


class ListStepPage(StepPage):
    """A summary line over a :class:`ListEditor` of one of the project's lists.

    A step sets ``empty_summary`` (said when the list is empty) and implements
    :meth:`summary_text`; :meth:`columns` gives the table's columns when they
    depend on the project.
    """

    empty_summary = ""

    def __init__(
        self,
        session: ProjectSession,
        list_name: str,
        item_word: str,
        columns: Sequence[Column[Any]],
        fields: Sequence[FieldEditor],
        new_item: Callable[[str, str], BaseModel],
        parent: QWidget | None = None,
        **options: Any,
    ) -> None:
        """``options`` are the list editor's (title_field, new_name, ranges, notice…)."""
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        self.editor = ListEditor(
            session, list_name, item_word, columns, fields, new_item, parent=self, **options
        )
        self.model = self.editor.model
        self.table = self.editor.table
        self.body.addWidget(self.editor, 1)

    def items(self, project: Project) -> list[Any]:
        return list(getattr(project, self.editor.list_name))

    def columns(self, project: Project) -> Sequence[Column[Any]] | None:
        """The table's columns for ``project``; None keeps those given at first."""
        return None

    def summary_text(self, project: Project) -> str:
        """The summary of a project whose list is not empty."""
        raise NotImplementedError

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self.editor.show_project(project, self.columns(project))
        self.summary.setText(
            self.summary_text(project) if self.items(project) else self.empty_summary
        )

    def completion(self, project: Project) -> str:
        """How many items the list holds ("4"), nothing when it is empty."""
        items = self.items(project)
        return str(len(items)) if items else ""


def done_of(done: int, items: Sequence[Any]) -> str:
    """ "3/5": how many of the items are done, for the sidebar; nothing when there are none."""
    return f"{done}/{len(items)}" if items else ""

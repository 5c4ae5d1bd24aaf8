"""A step whose page is one list of items: a summary line over a list editor.

The Business logic, Data, Definition of good and Architecture decisions steps
are each this page with their own list, fields, columns and summary: the page
builds the summary and the editor once, and each step declares only what
differs.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

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

    A step declares its list (``list_name``, ``item_word``, ``item_type``), the
    name of a new item, the editor's other options and the summary said when the
    list is empty; it implements :meth:`fields`, :meth:`columns` and
    :meth:`summary_text`.
    """

    list_name = ""  # the project's list: "metrics"
    item_word = ""  # one item, in words: "metric"
    item_type: type[BaseModel]
    title_field = "name"  # the field a new item's name goes in
    new_name = ""  # a new item's name: "New metric"
    editor_options: ClassVar[dict[str, Any]] = {}  # the list editor's others: notice, ranges…
    empty_summary = ""

    def __init__(self, session: ProjectSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = summary_label(self)
        self.body.addWidget(self.summary)
        self.editor = ListEditor(
            session,
            self.list_name,
            self.item_word,
            self.columns(None),
            self.fields(),
            self.new_item,
            title_field=self.title_field,
            new_name=self.new_name,
            parent=self,
            **self.editor_options,
        )
        self.model = self.editor.model
        self.table = self.editor.table
        self.body.addWidget(self.editor, 1)

    def fields(self) -> list[FieldEditor]:
        """New editors for the fields of an item, in the form's order."""
        raise NotImplementedError

    def columns(self, project: Project | None) -> Sequence[Column[Any]]:
        """The table's columns (``project`` is None before there is one)."""
        raise NotImplementedError

    def new_item(self, key: str, title: str) -> BaseModel:
        return self.item_type(key=key, **{self.title_field: title})

    def items(self, project: Project) -> list[Any]:
        return list(getattr(project, self.list_name))

    def summary_text(self, project: Project) -> str:
        """The summary of a project whose list is not empty."""
        raise NotImplementedError

    def show_project(self, project: Project, parts: frozenset[str] = ALL_PARTS) -> None:
        self.editor.show_project(project, self.columns(project))
        text = self.summary_text(project) if self.items(project) else self.empty_summary
        self.summary.setText(text)

    def completion(self, project: Project) -> str:
        """How many items the list holds ("4"), nothing when it is empty."""
        items = self.items(project)
        return str(len(items)) if items else ""


def done_of(done: int, items: Sequence[Any]) -> str:
    """ "3/5": how many of the items are done, for the sidebar; nothing when there are none."""
    return f"{done}/{len(items)}" if items else ""

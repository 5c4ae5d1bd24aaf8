"""Every editor of the Project step commits, validates and refuses like the list steps' forms.

Table-driven over the fields the step declares: a valid value is stored when the
field is left (one undo entry) and, for typed fields, on Ctrl+Enter too; a value
the domain model refuses is said beside the field in the words of
``domain.messages`` and nothing is stored; a choice is stored as soon as it is
picked.
"""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from scoping_app.domain.messages import field_messages
from scoping_app.domain.model import ProjectInfo
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.widgets.fields import ChoiceField
from scoping_app.ui.widgets.wrapping_line import WrappingLine
from tests.ui.conftest import OpenPage
from tests.ui.test_every_editor import _leave, _type

# field, a valid text, another valid text, a text the model refuses (None: none can be typed)
TYPED = (
    ("name", "Card answers", "Card answers two", ""),
    ("owner", "COO", "Head of Support", None),
    ("problem", "Slow answers", "Slow and wrong answers", None),
    ("objective", "Answer in a minute", "Answer in a minute, right", None),
    ("latency_budget_ms", "1800", "900.5", "0"),
    ("monthly_budget", "7,500", "8000", "-5"),
    ("monthly_value", "12000", "0", "-1"),
    ("currency", "usd", "GBP", "E1"),
    ("value_target", "3", "", "-2"),
)


def _translated(info: ProjectInfo, field: str, value: Any) -> str:
    """The translator's words for ``value`` in ``field``, straight from the domain model."""
    try:
        ProjectInfo.model_validate({**info.model_dump(), field: value})
    except ValidationError as error:
        return field_messages(error)[field]
    raise AssertionError(f"{field} takes {value!r}")


def _leave_for(qtbot: Any, edit: QWidget, page: ProjectInfoStep) -> None:
    _leave(qtbot, edit, page.industry if edit is not page.industry else page.pattern)


@pytest.mark.parametrize(("field", "valid", "other", "refused"), TYPED, ids=[r[0] for r in TYPED])
def test_every_typed_field_commits_validates_and_refuses_alike(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    field: str,
    valid: str,
    other: str,
    refused: str | None,
) -> None:
    page: ProjectInfoStep = open_page(ProjectInfoStep)
    editor = page.fields[field].editor
    edit = page.inputs[field]
    assert isinstance(edit, QLineEdit | QPlainTextEdit)
    stack = session.undo_stack

    # a valid value, then leaving the field: stored, one undo entry
    depth = stack.count()
    _type(qtbot, edit, valid)
    _leave_for(qtbot, edit, page)
    assert page.error_text(field) == ""
    assert stack.count() == depth + 1
    assert getattr(session.project.info, field) == editor.value()
    assert stack.undoText() == page.fields[field].undo_label

    # another valid value, then Ctrl+Enter: stored, one more undo entry; leaving adds none
    depth = stack.count()
    _type(qtbot, edit, other)
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == depth + 1
    assert getattr(session.project.info, field) == editor.value()
    _leave_for(qtbot, edit, page)
    assert stack.count() == depth + 1

    if refused is None:
        return
    # a value the model refuses: said beside the field in the translator's words, not stored
    before = session.service.load(session.project_id)
    _type(qtbot, edit, refused)
    words = _translated(session.project.info, field, editor.value())
    _leave_for(qtbot, edit, page)
    assert page.error_text(field) == words
    assert page.errors[field].isVisible()
    assert edit.accessibleDescription() == words
    assert stack.count() == depth + 1
    assert session.service.load(session.project_id) == before
    assert isinstance(edit, QLineEdit | WrappingLine) and edit.text() == refused  # kept


def test_a_text_that_is_no_number_is_refused_by_the_field(
    open_page: OpenPage, qtbot: Any, session: ProjectSession
) -> None:
    page: ProjectInfoStep = open_page(ProjectInfoStep)
    depth = session.undo_stack.count()
    _type(qtbot, page.latency, "lots")
    _leave_for(qtbot, page.latency, page)
    assert page.error_text("latency_budget_ms") == "must be a number"
    assert session.undo_stack.count() == depth


@pytest.mark.parametrize("field", ("industry", "pattern"))
def test_every_choice_is_stored_when_picked(
    open_page: OpenPage, qtbot: Any, session: ProjectSession, field: str
) -> None:
    page: ProjectInfoStep = open_page(ProjectInfoStep)
    editor = page.fields[field].editor
    assert isinstance(editor, ChoiceField)
    combo = editor.combo
    stack = session.undo_stack
    for key in (Qt.Key.Key_End, Qt.Key.Key_Home):
        depth = stack.count()
        combo.setFocus()
        qtbot.waitUntil(combo.hasFocus)
        qtbot.keyClick(combo, key)
        assert stack.count() == depth + 1, key
        assert getattr(session.project.info, field) == editor.value()
        assert page.error_text(field) == ""

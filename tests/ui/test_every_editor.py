"""Every editor of every list step commits, validates and refuses the same way.

Walks the fields each step declares (its list editor's form): typing a valid
value and leaving the field stores it as one undo entry; Ctrl+Enter stores it
too; a value the model refuses is said under the field, in the words of
``domain.messages`` (or the range the step declares for the field), and nothing
is stored.
"""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit, QWidget

from scoping_app.domain.model import Project
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.decisions.page import DecisionsStep
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from scoping_app.ui.steps.premortem.page import PreMortemStep
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.widgets.fields import FieldEditor, LineField, NumberField, TextBox, TextField
from scoping_app.ui.widgets.form import refusal
from scoping_app.ui.widgets.list_editor import ListEditor
from tests.ui.conftest import OpenPage

STEPS = (BusinessLogicStep, DataStep, DecisionsStep, DefinitionOfGoodStep)
TYPED = (LineField, NumberField, TextField)
REFUSED_CANDIDATES = ("", "Not a key!", "-1", "99")


def _edit(field: FieldEditor) -> QLineEdit | QPlainTextEdit:
    edit = getattr(field, "edit")  # noqa: B009
    assert isinstance(edit, QLineEdit | QPlainTextEdit)
    return edit


def _type(qtbot: Any, edit: QLineEdit | QPlainTextEdit, text: str) -> None:
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def _leave(qtbot: Any, edit: QWidget, elsewhere: QWidget) -> None:
    elsewhere.setFocus()
    qtbot.waitUntil(lambda: not edit.hasFocus())


def _valid_text(field: FieldEditor, current: Any) -> str:
    if isinstance(field, NumberField):
        return "3" if current != 3 else "4"
    if field.name == "key":
        return "walked_key" if current != "walked_key" else "walked_key_2"
    return f"{current} walked" if isinstance(current, str) and current else "walked"


@pytest.mark.parametrize("step_class", STEPS, ids=lambda s: s.__name__)
def test_every_typed_field_commits_validates_and_refuses_alike(
    open_page: OpenPage, qtbot: Any, session: ProjectSession, step_class: type
) -> None:
    page = open_page(step_class)
    editor: ListEditor = page.editor
    editor.select(editor.model.key_at(0))
    walked = [f for f in editor.fields.values() if isinstance(f, TYPED)]
    assert walked, "the step declares no field typed as text"
    refused = [field.name for field in walked if _walk(qtbot, session, editor, field)]
    assert ("key" in refused and "name" in refused) or "question" in refused, refused


def _walk(qtbot: Any, session: ProjectSession, editor: ListEditor, field: FieldEditor) -> bool:
    """Walk one field; True when a value the model refuses was tried too."""
    name = field.name
    edit = _edit(field)
    key = editor.selected_key()
    item = editor.item(key)
    stack = session.undo_stack

    # a valid value, then leaving the field: stored, one undo entry
    depth = stack.count()
    text = _valid_text(field, getattr(item, name))
    _type(qtbot, edit, text)
    _leave(qtbot, edit, editor.table)
    assert editor.form.error_text(name) == "", (name, editor.form.error_text(name))
    assert stack.count() == depth + 1, name
    key = editor.selected_key()
    stored = getattr(editor.item(key), name)
    assert stored == field.value(), name

    # another valid value, then Ctrl+Enter: stored, one more undo entry
    depth = stack.count()
    _type(qtbot, edit, _valid_text(field, stored))
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == depth + 1, name
    _leave(qtbot, edit, editor.table)
    assert stack.count() == depth + 1, name

    # a value the model refuses: said under the field in the translator's words, not stored
    item = editor.item(editor.selected_key())
    for text in REFUSED_CANDIDATES:
        _type(qtbot, edit, text)
        try:
            value = field.value()
        except ValueError:
            continue  # the field itself refuses the text (not a number): not the model's words
        words = refusal(item, {name: value}).get(name)
        if words is None:
            continue
        before = session.service.load(session.project_id)
        depth = stack.count()
        _leave(qtbot, edit, editor.table)
        expected = editor.ranges.get(name, words) if words.startswith("must be at") else words
        assert editor.form.error_text(name) == expected, name
        assert not editor.form.errors[name].isHidden()
        assert stack.count() == depth
        assert session.service.load(session.project_id) == before
        tried = True
        break
    else:
        tried = False
    # show the stored value again, so the next field starts clean
    editor.form.set_error(name, "")
    field.load(item, session.project)
    return tried


def _long_texts(page: Any, project: Project) -> list[TextBox]:
    """The long texts of a hand-laid form: the risk's story, the capability's description…"""
    if isinstance(page, CapabilitiesStep):
        page.select(project.failure_modes[0].capability)  # one with failure modes
        page.form.tabs.setCurrentIndex(2)
        return [page.form.fields["description"].edit, page.failures.form.fields["description"].edit]
    if isinstance(page, PreMortemStep):
        return [page.form.fields["story"].edit]
    return [page.problem, page.objective]


@pytest.mark.parametrize(
    "step_class", (CapabilitiesStep, PreMortemStep, ProjectInfoStep), ids=lambda s: s.__name__
)
def test_every_long_text_commits_on_leaving_and_on_ctrl_enter(
    open_page: OpenPage, qtbot: Any, session: ProjectSession, step_class: type
) -> None:
    page = open_page(step_class)
    for box in _long_texts(page, session.project):
        for finish in ("leave", "ctrl+enter"):
            depth = session.undo_stack.count()
            box.setFocus()
            qtbot.waitUntil(box.hasFocus)
            box.moveCursor(QTextCursor.MoveOperation.End)
            qtbot.keyClicks(box, f" {finish}")
            if finish == "leave":
                box.clearFocus()
            else:
                qtbot.keyClick(box, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
            assert session.undo_stack.count() == depth + 1, (box.accessibleName(), finish)
            assert box.toPlainText().endswith(f" {finish}")

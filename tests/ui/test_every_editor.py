"""Every editor of every step's forms commits, validates and refuses the same way.

Walks the fields each form declares (the list steps' editors, the capability,
failure mode, risk and slice forms): typing a valid
value and leaving the field stores it as one undo entry; Ctrl+Enter stores it
too; a value the model refuses is said under the field, in the words of
``domain.messages`` (or the range the step declares for the field), and nothing
is stored.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import pytest
from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QWidget

from scoping_app.domain.model import Project
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.business_logic.page import BusinessLogicStep
from scoping_app.ui.steps.capabilities.page import CapabilitiesStep
from scoping_app.ui.steps.data.page import DataStep
from scoping_app.ui.steps.decisions.page import DecisionsStep
from scoping_app.ui.steps.good.page import DefinitionOfGoodStep
from scoping_app.ui.steps.premortem.page import PreMortemStep
from scoping_app.ui.steps.project_info.page import ProjectInfoStep
from scoping_app.ui.steps.slices.page import SlicesStep
from scoping_app.ui.widgets.fields import (
    BoolField,
    ChoiceField,
    FieldEditor,
    LineField,
    NumberField,
    TextBox,
    TextField,
)
from scoping_app.ui.widgets.figure_fields import AmountField, EffortField, ScoreField
from scoping_app.ui.widgets.form import ItemForm, refusal
from scoping_app.ui.widgets.list_editor import ListEditor
from scoping_app.ui.workers import TaskRunner
from tests.ui.conftest import FakeDialogs, OpenPage

STEPS = (BusinessLogicStep, DataStep, DecisionsStep, DefinitionOfGoodStep)
TYPED = (LineField, NumberField, TextField, ScoreField, AmountField)
REFUSED_CANDIDATES = ("", "Not a key!", "-1", "99")


@dataclass
class Subject:
    """A form to walk: its fields, the item it shows, and where focus goes when leaving it."""

    form: ItemForm
    item: Callable[[], Any]
    elsewhere: QWidget
    ranges: Mapping[str, str] = field(default_factory=dict)


def _edit(field: FieldEditor) -> QLineEdit | QPlainTextEdit | QAbstractSpinBox:
    edit = getattr(field, "edit")  # noqa: B009
    assert isinstance(edit, QLineEdit | QPlainTextEdit | QAbstractSpinBox)
    return edit


def _type(qtbot: Any, edit: QWidget, text: str) -> None:
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus)
    edit.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def _leave(qtbot: Any, edit: QWidget, elsewhere: QWidget) -> None:
    elsewhere.setFocus()
    qtbot.waitUntil(lambda: not edit.hasFocus())


def _valid_text(field: FieldEditor, current: Any) -> str:
    if isinstance(field, NumberField | ScoreField | AmountField):
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
    subject = Subject(
        editor.form, lambda: editor.item(editor.selected_key()), editor.table, editor.ranges
    )
    refused = _walk_form(qtbot, session, subject)
    assert ("key" in refused and "name" in refused) or "question" in refused, refused


def _walk_form(qtbot: Any, session: ProjectSession, subject: Subject) -> list[str]:
    """Walk every field the form declares; the names where the model refused a value."""
    refused = []
    walked = [f for f in subject.form.fields.values() if isinstance(f, TYPED)]
    assert walked, "the form declares no field typed as text"
    for one in subject.form.fields.values():
        if isinstance(one, TYPED) and _walk(qtbot, session, subject, one):
            refused.append(one.name)
        elif isinstance(one, ChoiceField | BoolField):
            _pick(session, subject, one)
        elif isinstance(one, EffortField):
            _walk_effort(qtbot, session, subject, one)
    return refused


def _walk(qtbot: Any, session: ProjectSession, subject: Subject, field: FieldEditor) -> bool:
    """Walk one field; True when a value the model refuses was tried too."""
    name, form = field.name, subject.form
    edit = _edit(field)
    stack = session.undo_stack

    # a valid value, then leaving the field: stored, one undo entry
    depth = stack.count()
    _type(qtbot, edit, _valid_text(field, getattr(subject.item(), name)))
    _leave(qtbot, edit, subject.elsewhere)
    assert form.error_text(name) == "", (name, form.error_text(name))
    assert stack.count() == depth + 1, name
    stored = getattr(subject.item(), name)
    assert stored == field.value(), name

    # another valid value, then Ctrl+Enter: stored, one more undo entry
    depth = stack.count()
    _type(qtbot, edit, _valid_text(field, stored))
    qtbot.keyClick(edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert stack.count() == depth + 1, name
    _leave(qtbot, edit, subject.elsewhere)
    assert stack.count() == depth + 1, name

    # a value the model refuses: said under the field in the translator's words, not stored
    item = subject.item()
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
        _leave(qtbot, edit, subject.elsewhere)
        expected = subject.ranges.get(name, words) if words.startswith("must be at") else words
        assert form.error_text(name) == expected, name
        assert not form.errors[name].isHidden()
        assert stack.count() == depth
        assert session.service.load(session.project_id) == before
        tried = True
        break
    else:
        tried = False
    # show the stored value again, so the next field starts clean
    form.set_error(name, "")
    field.load(item, session.project)
    return tried


def _pick(session: ProjectSession, subject: Subject, field: FieldEditor) -> None:
    """A choice picked or a box clicked: stored at once, one undo entry."""
    depth = session.undo_stack.count()
    current = getattr(subject.item(), field.name)
    if isinstance(field, ChoiceField):
        field.choose(next(v for v in type(current) if v != current))
    else:
        assert isinstance(field, BoolField)
        field.box.click()
    assert session.undo_stack.count() == depth + 1, field.name
    assert getattr(subject.item(), field.name) != current, field.name


def _walk_effort(qtbot: Any, session: ProjectSession, subject: Subject, field: EffortField) -> None:
    """The effort triple: leaving or Ctrl+Enter stores; points out of order are refused."""
    stack = session.undo_stack
    for finish in ("leave", "ctrl+enter"):
        depth = stack.count()
        pessimistic = subject.item().effort.pessimistic
        _type(qtbot, field.pessimistic, f"{pessimistic + 1:g}")
        if finish == "leave":
            _leave(qtbot, field.pessimistic, subject.elsewhere)
        else:
            qtbot.keyClick(
                field.pessimistic, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier
            )
        assert stack.count() == depth + 1, finish
        assert subject.item().effort.pessimistic == pessimistic + 1
    before = session.service.load(session.project_id)
    likely = subject.item().effort.likely
    _type(qtbot, field.optimistic, f"{likely + 1:g}")
    _leave(qtbot, field.optimistic, subject.elsewhere)
    message = subject.form.error_text("effort")
    assert message.startswith(f"optimistic ({likely + 1:g} d) must not exceed likely"), message
    assert session.service.load(session.project_id) == before
    subject.form.set_error("effort", "")
    field.load(subject.item(), session.project)


def test_the_capability_forms_walk_like_the_lists(
    open_page: OpenPage, qtbot: Any, session: ProjectSession
) -> None:
    page = open_page(CapabilitiesStep)
    page.select(session.project.failure_modes[0].capability)  # one with failure modes
    form = page.form

    def capability() -> Any:
        return session.project.capability(page.selected_key())

    assert "name" in _walk_form(qtbot, session, Subject(form.head, capability, page.table))
    form.tabs.setCurrentIndex(0)
    assert "key" in _walk_form(qtbot, session, Subject(form.details, capability, page.table))

    panel = page.failures
    form.tabs.setCurrentIndex(2)

    def mode() -> Any:
        return panel.model.record(panel.model.row_of(panel.selected_key()))

    refused = _walk_form(qtbot, session, Subject(panel.form, mode, panel.table))
    assert {"description", "key"} <= set(refused), refused


def test_the_risk_form_walks_like_the_lists(
    open_page: OpenPage, qtbot: Any, session: ProjectSession
) -> None:
    page = open_page(PreMortemStep)

    def risk() -> Any:
        return next(r for r in session.project.risks if r.key == page.selected_key())

    refused = _walk_form(qtbot, session, Subject(page.form, risk, page.table))
    assert {"story", "key"} <= set(refused), refused


def test_the_slice_form_walks_like_the_lists(
    open_page: OpenPage, qtbot: Any, session: ProjectSession, dialogs: FakeDialogs
) -> None:
    runner = TaskRunner(QThreadPool())
    page = open_page(partial(SlicesStep, runner=runner))
    dialogs.choose_answer = 0  # a new name: its key follows, as offered

    def chosen() -> Any:
        return session.project.slice(page.selected_key())

    refused = _walk_form(qtbot, session, Subject(page.form, chosen, page.table))
    assert refused == ["name", "key"], refused
    qtbot.waitUntil(lambda: not page.computing, timeout=20_000)


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

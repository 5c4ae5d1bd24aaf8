"""Architecture decisions: grouped by topic; options, choice, rationale and status edited."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from scoping_app.domain.enums import DecisionStatus, Topic
from scoping_app.domain.model import Decision
from scoping_app.services.projects import ProjectService
from scoping_app.ui.session import ProjectSession
from scoping_app.ui.steps.decisions.page import DecisionsStep
from tests.ui.conftest import OpenPage
from tests.ui.test_list_editor import commit

TOPIC, QUESTION, STATUS, CHOICE = range(4)


def _stored(service: ProjectService, example_id: int) -> Decision:
    return next(d for d in service.load(example_id).decisions if d.key == "d_embed")


def _topics(page: DecisionsStep) -> list[str]:
    model = page.editor.model
    return [model.index(row, TOPIC).data() for row in range(model.rowCount())]


def test_decisions_are_grouped_by_topic(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DecisionsStep)
    editor = page.editor
    assert not editor.up_button.isVisible()  # the table's order is the topics', not the list's
    editor.select("d_cache")
    editor.add_button.click()
    commit(editor.fields["question"], "Which chunk overlap?", qtbot)
    editor.fields["topic"].choose(Topic.CHUNKING)  # type: ignore[attr-defined]
    stored = service.load(example_id).decisions
    added = next(d for d in stored if d.question == "Which chunk overlap?")
    assert added.topic is Topic.CHUNKING and added.key == "which_chunk_overlap"
    model = editor.model
    # the new decision sits in the chunking group, named once on the group's first row
    assert model.record(0).key == "d_chunk" and model.record(1).key == "which_chunk_overlap"
    assert _topics(page)[:3] == ["Chunking", "", "Embedding"]
    assert model.index(0, TOPIC).data(Qt.ItemDataRole.FontRole).bold()
    assert model.index(1, TOPIC).data(Qt.ItemDataRole.ToolTipRole) == "Chunking"
    assert editor.selected_key() == "which_chunk_overlap"
    assert "over 10 topics" in page.summary.text()


def test_options_choice_rationale_and_status(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DecisionsStep)
    editor = page.editor
    editor.select("d_embed")
    options = editor.fields["options"]
    options.add_option("multilingual-e5")  # type: ignore[attr-defined]
    decision = next(d for d in service.load(example_id).decisions if d.key == "d_embed")
    assert decision.options == ["hosted", "self-hosted multilingual", "multilingual-e5"]
    assert session.undo_stack.undoText() == "Change options of Which embedding model?"
    item = options.list.item(0)  # type: ignore[attr-defined]
    item.setText("hosted API")
    qtbot.waitUntil(lambda: _stored(service, example_id).options[0] == "hosted API")
    decision = _stored(service, example_id)

    choice = editor.fields["choice"]
    combo = choice.combo  # type: ignore[attr-defined]
    assert [combo.itemText(i) for i in range(combo.count())] == decision.options
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    combo.activated.emit(combo.currentIndex())
    editor.fields["status"].choose(DecisionStatus.DECIDED)  # type: ignore[attr-defined]
    rationale = editor.fields["rationale"].edit  # type: ignore[attr-defined]
    rationale.setFocus()
    qtbot.keyClicks(rationale, "Runs in the EU")
    editor.table.setFocus()  # leaving the text commits it
    decision = next(d for d in service.load(example_id).decisions if d.key == "d_embed")
    assert decision.choice == combo.currentText() and decision.choice in decision.options
    assert decision.status is DecisionStatus.DECIDED
    assert decision.rationale == "Runs in the EU"
    assert session.undo_stack.undoText() == "Change rationale of Which embedding model?"

    # renamed in place with the keyboard: F2, type, Enter
    lst = options.list  # type: ignore[attr-defined]
    lst.setFocus()
    lst.setCurrentRow(1)
    qtbot.keyClick(lst, Qt.Key.Key_F2)
    editor_widget = QApplication.focusWidget()
    assert editor_widget is not lst
    editor_widget.selectAll()  # type: ignore[union-attr]
    qtbot.keyClicks(editor_widget, "self-hosted e5")
    qtbot.keyClick(editor_widget, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: _stored(service, example_id).options[1] == "self-hosted e5")

    options.list.setCurrentRow(2)  # type: ignore[attr-defined]
    options.remove_button.click()  # type: ignore[attr-defined]
    decision = next(d for d in service.load(example_id).decisions if d.key == "d_embed")
    assert decision.options == ["hosted API", "self-hosted e5"]


def test_an_empty_question_is_refused_and_delete_undoes(
    open_page: OpenPage,
    qtbot: Any,
    session: ProjectSession,
    service: ProjectService,
    example_id: int,
) -> None:
    page = open_page(DecisionsStep)
    editor = page.editor
    before = service.load(example_id)
    editor.select("d_embed")
    commit(editor.fields["question"], "", qtbot)
    assert editor.form.error_text("question") == "must not be empty"
    assert service.load(example_id) == before
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_Delete)
    assert len(service.load(example_id).decisions) == 9
    session.undo_stack.undo()
    assert service.load(example_id) == before

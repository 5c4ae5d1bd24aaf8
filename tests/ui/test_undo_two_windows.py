"""Undo and redo in a window never overwrite what another window (or the CLI) changed since."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scoping_app.domain import edits
from scoping_app.services.database import open_service
from scoping_app.services.projects import DatabaseBusyError, ProjectService
from scoping_app.ui.session import ProjectSession


@pytest.fixture
def other_window(db_url: str, tmp_path: Path) -> Iterator[ProjectService]:
    """A second program on the same database file."""
    opened = open_service(db_url, backup_dir=tmp_path / "backups")
    yield opened
    opened.close()


def rename(key: str, name: str) -> Any:
    return lambda p: edits.set_fields(p, "capabilities", key, name=name)


def test_undo_in_one_window_keeps_the_other_windows_edit(
    session: ProjectSession, other_window: ProjectService
) -> None:
    project_id = session.project_id
    original = session.project.capability("kb_ingest").name
    session.apply(rename("kb_ingest", "Ingestion"), "Change name of Ingestion")
    other_window.edit(project_id, rename("ticket_export", "Ticket dump"), "Rename")
    session.undo_stack.undo()
    stored = other_window.load(project_id)
    assert stored.capability("kb_ingest").name == original
    assert stored.capability("ticket_export").name == "Ticket dump"
    assert session.project == stored  # the window shows what is stored, both edits told
    session.undo_stack.redo()
    stored = other_window.load(project_id)
    assert stored.capability("kb_ingest").name == "Ingestion"
    assert stored.capability("ticket_export").name == "Ticket dump"


def test_an_undo_over_a_later_edit_is_refused_in_words_and_stays_undoable(
    qtbot: Any, session: ProjectSession, other_window: ProjectService
) -> None:
    project_id = session.project_id
    told: list[tuple[str, str]] = []
    session.edit_failed.connect(lambda title, text: told.append((title, text)))
    session.apply(rename("ticket_export", "Ticket export v2"), "Rename capability")
    other_window.edit(project_id, rename("ticket_export", "Ticket dump"), "Rename")
    stored = other_window.load(project_id)
    session.undo_stack.undo()
    assert told == [
        (
            "Could not undo Rename capability",
            "Ticket dump was changed since, in another window or program. Nothing was changed.",
        )
    ]
    assert other_window.load(project_id) == stored
    # the stack steps back: the edit is still the one to undo, and nothing is redone
    qtbot.waitUntil(lambda: session.undo_stack.canUndo() and not session.undo_stack.canRedo())
    assert session.undo_stack.undoText() == "Rename capability"
    assert other_window.load(project_id) == stored
    # once the other window's edit is taken back, the undo goes through
    other_window.edit(project_id, rename("ticket_export", "Ticket export v2"), "Rename")
    session.undo_stack.undo()
    assert len(told) == 1
    assert other_window.load(project_id).capability("ticket_export").name == "Ticket export"


def test_an_undo_the_busy_database_refuses_is_told_and_can_be_made_again(
    qtbot: Any,
    monkeypatch: pytest.MonkeyPatch,
    session: ProjectSession,
    other_window: ProjectService,
) -> None:
    told: list[tuple[str, str]] = []
    session.edit_failed.connect(lambda title, text: told.append((title, text)))
    session.apply(rename("index", "Search index"), "Rename capability")
    revert = session.service.revert
    busy = DatabaseBusyError("Another program is writing to the database.")

    def refused(*_args: Any) -> Any:
        raise busy

    monkeypatch.setattr(session.service, "revert", refused)
    session.undo_stack.undo()
    assert told == [("Could not undo Rename capability", str(busy))]
    qtbot.waitUntil(lambda: session.undo_stack.canUndo() and not session.undo_stack.canRedo())
    assert other_window.load(session.project_id).capability("index").name == "Search index"
    monkeypatch.setattr(session.service, "revert", revert)
    session.undo_stack.undo()
    assert other_window.load(session.project_id).capability("index").name != "Search index"
    assert session.undo_stack.canRedo()

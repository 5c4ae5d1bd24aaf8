"""Undo and redo take back an edit's own difference, never what another window changed since.

Two services on one database file stand for two windows (or a window and the CLI).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Project
from scoping_app.services.database import open_service
from scoping_app.services.projects import Change, ChangedSinceError, ProjectService
from tests.conftest import EXAMPLE_FILE

Edit = Callable[[Project], object]


@pytest.fixture
def windows(
    database_url: str, tmp_path: Path
) -> Iterator[tuple[ProjectService, ProjectService, int]]:
    url = database_url
    first = open_service(url, backup_dir=tmp_path / "bk")
    project_id = first.import_file(EXAMPLE_FILE).id
    second = open_service(url, backup_dir=tmp_path / "bk")
    yield first, second, project_id
    first.close()
    second.close()


def undo(service: ProjectService, change: Change) -> Change:
    assert change.before is not None
    return service.revert(change.project_id, change.before, change.project, f"Undo {change.label}")


def redo(service: ProjectService, change: Change) -> Change:
    assert change.before is not None
    return service.revert(change.project_id, change.project, change.before, f"Redo {change.label}")


def rename(key: str, name: str) -> Edit:
    return lambda p: edits.set_fields(p, "capabilities", key, name=name)


def keys(project: Project) -> list[str]:
    return [c.key for c in project.capabilities]


def test_undo_keeps_the_edit_another_window_made_since(windows) -> None:
    a, b, project_id = windows
    original = a.load(project_id)
    mine = a.edit(project_id, rename("kb_ingest", "Ingestion"), "Rename capability")
    b.edit(project_id, rename("ticket_export", "Ticket dump"), "Rename capability")
    undone = undo(a, mine)
    stored = b.load(project_id)
    assert undone.project == stored and undone.parts == {"capabilities"}
    assert stored.capability("kb_ingest") == original.capability("kb_ingest")
    assert stored.capability("ticket_export").name == "Ticket dump"
    redo(a, mine)
    stored = b.load(project_id)
    assert stored.capability("kb_ingest").name == "Ingestion"
    assert stored.capability("ticket_export").name == "Ticket dump"


def test_undo_is_refused_in_words_when_the_same_item_changed_since(windows) -> None:
    a, b, project_id = windows
    mine = a.edit(project_id, rename("ticket_export", "Ticket export v2"), "Rename capability")
    b.edit(project_id, rename("ticket_export", "Ticket dump"), "Rename capability")
    before = b.load(project_id)
    with pytest.raises(ChangedSinceError) as caught:
        undo(a, mine)
    assert str(caught.value) == "Ticket dump was changed since, in another window or program."
    assert a.load(project_id) == before


def test_redo_is_refused_when_the_item_changed_after_the_undo(windows) -> None:
    a, b, project_id = windows
    mine = a.edit(project_id, rename("index", "Search index"), "Rename capability")
    undo(a, mine)
    b.edit(project_id, lambda p: edits.set_fields(p, "capabilities", "index", value=7), "Value")
    before = b.load(project_id)
    with pytest.raises(ChangedSinceError, match="changed since"):
        redo(a, mine)
    assert a.load(project_id) == before


def test_undo_of_a_project_field_keeps_other_fields(windows) -> None:
    a, b, project_id = windows
    original = a.load(project_id).info
    mine = a.edit(project_id, lambda p: edits.set_info(p, owner="Dana"), "Change owner")
    b.edit(project_id, lambda p: edits.set_info(p, objective="Faster answers"), "Objective")
    undo(a, mine)
    info = b.load(project_id).info
    assert (info.owner, info.objective) == (original.owner, "Faster answers")
    b.edit(project_id, lambda p: edits.set_info(p, owner="Lee"), "Change owner")
    with pytest.raises(ChangedSinceError, match=r"^The project's owner was changed since"):
        redo(a, mine)


def test_undo_of_an_add_and_a_delete_puts_items_where_they_were(windows) -> None:
    a, b, project_id = windows
    original = a.load(project_id)
    added = a.edit(
        project_id,
        lambda p: edits.add_item(p, "capabilities", Capability(key="new", name="New"), 2),
        "Add capability New",
    )
    deleted = a.edit(
        project_id, lambda p: edits.delete_item(p, "capabilities", "rerank"), "Delete rerank"
    )
    b.edit(project_id, rename("cache", "Answer cache"), "Rename capability")
    undo(a, deleted)
    undo(a, added)
    stored = b.load(project_id)
    assert keys(stored) == keys(original)
    assert stored.capability("rerank") == original.capability("rerank")
    # the references the delete removed came back with the items that held them
    assert stored.slices == original.slices
    assert stored.capability("cache").name == "Answer cache"
    redo(a, added)
    assert keys(b.load(project_id))[2] == "new"


def test_undo_of_a_move_keeps_an_item_added_since(windows) -> None:
    a, b, project_id = windows
    original = keys(a.load(project_id))
    moved = a.edit(project_id, lambda p: edits.move_item(p, "capabilities", "cache", 0), "Move")
    b.edit(
        project_id,
        lambda p: edits.add_item(p, "capabilities", Capability(key="other", name="Other")),
        "Add capability Other",
    )
    undo(a, moved)
    assert keys(b.load(project_id)) == [*original, "other"]
    redo(a, moved)
    assert keys(b.load(project_id))[0] == "cache"
    b.edit(project_id, lambda p: edits.move_item(p, "capabilities", "index", 0), "Move")
    with pytest.raises(ChangedSinceError, match=r"^The order of the capabilities"):
        undo(a, moved)


def test_undo_of_a_key_rename_brings_back_the_key_and_its_references(windows) -> None:
    a, b, project_id = windows
    original = a.load(project_id)
    renamed = a.edit(
        project_id, lambda p: edits.set_fields(p, "capabilities", "index", key="search"), "Key"
    )
    assert "search" in renamed.project.capabilities_by_key()
    b.edit(project_id, lambda p: edits.set_info(p, owner="Lee"), "Change owner")
    undo(a, renamed)
    stored = b.load(project_id)
    assert stored.model_copy(update={"info": original.info}) == original
    assert stored.info.owner == "Lee"

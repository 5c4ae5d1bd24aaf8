"""The use cases: every change in one transaction, refused edits store nothing."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.domain.validation import CycleError, ProjectInvalid
from scoping_app.services.database import DatabaseDamagedError, open_service, restore_backup
from scoping_app.services.projects import ProjectService, ServiceError
from tests.conftest import EXAMPLE_FILE


def test_import_then_load_gives_the_file_back(
    service: ProjectService, example_project: Project
) -> None:
    summary = service.import_file(EXAMPLE_FILE)
    assert summary.name == "Support answer assistant" and summary.capabilities == 15
    assert service.load(summary.id) == example_project
    assert service.resolve("Support answer assistant") == summary.id
    assert service.resolve(str(summary.id)) == summary.id


def test_edit_stores_and_reports_what_changed(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    change = service.edit(
        project_id,
        lambda p: edits.add_item(p, "capabilities", Capability(key="new", name="New thing")),
        "Add capability New thing",
    )
    assert change.parts == {"capabilities"}
    assert change.label == "Add capability New thing"
    assert service.load(project_id).capabilities[-1].key == "new"
    assert change.project == service.load(project_id)


def test_a_refused_edit_stores_nothing(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    before = service.load(project_id)
    with pytest.raises(CycleError):
        service.edit(project_id, lambda p: edits.add_dependency(p, "index", "rerank"), "x")

    def half_done(project: Project) -> None:
        project.capabilities[0].name = "Changed before the failure"
        project.capabilities[1].requires.append("nope")

    with pytest.raises(ProjectInvalid):
        service.edit(project_id, half_done, "y")
    assert service.load(project_id) == before


def test_a_value_a_model_refuses_is_told_in_words(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    before = service.load(project_id)

    def empty_name(project: Project) -> None:
        project.capabilities[0].name = ""

    with pytest.raises(ProjectInvalid) as caught:
        service.edit(project_id, empty_name, "Rename")
    assert str(caught.value) == "name: must not be empty"
    assert service.load(project_id) == before


def test_revert_returns_the_exact_earlier_state(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    before = service.load(project_id)
    after = service.edit(
        project_id, lambda p: edits.delete_item(p, "capabilities", "answer_llm"), "Del"
    )
    assert service.load(project_id) != before
    service.revert(project_id, before, after.project, "Undo")
    assert service.load(project_id) == before
    service.revert(project_id, after.project, before, "Redo")
    assert service.load(project_id) == after.project


def test_names_stay_unique(service: ProjectService) -> None:
    first = service.create(Project(info=ProjectInfo(name="Claims triage")))
    second = service.create(Project(info=ProjectInfo(name="Claims triage")))
    assert (first.name, second.name) == ("Claims triage", "Claims triage (2)")
    with pytest.raises(ServiceError, match="already named"):
        service.edit(second.id, lambda p: edits.set_info(p, name="Claims triage"), "Rename")
    copy = service.duplicate(first.id)
    assert copy.name == "Claims triage (3)"
    service.delete(first.id)
    assert [p.name for p in service.list_projects()] == ["Claims triage (2)", "Claims triage (3)"]


def test_import_errors_are_service_errors_in_words(service: ProjectService, tmp_path: Path) -> None:
    bad = tmp_path / "bad.scope.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ServiceError, match="JSON"):
        service.import_file(bad)
    assert service.list_projects() == []


def test_unknown_project_is_a_service_error(service: ProjectService) -> None:
    with pytest.raises(ServiceError, match="no project"):
        service.resolve("Missing")
    with pytest.raises(ServiceError):
        service.load(99)


def test_damaged_database_is_set_aside_and_a_backup_can_be_restored(tmp_path: Path) -> None:
    db = tmp_path / "damaged.db"
    backups = tmp_path / "bk"
    service = open_service(f"sqlite:///{db}", backup_dir=backups)
    service.import_file(EXAMPLE_FILE)
    service.close()
    from scoping_app.store.backups import backup_database

    backup_database(db, backups)
    with contextlib.closing(sqlite3.connect(db)) as connection:  # the capabilities' first page
        (page,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'capability'")
    data = bytearray(db.read_bytes())
    data[(page[0] - 1) * 4096 : page[0] * 4096] = b"\xff" * 4096
    db.write_bytes(bytes(data))
    with pytest.raises(DatabaseDamagedError) as raised:
        open_service(f"sqlite:///{db}", backup_dir=backups)
    error = raised.value
    assert error.set_aside.exists() and not db.exists()
    assert error.latest_backup is not None
    restore_backup(error.latest_backup, error.path)
    reopened = open_service(f"sqlite:///{db}", backup_dir=backups)
    assert [p.name for p in reopened.list_projects()] == ["Support answer assistant"]
    reopened.close()

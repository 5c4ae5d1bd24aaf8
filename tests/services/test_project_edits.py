"""Edits on the stored project: what they return is what is stored, even across processes;
imports report their progress and can be cancelled."""

from __future__ import annotations

import threading
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Effort, FailureMode, Project
from scoping_app.domain.validation import ProjectInvalid
from scoping_app.services.database import open_service
from scoping_app.services.projects import ImportCancelled, ProjectService, ServiceError
from tests.conftest import EXAMPLE_FILE


def _another(service: ProjectService, tmp_path: Path) -> ProjectService:
    """The use cases over the same database, as another process opens it."""
    return open_service(service.database.url, backup_dir=tmp_path / "bk")


def _fresh_load(service: ProjectService, tmp_path: Path, project_id: int) -> Project:
    """The project as another process would read it."""
    other = _another(service, tmp_path)
    try:
        return other.load(project_id)
    finally:
        other.close()


EDITS: list[tuple[str, Callable[[Project], object]]] = [
    (
        "rename a capability's key",
        lambda p: edits.set_fields(p, "capabilities", "index", key="idx"),
    ),
    ("change a field", lambda p: edits.set_fields(p, "capabilities", "idx", value=7.5)),
    ("add a dependency", lambda p: edits.add_dependency(p, "audit_log", "kb_ingest")),
    ("move a capability", lambda p: edits.move_item(p, "capabilities", "answer_llm", 0)),
    ("delete a capability", lambda p: edits.delete_item(p, "capabilities", "rerank")),
    ("rename the project", lambda p: edits.set_info(p, name="Renamed")),
    (
        "add a capability",
        lambda p: edits.add_item(
            p, "capabilities", Capability(key="n", name="N", effort=Effort.single(2))
        ),
    ),
    (
        "add a failure mode",
        lambda p: edits.add_item(
            p,
            "failure_modes",
            FailureMode(key="fm_new", capability="n", description="Breaks", likelihood=2, impact=3),
        ),
    ),
    ("change a list in place", lambda p: p.capabilities[0].requires.clear()),
]


def test_every_edit_stores_exactly_what_it_returns(service: ProjectService, tmp_path: Path) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    original = service.load(project_id)
    history = [original]
    for label, operation in EDITS:
        change = service.edit(project_id, operation, label)
        assert change.parts, label
        assert service.load(project_id) == change.project, label
        assert _fresh_load(service, tmp_path, project_id) == change.project, label
        history.append(change.project)
    for before, after in reversed(list(pairwise(history))):  # undo everything
        service.revert(project_id, before, after, "Undo")
        assert _fresh_load(service, tmp_path, project_id) == before
    assert service.load(project_id) == original


def test_an_edit_sees_a_change_another_process_made_since(
    service: ProjectService, tmp_path: Path
) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    service.edit(project_id, lambda p: edits.set_info(p, owner="First"), "Owner")
    other = _another(service, tmp_path)
    try:
        other.edit(project_id, lambda p: edits.set_info(p, problem="Told elsewhere"), "Problem")
    finally:
        other.close()
    change = service.edit(project_id, lambda p: edits.set_info(p, objective="Next"), "Objective")
    assert (change.project.info.owner, change.project.info.problem) == ("First", "Told elsewhere")
    assert _fresh_load(service, tmp_path, project_id) == change.project


def test_a_refused_edit_leaves_no_trace_in_the_next_one(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    service.edit(project_id, lambda p: edits.set_info(p, owner="Kept"), "Owner")

    def half_done(project: Project) -> None:
        project.capabilities[0].name = "Changed before the failure"
        project.capabilities[1].requires.append("nope")

    with pytest.raises(ProjectInvalid):
        service.edit(project_id, half_done, "Refused")
    with pytest.raises(ProjectInvalid):  # a value the model refuses, set in place
        service.edit(project_id, lambda p: p.capabilities[2].requires.append("Not a key!"), "x")
    change = service.edit(project_id, lambda p: edits.set_info(p, objective="Next"), "Objective")
    assert change.project.capabilities[0].name != "Changed before the failure"
    assert "nope" not in change.project.capabilities[1].requires
    assert change.project == service.load(project_id)


def test_prepare_writes_on_a_worker_then_edit(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    workers = [threading.Thread(target=service.prepare_writes) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    service.prepare_writes()
    change = service.edit(project_id, lambda p: edits.set_info(p, owner="After"), "Owner")
    assert service.load(project_id) == change.project


def test_import_progress_rises_to_one(service: ProjectService) -> None:
    shares: list[float] = []
    summary = service.import_file(EXAMPLE_FILE, progress=shares.append)
    assert shares[0] == 0.0 and shares[-1] == 1.0
    assert shares == sorted(shares) and len(shares) > 5
    assert summary.capabilities == 15


@pytest.mark.parametrize("stop_at", [0.0, 0.2, 0.5, 0.8, 1.0])
def test_a_cancelled_import_stores_nothing(service: ProjectService, stop_at: float) -> None:
    def progress(share: float) -> None:
        if share >= stop_at:
            raise ImportCancelled

    with pytest.raises(ImportCancelled):
        service.import_file(EXAMPLE_FILE, progress=progress)
    assert service.list_projects() == []
    assert not issubclass(ImportCancelled, ServiceError)
    service.import_file(EXAMPLE_FILE)  # the next import is not hindered
    assert [p.name for p in service.list_projects()] == ["Support answer assistant"]

"""Export then import gives back the same project, field for field, on random projects; and
through either database, a file imported then exported is the same file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings

from scoping_app.domain.model import Project, ProjectInfo
from scoping_app.domain.validation import check_project
from scoping_app.services.database import open_service
from scoping_app.store.exporting import document, dumps
from scoping_app.store.importing import read_project
from tests.strategies import projects


def _floats(value: Any) -> list[float]:
    if isinstance(value, float):
        return [value]
    if isinstance(value, dict):
        return [f for item in value.values() for f in _floats(item)]
    if isinstance(value, list):
        return [f for item in value for f in _floats(item)]
    return []


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_export_then_import_gives_back_the_same_project(project: Project) -> None:
    assert check_project(project) == []  # the strategy makes valid projects only

    # document -> JSON -> read_project, through the standard json module
    doc = document(project)
    assert read_project(json.dumps(doc, allow_nan=False)) == project

    # every field written, effort always as three points, integral numbers as integers
    assert list(doc)[:3] == ["format", "format_version", "project"]
    # a field format version 2 added is left out while empty, and only then
    written = {name for name, value in project.info.model_dump().items() if value is not None}
    assert set(ProjectInfo.model_fields) - {"start_date", "team_size"} <= set(doc["project"])
    assert set(doc["project"]) & {"start_date", "team_size"} == written & {
        "start_date",
        "team_size",
    }
    for capability, item in zip(project.capabilities, doc["capabilities"], strict=True):
        for name in ("cost_model", "latency_model"):
            assert (name in item) == (getattr(capability, name) is not None)
    for capability in doc["capabilities"]:
        assert list(capability["effort"]) == ["optimistic", "likely", "pessimistic"]
    assert not [f for f in _floats(doc) if f.is_integer() and abs(f) < 2**53]

    # the file's own text, as bytes, reads back equal and writes back byte for byte
    text = dumps(project)
    again = read_project(text.encode("utf-8"))
    assert again == project
    assert dumps(again) == text


@settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(projects())
def test_a_file_imported_then_exported_is_the_same_file_on_either_database(
    database_url: str, tmp_path: Path, project: Project
) -> None:
    """Through the database and back, the file written is the one read, byte for byte."""
    service = open_service(database_url, backup_dir=tmp_path / "backups")
    try:
        source, exported = tmp_path / "in.scope.json", tmp_path / "out.scope.json"
        source.write_text(dumps(project), encoding="utf-8")
        project_id = service.import_file(source).id
        service.export_file(project_id, exported)
        service.delete(project_id)  # the next drawn project may have the same name
    finally:
        service.close()
    assert exported.read_bytes() == source.read_bytes()

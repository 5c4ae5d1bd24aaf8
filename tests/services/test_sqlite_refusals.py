"""What SQLite itself refuses is told in words: a write on a connection that may only read."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoping_app.domain.model import Project, ProjectInfo
from scoping_app.services.database import open_service
from scoping_app.services.projects import DatabaseReadOnlyError, ProjectService
from scoping_app.store.database import Database
from tests.conftest import EXAMPLE_FILE


def test_sqlite_refusing_a_write_is_said_as_read_only(tmp_path: Path) -> None:
    path = tmp_path / "scoping.db"
    writable = open_service(f"sqlite:///{path}", backup_dir=tmp_path / "bk")
    project_id = writable.import_file(EXAMPLE_FILE).id
    writable.close()
    # a second connection SQLite opens read-only: the app did not decide it, SQLite refuses
    url = f"sqlite:///file:{path}?mode=ro&uri=true"
    service = ProjectService(Database(url))
    try:
        assert not service.read_only
        with pytest.raises(DatabaseReadOnlyError, match="read-only"):
            service.create(Project(info=ProjectInfo(name="Another")))
        with pytest.raises(DatabaseReadOnlyError):
            service.edit(project_id, lambda p: setattr(p.info, "owner", "Someone"), "Owner")
        assert [s.id for s in service.list_projects()] == [project_id]
    finally:
        service.close()

"""Fixtures of the service tests: the use cases over a fresh database (a file under tmp_path,
or one on the PostgreSQL server of ``SCOPING_TEST_POSTGRES_URL``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService


@pytest.fixture
def service(database_url: str, tmp_path: Path) -> Iterator[ProjectService]:
    opened = open_service(database_url, backup_dir=tmp_path / "bk")
    yield opened
    opened.close()

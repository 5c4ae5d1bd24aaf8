"""Fixtures of the service tests: the use cases over a fresh database file under tmp_path."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scoping_app.services.database import open_service
from scoping_app.services.projects import ProjectService


@pytest.fixture
def service(tmp_path: Path) -> Iterator[ProjectService]:
    opened = open_service(f"sqlite:///{tmp_path / 'service.db'}", backup_dir=tmp_path / "bk")
    yield opened
    opened.close()

"""Fixtures of the store tests: a fresh database (a file under tmp_path, or one on the
PostgreSQL server of ``SCOPING_TEST_POSTGRES_URL``), and the backups folder."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from scoping_app.store.database import Database
from scoping_app.store.migrate import open_database


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    return tmp_path / "data" / "scoping.db"


@pytest.fixture
def backup_dir(tmp_path: Path) -> Path:
    return tmp_path / "backups"


@pytest.fixture
def database(database_url: str, backup_dir: Path) -> Iterator[Database]:
    database = open_database(database_url, backup_dir=backup_dir)
    yield database
    database.close()

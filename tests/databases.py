"""The databases the store, services and CLI tests run on: SQLite, and PostgreSQL when
``SCOPING_TEST_POSTGRES_URL`` names a server (CI starts one; see .ci/run).

Each test gets a database of its own: a file under its tmp_path, or a database created
on the server for it and dropped after it. Tests about SQLite files themselves (damage,
backups, locks, read-only files) are marked ``sqlite_only`` and never run on PostgreSQL.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from scoping_app.services.projects import ProjectService

POSTGRES_URL_ENV = "SCOPING_TEST_POSTGRES_URL"
POSTGRES_URL = os.environ.get(POSTGRES_URL_ENV, "").strip()
KINDS = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


@contextmanager
def fresh_database(kind: str, sqlite_file: Path) -> Iterator[str]:
    """The URL of an empty database of ``kind``: ``sqlite_file``, or a new PostgreSQL one."""
    if kind == "sqlite":
        yield f"sqlite:///{sqlite_file}"
        return
    from sqlalchemy.engine import make_url

    server = make_url(POSTGRES_URL)
    name = f"scoping_test_{uuid.uuid4().hex[:16]}"
    _administer(server, f'CREATE DATABASE "{name}"')
    try:
        yield server.set(database=name).render_as_string(hide_password=False)
    finally:
        _administer(server, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def someone_elses_service(url: str, folder: Path, author: str) -> Iterator[ProjectService]:
    """A second person's service on the database at ``url``, as their own app opens it
    (its backups under ``folder``), storing its changes as ``author``."""
    from scoping_app.services.database import open_service

    service = open_service(url, backup_dir=folder / f"{author}-backups")
    service.author = author
    try:
        yield service
    finally:
        service.close()


def _administer(server: object, statement: str) -> None:
    import psycopg
    from sqlalchemy.engine import URL

    assert isinstance(server, URL)
    query = {key: value for key, value in server.query.items() if isinstance(value, str)}
    with psycopg.connect(
        host=server.host,
        port=server.port,
        user=server.username,
        password=server.password,
        dbname=server.database or "postgres",
        autocommit=True,
        **query,
    ) as connection:
        connection.execute(statement.encode())

"""The light read path: current schemas open with one query, reads run on sqlite3 per thread."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from alembic.script import ScriptDirectory

from benchmarks.generate import large_project
from scoping_app.domain.model import Project
from scoping_app.store import reading
from scoping_app.store.database import Database
from scoping_app.store.loading import load_project
from scoping_app.store.mapping import ENTITIES
from scoping_app.store.migrate import HEAD_REVISION, alembic_config
from scoping_app.store.tables import metadata
from tests.store.helpers import load, store


def test_the_head_revision_in_code_is_the_newest_migration() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    assert script.get_heads() == [HEAD_REVISION]


def test_the_mapping_names_every_column_of_the_tables() -> None:
    for entity in ENTITIES:
        table = metadata.tables[entity.table]
        assert set(entity.columns) == {c.name for c in table.columns} - {"id", "project_id"}
        for entry in entity.lists:
            listed = metadata.tables[entry.table]
            names = {c.name for c in listed.columns}
            assert names == {"project_id", entry.owner_column, entry.value_column, "position"}
            assert entry.owner_column in {c.name for c in listed.primary_key.columns}


def test_sqlite3_reads_give_what_sqlalchemy_reads_give(
    database: Database, example_project: Project
) -> None:
    projects = [example_project, large_project(capabilities=40, dependencies=90)]
    ids = [store(database, project) for project in projects]
    with database.reading() as rows:
        for project_id, project in zip(ids, projects, strict=True):
            assert load_project(rows, project_id) == project == load(database, project_id)
        listed = reading.list_summaries(rows)
    with database.session() as session:
        from scoping_app.store.repository import ProjectRepository

        assert ProjectRepository(session).list_summaries() == listed
    assert [row.capabilities for row in listed] == [40, 15]


def test_a_read_takes_no_write_lock_and_sees_one_state(
    database: Database, example_project: Project
) -> None:
    store(database, example_project)
    with database.reading() as rows:
        assert len(reading.list_summaries(rows)) == 1
        # Another connection writes meanwhile; the read neither blocks it nor sees it.
        second = example_project.model_copy(
            update={"info": example_project.info.model_copy(update={"name": "Second"})}
        )
        store(database, second)
        assert len(reading.list_summaries(rows)) == 1
    with database.reading() as rows:
        assert len(reading.list_summaries(rows)) == 2


def test_each_thread_reads_through_its_own_connection(
    database: Database, example_project: Project
) -> None:
    store(database, example_project)
    seen: list[object] = []

    def worker() -> None:
        try:
            with database.reading() as rows:
                seen.append(reading.names(rows))
        except Exception as error:  # shown by the assertion below
            seen.append(error)

    with database.reading() as rows:
        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert reading.names(rows) == {"Support answer assistant"}
    assert seen == [{"Support answer assistant"}]


_CLIENT = """
import sys
from pathlib import Path

import pytest
from scoping_app.cli import main
from scoping_app.services.database import open_service

db, backups = sys.argv[1], Path(sys.argv[2])
def loaded_now():
    return {m.split(".")[0] for m in sys.modules}
heavy = lambda: sorted(loaded_now() & {"sqlalchemy", "sqlmodel", "alembic"})
main(["--db", db, "list"])
print("list", heavy())
service = open_service(f"sqlite:///{db}", backup_dir=backups)
project_id = service.resolve("Support answer assistant")
service.load(project_id)
service.summary(project_id)
print("read", heavy())
service.prepare_writes()
service.prepare_writes()
print("prepared", heavy())
service.close()
"""


@pytest.mark.sqlite_only  # the fast path of a SQLite file
def test_reading_a_current_database_imports_neither_sqlalchemy_nor_alembic(
    database: Database, example_project: Project, backup_dir: Path
) -> None:
    store(database, example_project)
    database.close()
    assert database.path is not None
    done = subprocess.run(
        [sys.executable, "-c", _CLIENT, str(database.path), str(backup_dir)],
        capture_output=True,
        text=True,
        check=True,
    )
    lines = [
        line
        for line in done.stdout.splitlines()
        if line.split(" ")[0] in ("list", "read", "prepared")
    ]
    assert lines == ["list []", "read []", "prepared ['sqlalchemy', 'sqlmodel']"]

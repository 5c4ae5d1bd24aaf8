"""Migrations at start-up: a new schema equal to the models, identities, backups, refusals,
safe upgrades."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from scoping_app.domain.model import CostModel, Project
from scoping_app.store import migrate
from scoping_app.store.backups import file_identity, folder_of, is_sound
from scoping_app.store.database import Database
from scoping_app.store.errors import DatabaseForeign, DatabaseTooNew, MigrationFailed
from scoping_app.store.migrate import MIGRATIONS, alembic_config, open_database
from scoping_app.store.tables import metadata
from tests.store.helpers import load, replace, store

LINK_TABLES = (
    "decision_option",
    "process_step_data",
    "dependency",
    "delivers",
    "uses_data",
    "mitigates",
    "slice_capability",
)


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


def _revision(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as db:
        return [row[0] for row in db.execute("SELECT version_num FROM alembic_version")]


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _backup_files(backup_dir: Path) -> list[Path]:
    """Every backup file under the backups folder, tied to an identity or not."""
    return sorted(backup_dir.rglob("*.db")) if backup_dir.exists() else []


def _counts(path: Path) -> dict[str, int]:
    """The rows of each table of the models that the file holds."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        held = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        return {
            t: db.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in metadata.tables
            if t in held
        }


def test_a_new_file_gets_every_table_at_the_newest_revision(
    database: Database, backup_dir: Path
) -> None:
    tables = set(inspect(database.engine).get_table_names())
    assert tables == {*metadata.tables, "alembic_version"}
    with database.reading() as rows:
        assert rows("SELECT version_num FROM alembic_version", {}) == [(_head(),)]
    assert _backup_files(backup_dir) == []  # nothing to back up in a new file


def test_the_migrated_schema_is_the_models(database: Database) -> None:
    with database.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, metadata) == []
        # compare_metadata does not look at ON DELETE: every reference must cascade
        inspector = inspect(connection)
        for name, table in metadata.tables.items():
            reflected = {
                (tuple(fk["constrained_columns"]), fk["referred_table"]): fk["options"]
                for fk in inspector.get_foreign_keys(name)
            }
            expected = {
                (tuple(c.name for c in fk.columns), fk.referred_table.name): fk.ondelete
                for fk in table.foreign_key_constraints
            }
            assert set(reflected) == set(expected), name
            assert all(options.get("ondelete") == "CASCADE" for options in reflected.values())
            assert all(ondelete == "CASCADE" for ondelete in expected.values())
        # ids of deleted projects are never reused: AUTOINCREMENT, or a sequence
        if connection.dialect.name == "sqlite":
            project_sql = connection.exec_driver_sql(
                "SELECT sql FROM sqlite_master WHERE name = 'project'"
            ).scalar()
            assert "AUTOINCREMENT" in project_sql
        else:
            sequence = connection.exec_driver_sql(
                "SELECT pg_get_serial_sequence('project', 'id')"
            ).scalar()
            assert sequence is not None


def test_opening_at_the_newest_revision_changes_nothing(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    url = f"sqlite:///{db_path}"
    with open_database(url, backup_dir=backup_dir) as database:
        project_id = store(database, example_project)
    with open_database(url, backup_dir=backup_dir) as database:
        assert load(database, project_id) == example_project
    assert _backup_files(backup_dir) == []


def test_a_database_of_a_newer_version_is_refused_and_left_untouched(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    url = f"sqlite:///{db_path}"
    with open_database(url, backup_dir=backup_dir) as database:
        store(database, example_project)
    with contextlib.closing(sqlite3.connect(db_path)) as db, db:
        db.execute("UPDATE alembic_version SET version_num = '0042_from_the_future'")
    before = _digest(db_path)

    with pytest.raises(DatabaseTooNew) as raised:
        open_database(url, backup_dir=backup_dir)

    assert "newer version" in str(raised.value)
    assert "0042_from_the_future" in str(raised.value)
    assert _digest(db_path) == before
    assert _revision(db_path) == ["0042_from_the_future"]
    assert not backup_dir.exists() or not any(backup_dir.iterdir())


def test_an_existing_database_is_backed_up_before_it_is_upgraded(
    db_path: Path, backup_dir: Path
) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(db_path)) as db, db:  # an older, empty schema
        db.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir):
        pass

    (backup,) = _backup_files(backup_dir)
    assert backup.name.startswith("scoping-") and backup.suffix == ".db"
    assert is_sound(backup)
    with contextlib.closing(sqlite3.connect(backup)) as db:  # the state before the upgrade
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "alembic_version" in names and "project" not in names
    assert _revision(db_path) == [_head()]


def _at_the_first_revision(db_path: Path, project: Project) -> int:
    """A database as the first version wrote it (schema 0001: no identity, no checksums),
    with a project."""
    from scoping_app.store.engine import make_engine

    engine = make_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "head")
    with Database(f"sqlite:///{db_path}", engine) as database:
        project_id = store(database, project)
    engine = make_engine(f"sqlite:///{db_path}")
    with engine.begin() as connection:  # back to what the first version wrote
        command.downgrade(alembic_config(connection), "0001")
    engine.dispose()
    return project_id


def test_a_new_database_gets_an_identity_of_its_own(tmp_path: Path, backup_dir: Path) -> None:
    first, second = tmp_path / "a" / "scoping.db", tmp_path / "b" / "scoping.db"
    for path in (first, second):
        path.parent.mkdir()
        with open_database(f"sqlite:///{path}", backup_dir=backup_dir):
            pass
    assert file_identity(first) is not None and file_identity(second) is not None
    assert file_identity(first) != file_identity(second)


def test_the_upgrade_to_identities_keeps_every_project_and_gives_one_identity(
    db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    project_id = _at_the_first_revision(db_path, example_project)
    assert _revision(db_path) == ["0001"] and file_identity(db_path) is None
    before = _counts(db_path)

    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir) as database:
        assert load(database, project_id) == example_project

    assert _revision(db_path) == [_head()]
    identity = file_identity(db_path)
    assert identity is not None
    with open_database(f"sqlite:///{db_path}", backup_dir=backup_dir):
        pass
    assert file_identity(db_path) == identity  # given once, then kept
    after = _counts(db_path)
    assert after.pop("database_identity") == 1
    assert after.pop("edit_log") == 0  # changes made before revision 0004 have no record
    assert after == before
    (backup,) = _backup_files(backup_dir)  # the copy before the upgrade, named after the file
    assert backup.parent == backup_dir and file_identity(backup) is None


def test_a_database_of_another_program_is_refused(db_path: Path, backup_dir: Path) -> None:
    db_path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(db_path)) as db, db:
        db.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)")
    before = _digest(db_path)
    with pytest.raises(DatabaseForeign, match="customers"):
        open_database(f"sqlite:///{db_path}", backup_dir=backup_dir)
    assert _digest(db_path) == before


# A later schema, simulated: copy the migrations and add a step that rebuilds the
# parent tables, as batch_alter_table does on SQLite (new table, copy, drop, rename).

REBUILD = """
import sqlalchemy as sa
from alembic import op

revision = "0002_test"
down_revision = "{head}"


def upgrade():
    for table in ("project", "capability", "decision", "data_source"):
        with op.batch_alter_table(table, recreate="always") as batch:
            batch.add_column(sa.Column("extra", sa.Text(), nullable=True))
    {extra}
"""


def _later_schema(tmp_path: Path, extra: str = "pass") -> Path:
    location = tmp_path / "migrations"
    shutil.copytree(MIGRATIONS, location, ignore=shutil.ignore_patterns("__pycache__"))
    step = REBUILD.format(head=_head(), extra=extra)
    (location / "versions" / "0002_test.py").write_text(step, encoding="utf-8")
    return location


def test_an_upgrade_that_rebuilds_tables_keeps_every_row(
    tmp_path: Path, db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    url = f"sqlite:///{db_path}"
    with open_database(url, backup_dir=backup_dir) as database:
        project_id = store(database, example_project)
    before = _counts(db_path)
    assert all(before[table] > 0 for table in LINK_TABLES)  # the example fills every table

    location = _later_schema(tmp_path)
    with open_database(url, backup_dir=backup_dir, script_location=location) as database:
        assert _counts(db_path) == before
        assert load(database, project_id) == example_project
        with database.engine.connect() as connection:  # foreign keys are back on
            assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    assert _revision(db_path) == ["0002_test"]
    (backup,) = _backup_files(backup_dir)
    assert _counts(backup) == before
    identity = file_identity(db_path)
    assert identity is not None and backup.parent == folder_of(backup_dir, identity)


def test_without_foreign_keys_off_the_rebuild_would_empty_child_tables(
    tmp_path: Path,
    db_path: Path,
    backup_dir: Path,
    example_project: Project,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The danger the PRAGMA guards against is real: this is what the test above rules out."""
    url = f"sqlite:///{db_path}"
    with open_database(url, backup_dir=backup_dir) as database:
        store(database, example_project)
    monkeypatch.setattr(migrate, "_outside_transaction", lambda connection, pragma: None)
    with open_database(url, backup_dir=backup_dir, script_location=_later_schema(tmp_path)):
        pass
    assert _counts(db_path)["capability"] == 0  # dropping "project" cascaded


def test_an_upgrade_leaving_dangling_references_is_rolled_back(
    tmp_path: Path, db_path: Path, backup_dir: Path, example_project: Project
) -> None:
    url = f"sqlite:///{db_path}"
    with open_database(url, backup_dir=backup_dir) as database:
        store(database, example_project)
    before = _counts(db_path)
    dangling = (
        'op.execute("INSERT INTO dependency (project_id, capability_id, prerequisite_id, position)'
        ' VALUES (1, 9998, 9999, 0)")'
    )
    location = _later_schema(tmp_path, extra=dangling)

    with pytest.raises(MigrationFailed) as raised:
        open_database(url, backup_dir=backup_dir, script_location=location)

    assert "dependency" in str(raised.value)
    assert raised.value.backup is not None and is_sound(raised.value.backup)
    assert str(raised.value.backup) in str(raised.value)
    assert _revision(db_path) == [_head()]  # all of it rolled back
    assert _counts(db_path) == before
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        columns = [row[1] for row in db.execute("PRAGMA table_info(project)")]
    assert "extra" not in columns


def test_the_upgrade_to_drivers_keeps_every_row_and_every_checksum(
    database_url: str, backup_dir: Path, example_project: Project
) -> None:
    """A database at 0005 holding a project opens at 0006 with the project whole, its
    checksum (written before the fields of format version 2 existed) still valid."""
    from sqlalchemy import text

    from scoping_app.store.engine import make_engine

    with open_database(database_url, backup_dir=backup_dir) as database:
        project_id = store(database, example_project)
    engine = make_engine(database_url)
    with engine.begin() as connection:  # back to what migration 0005 left
        command.downgrade(alembic_config(connection), "0005")
    tables = [name for name in metadata.tables if name != "database_identity"]
    with engine.connect() as connection:
        assert "team_size" not in {c["name"] for c in inspect(connection).get_columns("project")}
        before = {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables}
        checksum = connection.execute(text("SELECT checksum FROM project")).scalar()
    engine.dispose()
    v1_fields = {
        "info": {"start_date", "team_size"},
        "capabilities": {"__all__": {"latency_model", "cost_model"}},
    }
    dumped = example_project.model_dump_json(exclude=v1_fields)  # what 0005's app hashed
    assert checksum == hashlib.sha256(dumped.encode()).hexdigest()

    with open_database(database_url, backup_dir=backup_dir) as database:
        assert load(database, project_id) == example_project  # the checksum is checked here
        with database.engine.connect() as connection:
            after = {
                t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in tables
            }
            assert connection.execute(text("SELECT version_num FROM alembic_version")).scalar() == (
                "0006"
            )
        assert after == before and before["capability"] == 15
        # the new columns hold the drivers from now on
        changed = example_project.copy_deep()
        changed.info.team_size = 3
        changed.capability("answer_llm").cost_model = CostModel(
            requests_per_month=12_000,
            input_tokens=1_500,
            output_tokens=400,
            input_price_per_million=3,
            output_price_per_million=15,
            cache_hit_rate=0.3,
            fixed_monthly=200,
        )
        stored = replace(database, project_id, changed)
        assert stored == changed and stored.capability("answer_llm").monthly_cost == 288.2

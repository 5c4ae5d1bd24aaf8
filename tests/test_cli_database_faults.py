"""The command line on a database in trouble: locked by another program, read-only, not a
database at all, in a folder that does not exist. Each is refused in one line, exit 1."""

from __future__ import annotations

import functools
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from scoping_app import cli
from scoping_app.services import database as database_service
from scoping_app.services.projects import DatabaseBusyError
from tests.conftest import EXAMPLE_FILE
from tests.other_user import (
    as_someone_who_cannot_write,
    make_read_only,
    per_user_folder_in,
    shared_folder,
)

NAME = "Support answer assistant"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "scoping.db"
    assert cli.main(["import", "--db", str(path), str(EXAMPLE_FILE)]) == 0
    return path


@pytest.fixture
def write_lock_held(db: Path) -> Iterator[sqlite3.Connection]:
    """Another program in the middle of a write: it holds the database's write lock."""
    other = sqlite3.connect(db, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    other.execute("UPDATE project SET name = name")
    yield other
    other.execute("ROLLBACK")
    other.close()


def _one_line_refusal(capsys: pytest.CaptureFixture[str], *words: str) -> str:
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("scoping-app: "), err
    assert "Traceback" not in err
    for word in words:
        assert word in err, err
    return err


@pytest.mark.parametrize(
    "command",
    [
        ["list"],
        ["list", "--json"],
        ["audit", NAME],
        ["optimize", NAME, "--json"],
        ["compare", NAME],
        ["frontier", NAME, "--json"],
        ["export-json", NAME, "{out}.scope.json"],
        ["export-pdf", NAME, "{out}.pdf", "--sections", "summary"],
    ],
)
def test_reads_do_not_wait_for_a_writer(
    db: Path,
    write_lock_held: sqlite3.Connection,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    command: list[str],
) -> None:
    # a read that waited for the lock would be refused at once: it never waits
    short = functools.partial(database_service.open_service, write_wait_ms=1)
    monkeypatch.setattr(database_service, "open_service", short)
    argv = [part.format(out=tmp_path / "out") for part in command]
    assert cli.main([*argv[:1], "--db", str(db), *argv[1:]]) == 0


def test_an_import_waits_for_the_writer_then_says_it_is_busy(
    db: Path,
    write_lock_held: sqlite3.Connection,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    short = functools.partial(database_service.open_service, write_wait_ms=50)
    monkeypatch.setattr(database_service, "open_service", short)
    capsys.readouterr()
    assert cli.main(["import", "--db", str(db), str(EXAMPLE_FILE)]) == cli.USER_ERROR
    _one_line_refusal(capsys, str(db), "busy", "another program", "try again")
    write_lock_held.execute("ROLLBACK")
    write_lock_held.execute("BEGIN")  # the fixture's ROLLBACK ends this one
    assert cli.main(["list", "--db", str(db), "--json"]) == 0
    assert capsys.readouterr().out.count('"name"') == 1  # nothing was half stored


def test_the_service_raises_busy_when_the_lock_is_held_too_long(
    db: Path, write_lock_held: sqlite3.Connection, tmp_path: Path
) -> None:
    service = database_service.open_service(
        f"sqlite:///{db}", backup_dir=tmp_path / "bk", write_wait_ms=50
    )
    try:
        [project] = service.list_projects()
        with pytest.raises(DatabaseBusyError, match="busy"):
            service.edit(project.id, lambda p: setattr(p.info, "owner", "changed"), "Edit")
        assert service.load(project.id).info.owner != "changed"
    finally:
        service.close()


def test_a_read_that_cannot_proceed_is_refused_in_words(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("PRAGMA locking_mode = EXCLUSIVE")  # keeps every other program out
    holder.execute("BEGIN IMMEDIATE")
    holder.execute("UPDATE project SET name = name")
    holder.execute("COMMIT")
    try:
        short = functools.partial(database_service.open_service, write_wait_ms=50)
        monkeypatch.setattr(database_service, "open_service", short)
        capsys.readouterr()
        assert cli.main(["list", "--db", str(db)]) == cli.USER_ERROR
        _one_line_refusal(capsys, "busy")
    finally:
        holder.close()


def test_a_read_only_database_is_read_and_never_written(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with shared_folder() as folder:
        per_user_folder_in(folder, monkeypatch)
        db = folder / "scoping.db"
        assert cli.main(["import", "--db", str(db), str(EXAMPLE_FILE)]) == 0
        assert cli.main(["list", "--db", str(db)]) == 0  # what the commands load, loaded now
        # a file the other account can read (the checkout's own folder may be private)
        example = folder / EXAMPLE_FILE.name
        example.write_bytes(EXAMPLE_FILE.read_bytes())
        make_read_only(db, folder)
        before = db.read_bytes()
        capsys.readouterr()
        with as_someone_who_cannot_write():
            listed = cli.main(["list", "--db", str(db)])
            shown = capsys.readouterr()
            imported = cli.main(["import", "--db", str(db), str(example)])
        assert listed == 0 and NAME in shown.out and shown.err == ""
        assert imported == cli.USER_ERROR
        _one_line_refusal(capsys, str(db), "read-only", "nothing was changed")
        assert db.read_bytes() == before


def test_a_file_that_is_not_a_database_is_left_as_it_is(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "docs").mkdir()
    report = tmp_path / "docs" / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    before = report.read_bytes()
    for _attempt in range(2):
        assert cli.main(["list", "--db", str(report)]) == cli.USER_ERROR
        _one_line_refusal(capsys, str(report), "not an AI Scoping Studio database", "left")
    assert report.read_bytes() == before
    assert [p.name for p in report.parent.iterdir()] == ["report.pdf"]


def test_a_mistyped_folder_is_refused_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "Projcts" / "scoping.db"
    assert cli.main(["import", "--db", str(missing), str(EXAMPLE_FILE)]) == cli.USER_ERROR
    _one_line_refusal(capsys, "There is no folder", str(missing.parent))
    assert not missing.parent.exists()


def test_the_default_per_user_folder_is_created(
    _isolated_user_dirs: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert not (_isolated_user_dirs / "data").exists()
    assert cli.main(["list"]) == 0
    assert (_isolated_user_dirs / "data" / "scoping.db").is_file()

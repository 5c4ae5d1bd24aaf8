"""`scoping-app backups` and `scoping-app restore` (docs/cli.md), driven as a user would."""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from scoping_app import paths
from scoping_app.cli import main
from tests.conftest import EXAMPLE_FILE
from tests.spec_reference import docs_json_examples
from tests.test_docs import shape

NAME = "Support answer assistant"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys: pytest.CaptureFixture[str], db: Path) -> list[dict[str, Any]]:
    code, out, err = run(capsys, "--db", str(db), "backups", "--json")
    assert code == 0, err
    found: list[dict[str, Any]] = json.loads(out)
    return found


def names(capsys: pytest.CaptureFixture[str], db: Path) -> list[str]:
    code, out, _err = run(capsys, "--db", str(db), "list", "--json")
    assert code == 0
    return [project["name"] for project in json.loads(out)]


@pytest.fixture
def db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """A database with the example imported twice: one backup, taken before the second."""
    path = tmp_path / "scoping.db"
    for _ in range(2):
        assert run(capsys, "--db", str(path), "import", str(EXAMPLE_FILE))[0] == 0
    return path


def test_a_new_database_has_no_backups(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "new.db"
    assert listed(capsys, db) == []
    code, out, err = run(capsys, "--db", str(db), "backups")
    assert (code, err) == (0, "")
    assert out.startswith("No backups of this database yet")


def test_backups_lists_the_backups_of_the_database_as_documented(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (backup,) = listed(capsys, db)

    (example,) = docs_json_examples("`backups --json`")
    assert shape(backup) == shape(example[0])
    path = Path(backup["path"])
    assert path.is_file() and path.parent.parent == paths.backups_dir()
    assert backup["taken"].endswith("+00:00")
    assert backup["projects"] == 1 and backup["bytes"] == path.stat().st_size

    code, out, _err = run(capsys, "--db", str(db), "backups")
    heading, line = out.splitlines()
    assert code == 0 and heading.split() == ["Taken", "(UTC)", "Projects", "Size", "Backup"]
    day, minute = backup["taken"][:16].split("T")
    assert line.split() == [day, minute, "1", f"{round(backup['bytes'] / 1024)}", "KB", str(path)]


def test_restore_brings_the_projects_back_and_keeps_what_it_replaced(
    db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (backup,) = listed(capsys, db)

    code, out, err = run(capsys, "--db", str(db), "restore", backup["path"])

    assert (code, err) == (0, "")
    first, second = out.splitlines()
    assert first.startswith("Restored the backup taken ") and first.endswith("(1 project).")
    assert names(capsys, db) == [NAME]
    newest, restored = listed(capsys, db)
    assert restored == backup and newest["projects"] == 2
    assert second == f"The database as it was before is backed up at {newest['path']}."


def test_a_backup_of_another_database_of_the_same_name_is_refused(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "other" / "scoping.db"
    other.parent.mkdir()
    for _ in range(2):
        assert run(capsys, "--db", str(other), "import", str(EXAMPLE_FILE))[0] == 0
    (theirs,) = listed(capsys, other)
    assert [b["path"] for b in listed(capsys, db)] != [theirs["path"]]

    code, out, err = run(capsys, "--db", str(db), "restore", theirs["path"])

    assert (code, out) == (1, "")
    assert err == (
        f"scoping-app: The file {theirs['path']} was not restored to {db}:"
        " it is a backup of another database, not of this one.\n"
    )
    assert names(capsys, db) == [NAME, f"{NAME} (2)"]


def test_what_is_not_a_sound_backup_is_refused_in_one_line(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (backup,) = listed(capsys, db)
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(backup["path"], damaged)
    with contextlib.closing(sqlite3.connect(damaged)) as connection:
        (page,) = connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'project'")
    with damaged.open("r+b") as file:
        file.seek((page[0] - 1) * 4096)
        file.write(b"\xff" * 4096)
    notes = tmp_path / "notes.txt"
    notes.write_text("not a database")
    refused = {
        damaged: "the backup is damaged",
        notes: "it is not a backup of an AI Scoping Studio database",
        tmp_path / "missing.db": "there is no such file",
        db: "it is the database itself",
    }
    for path, reason in refused.items():
        code, out, err = run(capsys, "--db", str(db), "restore", str(path))
        assert (code, out) == (1, ""), path
        assert err.startswith("scoping-app: ") and err.endswith(f": {reason}.\n")
        assert err.count("\n") == 1
    assert names(capsys, db) == [NAME, f"{NAME} (2)"]
    assert len(listed(capsys, db)) == 1  # nothing backed up for a refused restore

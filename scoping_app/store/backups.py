"""Backups of SQLite database files: taken with SQLite's backup API, found, and restored.

A backup of ``scoping.db`` is ``scoping-<UTC timestamp>.db`` in the backups
folder; the newest few are kept. Nothing here ever overwrites a file.
"""

from __future__ import annotations

import contextlib
import re
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from scoping_app.store.errors import RestoreRefused

KEEP = 5
_STAMP = "%Y%m%d-%H%M%S-%f"
_STAMP_PATTERN = r"\d{8}-\d{6}-\d{6}"


def timestamp() -> str:
    """The current UTC time, for file names (sorts in time order; no characters Windows forbids)."""
    return datetime.now(UTC).strftime(_STAMP)


def free_path(path: Path) -> Path:
    """``path`` when nothing is there, else ``path`` with ``-2``, ``-3``… before its suffix."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


def _pattern(db_name: str) -> re.Pattern[str]:
    name = Path(db_name)
    return re.compile(
        rf"^{re.escape(name.stem)}-({_STAMP_PATTERN})(?:-\d+)?{re.escape(name.suffix)}$"
    )


def backups(backup_dir: Path, db_name: str) -> list[Path]:
    """The backups of the database file named ``db_name``, oldest first."""
    if not backup_dir.is_dir():
        return []
    pattern = _pattern(db_name)
    found = [
        (match.group(1), path.name, path)
        for path in backup_dir.iterdir()
        if (match := pattern.match(path.name)) and path.is_file()
    ]
    return [path for *_sort, path in sorted(found)]


def latest_backup(backup_dir: Path, db_name: str) -> Path | None:
    """The newest backup of the database file named ``db_name`` (e.g. ``scoping.db``), if any."""
    found = backups(backup_dir, db_name)
    return found[-1] if found else None


def backup_database(source: Path, backup_dir: Path, *, keep: int = KEEP) -> Path:
    """Copy the SQLite file ``source`` into ``backup_dir`` and keep only the newest ``keep``.

    The copy is consistent even while the database is in use, and stands alone
    (no write-ahead log beside it).
    """
    backup_dir.mkdir(parents=True, exist_ok=True)
    target = free_path(backup_dir / f"{source.stem}-{timestamp()}{source.suffix}")
    partial = free_path(target.with_name(target.name + ".partial"))
    _copy(source, partial)
    partial.rename(target)
    for old in backups(backup_dir, source.name)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return target


def _copy(source: Path, target: Path) -> None:
    with (
        contextlib.closing(sqlite3.connect(source)) as src,
        contextlib.closing(sqlite3.connect(target)) as dst,
    ):
        src.backup(dst)
        dst.execute("PRAGMA journal_mode = DELETE")


def restore_backup(backup: Path, target: Path) -> Path:
    """Copy ``backup`` to ``target``, which must not exist (move a damaged file aside first)."""
    if not backup.is_file():
        raise RestoreRefused(backup, target, "the backup file does not exist")
    for existing in (target, Path(f"{target}-wal")):
        if existing.exists():
            raise RestoreRefused(backup, target, f"{existing} exists and would be overwritten")
    if not is_sound(backup):
        raise RestoreRefused(backup, target, "the backup itself is damaged")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = free_path(target.with_name(target.name + ".partial"))
    shutil.copyfile(backup, partial)
    if target.exists():  # appeared while we copied: leave it be
        partial.unlink()
        raise RestoreRefused(backup, target, f"{target} exists and would be overwritten")
    partial.rename(target)
    return target


def is_sound(path: Path) -> bool:
    """True when ``path`` is a SQLite database that passes ``PRAGMA quick_check``."""
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            return db.execute("PRAGMA quick_check").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False

"""The start-up health check of a SQLite file: a damaged file is moved aside, never deleted."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from scoping_app.store.address import BUSY_TIMEOUT_MS
from scoping_app.store.backups import offer_for_damaged, timestamp
from scoping_app.store.errors import DatabaseDamaged, DatabaseUnavailable

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SIDE_FILES = ("-wal", "-shm", "-journal")
_HEADER = b"SQLite format 3\x00"


def ensure_sound(path: Path, backup_dir: Path) -> None:
    """Check the SQLite file ``path`` with ``PRAGMA quick_check``.

    A missing or empty file is fine (it becomes a new database). A damaged file,
    or one that is not a database at all, is moved aside with its side files and
    :class:`DatabaseDamaged` is raised, naming the latest backup of the same database
    (by the identity stored in it) when there is one.
    A file that cannot be read (locked, no permission) raises
    :class:`DatabaseUnavailable` and is left where it is.
    """
    if not path.exists():
        return
    if not path.is_file():
        raise DatabaseUnavailable(str(path), "it is not a file")
    if path.stat().st_size == 0 or quick_check(path) is None:
        return
    aside = set_aside(path)
    raise DatabaseDamaged(path, aside, *offer_for_damaged(aside, backup_dir))


def quick_check(path: Path) -> str | None:
    """None when ``path`` is a sound SQLite database, else what is wrong with it."""
    # Opened by SQLite, a file that is not a database would lose its -wal file on close.
    try:
        with path.open("rb") as file:
            if file.read(len(_HEADER)) != _HEADER:
                return "it is not a SQLite database"
    except OSError as exc:
        raise DatabaseUnavailable(str(path), exc.strerror or str(exc)) from exc
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000)) as db:
            rows = db.execute("PRAGMA quick_check").fetchall()
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return str(exc)
        raise DatabaseUnavailable(str(path), str(exc)) from exc
    if rows == [("ok",)]:
        return None
    return "; ".join(str(row[0]) for row in rows[:5])


def set_aside(path: Path) -> Path:
    """Rename ``path`` (and its -wal/-shm/-journal files) to ``<name>.damaged-<timestamp>``."""
    base = path.with_name(f"{path.name}.damaged-{timestamp()}")
    aside, number = base, 2
    while any(Path(f"{aside}{side}").exists() for side in ("", *_SIDE_FILES)):
        aside = base.with_name(f"{base.name}-{number}")
        number += 1
    try:
        path.rename(aside)
        for side in _SIDE_FILES:
            companion = Path(f"{path}{side}")
            if companion.exists():
                companion.rename(Path(f"{aside}{side}"))
    except OSError as exc:
        raise DatabaseUnavailable(
            str(path), f"it is damaged and could not be moved aside ({exc.strerror or exc})"
        ) from exc
    return aside

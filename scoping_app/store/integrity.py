"""The start-up health check of a SQLite file: a damaged file is moved aside, never deleted.

Only a file that starts with SQLite's header is ever moved: anything else named as
the database (a PDF, a project file) is refused in words and left exactly as it is.
The check is SQLite's full ``PRAGMA integrity_check`` (which also compares every
index with its table); on a file larger than :data:`CHECK_LATER_BYTES` the window
may open first and run :func:`damage` afterwards, off its GUI thread.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from scoping_app.store.address import BUSY_TIMEOUT_MS, SQLITE_HEADER, connect_for_reading
from scoping_app.store.backups import offer_for_damaged, timestamp
from scoping_app.store.database import sqlite_refusal
from scoping_app.store.errors import DatabaseDamaged, DatabaseUnavailable, NotADatabase

_SQLITE_CORRUPT = 11
_SQLITE_NOTADB = 26
_SIDE_FILES = ("-wal", "-shm", "-journal")

CHECK_LATER_BYTES = 4 * 1024 * 1024
"""Above this size the full check may run after the window is shown. Measured: 10.7 ms
for a 1.0 MB file holding a 2,000-capability project, so about 45 ms at this size."""


def ensure_sound(
    path: Path,
    backup_dir: Path,
    *,
    read_only: bool = False,
    wait_ms: int = BUSY_TIMEOUT_MS,
    check: bool = True,
) -> None:
    """Check the SQLite file ``path`` with ``PRAGMA integrity_check``.

    A missing or empty file is fine (it becomes a new database). A file that is not a
    SQLite database raises :class:`NotADatabase` and is left as it is. A SQLite file
    that fails the check is moved aside with its side files and :class:`DatabaseDamaged`
    is raised, naming the latest backup of the same database (by the identity stored
    in it) when there is one (a read-only one is not moved:
    :class:`DatabaseUnavailable` says it is damaged). A file that cannot be read
    (locked, no permission) raises :class:`DatabaseUnavailable` and stays where it is.
    ``check=False`` looks at the header only (the full check is run later).
    """
    if not path.exists():
        return
    if not path.is_file():
        raise DatabaseUnavailable(str(path), "it is not a file")
    if path.stat().st_size == 0:
        return
    if not _has_header(path):
        raise NotADatabase(path)
    if not check:
        return
    problem = damage(path, wait_ms=wait_ms)
    if problem is None:
        return
    if read_only:
        raise DatabaseUnavailable(str(path), f"it is damaged ({problem}) and read-only")
    aside = set_aside(path)
    raise DatabaseDamaged(path, aside, *offer_for_damaged(aside, backup_dir))


def _has_header(path: Path) -> bool:
    try:
        with path.open("rb") as file:
            return file.read(len(SQLITE_HEADER)) == SQLITE_HEADER
    except OSError as exc:
        raise DatabaseUnavailable(str(path), exc.strerror or str(exc)) from exc


def damage(path: Path, *, wait_ms: int = BUSY_TIMEOUT_MS) -> str | None:
    """None when the SQLite file ``path`` passes ``PRAGMA integrity_check``, else what is wrong.

    Raises :class:`DatabaseUnavailable` when the file cannot be read at all. SQLite opens
    it read-only, so that nothing (a write-ahead log folded in on close) changes a file
    that may be damaged before it is set aside.
    """
    try:
        with contextlib.closing(connect_for_reading(path, read_only=True, wait_ms=wait_ms)) as db:
            # the check's answer quotes damaged rows, whose text may no longer be UTF-8
            db.text_factory = lambda data: data.decode("utf-8", "replace")
            rows = db.execute("PRAGMA integrity_check(5)").fetchall()
    except UnicodeDecodeError:  # SQLite's own message quotes the damage, no longer UTF-8
        return "parts of it can no longer be read as text"
    except sqlite3.DatabaseError as exc:
        code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
        if code in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
            return str(exc)
        told = sqlite_refusal(exc, str(path))  # busy, or read-only: said as such
        raise (told or DatabaseUnavailable(str(path), str(exc))) from exc
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

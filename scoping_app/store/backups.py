"""Backups of a SQLite database, tied to the identity stored in it: taken, kept, found, restored.

Every database holds an identity, a random UUID in its ``database_identity``
table (given when it is created). Its backups are complete copies, taken with
SQLite's backup API (consistent while the database is in use, standing alone,
with no write-ahead log beside them), in ``<backups folder>/<identity>/`` as
``<file name>-<UTC timestamp>.db``. A backup belongs to a database when both its
folder and the identity inside it are the database's: the file name of the
database plays no part, so a database never meets the backups of another one.

Kept of each database's backups (see :func:`kept`): the 5 newest; the newest of
each of the last 7 days (UTC) that have a backup; the newest of each of the 4
calendar weeks (Monday to Sunday, UTC) with a backup older than those days. The
others are deleted when a backup is taken. A database without projects is not
backed up (there is nothing to bring back).

A database without an identity (one written before identities existed) is
copied only before a schema upgrade, by file name, into the backups folder
itself, keeping the newest :data:`KEEP_UNTIED`. Nothing here overwrites a file.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scoping_app.store.address import BUSY_TIMEOUT_MS
from scoping_app.store.errors import BackupFailed, RestoreRefused

if TYPE_CHECKING:
    from scoping_app.store.database import Rows

IDENTITY_TABLE = "database_identity"
LATEST, DAILY, WEEKLY = 5, 7, 4
KEEP_UNTIED = 5
_STAMP = "%Y%m%d-%H%M%S-%f"
_STAMP_PATTERN = r"\d{8}-\d{6}-\d{6}"
_TIED = re.compile(rf"^.*-(?P<stamp>{_STAMP_PATTERN})(?:-\d+)?\.db$")
_BUSY = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)
_HEADER = b"SQLite format 3\x00"


@dataclass(frozen=True)
class Backup:
    """One backup of a database: its file, when it was taken, what it holds."""

    path: Path
    taken: datetime  # UTC
    projects: int
    bytes: int


def timestamp(now: datetime | None = None) -> str:
    """A UTC time for file names (sorts in time order; no characters Windows forbids)."""
    return (now or datetime.now(UTC)).astimezone(UTC).strftime(_STAMP)


def free_path(path: Path) -> Path:
    """``path`` when nothing is there, else ``path`` with ``-2``, ``-3``… before its suffix."""
    candidate, number = path, 2
    while candidate.exists():
        candidate = path.with_name(f"{path.stem}-{number}{path.suffix}")
        number += 1
    return candidate


# --- identity -------------------------------------------------------------------------------


def canonical_identity(value: object) -> str | None:
    """``value`` as a UUID in its usual spelling, or None when it is not one."""
    if not isinstance(value, str):
        return None
    try:
        return str(uuid.UUID(value))
    except ValueError:
        return None


def identity_in(connection: sqlite3.Connection) -> str | None:
    """The identity stored in an open database; None when there is none, or not exactly one."""
    try:
        rows = connection.execute(f"SELECT database_id FROM {IDENTITY_TABLE}").fetchall()
    except (sqlite3.Error, UnicodeDecodeError):  # damaged: its identity cannot be told
        return None
    return canonical_identity(rows[0][0]) if len(rows) == 1 else None


def stored_identity(rows: Rows) -> str | None:
    """The identity of an open database, read in the caller's transaction."""
    found = rows(f"SELECT database_id FROM {IDENTITY_TABLE}", {})
    return canonical_identity(found[0][0]) if len(found) == 1 else None


def file_identity(path: Path) -> str | None:
    """The identity stored in the SQLite file ``path``, read without writing anything beside it.

    None when the file cannot be read, is not a database, or holds no identity: a
    damaged file whose identity cannot be read has no backups of its own.
    """
    with _reading(path) as connection:
        return identity_in(connection) if connection is not None else None


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[sqlite3.Connection | None]:
    """A read-only look at a file that nobody writes (a backup, a file set aside): no lock,
    no side file created; None when it is not a readable SQLite file."""
    connection = None
    try:
        with path.open("rb") as file:
            if file.read(len(_HEADER)) == _HEADER:
                connection = sqlite3.connect(f"{path.resolve().as_uri()}?immutable=1", uri=True)
    except (OSError, sqlite3.Error):
        connection = None
    if connection is None:
        yield None
        return
    with contextlib.closing(connection):
        yield connection


# --- where backups are, and what they hold ------------------------------------------------


def folder_of(backup_dir: Path, identity: str) -> Path:
    """The folder of the backups of the database ``identity``."""
    canonical = canonical_identity(identity)
    if canonical is None:  # never a path made of what a file says
        raise ValueError(f"not a database identity: {identity!r}")
    return backup_dir / canonical


def _stamped(folder: Path) -> list[tuple[datetime, Path]]:
    """The backup files of ``folder`` with the time in their name, newest first."""
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        match = _TIED.match(path.name)
        if match and path.is_file():
            taken = datetime.strptime(match.group("stamp"), _STAMP).replace(tzinfo=UTC)
            found.append((taken, path))
    return sorted(found, reverse=True)


def backups_of(identity: str, backup_dir: Path) -> list[Backup]:
    """The backups of the database ``identity``, newest first.

    Only files in its folder whose stored identity is ``identity`` are listed, and
    only when their projects can be counted.
    """
    found = []
    for taken, path in _stamped(folder_of(backup_dir, identity)):
        with _reading(path) as connection:
            if connection is None or identity_in(connection) != identity:
                continue
            try:
                (projects,) = connection.execute("SELECT count(*) FROM project").fetchone()
            except sqlite3.Error:
                continue
        found.append(Backup(path, taken, int(projects), path.stat().st_size))
    return found


def taken_on(identity: str, backup_dir: Path, day: date) -> bool:
    """Whether a backup of the database ``identity`` was taken on ``day`` (UTC)."""
    return any(taken.date() == day for taken, _path in _stamped(folder_of(backup_dir, identity)))


def latest_sound_backup(identity: str, backup_dir: Path) -> Path | None:
    """The newest backup of the database ``identity`` that passes its integrity check."""
    return next((b.path for b in backups_of(identity, backup_dir) if is_sound(b.path)), None)


def offer_for_damaged(damaged: Path, backup_dir: Path) -> tuple[Path | None, str | None]:
    """The latest sound backup of a damaged file, and its identity (None: it cannot be read,
    so no backup can be said to be its own)."""
    identity = file_identity(damaged)
    if identity is None:
        return None, None
    return latest_sound_backup(identity, backup_dir), identity


# --- which backups are kept -------------------------------------------------------------


def kept(taken: Iterable[datetime]) -> set[datetime]:
    """Of backups taken at ``taken`` (UTC), the times of those that are kept.

    The :data:`LATEST` newest; the newest of each of the last :data:`DAILY` days that
    have a backup; the newest of each of the last :data:`WEEKLY` calendar weeks
    (Monday to Sunday) with a backup taken before those days.
    """
    newest_first = sorted(taken, reverse=True)
    keep = set(newest_first[:LATEST])
    days: dict[date, datetime] = {}
    for moment in newest_first:
        if len(days) == DAILY:
            break
        days.setdefault(moment.date(), moment)
    keep.update(days.values())
    weeks: dict[tuple[int, int], datetime] = {}
    first_day = min(days, default=None)
    for moment in newest_first:
        if first_day is None or moment.date() >= first_day:
            continue
        if len(weeks) == WEEKLY:
            break
        year, week, _weekday = moment.isocalendar()
        weeks.setdefault((year, week), moment)
    keep.update(weeks.values())
    return keep


def _prune(folder: Path, spare: Path | None = None) -> None:
    stamped = _stamped(folder)
    keep = kept(taken for taken, _path in stamped)
    for taken, path in stamped:
        if taken not in keep and path != spare:
            with contextlib.suppress(OSError):
                path.unlink()


# --- taking backups -----------------------------------------------------------------------


class _Busy(Exception):
    """Another program held the database longer than the wait allows."""


def _give_up_when_busy(status: int, _remaining: int, _total: int) -> None:
    # SQLite already waited busy_timeout for the lock; sqlite3 would retry for ever.
    if status in _BUSY:
        raise _Busy


def _connect(path: Path) -> sqlite3.Connection:
    # a begun backup may be finished on another thread (see BegunBackup)
    return sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )


def _copy(source: sqlite3.Connection, target: Path) -> Path:
    """Copy the open database ``source`` to a new file ``target`` (via a ``.partial`` file).

    ``source`` is inside a read transaction already (or nobody else uses it), and the
    new file is nobody else's: neither side can be busy.
    """
    partial = free_path(target.with_name(target.name + ".partial"))
    try:
        with contextlib.closing(sqlite3.connect(partial)) as copy:
            source.backup(copy)
            copy.execute("PRAGMA journal_mode = DELETE")
        final = free_path(target)
        partial.rename(final)
    except BaseException:
        with contextlib.suppress(OSError):
            partial.unlink()
        raise
    return final


class BegunBackup:
    """A backup whose content is fixed (a read transaction holds the database as it was
    when it began) but not yet copied: :meth:`finish` copies it, on any one thread,
    while other connections go on writing."""

    def __init__(self, connection: sqlite3.Connection, source: Path, target: Path) -> None:
        self._connection, self.source, self._target = connection, source, target
        self.spare: Path | None = None

    def finish(self) -> Path:
        """Copy, end the read transaction, drop the backups no longer kept; the new file.

        Raises :class:`BackupFailed` when the copy cannot be made.
        """
        try:
            with contextlib.closing(self._connection) as connection:
                try:
                    self._target.parent.mkdir(parents=True, exist_ok=True)
                    made = _copy(connection, self._target)
                finally:
                    connection.execute("COMMIT")
        except (OSError, sqlite3.Error) as error:
            raise BackupFailed(self.source, _reason(error)) from error
        _prune(made.parent, self.spare)
        return made

    def abandon(self) -> None:
        """End the read transaction without copying anything."""
        self._connection.close()


def begin_backup(
    source: Path, backup_dir: Path, *, now: datetime | None = None
) -> BegunBackup | None:
    """Fix the content of a backup of the database file ``source`` as it is now, to be
    copied into its identity's folder by :meth:`BegunBackup.finish`.

    None when there is nothing to back up: the database has no identity or no
    projects, or cannot be written to (so cannot change). Raises
    :class:`BackupFailed` when the database cannot be read.
    """
    if not os.access(source, os.W_OK) or not os.access(source.parent, os.W_OK):
        return None
    try:
        connection = _connect(source)
    except sqlite3.Error as error:
        raise BackupFailed(source, _reason(error)) from error
    try:
        connection.execute("BEGIN")  # what is counted here is what is copied
        identity = identity_in(connection)
        (projects,) = connection.execute("SELECT count(*) FROM project").fetchone()
    except sqlite3.Error as error:
        connection.close()
        raise BackupFailed(source, _reason(error)) from error
    if identity is None or not projects:
        connection.close()
        return None
    target = folder_of(backup_dir, identity) / f"{source.stem}-{timestamp(now)}.db"
    return BegunBackup(connection, source, target)


def take_backup(
    source: Path,
    backup_dir: Path,
    *,
    spare: Path | None = None,
    now: datetime | None = None,
) -> Path | None:
    """Back up the database file ``source`` into its identity's folder now, then drop the
    backups no longer kept (never ``spare``). Returns the new backup's file.

    None, and nothing taken, as :func:`begin_backup` says. Raises
    :class:`BackupFailed` when the copy cannot be made.
    """
    begun = begin_backup(source, backup_dir, now=now)
    if begun is None:
        return None
    begun.spare = spare
    return begun.finish()


def _reason(error: OSError | sqlite3.Error) -> str:
    if isinstance(error, OSError):
        where = f" ({error.filename})" if error.filename else ""
        return f"{error.strerror or error}{where}"
    return str(error)


def backup_database(source: Path, backup_dir: Path, *, keep: int = KEEP_UNTIED) -> Path:
    """A copy of ``source`` before its schema is upgraded, whatever it holds.

    With an identity it joins the database's backups; without one it is named
    after the file, in ``backup_dir`` itself, and the newest ``keep`` are kept.
    """
    with contextlib.closing(_connect(source)) as connection:
        identity = identity_in(connection)
        if identity is not None:
            folder = folder_of(backup_dir, identity)
            folder.mkdir(parents=True, exist_ok=True)
            made = _copy(connection, folder / f"{source.stem}-{timestamp()}.db")
            _prune(folder)
            return made
        backup_dir.mkdir(parents=True, exist_ok=True)
        made = _copy(connection, backup_dir / f"{source.stem}-{timestamp()}{source.suffix}")
    for old in untied_backups(backup_dir, source.name)[:-keep]:
        with contextlib.suppress(OSError):
            old.unlink()
    return made


def untied_backups(backup_dir: Path, db_name: str) -> list[Path]:
    """The schema-upgrade copies of a database without identity named ``db_name``, oldest
    first (never offered for a restore: nothing in them says which database they were)."""
    if not backup_dir.is_dir():
        return []
    name = Path(db_name)
    pattern = re.compile(
        rf"^{re.escape(name.stem)}-({_STAMP_PATTERN})(?:-\d+)?{re.escape(name.suffix)}$"
    )
    found = [
        (match.group(1), path.name, path)
        for path in backup_dir.iterdir()
        if (match := pattern.match(path.name)) and path.is_file()
    ]
    return [path for *_sort, path in sorted(found)]


# --- restoring --------------------------------------------------------------------------


def check_backup(backup: Path, target: Path, identity: str, known_revisions: set[str]) -> None:
    """Raise :class:`RestoreRefused` unless ``backup`` is a sound backup of the database
    ``identity`` at a schema revision this version knows."""
    if not backup.is_file():
        raise RestoreRefused(backup, target, "there is no such file")
    with _reading(backup) as connection:
        if connection is None:
            raise RestoreRefused(
                backup, target, "it is not a backup of an AI Scoping Studio database"
            )
        stored = identity_in(connection)
        revisions = _revisions(connection)
    if not is_sound(backup, thorough=True):
        raise RestoreRefused(backup, target, "the backup is damaged")
    if stored is None or revisions is None:
        raise RestoreRefused(backup, target, "it is not a backup of an AI Scoping Studio database")
    if stored != identity:
        raise RestoreRefused(backup, target, "it is a backup of another database, not of this one")
    if not revisions <= known_revisions:
        raise RestoreRefused(backup, target, "it was made by a newer version of AI Scoping Studio")


def _revisions(connection: sqlite3.Connection) -> set[str] | None:
    try:
        return {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
    except sqlite3.Error:
        return None


def restore_over(backup: Path, target: Path) -> None:
    """Replace the content of the database file ``target`` with that of ``backup``, in one
    transaction through SQLite's backup API (other connections see the change)."""
    with (
        _reading(backup) as source,
        contextlib.closing(_connect(target)) as destination,
    ):
        if source is None:
            raise RestoreRefused(backup, target, "the backup can no longer be read")
        try:
            source.backup(destination, progress=_give_up_when_busy)
        except _Busy as busy:
            raise RestoreRefused(
                backup, target, "another program is writing to the database; try again"
            ) from busy
        except sqlite3.Error as error:
            raise RestoreRefused(backup, target, str(error)) from error


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


def is_sound(path: Path, *, thorough: bool = False) -> bool:
    """True when ``path`` is a SQLite database that passes ``PRAGMA quick_check`` (with
    ``thorough``, the full ``integrity_check``)."""
    pragma = "integrity_check" if thorough else "quick_check"
    try:
        with contextlib.closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        ) as db:
            return db.execute(f"PRAGMA {pragma}").fetchall() == [("ok",)]
    except sqlite3.Error:
        return False

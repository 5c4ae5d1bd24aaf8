"""The backups of the open database, for the window and the command line: list, take, restore.

When backups are taken (the first write of each day, before an import, a delete
and a restore), which are kept, and how they are tied to their database: see
:mod:`scoping_app.store.backups`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from scoping_app import paths
from scoping_app.services.projects import ProjectService, ServiceError
from scoping_app.store import backups, errors
from scoping_app.store.backups import Backup
from scoping_app.store.migrate import known_revisions, open_database

__all__ = [
    "SERVER_BACKUPS",
    "Backup",
    "Restored",
    "list_backups",
    "restore",
    "server_backups",
    "size_text",
    "take_backup",
]

SERVER_BACKUPS = (
    "This database is on a database server: the app backs up database files only. "
    "Use the server's own backups (for PostgreSQL, pg_dump and its restore)."
)


def server_backups(service: ProjectService) -> bool:
    """Whether the open database is on a server, whose own backups (pg_dump) apply."""
    return service.database_path is None


@dataclass(frozen=True)
class Restored:
    """What a restore did: the backup now in place, and the backup of what was replaced."""

    backup: Backup
    before: Path | None  # None when the database held no projects, so nothing to keep


def _folder(service: ProjectService) -> Path:
    return service.backup_dir if service.backup_dir is not None else paths.backups_dir()


def list_backups(service: ProjectService) -> list[Backup]:
    """The backups of the open database, newest first ([] for a database that is not a file)."""
    if service.database_path is None:
        return []
    service.finish_backups()  # the day's backup, when it is being written
    identity = service.identity()
    return backups.backups_of(identity, _folder(service)) if identity is not None else []


def take_backup(service: ProjectService) -> Path | None:
    """Back the open database up now; the backup's file (None when it has no projects)."""
    return service.take_backup()


def restore(service: ProjectService, backup: Path) -> Restored:
    """Put the content of ``backup`` in place of the open database's, after backing the
    current content up; the service then works on the restored projects.

    Refused in words (ServiceError, nothing changed) for a file that is not a backup
    of this database, a damaged backup, or one made by a newer version.
    """
    target = service.database_path
    if target is None:
        raise ServiceError(SERVER_BACKUPS)
    backup = Path(backup).expanduser().absolute()
    identity = service.identity()
    try:
        if backup.resolve() == target.resolve():
            raise errors.RestoreRefused(backup, target, "it is the database itself")
        if identity is None:
            raise errors.RestoreRefused(backup, target, "the database has no identity")
        backups.check_backup(backup, target, identity, known_revisions())
    except errors.StoreError as error:
        raise ServiceError(str(error)) from error
    listed = backups.backups_of(identity, _folder(service))
    taken = next((b for b in listed if b.path == backup), None)
    before = service.take_backup(spare=backup)
    try:
        backups.restore_over(backup, target)
        service.replace_database(open_database(service.database.url, backup_dir=_folder(service)))
    except errors.StoreError as error:
        raise ServiceError(str(error)) from error
    if taken is None:  # a backup kept somewhere else: what it holds, read now
        taken = _described(backup, service)
    return Restored(taken, before)


def _described(backup: Path, service: ProjectService) -> Backup:
    from datetime import UTC, datetime

    stat = backup.stat()
    projects = len(service.list_projects())
    return Backup(backup, datetime.fromtimestamp(stat.st_mtime, UTC), projects, stat.st_size)


def size_text(size: int) -> str:
    """A file size in words: "820 KB", "1.4 MB"."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"

"""What can go wrong in the store, each told in one sentence a product lead understands."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path


class StoreError(Exception):
    """Base of every store error; ``str()`` is a complete sentence for the user."""


class DatabaseUnavailable(StoreError):
    """The database cannot be opened at all (missing folder rights, locked, unreachable)."""

    def __init__(self, target: str, reason: str) -> None:
        self.target = target
        self.reason = reason
        super().__init__(f"The database {target} cannot be opened: {reason}.")


class DatabaseDamaged(StoreError):
    """The database file failed its integrity check and was moved aside, not deleted."""

    def __init__(self, path: Path, set_aside: Path, latest_backup: Path | None) -> None:
        self.path = path
        self.set_aside = set_aside
        self.latest_backup = latest_backup
        message = (
            f"The database file {path} is damaged and cannot be used. "
            f"It was moved aside to {set_aside}, so nothing in it is lost."
        )
        if latest_backup is not None:
            message += (
                f" The latest backup is {latest_backup}{_taken(latest_backup)};"
                " restoring it brings back your projects as they were then."
            )
        else:
            message += " There is no backup of it to restore."
        super().__init__(message)


def _taken(backup: Path) -> str:
    try:
        taken = datetime.fromtimestamp(backup.stat().st_mtime, UTC)
    except OSError:
        return ""
    return f", taken {taken:%Y-%m-%d %H:%M} UTC"


class DatabaseTooNew(StoreError):
    """The database was written by a newer version of the app; it was left as it was."""

    def __init__(self, target: str, revision: str) -> None:
        self.target = target
        self.revision = revision
        super().__init__(
            f"The database {target} was written by a newer version of AI Scoping Studio "
            f"(schema {revision}), which this version does not know. It was left unchanged: "
            "open it with the newer version, or choose another database."
        )


class DatabaseForeign(StoreError):
    """The database holds tables of another program; the app does not write into it."""

    def __init__(self, target: str, tables: list[str]) -> None:
        self.target = target
        self.tables = tables
        shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
        super().__init__(
            f"The database {target} belongs to another program (it holds the tables {shown}); "
            "it was left unchanged. Choose another file for AI Scoping Studio."
        )


class MigrationFailed(StoreError):
    """Bringing an older database up to date failed; the database was left as it was."""

    def __init__(self, target: str, reason: str, backup: Path | None) -> None:
        self.target = target
        self.reason = reason
        self.backup = backup
        message = (
            f"The database {target} could not be brought up to date ({reason}); "
            "it was left as it was."
        )
        if backup is not None:
            message += f" A copy taken just before is at {backup}."
        super().__init__(message)


class RestoreRefused(StoreError):
    """A backup was not restored because it would overwrite a file, or is not usable."""

    def __init__(self, backup: Path, target: Path, reason: str) -> None:
        self.backup = backup
        self.target = target
        self.reason = reason
        super().__init__(f"The backup {backup} was not restored to {target}: {reason}.")


class ProjectMissing(StoreError):
    """No project has the given id (it was deleted, or never existed)."""

    def __init__(self, project_id: int) -> None:
        self.project_id = project_id
        super().__init__(f"There is no project with the id {project_id} in this database.")


class NameTaken(StoreError):
    """Another project of the database already has this name."""

    def __init__(self, name: str) -> None:
        self.name = name
        super().__init__(f'A project named "{name}" already exists; project names must be unique.')


class ProjectInconsistent(StoreError):
    """The project refers to an item it does not hold, or lists a key twice; nothing was stored."""

    def __init__(self, detail: str) -> None:
        self.detail = detail
        super().__init__(f"The project was not saved because {detail}.")

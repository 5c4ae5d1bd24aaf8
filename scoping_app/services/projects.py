"""Use cases on projects: every change to a project goes through here.

Each method runs in one database transaction. An edit is a function from
:mod:`scoping_app.domain.edits` (or any callable) run on a copy of the stored
project; the whole result is validated before anything is written, so a
refused edit leaves the database exactly as it was. Edits return a
:class:`Change` that the window refreshes from and the undo stack keeps.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from scoping_app.services.editing import private_copy, refused_values_in_words, validated
from scoping_app.services.history import EditEntry, default_author, describe_change
from scoping_app.store import backups, history, reading
from scoping_app.store.database import Database
from scoping_app.store.errors import DatabaseBusy, DatabaseReadOnly, StoreError
from scoping_app.store.reading import ProjectSummaryRow

if TYPE_CHECKING:
    from scoping_app.domain.model import Project
    from scoping_app.store.database import Rows
    from scoping_app.store.history import EditLog
    from scoping_app.store.repository import ProjectRepository
    from scoping_app.store.watch import ChangeWatch

Progress = Callable[[float], None]


class ServiceError(Exception):
    """A user error (unknown project, bad file, cycle…): its message is for the product lead."""


class ProjectNotFound(ServiceError):
    pass


class DatabaseBusyError(ServiceError):
    """Another program kept the database's write lock longer than the app waits for it;
    nothing was stored, and trying again later may succeed."""


class DatabaseReadOnlyError(ServiceError):
    """The database, or its folder, cannot be written to; nothing was stored."""


class ProjectChangedError(ServiceError):
    """An edit made against a version of the project that another client changed since;
    nothing was stored. ``authors`` made those changes, the latest first."""

    def __init__(self, authors: list[str]) -> None:
        super().__init__(
            f"{names_in_words(authors)} changed this project since you last saw it,"
            " so your change was not made."
        )
        self.authors = authors


def names_in_words(authors: list[str]) -> str:
    """ "Mia", "Mia and Sam", "Mia, Sam and 2 others"; "Someone" when nobody is known."""
    if not authors:
        return "Someone"
    if len(authors) <= 2:
        return " and ".join(authors)
    rest = len(authors) - 2
    return f"{authors[0]}, {authors[1]} and {rest} other{'s' if rest > 1 else ''}"


class ChangedSinceError(ServiceError):
    """An undo or redo found an item it would set back changed since by someone else;
    nothing was changed."""


def write_failed(error: BaseException) -> bool:
    """Whether ``error`` says the database could not store an edit (busy, read-only, a
    store error) rather than refusing its content: trying the same edit again may work."""
    import sqlite3

    if isinstance(error, DatabaseBusyError | DatabaseReadOnlyError):
        return True
    cause = error.__cause__ if isinstance(error, ServiceError) else error
    return isinstance(cause, StoreError | sqlite3.Error) or isinstance(
        getattr(error, "orig", None), sqlite3.Error
    )


class ImportCancelled(Exception):
    """Raised by an import's progress callback to stop it; nothing is then stored."""


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    name: str
    updated: datetime
    industry: str
    pattern: str
    capabilities: int


@dataclass(frozen=True)
class ProjectOverview(ProjectSummary):
    """A project as the start screen lists it: its summary, readiness and verdict."""

    readiness: float  # the readiness audit's score, 0 to 3
    verdict: str  # the verdict's level: "go", "conditional", "no-go" or "not-needed"
    verdict_label: str  # the verdict in words: "Go with conditions"


@dataclass(frozen=True)
class Change:
    """What one edit did: the project after it, and which parts changed."""

    project_id: int
    project: Project  # the whole project after the change; the caller must not change it
    label: str  # "Add capability Ticket export"
    parts: frozenset[str]  # names of Project fields that changed: {"info", "capabilities", ...}
    before: Project | None = None  # the project as stored just before, where the edit knew it
    version: int = 0  # the project's version after the change (0: not known)


@dataclass(frozen=True)
class Opened:
    """A project as stored, with the version it is at."""

    project: Project
    version: int


@dataclass(frozen=True)
class Elsewhere:
    """A project changed by other clients since a version: as stored now, and by whom."""

    project: Project
    version: int
    authors: list[str]  # the latest first


def changed_parts(before: Project, after: Project) -> frozenset[str]:
    from scoping_app.domain.model import PARTS  # pydantic: not for listing projects

    return frozenset(part for part in PARTS if getattr(before, part) != getattr(after, part))


class ProjectService:
    """The use cases over one open database; pass it in through constructors.

    Safe to call from the window's thread and one worker at once: each thread
    reads through its own connection, and writes are transactions of their own.
    With ``backup_dir``, the database file is backed up there at the first write
    of each day and before an import or a delete (:meth:`take_backup`).
    """

    def __init__(self, database: Database, *, backup_dir: Path | None = None) -> None:
        self.database = database
        self.backup_dir = backup_dir
        self.author = default_author()  # who the edits are recorded as made by
        self._backed_up_on: date | None = None  # the day (UTC) of the last backup taken
        self._copying: threading.Thread | None = None  # the day's backup, being written
        self._backup_failed = False  # the day's copy failed: the next is made before a write
        # readiness and verdict of each project, as of its last change: (updated, score, verdict)
        self._judged: dict[int, tuple[datetime, float, str, str]] = {}
        # each project as this service last stored it, with the version it was stored at;
        # an edit uses it only if the database still holds that very version
        self._stored: dict[int, tuple[int, Project]] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        self.finish_backups()
        self.database.close()

    @property
    def read_only(self) -> bool:
        """True when the database was opened read-only (its file or folder cannot be written):
        reading and exporting work, every change is refused with :class:`DatabaseReadOnlyError`."""
        return self.database.read_only

    @property
    def database_path(self) -> Path | None:
        """The SQLite file behind the service, or None for another kind of database."""
        return self.database.path

    def prepare_writes(self) -> None:
        """Build what writing needs (SQLAlchemy, the tables, the engine) ahead of the first
        write, e.g. on a worker thread once the window is shown. Calling it again, or from
        another thread, does no harm; a write made before it simply builds it then."""
        self.database.prepare_writes()
        from scoping_app.store import repository  # noqa: F401  # the writer, built now

    @contextmanager
    def _reading(self) -> Iterator[Rows]:
        """One read transaction: no write lock, one consistent state of the database."""
        with _store_errors_in_words(), self.database.reading() as rows:
            yield rows

    @contextmanager
    def _repository(self) -> Iterator[ProjectRepository]:
        """One write transaction (the first of each day backs the database up first)."""
        with self._writing() as (repository, _log):
            yield repository

    @contextmanager
    def _writing(self) -> Iterator[tuple[ProjectRepository, EditLog]]:
        """One write transaction, with the edit log that records its changes in it."""
        from scoping_app.store.history import EditLog  # SQLAlchemy: writes only
        from scoping_app.store.repository import ProjectRepository

        self._daily_backup()
        with _store_errors_in_words(), self.database.session() as session:
            yield ProjectRepository(session), EditLog(session, self.author)

    def history(self, project_id: int) -> list[EditEntry]:
        """Every recorded change of the project (who, when, what), newest first."""
        with self._reading() as rows:
            return history.history(rows, project_id)

    def list_projects(self) -> list[ProjectSummary]:
        with self._reading() as rows:
            return [_summary(row) for row in reading.list_summaries(rows)]

    def list_overviews(self) -> list[ProjectOverview]:
        """Every project with its readiness score, verdict and last change, by name.

        A project's audit and verdict are computed once per change of it, then kept.
        """
        from scoping_app.store.loading import load_project  # pydantic: not for a plain list

        with self._reading() as rows:
            summaries = reading.list_summaries(rows)
            for row in summaries:
                known = self._judged.get(row.id)
                if known is None or known[0] != row.updated:
                    self._judged[row.id] = (row.updated, *_judge(load_project(rows, row.id)))
        return [_overview(row, self._judged[row.id]) for row in summaries]

    def summary(self, project_id: int) -> ProjectSummary:
        with self._reading() as rows:
            return _summary(reading.summary(rows, project_id))

    def load(self, project_id: int) -> Project:
        from scoping_app.store.loading import load_project  # pydantic: not for a plain list

        with self._reading() as rows:
            return load_project(rows, project_id)

    def open(self, project_id: int) -> Opened:
        """The project as stored, with its version, read together."""
        from scoping_app.store.loading import load_project

        with self._reading() as rows:
            return Opened(load_project(rows, project_id), reading.version(rows, project_id))

    def version(self, project_id: int) -> int:
        """The project's version as stored now (raised by one at every change of it)."""
        with self._reading() as rows:
            return reading.version(rows, project_id)

    def changes_since(self, project_id: int, version: int) -> Elsewhere | None:
        """The project as stored now when it is no longer at ``version``, with who changed
        it since; None while it is. Raises ServiceError when it was deleted meanwhile."""
        from scoping_app.store.loading import load_project

        with self._reading() as rows:
            now = reading.version(rows, project_id)
            if now == version:
                return None
            authors = history.authors_since(rows, project_id, version)
            return Elsewhere(load_project(rows, project_id), now, authors)

    def watch(self) -> ChangeWatch:
        """A cheap way to ask, again and again, whether the database may have changed
        (:mod:`scoping_app.store.watch`); close it when done."""
        from scoping_app.store.watch import watch

        database = self.database
        return watch(database.url, database.path, read_only=database.read_only)

    def resolve(self, name_or_id: str) -> int:
        """A project's id from its name or id, as typed on the command line."""
        with self._reading() as rows:
            found = reading.find(rows, name_or_id)
        if found is None:
            raise ProjectNotFound(f'There is no project named "{name_or_id}" in this database.')
        return found

    def create(self, project: Project) -> ProjectSummary:
        """Store a new project; a taken name becomes "Name (2)", never a merge."""
        from scoping_app.domain.validation import ensure_valid

        ensure_valid(project)
        return self._add(project.copy_deep(), "Created")

    def _add(
        self, project: Project, label: str, progress: Progress | None = None, source: str = ""
    ) -> ProjectSummary:
        """Store ``project`` (valid, the caller's to give away) under a free name; the log
        records it as ``label`` ("Created"), from ``source`` (a file's name) if any."""
        with self._writing() as (repository, log):
            if project.info.name in repository.names():
                free = repository.free_name(project.info.name)
                project.info = project.info.model_copy(update={"name": free})
            project_id = repository.add(project, progress=progress)
            what = f'New project "{project.info.name}"' + (f" from {source}" if source else "")
            log.record(project_id, datetime.now(UTC), label, what, version=1)
            if progress is not None:
                progress(1.0)  # still inside the transaction: a cancel here stores nothing
        return self.summary(project_id)

    def import_file(self, path: Path, *, progress: Progress | None = None) -> ProjectSummary:
        """Store the project of a ``*.scope.json`` file as a new project.

        ``progress`` is told the share done, 0 to 1, while the file is read, checked
        and written; it may raise :class:`ImportCancelled`, and then nothing is stored.
        """
        from scoping_app.store.importing import ExchangeError, read_file

        tell: Progress = progress or (lambda _share: None)
        tell(0.0)
        try:
            project = read_file(Path(path), progress=tell)
        except ExchangeError as error:
            raise ServiceError(str(error)) from error
        # read_file checked the project as ensure_valid would; the rest is writing.
        self.take_backup()
        return self._add(
            project, "Imported", lambda share: tell(0.5 + 0.5 * share), Path(path).name
        )

    def export_file(self, project_id: int, path: Path) -> None:
        from scoping_app.store.exporting import write_file

        try:
            write_file(self.load(project_id), Path(path))
        except OSError as error:
            raise ServiceError(f"Could not write {path}: {error.strerror or error}.") from error

    def duplicate(self, project_id: int) -> ProjectSummary:
        return self.create(self.load(project_id))

    def delete(self, project_id: int) -> None:
        self.take_backup()
        with self._repository() as repository:
            repository.delete(project_id)
        with self._lock:
            self._stored.pop(project_id, None)

    def edit(
        self,
        project_id: int,
        operation: Callable[[Project], object],
        label: str,
        *,
        based_on: int | None = None,
    ) -> Change:
        """Run ``operation`` on a copy of the project, validate the whole, store it.

        Raises ProjectInvalid (CycleError for a cycle) and stores nothing when the
        result breaks a rule of the format; a value a model refuses is told in the
        same plain words (:mod:`scoping_app.domain.messages`). ``based_on`` is the
        version the edit was made against (what the user saw): when the project
        changed since, :class:`ProjectChangedError` is raised and nothing stored.
        """
        from scoping_app.domain.validation import ensure_valid

        with self._writing() as (repository, log):
            version = repository.version(project_id)  # locked: no one else writes it now
            if based_on is not None and version != based_on:
                raise ProjectChangedError(log.authors_since(project_id, based_on))
            before = self._as_stored(repository, project_id, version)
            after = private_copy(before)
            with refused_values_in_words():
                operation(after)
                parts = changed_parts(before, after)
                after = validated(before, after, parts)
            ensure_valid(after)
            if parts:
                self._check_name(repository, project_id, before, after)
                stamp = repository.replace(project_id, after, stored=before)
                version = stamp.version
                what = describe_change(before, after, parts)
                log.record(project_id, stamp.at, label, what, version=version)
        if parts:
            self._remember(project_id, version, after)
        return Change(project_id, after, label, parts, before, version)

    def revert(self, project_id: int, before: Project, after: Project, label: str) -> Change:
        """Set each field and item the edit from ``before`` to ``after`` touched back to
        ``before``, on the project as stored now, in one transaction (undo; redo swaps
        them). Everything else stays as stored now. Raises :class:`ChangedSinceError`,
        storing nothing, when one of those was changed since by someone else.
        """
        from scoping_app.domain.reverting import ChangedSince, reverted
        from scoping_app.domain.validation import ensure_valid

        with self._writing() as (repository, log):
            version = repository.version(project_id)  # locked: no one else writes it now
            now = self._as_stored(repository, project_id, version)
            try:
                result = reverted(now, before, after)
            except ChangedSince as error:
                raise ChangedSinceError(str(error)) from error
            ensure_valid(result)
            parts = changed_parts(now, result)
            if parts:
                stamp = repository.replace(project_id, result, stored=now)
                version = stamp.version
                what = describe_change(now, result, parts)
                log.record(project_id, stamp.at, label, what, version=version)
        if parts:
            self._remember(project_id, version, result)
        return Change(project_id, result, label, parts, now, version)

    def take_backup(self, *, spare: Path | None = None) -> Path | None:
        """Back the database file up into the backups folder now; the new backup's file.

        Nothing is taken (None) without a backups folder or a file, for a database
        without projects, or one that cannot be written to. Older backups not kept
        go (never ``spare``). Raises ServiceError, in words, when the copy cannot be
        made: the caller then changes nothing.
        """
        path, folder = self.database.path, self.backup_dir
        if folder is None or path is None or self.read_only:
            return None  # read-only: nothing will be written, so nothing needs a backup
        self.finish_backups()
        with _store_errors_in_words():
            made = backups.take_backup(path, folder, spare=spare)
        if made is not None:
            self._backed_up_on = datetime.now(UTC).date()
        return made

    def _daily_backup(self) -> None:
        """At the first write of a day (UTC) with no backup yet, back the database up as it
        is before the write: its content is fixed here, and copied on a thread of its own,
        so the window does not wait for the disk. After a copy that failed, the next one
        is made before the write, which it stops, in words, if it fails again."""
        path, folder = self.database.path, self.backup_dir
        if folder is None or path is None or self.read_only:
            return
        self.finish_backups()
        failed, self._backup_failed = self._backup_failed, False
        today = datetime.now(UTC).date()
        if self._backed_up_on == today:
            return
        identity = self.identity()
        if identity is not None and backups.taken_on(identity, folder, today):
            self._backed_up_on = today
            return
        if failed:
            self.take_backup()
            return
        with _store_errors_in_words():
            begun = backups.begin_backup(path, folder)
        if begun is None:
            return
        self._backed_up_on = today
        self._copying = threading.Thread(target=self._finish, args=(begun,), name="backup")
        self._copying.start()

    def _finish(self, begun: backups.BegunBackup) -> None:
        try:
            begun.finish()
        except StoreError:
            self._backed_up_on = None
            self._backup_failed = True

    def finish_backups(self) -> None:
        """Wait until the backup being copied, if any, is written (one copy at most)."""
        copying, self._copying = self._copying, None
        if copying is not None:
            copying.join()

    def identity(self) -> str | None:
        """The identity stored in the database (its backups are tied to it)."""
        with self._reading() as rows:
            return backups.stored_identity(rows)

    def replace_database(self, database: Database) -> None:
        """Work on ``database`` from now on (the same file, opened again after a restore);
        what was remembered of the old content is forgotten."""
        self.finish_backups()
        old, self.database = self.database, database
        old.close()
        with self._lock:
            self._stored.clear()
        self._judged.clear()
        self._backed_up_on = None

    def _as_stored(self, repository: ProjectRepository, project_id: int, version: int) -> Project:
        """The project as stored now, at ``version`` (inside the caller's write transaction).

        The copy this service last stored is used when the database still holds that
        version; a change made since by anyone else is loaded.
        """
        with self._lock:
            known = self._stored.get(project_id)
        if known is not None and known[0] == version:
            return known[1]
        project = repository.load(project_id)
        self._remember(project_id, version, project)
        return project

    def _remember(self, project_id: int, version: int, project: Project) -> None:
        with self._lock:
            self._stored[project_id] = (version, project)

    @staticmethod
    def _check_name(
        repository: ProjectRepository, project_id: int, before: Project, after: Project
    ) -> None:
        if after.info.name != before.info.name and after.info.name in repository.names():
            raise ServiceError(f'Another project is already named "{after.info.name}".')


@contextmanager
def _store_errors_in_words() -> Iterator[None]:
    """A store error becomes a ServiceError, its sentence unchanged (busy and read-only
    databases as their own kinds, which the window tells apart)."""
    try:
        yield
    except DatabaseBusy as error:
        raise DatabaseBusyError(str(error)) from error
    except DatabaseReadOnly as error:
        raise DatabaseReadOnlyError(str(error)) from error
    except StoreError as error:
        raise ServiceError(str(error)) from error


def _summary(row: ProjectSummaryRow) -> ProjectSummary:
    return ProjectSummary(
        id=row.id,
        name=row.name,
        updated=row.updated,
        industry=str(row.industry),
        pattern=str(row.pattern),
        capabilities=row.capabilities,
    )


def _judge(project: Project) -> tuple[float, str, str]:
    """The readiness score, verdict level and verdict label of ``project``."""
    # The analysis (networkx, HiGHS): only for the overviews, never for a plain list.
    from scoping_app.analysis.optimizer import smallest_viable_scope
    from scoping_app.analysis.readiness import audit
    from scoping_app.analysis.verdict import verdict_for

    scope = smallest_viable_scope(project)
    result = audit(project, scope=scope)
    verdict = verdict_for(project, scope=scope, readiness=result)
    return result.readiness, verdict.level, verdict.label


def _overview(row: ProjectSummaryRow, judged: tuple[datetime, float, str, str]) -> ProjectOverview:
    _updated, readiness, level, label = judged
    return ProjectOverview(
        **vars(_summary(row)), readiness=readiness, verdict=level, verdict_label=label
    )

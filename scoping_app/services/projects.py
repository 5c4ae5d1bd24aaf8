"""Use cases on projects: every change to a project goes through here.

Each method runs in one database transaction. An edit is a function from
:mod:`scoping_app.domain.edits` (or any callable) run on a copy of the stored
project; the whole result is validated before anything is written, so a
refused edit leaves the database exactly as it was. Edits return a
:class:`Change` that the window refreshes from and the undo stack keeps.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from pydantic import ValidationError

from scoping_app.domain.messages import describe_validation_error
from scoping_app.domain.model import PARTS, Project
from scoping_app.domain.validation import ProjectInvalid, ensure_valid
from scoping_app.store.database import Database
from scoping_app.store.errors import StoreError
from scoping_app.store.exporting import write_file
from scoping_app.store.importing import ExchangeError, read_file
from scoping_app.store.repository import ProjectRepository, ProjectSummaryRow


class ServiceError(Exception):
    """A user error (unknown project, bad file, cycle…): its message is for the product lead."""


class ProjectNotFound(ServiceError):
    pass


class ImportCancelled(Exception):
    """Raised by an import's progress callback to stop it: then nothing is stored."""


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
    project: Project  # the whole project after the change (a fresh copy the caller may keep)
    label: str  # "Add capability Ticket export"
    parts: frozenset[str]  # names of Project fields that changed: {"info", "capabilities", ...}


def changed_parts(before: Project, after: Project) -> frozenset[str]:
    return frozenset(part for part in PARTS if getattr(before, part) != getattr(after, part))


class ProjectService:
    """The use cases over one open database; pass it in through constructors."""

    def __init__(self, database: Database) -> None:
        self.database = database
        # readiness and verdict of each project, as of its last change: (updated, score, verdict)
        self._judged: dict[int, tuple[datetime, float, str, str]] = {}

    def close(self) -> None:
        self.database.close()

    @property
    def database_path(self) -> Path | None:
        """The SQLite file behind the service, or None for another kind of database."""
        return self.database.path

    @contextmanager
    def _repository(self) -> Iterator[ProjectRepository]:
        try:
            with self.database.session() as session:
                yield ProjectRepository(session)
        except StoreError as error:
            raise ServiceError(str(error)) from error

    def list_projects(self) -> list[ProjectSummary]:
        with self._repository() as repository:
            return [_summary(row) for row in repository.list_summaries()]

    def list_overviews(self) -> list[ProjectOverview]:
        """Every project with its readiness score, verdict and last change, by name.

        A project's audit and verdict are computed once per change of it, then kept.
        """
        with self._repository() as repository:
            rows = repository.list_summaries()
            for row in rows:
                known = self._judged.get(row.id)
                if known is None or known[0] != row.updated:
                    self._judged[row.id] = (row.updated, *_judge(repository.load(row.id)))
        return [_overview(row, self._judged[row.id]) for row in rows]

    def summary(self, project_id: int) -> ProjectSummary:
        with self._repository() as repository:
            return _summary(repository.summary(project_id))

    def load(self, project_id: int) -> Project:
        with self._repository() as repository:
            return repository.load(project_id)

    def resolve(self, name_or_id: str) -> int:
        """A project's id from its name or id, as typed on the command line."""
        with self._repository() as repository:
            found = repository.find(name_or_id)
        if found is None:
            raise ProjectNotFound(f'There is no project named "{name_or_id}" in this database.')
        return found

    def create(self, project: Project) -> ProjectSummary:
        """Store a new project; a taken name becomes "Name (2)", never a merge."""
        ensure_valid(project)
        with self._repository() as repository:
            stored = project.copy_deep()
            if stored.info.name in repository.names():
                stored.info = stored.info.model_copy(
                    update={"name": repository.free_name(stored.info.name)}
                )
            project_id = repository.add(stored)
        return self.summary(project_id)

    def import_file(
        self, path: Path, *, progress: Callable[[float], None] | None = None
    ) -> ProjectSummary:
        """Read, check and store the file; ``progress`` hears the share done (0 to 1) and
        may raise :class:`ImportCancelled` to stop: then nothing is stored."""
        report = progress or (lambda _share: None)
        report(0.0)
        try:
            project = read_file(Path(path))
        except ExchangeError as error:
            raise ServiceError(str(error)) from error
        report(0.5)
        summary = self.create(project)
        try:
            report(1.0)
        except ImportCancelled:
            self.delete(summary.id)  # stopped at the last moment: nothing stays stored
            raise
        return summary

    def export_file(self, project_id: int, path: Path) -> None:
        try:
            write_file(self.load(project_id), Path(path))
        except OSError as error:
            raise ServiceError(f"Could not write {path}: {error.strerror or error}.") from error

    def duplicate(self, project_id: int) -> ProjectSummary:
        return self.create(self.load(project_id))

    def delete(self, project_id: int) -> None:
        with self._repository() as repository:
            repository.delete(project_id)

    def edit(self, project_id: int, operation: Callable[[Project], object], label: str) -> Change:
        """Run ``operation`` on a copy of the project, validate the whole, store it.

        Raises ProjectInvalid (CycleError for a cycle) and stores nothing when the
        result breaks a rule of the format; a value a model refuses is told in the
        same plain words (:mod:`scoping_app.domain.messages`).
        """
        with self._repository() as repository:
            before = repository.load(project_id)
            after = before.copy_deep()
            try:
                operation(after)
                after = Project.model_validate(after.model_dump(by_alias=True))
            except ValidationError as error:
                raise ProjectInvalid(describe_validation_error(error)) from error
            ensure_valid(after)
            parts = changed_parts(before, after)
            if parts:
                self._check_name(repository, project_id, before, after)
                repository.replace(project_id, after)
        return Change(project_id, after.copy_deep(), label, parts)

    def restore(self, project_id: int, snapshot: Project, label: str) -> Change:
        """Store ``snapshot`` as the project's whole content (undo and redo)."""
        ensure_valid(snapshot)
        with self._repository() as repository:
            before = repository.load(project_id)
            parts = changed_parts(before, snapshot)
            if parts:
                repository.replace(project_id, snapshot)
        return Change(project_id, snapshot.copy_deep(), label, parts)

    @staticmethod
    def _check_name(
        repository: ProjectRepository, project_id: int, before: Project, after: Project
    ) -> None:
        if after.info.name != before.info.name and after.info.name in repository.names():
            raise ServiceError(f'Another project is already named "{after.info.name}".')


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
    # the analysis (HiGHS, numpy) loads when a project is first judged, not with the service
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

"""Use cases on projects: every change to a project goes through here.

CONTRACT STUB: the signatures below are fixed; the bodies are being written.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from scoping_app.domain.model import Project


class ServiceError(Exception):
    """A user error (unknown project, bad file, cycle…): its message is for the product lead."""


class ProjectNotFound(ServiceError):
    pass


@dataclass(frozen=True)
class ProjectSummary:
    id: int
    name: str
    updated: datetime
    industry: str
    pattern: str
    capabilities: int


@dataclass(frozen=True)
class Change:
    """What one edit did: the project after it, and which parts changed."""

    project_id: int
    project: Project  # the whole project after the change (a fresh copy the caller may keep)
    label: str  # "Add capability Ticket export"
    parts: frozenset[str]  # names of Project fields that changed: {"info", "capabilities", ...}


class ProjectService:
    """One instance per open database; pass it in through constructors."""

    def list_projects(self) -> list[ProjectSummary]: ...
    def load(self, project_id: int) -> Project: ...
    def summary(self, project_id: int) -> ProjectSummary: ...
    def resolve(self, name_or_id: str) -> int: ...  # raises ProjectNotFound
    def create(self, project: Project) -> ProjectSummary: ...  # takes a free name if needed
    def import_file(self, path: Path) -> ProjectSummary: ...  # raises ServiceError (ExchangeError)
    def export_file(self, project_id: int, path: Path) -> None: ...
    def duplicate(self, project_id: int) -> ProjectSummary: ...
    def delete(self, project_id: int) -> None: ...
    def edit(self, project_id: int, operation: Callable[[Project], object], label: str) -> Change:
        """Run ``operation`` on a copy of the project, validate the whole, store it in one
        transaction. Raises ProjectInvalid/CycleError (nothing stored) when the result breaks a rule."""
        ...

    def restore(self, project_id: int, snapshot: Project, label: str) -> Change:
        """Store ``snapshot`` as the project's whole content (used by undo/redo)."""
        ...

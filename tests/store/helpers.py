"""Helpers of the store tests: each call is one transaction, as in the app."""

from __future__ import annotations

from scoping_app.domain.model import Project
from scoping_app.store.database import Database
from scoping_app.store.repository import ProjectRepository


def store(database: Database, project: Project) -> int:
    """Add ``project`` in its own transaction; its id."""
    with database.session() as session:
        return ProjectRepository(session).add(project)


def load(database: Database, project_id: int) -> Project:
    with database.session() as session:
        return ProjectRepository(session).load(project_id)


def replace(database: Database, project_id: int, project: Project) -> Project:
    """Replace in one transaction, then load back in another."""
    with database.session() as session:
        ProjectRepository(session).replace(project_id, project)
    return load(database, project_id)

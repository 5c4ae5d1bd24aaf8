"""Random and large projects survive a round trip and a replace, field for field and in order."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings

from benchmarks.generate import large_project
from scoping_app.domain.model import Project
from scoping_app.store.database import Database
from scoping_app.store.repository import ProjectRepository
from tests.store.helpers import load, replace, store
from tests.strategies import projects


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(first=projects(), second=projects())
def test_random_projects_round_trip_and_replace_one_another(
    database: Database, first: Project, second: Project
) -> None:
    with database.session() as session:
        repository = ProjectRepository(session)
        project_id = repository.add(first)
        assert repository.load(project_id) == first
        repository.replace(project_id, second)
        assert repository.load(project_id) == second
        repository.replace(project_id, first)
        assert repository.load(project_id) == first
        repository.delete(project_id)


def test_a_large_project_round_trips_and_replaces(database: Database) -> None:
    project = large_project(capabilities=400, dependencies=1200)
    project_id = store(database, project)
    assert load(database, project_id) == project

    rng = random.Random(3)
    edited = project.copy_deep()
    rng.shuffle(edited.capabilities)
    for capability in rng.sample(edited.capabilities, 50):
        rng.shuffle(capability.requires)
        capability.effort = capability.effort.model_copy(update={"pessimistic": 1000.0})
    removed = {c.key for c in edited.capabilities[:20]}
    edited.capabilities = edited.capabilities[20:]
    for capability in edited.capabilities:
        capability.requires = [k for k in capability.requires if k not in removed]
    edited.failure_modes = [m for m in edited.failure_modes if m.capability not in removed]
    for item in edited.slices:
        item.capabilities = [k for k in item.capabilities if k not in removed]
    assert replace(database, project_id, edited) == edited

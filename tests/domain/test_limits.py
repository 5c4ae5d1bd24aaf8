"""A project may hold at most MAX_CAPABILITIES capabilities and MAX_DEPENDENCIES dependencies:
one just over either limit is refused in words, by the checks, the import and an edit; one at
the limits is accepted."""

from __future__ import annotations

from pathlib import Path

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Capability, Project, ProjectInfo
from scoping_app.domain.validation import (
    MAX_CAPABILITIES,
    MAX_DEPENDENCIES,
    ProjectInvalid,
    check_project,
    ensure_valid,
)
from scoping_app.services.database import open_service
from scoping_app.store.exporting import dumps, write_file
from scoping_app.store.importing import ExchangeError, read_project

TOO_MANY_CAPABILITIES = (
    f"the project has {MAX_CAPABILITIES + 1:,} capabilities; a project may hold at most "
    f"{MAX_CAPABILITIES:,} capabilities, past which the app becomes too slow to work with. "
    "Split it into smaller projects"
)
TOO_MANY_DEPENDENCIES = (
    f"the project has {MAX_DEPENDENCIES + 1:,} dependencies between its capabilities; a "
    f"project may hold at most {MAX_DEPENDENCIES:,} dependencies, past which the app becomes "
    "too slow to work with. Split it into smaller projects"
)


def with_capabilities(count: int) -> Project:
    return Project(
        info=ProjectInfo(name="Many capabilities"),
        capabilities=[Capability(key=f"c{i}", name=f"Capability {i}") for i in range(count)],
    )


def with_dependencies(count: int) -> Project:
    """Capability i requires every earlier one, until ``count`` links are made."""
    capabilities = []
    left = count
    for i in range(200):
        take = min(i, left)
        left -= take
        capabilities.append(
            Capability(key=f"c{i}", name=f"Capability {i}", requires=[f"c{j}" for j in range(take)])
        )
    assert left == 0
    return Project(info=ProjectInfo(name="Many dependencies"), capabilities=capabilities)


def messages(project: Project) -> list[str]:
    return [problem.message for problem in check_project(project)]


def test_at_the_limits_a_project_is_accepted() -> None:
    assert messages(with_capabilities(MAX_CAPABILITIES)) == []
    assert messages(with_dependencies(MAX_DEPENDENCIES)) == []


def test_one_capability_over_the_limit_is_refused_in_words() -> None:
    project = with_capabilities(MAX_CAPABILITIES + 1)
    assert messages(project) == [TOO_MANY_CAPABILITIES]
    with pytest.raises(ProjectInvalid) as raised:
        ensure_valid(project)
    assert str(raised.value) == f"capabilities: {TOO_MANY_CAPABILITIES}"


def test_one_dependency_over_the_limit_is_refused_in_words() -> None:
    assert messages(with_dependencies(MAX_DEPENDENCIES + 1)) == [TOO_MANY_DEPENDENCIES]


def test_importing_a_file_over_the_limit_is_refused_and_at_it_accepted() -> None:
    assert len(read_project(dumps(with_capabilities(MAX_CAPABILITIES))).capabilities) == (
        MAX_CAPABILITIES
    )
    with pytest.raises(ExchangeError) as raised:
        read_project(dumps(with_capabilities(MAX_CAPABILITIES + 1)))
    assert TOO_MANY_CAPABILITIES in str(raised.value)
    with pytest.raises(ExchangeError) as raised:
        read_project(dumps(with_dependencies(MAX_DEPENDENCIES + 1)))
    assert TOO_MANY_DEPENDENCIES in str(raised.value)


def test_an_edit_past_the_limit_is_refused_and_nothing_stored(tmp_path: Path) -> None:
    service = open_service(f"sqlite:///{tmp_path / 'limits.db'}", backup_dir=tmp_path)
    try:
        file = tmp_path / "full.scope.json"
        write_file(with_dependencies(MAX_DEPENDENCIES), file)
        project_id = service.import_file(file).id
        # one more dependency: c199 requires c198 as well
        with pytest.raises(ProjectInvalid) as raised:
            service.edit(
                project_id, lambda p: edits.add_dependency(p, "c199", "c198"), "Add a dependency"
            )
        assert TOO_MANY_DEPENDENCIES in str(raised.value)
        assert sum(len(c.requires) for c in service.load(project_id).capabilities) == (
            MAX_DEPENDENCIES
        )
        # a capability without dependencies still fits
        service.edit(
            project_id,
            lambda p: p.capabilities.append(Capability(key="extra", name="Extra")),
            "Add a capability",
        )
        assert service.load(project_id).capability("extra").name == "Extra"
    finally:
        service.close()

"""No lost update: each project carries a version; an edit made against a version that changed
since is refused in words, naming who changed it, and stores nothing. Two services on one
database stand for two people's windows."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Project
from scoping_app.services.projects import (
    ProjectChangedError,
    ProjectService,
    ServiceError,
    names_in_words,
)
from tests.conftest import EXAMPLE_FILE
from tests.databases import someone_elses_service


@pytest.fixture
def other(database_url: str, tmp_path: Path) -> Iterator[ProjectService]:
    """A second person's service on the same database."""
    with someone_elses_service(database_url, tmp_path, "Sam") as opened:
        yield opened


def _owner(owner: str) -> Callable[[Project], object]:
    return lambda project: edits.set_info(project, owner=owner)


def test_each_stored_change_raises_the_version_by_one(service: ProjectService) -> None:
    project_id = service.import_file(EXAMPLE_FILE).id
    assert service.version(project_id) == 1
    change = service.edit(project_id, _owner("Grace"), "Change owner", based_on=1)
    assert change.version == 2 == service.version(project_id)
    assert service.edit(project_id, _owner("Grace"), "Change owner", based_on=2).version == 2
    assert service.version(project_id) == 2  # an edit that changes nothing is no new version
    assert change.before is not None
    undone = service.revert(project_id, change.before, change.project, "Undo Change owner")
    assert undone.version == 3
    opened = service.open(project_id)
    assert opened.version == 3 and opened.project.info.owner == change.before.info.owner


def test_an_edit_against_a_changed_version_is_refused_naming_who(
    service: ProjectService, other: ProjectService
) -> None:
    service.author = "Mia"
    project_id = service.import_file(EXAMPLE_FILE).id
    seen = service.open(project_id)
    other.edit(project_id, _owner("Sam's choice"), "Change owner", based_on=seen.version)

    with pytest.raises(ProjectChangedError) as refused:
        service.edit(project_id, _owner("Mia's choice"), "Change owner", based_on=seen.version)

    assert refused.value.authors == ["Sam"]
    assert str(refused.value) == (
        "Sam changed this project since you last saw it, so your change was not made."
    )
    assert service.load(project_id).info.owner == "Sam's choice"  # nothing stored
    assert [e.author for e in service.history(project_id)] == ["Sam", "Mia"]
    # made again on the version now stored, it is stored on top of Sam's change
    again = service.edit(project_id, _owner("Mia's choice"), "Change owner", based_on=2)
    assert again.version == 3 and service.load(project_id).info.owner == "Mia's choice"


def test_changes_since_a_version_give_the_project_and_its_authors(
    service: ProjectService, other: ProjectService
) -> None:
    service.author = "Mia"
    project_id = service.import_file(EXAMPLE_FILE).id
    assert service.changes_since(project_id, 1) is None
    other.edit(project_id, _owner("one"), "Change owner")
    service.edit(project_id, _owner("two"), "Change owner")
    other.edit(project_id, _owner("three"), "Change owner")

    since = service.changes_since(project_id, 1)
    assert since is not None
    assert since.version == 4 and since.project.info.owner == "three"
    assert since.authors == ["Sam", "Mia"]  # the latest first, each once
    assert service.changes_since(project_id, 4) is None

    other.delete(project_id)
    with pytest.raises(ServiceError):
        service.changes_since(project_id, 4)


def test_names_are_put_in_words() -> None:
    assert names_in_words([]) == "Someone"
    assert names_in_words(["Mia"]) == "Mia"
    assert names_in_words(["Mia", "Sam"]) == "Mia and Sam"
    assert names_in_words(["Mia", "Sam", "Ada"]) == "Mia, Sam and 1 other"
    assert names_in_words(["Mia", "Sam", "Ada", "Bo"]) == "Mia, Sam and 2 others"


def test_the_watch_notices_another_clients_change(
    service: ProjectService, other: ProjectService
) -> None:
    import time

    project_id = service.import_file(EXAMPLE_FILE).id
    watch = service.watch()
    try:
        assert watch.changed()  # the first question is answered yes

        def settles() -> bool:
            deadline = time.monotonic() + 5
            while time.monotonic() < deadline:
                if not watch.changed():
                    return True
                time.sleep(0.1)
            return False

        assert settles()
        other.edit(project_id, _owner("Sam"), "Change owner")
        deadline = time.monotonic() + 5  # a bounded wait: the watch must see it
        while not watch.changed():
            assert time.monotonic() < deadline, "the change was never noticed"
            time.sleep(0.05)
    finally:
        watch.close()

"""The start screen on a shared database (a SQLite file, and PostgreSQL when the tests have a
server): a project someone else creates, changes or deletes shows in the list within 2
seconds, while the selection, the focus and the figures of the projects nobody changed
stay as they were."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from scoping_app.domain import edits
from scoping_app.domain.model import Project, ProjectInfo
from scoping_app.services.projects import ProjectOverview, ProjectService
from scoping_app.ui.main_window import MainWindow
from tests.databases import KINDS, fresh_database, someone_elses_service

SHOWN_WITHIN_MS = 2000  # as an open project shows another's change


@pytest.fixture(params=KINDS)
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    with fresh_database(request.param, tmp_path / "shared.db") as url:
        yield url


@pytest.fixture
def sams_service(db_url: str, tmp_path: Path) -> Iterator[ProjectService]:
    """Another person's service on the same database, as their own app opens it."""
    with someone_elses_service(db_url, tmp_path, "Sam") as service:
        yield service


def names(window: MainWindow) -> list[str]:
    return [row.name for row in window.start_screen.model.records()]


def judged(window: MainWindow) -> bool:
    return window.start_screen.model.judged()


def test_others_projects_appear_change_and_go_in_the_list(
    make_window: Any, example_id: int, sams_service: ProjectService, qtbot: Any
) -> None:
    window: MainWindow = make_window()
    screen = window.start_screen
    qtbot.waitUntil(lambda: names(window) == ["Support answer assistant"])
    qtbot.waitUntil(lambda: judged(window))
    screen.import_button.setFocus()
    qtbot.waitUntil(screen.import_button.hasFocus)
    assert screen.selected_id() == example_id
    example_row = screen.model.records()[0]
    assert isinstance(example_row, ProjectOverview)

    info = ProjectInfo(name="Claims triage", industry="insurance", pattern="classifier")
    theirs = sams_service.create(Project(info=info)).id
    qtbot.waitUntil(
        lambda: sorted(names(window)) == ["Claims triage", "Support answer assistant"],
        timeout=SHOWN_WITHIN_MS,
    )
    # what the user was doing is left alone: the same project selected, the focus kept,
    # and the example (unchanged) keeps its readiness and verdict while the new one is judged
    assert screen.selected_id() == example_id
    assert screen.import_button.hasFocus()
    assert example_row in screen.model.records()
    qtbot.waitUntil(lambda: judged(window))

    sams_service.edit(
        theirs,
        lambda project: edits.set_info(project, name="Claims triage, phase 1"),
        "Rename the project",
    )
    qtbot.waitUntil(lambda: "Claims triage, phase 1" in names(window), timeout=SHOWN_WITHIN_MS)
    sams_service.edit(
        example_id,
        lambda project: edits.set_fields(project, "capabilities", "kb_ingest", value=7),
        "Raise value",
    )
    # the example changed: judged again, from what is stored now
    qtbot.waitUntil(
        lambda: screen.model.records()[screen.model.row_of(example_id)] is not example_row,
        timeout=SHOWN_WITHIN_MS,
    )
    qtbot.waitUntil(lambda: judged(window))

    sams_service.delete(theirs)
    qtbot.waitUntil(lambda: names(window) == ["Support answer assistant"], timeout=SHOWN_WITHIN_MS)
    assert screen.selected_id() == example_id
    assert screen.import_button.hasFocus()


def test_the_list_is_not_watched_while_a_project_is_shown(
    make_window: Any, example_id: int, sams_service: ProjectService, qtbot: Any
) -> None:
    window: MainWindow = make_window()
    qtbot.waitUntil(lambda: names(window) == ["Support answer assistant"])
    assert window.open_project(example_id)
    info = ProjectInfo(name="Claims triage", industry="insurance", pattern="classifier")
    sams_service.create(Project(info=info))
    qtbot.wait(3 * 500)  # three looks of the watch, had it still been looking
    assert names(window) == ["Support answer assistant"]
    window.show_start()  # back to the list: read again at once
    assert sorted(names(window)) == ["Claims triage", "Support answer assistant"]

"""An open project and each edit's new state are set aside from garbage collection, so the
collector does not walk a large project at every edit; closing the project gives it back."""

from __future__ import annotations

import gc

from scoping_app.domain import edits
from scoping_app.ui.main_window import MainWindow


def _walked(thing: object) -> bool:
    """Whether the collector's generations (not the objects set aside) hold ``thing``."""
    return any(found is thing for found in gc.get_objects())


def test_the_open_project_and_each_edit_are_left_out_of_collections(
    window: MainWindow, example_id: int
) -> None:
    assert window.open_project(example_id)
    session = window.session
    assert session is not None
    assert not _walked(session.project.capabilities)
    changed = session.project.capabilities[0].model_copy(update={"value": 9})
    session.apply(lambda p: edits.update_item(p, "capabilities", changed.key, changed), "Value")
    assert not _walked(session.project.capabilities)  # the new state, set aside too


def test_closing_the_project_gives_everything_back_to_the_collector(
    open_example: MainWindow,
) -> None:
    assert gc.get_freeze_count() > 0
    open_example.projects_action.trigger()
    open_example.start_screen.delete_button.click()  # the open project, closed with it
    assert open_example.session is None
    assert gc.get_freeze_count() == 0

"""Edit > History… lists who changed the open project, when and what, newest first, and
exports it; Edit > Your name… sets the name changes are recorded under."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from scoping_app.domain import edits
from scoping_app.services.history import default_author
from scoping_app.ui.history import HEADERS, HistoryDialog
from scoping_app.ui.main_window import MainWindow
from scoping_app.ui.settings import AUTHOR
from tests.ui.conftest import FakeDialogs

NAME = "Support answer assistant"


def _open_history(window: MainWindow, qtbot: Any) -> HistoryDialog:
    window.history_action.trigger()
    dialog = window.findChild(HistoryDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    return dialog


def _rows(dialog: HistoryDialog) -> list[list[str]]:
    table = dialog.table
    return [
        [table.item(row, column).text() for column in range(table.columnCount())]
        for row in range(table.rowCount())
    ]


def test_history_is_off_until_a_project_is_open(window: MainWindow) -> None:
    assert not window.history_action.isEnabled()
    assert window.history_action.shortcut().toString() == "Ctrl+H"


def test_edits_and_their_undo_are_listed_newest_first_by_the_name_set(
    open_example: MainWindow, dialogs: FakeDialogs, settings: QSettings, qtbot: Any
) -> None:
    window = open_example
    dialogs.text_answer = "  Ada   Lovelace "
    window.author_action.trigger()
    assert dialogs.texts_asked[-1][1] == default_author()  # the login name, to start from
    assert settings.value(AUTHOR) == "Ada Lovelace"
    session = window.session
    assert session is not None
    session.apply(lambda p: edits.set_info(p, owner="Support lead"), "Change owner")
    window.undo_action.trigger()

    dialog = _open_history(window, qtbot)
    assert dialog.windowTitle() == f"History of {NAME}"
    assert [dialog.table.horizontalHeaderItem(c).text() for c in range(4)] == list(HEADERS)
    rows = _rows(dialog)
    assert [row[1:] for row in rows] == [
        ["Ada Lovelace", "Undo Change owner", "Project details: owner"],
        ["Ada Lovelace", "Change owner", "Project details: owner"],
        [default_author(), "Imported", f'New project "{NAME}" from support-assistant.scope.json'],
    ]
    assert all(len(row[0]) == len("2026-12-02 09:41") for row in rows)


def test_the_name_is_kept_for_the_next_window_and_an_empty_one_is_the_login_name(
    make_window: Any, dialogs: FakeDialogs, settings: QSettings
) -> None:
    first = make_window()
    dialogs.text_answer = "Grace Hopper"
    first.author_action.trigger()
    assert first.service.author == "Grace Hopper"
    first.service.author = "someone else"
    make_window()  # a new window reads the name from the settings
    assert first.service.author == "Grace Hopper"
    dialogs.text_answer = "   "
    first.author_action.trigger()
    assert first.service.author == default_author()
    assert settings.value(AUTHOR) is None
    dialogs.text_answer = None  # cancelled: nothing changes
    first.author_action.trigger()
    assert first.service.author == default_author()


def test_export_writes_csv_and_a_failure_is_told(
    open_example: MainWindow, dialogs: FakeDialogs, tmp_path: Path, qtbot: Any
) -> None:
    dialog = _open_history(open_example, qtbot)
    dialogs.save_answer = tmp_path / "history.csv"
    dialog.export_button.click()
    with (tmp_path / "history.csv").open(encoding="utf-8") as file:
        rows = list(csv.reader(file))
    assert rows[0] == ["at (UTC)", "author", "change", "what changed"]
    assert rows[1][2] == "Imported" and rows[1][0].endswith("+00:00")
    assert str(tmp_path / "history.csv") in dialog.status.text()

    dialogs.save_answer = tmp_path / "missing folder" / "history.txt"
    dialog.export_button.click()
    assert dialogs.errors == [
        (
            "The history was not exported",
            f"Could not write {dialogs.save_answer}: No such file or directory.",
            "",
        )
    ]


def test_an_open_history_lists_a_change_made_meanwhile_here_or_elsewhere(
    open_example: MainWindow, service: Any, example_id: int, qtbot: Any
) -> None:
    window = open_example
    dialog = _open_history(window, qtbot)
    assert len(_rows(dialog)) == 1
    session = window.session
    assert session is not None

    session.apply(lambda p: edits.set_info(p, owner="Support lead"), "Change owner")
    assert [row[2] for row in _rows(dialog)] == ["Change owner", "Imported"]

    other = type(service)(service.database)  # another client on the same database
    other.author = "Sam"
    other.edit(example_id, lambda p: edits.set_info(p, owner="Sam"), "Change owner")
    qtbot.waitUntil(lambda: len(_rows(dialog)) == 3, timeout=2000)
    assert _rows(dialog)[0][1:3] == ["Sam", "Change owner"]

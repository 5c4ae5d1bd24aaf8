"""The window on a database in trouble: one window per file whatever its path, a read-only
database under a banner, a project that cannot be read, damage found after the start."""

from __future__ import annotations

import functools
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QThreadPool
from PySide6.QtWidgets import QApplication

from scoping_app.domain.model import Project, ProjectInfo
from scoping_app.services import database as database_service
from scoping_app.services.projects import DatabaseReadOnlyError, ProjectService
from scoping_app.ui import app as app_module
from scoping_app.ui.main_window import MainWindow
from tests.conftest import EXAMPLE_FILE
from tests.other_user import (
    as_someone_who_cannot_write,
    make_read_only,
    per_user_folder_in,
    shared_folder,
)
from tests.ui.conftest import FakeDialogs


def _refused_as_already_open(url: str) -> None:
    dialogs = FakeDialogs()
    assert app_module.run(url, dialogs) == app_module.EXIT_FAILED
    [(title, text, _details)] = dialogs.errors
    assert "already open" in title and "already running on this database" in text


@pytest.mark.parametrize("other_name", ["hard link", "symbolic link", "another spelling"])
def test_a_second_window_on_the_same_file_by_another_name_is_refused(
    qapp: Any, service: ProjectService, db_url: str, tmp_path: Path, other_name: str
) -> None:
    database = tmp_path / "scoping.db"
    assert database.is_file()
    other = tmp_path / "elsewhere" / "same.db"
    other.parent.mkdir()
    if other_name == "hard link":
        os.link(database, other)
    elif other_name == "symbolic link":
        other.symlink_to(database)
    else:
        other = tmp_path / "elsewhere" / ".." / "scoping.db"
    held = app_module.acquire_lock(db_url)  # the first window
    assert isinstance(held, QLockFile)
    try:
        _refused_as_already_open(f"sqlite:///{other}")
    finally:
        held.unlock()


def test_a_new_file_is_locked_by_its_folder_and_name(qapp: Any, tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'new.db'}"
    held = app_module.acquire_lock(url)
    assert isinstance(held, QLockFile)
    try:
        assert not (tmp_path / "new.db").exists()
        alias = tmp_path / "alias"
        alias.symlink_to(tmp_path, target_is_directory=True)
        assert app_module.acquire_lock(f"sqlite:///{alias / 'new.db'}") is False
        other = app_module.acquire_lock(f"sqlite:///{tmp_path / 'other.db'}")
        assert isinstance(other, QLockFile)
        other.unlock()
    finally:
        held.unlock()


def _example_database(folder: Path) -> Path:
    path = folder / "scoping.db"
    opened = database_service.open_service(f"sqlite:///{path}", backup_dir=folder / "backups")
    try:
        opened.import_file(EXAMPLE_FILE)
    finally:
        opened.close()
    return path


def test_a_read_only_folder_opens_read_only_under_a_banner(
    qapp: Any, qtbot: Any, settings: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    with shared_folder() as shared:
        per_user_folder_in(shared, monkeypatch)  # the other user's own, for the window's lock
        path = _example_database(shared)
        make_read_only(path, shared)
        url = f"sqlite:///{path}"
        dialogs = FakeDialogs()
        with as_someone_who_cannot_write():
            lock = app_module.acquire_lock(url)
            service = app_module.open_database(url, dialogs, shared / "backups")
        try:
            assert isinstance(lock, QLockFile), "a read-only folder is not 'already open'"
            assert dialogs.errors == []
            assert service is not None and service.read_only
            window = MainWindow(service, settings, dialogs, QThreadPool())
            qtbot.addWidget(window)
            window.resize(1280, 800)
            window.show()
            assert window.banner is not None and window.banner.isVisible()
            words = window.banner.text()
            assert "Read-only" in words and str(path) in words and "writable" in words
            [project] = service.list_projects()
            assert window.open_project(project.id)  # reading works

            dialogs.new_project_answer = ("Another", "general", "rag")
            window.show_start()
            window.start_screen.new_project()  # a change: refused in words
            [(title, text, _details)] = dialogs.errors
            assert "not create" in title and "read-only" in text
            assert [p.name for p in service.list_projects()] == [project.name]
            window.runner.wait()
            window.close()
        finally:
            if isinstance(lock, QLockFile):
                lock.unlock()
            if service is not None:
                service.close()


def test_a_writable_database_has_no_banner(window: MainWindow) -> None:
    assert window.banner is None


def test_the_service_refuses_changes_on_a_read_only_database(tmp_path: Path) -> None:
    with shared_folder() as shared:
        path = _example_database(shared)
        make_read_only(path, shared)
        with as_someone_who_cannot_write():
            service = database_service.open_service(
                f"sqlite:///{path}", backup_dir=tmp_path / "backups"
            )
        try:
            assert service.read_only
            [project] = service.list_projects()
            with pytest.raises(DatabaseReadOnlyError, match="read-only"):
                service.create(Project(info=ProjectInfo(name="Another")))
            with pytest.raises(DatabaseReadOnlyError):
                service.delete(project.id)
            assert service.load(project.id).name == project.name
        finally:
            service.close()


def test_a_project_that_cannot_be_read_is_said_in_a_message_box(
    window: MainWindow, service: ProjectService, example_id: int, dialogs: FakeDialogs
) -> None:
    other = service.import_file(EXAMPLE_FILE).id
    path = service.database_path
    assert path is not None
    with sqlite3.connect(path) as spoiler:  # what damage may leave: a value no model accepts
        spoiler.execute("UPDATE capability SET category = 'x' WHERE project_id = ?", (example_id,))
    spoiler.close()
    window.start_screen.refresh()
    assert not window.open_project(example_id)
    [(title, text, _details)] = dialogs.errors
    assert "Could not open" in title
    assert "cannot be read" in text and "other projects" in text and "backup" in text
    assert window.open_project(other)  # the others open as before


def test_damage_found_after_the_start_is_told(
    qapp: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _example_database(tmp_path)
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = DELETE")
    db.close()
    data = bytearray(path.read_bytes())
    data[36:40] = (3).to_bytes(4, "big")  # the count of free pages: wrong, yet every row reads
    path.write_bytes(bytes(data))
    monkeypatch.setattr(database_service, "CHECK_LATER_BYTES", 0)  # every file is "large"
    dialogs = FakeDialogs()

    def exec_until_told(_app: QApplication) -> int:
        qtbot.waitUntil(lambda: bool(dialogs.errors), timeout=10_000)
        for widget in QApplication.topLevelWidgets():
            widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_until_told)
    assert app_module.run(f"sqlite:///{path}", dialogs, backup_dir=tmp_path / "bk") == 0
    [(title, text, _details)] = dialogs.errors
    assert "damaged" in title and "freelist" in text and "backup" in text
    assert path.exists()  # an open database is not moved aside


def test_the_window_starts_while_another_program_writes(
    qapp: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _example_database(tmp_path)
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE project SET name = name")
    # a start that waited for the write lock would be refused at once
    short = functools.partial(database_service.open_service, write_wait_ms=1)
    monkeypatch.setattr(app_module, "open_service", short)
    dialogs = FakeDialogs()
    try:
        code = app_module.run(f"sqlite:///{path}", dialogs, quit_after_start=True)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert code == 0 and dialogs.errors == []


def test_the_window_leaves_what_is_not_ours_as_it_is(qapp: Any, tmp_path: Path) -> None:
    report = tmp_path / "report.pdf"
    report.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 40)
    before = report.read_bytes()
    missing = tmp_path / "Projcts" / "scoping.db"
    for url, words in (
        (f"sqlite:///{report}", "not an AI Scoping Studio database"),
        (f"sqlite:///{missing}", "There is no folder"),
    ):
        dialogs = FakeDialogs()
        assert app_module.run(url, dialogs, backup_dir=tmp_path / "bk") == app_module.EXIT_FAILED
        [(title, text, _details)] = dialogs.errors
        assert "cannot be opened" in title and words in text
    assert report.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.pdf", "user"]


def test_a_scripted_start_on_a_project_that_cannot_be_read_says_why_and_never_waits(
    qapp: Any, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _example_database(tmp_path)
    with sqlite3.connect(path) as db:  # a value no model accepts, as a damaged file may hold
        db.execute("UPDATE capability SET value = 1e308 WHERE position = 0")
    db.close()
    dialogs = FakeDialogs()
    code = app_module.run(
        f"sqlite:///{path}",
        dialogs,
        project="1",
        quit_after_start=True,
        backup_dir=tmp_path / "backups",
    )
    assert code == app_module.EXIT_FAILED
    error = capsys.readouterr().err
    assert error.startswith('scoping-app: The project "Support answer assistant" cannot be read')
    assert "1e308 is more than the most allowed" in error
    assert dialogs.errors == []  # no message box waited for a click

"""Starting the app: the database lock, a damaged or newer database, settings, app names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLockFile, QSettings
from PySide6.QtWidgets import QApplication

from scoping_app.paths import config_dir
from scoping_app.services.database import DatabaseDamagedError, DatabaseTooNewError
from scoping_app.services.projects import ProjectService
from scoping_app.ui import app as app_module
from scoping_app.ui.dialogs import DamagedChoice
from scoping_app.ui.settings import open_settings
from tests.ui.conftest import FakeDialogs


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("sqlite:////tmp/a/scoping.db", Path("/tmp/a/scoping.db")),
        ("sqlite:///relative.db", Path("relative.db")),
        ("sqlite:///C:/data/x.db", Path("C:/data/x.db")),
        ("sqlite://", None),
        ("sqlite:///:memory:", None),
        ("postgresql://host/db", None),
    ],
)
def test_sqlite_file(url: str, expected: Path | None) -> None:
    assert app_module.sqlite_file(url) == expected


def test_settings_are_an_ini_file_in_the_config_folder(qapp: Any) -> None:
    settings = open_settings()
    assert settings.format() == QSettings.Format.IniFormat
    assert Path(settings.fileName()).parent == config_dir()


def test_a_second_instance_is_told_and_quits(qapp: Any, db_url: str, tmp_path: Path) -> None:
    held = app_module.acquire_lock(db_url)
    assert isinstance(held, QLockFile)
    dialogs = FakeDialogs()
    try:
        assert app_module.run(db_url, dialogs) == app_module.EXIT_FAILED
    finally:
        held.unlock()
    [(title, text, _details)] = dialogs.errors
    assert "already" in title and "already running on this database" in text


def test_a_newer_database_is_refused(
    qapp: Any, db_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_new(_url: str, backup_dir: Path | None = None, **_options: Any) -> ProjectService:
        raise DatabaseTooNewError("The database was written by a newer version.")

    monkeypatch.setattr(app_module, "open_service", too_new)
    dialogs = FakeDialogs()
    assert app_module.run(db_url, dialogs) == app_module.EXIT_FAILED
    [(title, text, _details)] = dialogs.errors
    assert "newer version" in title and "newer version" in text
    # the lock was released on the way out
    lock = app_module.acquire_lock(db_url)
    assert isinstance(lock, QLockFile)
    lock.unlock()


def _damaged_once(tmp_path: Path, service: ProjectService, backup: Path | None) -> Any:
    calls: list[str] = []

    def opener(url: str, backup_dir: Path | None = None, **_options: Any) -> ProjectService:
        calls.append(url)
        if len(calls) == 1:
            raise DatabaseDamagedError(
                "damaged", tmp_path / "scoping.db", tmp_path / "scoping.db.damaged", backup
            )
        return service

    return opener, calls


def test_a_damaged_database_can_start_empty(
    qapp: Any, service: ProjectService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opener, calls = _damaged_once(tmp_path, service, None)
    monkeypatch.setattr(app_module, "open_service", opener)
    dialogs = FakeDialogs(damaged_answer=DamagedChoice.START_EMPTY)
    assert app_module.open_database("sqlite:///x.db", dialogs) is service
    assert dialogs.damaged == [(str(tmp_path / "scoping.db.damaged"), None)]
    assert len(calls) == 2


def test_a_damaged_database_can_be_restored_from_its_backup(
    qapp: Any, service: ProjectService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    backup = tmp_path / "backups" / "scoping-1.db"
    opener, _calls = _damaged_once(tmp_path, service, backup)
    restored: list[tuple[Path, Path]] = []
    monkeypatch.setattr(app_module, "open_service", opener)
    monkeypatch.setattr(app_module, "restore_backup", lambda b, t: restored.append((b, t)))
    dialogs = FakeDialogs(damaged_answer=DamagedChoice.RESTORE_BACKUP)
    assert app_module.open_database("sqlite:///x.db", dialogs) is service
    assert restored == [(backup, tmp_path / "scoping.db")]


def test_a_damaged_database_quit(
    qapp: Any, service: ProjectService, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opener, _calls = _damaged_once(tmp_path, service, None)
    monkeypatch.setattr(app_module, "open_service", opener)
    assert app_module.open_database("sqlite:///x.db", FakeDialogs()) is None


def test_a_really_damaged_file_is_set_aside(qapp: Any, db_url: str, tmp_path: Path) -> None:
    database = tmp_path / "scoping.db"
    database.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4096)
    dialogs = FakeDialogs(damaged_answer=DamagedChoice.START_EMPTY)
    service = app_module.open_database(db_url, dialogs)
    assert service is not None
    try:
        assert service.list_projects() == []
        assert len(dialogs.damaged) == 1
        assert Path(dialogs.damaged[0][0]).exists()  # set aside, not deleted
    finally:
        service.close()


def test_run_starts_the_window(
    qapp: Any, db_url: str, monkeypatch: pytest.MonkeyPatch, example_id: int
) -> None:
    shown: list[Any] = []

    def fake_exec(self: QApplication) -> int:
        shown.extend(w for w in QApplication.topLevelWidgets() if w.isVisible())
        for widget in shown:
            widget.close()
        return 0

    monkeypatch.setattr(QApplication, "exec", fake_exec)
    assert app_module.run(db_url, FakeDialogs()) == 0
    assert QApplication.applicationName() == "AI Scoping Studio"
    assert QApplication.organizationName() == "AI Scoping Studio"
    assert any(type(w).__name__ == "MainWindow" for w in shown)
